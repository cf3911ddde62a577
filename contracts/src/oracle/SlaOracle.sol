// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title SlaOracle
/// @notice The published SLA scores of the Livepeer network: one Merkle root per epoch over the
///         leaves (epoch, orchestrator, workload, scoreBps, flags, kpiDigest), attested by at least
///         `threshold` distinct oracle operators of the current signer set through EIP-712
///         signatures of ScoreSnapshot(epoch, scoresRoot, leafCount, dataHash, configVersion).
///         Anyone may submit a snapshot that carries enough signatures; epochs strictly increase.
/// @dev The signer set and threshold belong to the admin role (governance). Every change bumps
///      `configVersion`, which the signed struct holds, so signatures made for an older set are
///      worthless at once. Signatures must come in ascending order of their signers' addresses:
///      a duplicated signer is refused without a lookup table. ECDSA.recover refuses malleable
///      (upper-half s) signatures and v other than 27 or 28. Leaves are hashed as OpenZeppelin's
///      StandardMerkleTree hashes them (keccak256 twice over abi.encode of the fields), so a leaf
///      can never pass for an inner node.
contract SlaOracle is AccessControl, Pausable, EIP712 {
    bytes32 public constant SCORE_SNAPSHOT_TYPEHASH = keccak256(
        "ScoreSnapshot(uint64 epoch,bytes32 scoresRoot,uint32 leafCount,bytes32 dataHash,uint64 configVersion)"
    );

    /// @notice What the contract keeps of a published epoch: its two commitments, the root that
    ///         proofs verify against and the hash of the canonical snapshot JSON. The leaf count,
    ///         config version and submitter are in the SnapshotPublished event (signed over, and
    ///         permanent in the log); two storage slots keep a publication under 100k gas.
    struct Snapshot {
        bytes32 scoresRoot;
        bytes32 dataHash;
    }

    /// @notice How many distinct current signers a snapshot needs.
    uint32 public threshold;
    /// @notice The signer set's version: 1 for the constructor's set, +1 on every change.
    uint64 public configVersion;
    /// @notice The last published epoch (0 before any; epochs start at 1).
    uint64 public latestEpoch;

    mapping(address signer => bool) public isSigner;
    address[] private _signers;
    mapping(uint64 epoch => Snapshot) private _snapshots;

    event SignerSetChanged(uint64 indexed configVersion, address[] signers, uint32 threshold);
    event SnapshotPublished(
        uint64 indexed epoch,
        bytes32 scoresRoot,
        uint32 leafCount,
        bytes32 dataHash,
        uint64 configVersion,
        address indexed submitter
    );

    error InvalidSignerSet(string reason);
    error EpochNotIncreasing(uint64 epoch, uint64 latestEpoch);
    error EmptySnapshot();
    error NotEnoughSignatures(uint256 given, uint32 threshold);
    error SignersNotAscending(uint256 index, address signer);
    error NotASigner(uint256 index, address signer);

    constructor(address admin, address[] memory signers_, uint32 threshold_)
        EIP712("naap SlaOracle", "1")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setSigners(signers_, threshold_);
    }

    /// @notice Replaces the signer set and threshold; older signatures stop counting.
    function setSigners(address[] calldata signers_, uint32 threshold_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setSigners(signers_, threshold_);
    }

    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @notice Publishes the snapshot of `epoch`, signed by at least `threshold` current signers,
    ///         their signatures (65 bytes each) in ascending order of signer address.
    function publish(
        uint64 epoch,
        bytes32 scoresRoot,
        uint32 leafCount,
        bytes32 dataHash,
        bytes[] calldata signatures
    ) external whenNotPaused {
        uint64 latest = latestEpoch;
        if (epoch <= latest) revert EpochNotIncreasing(epoch, latest);
        if (leafCount == 0) revert EmptySnapshot();
        uint32 needed = threshold;
        if (signatures.length < needed) revert NotEnoughSignatures(signatures.length, needed);
        uint64 version = configVersion;
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(SCORE_SNAPSHOT_TYPEHASH, epoch, scoresRoot, leafCount, dataHash, version))
        );
        address previous;
        for (uint256 i; i < signatures.length; ++i) {
            address signer = ECDSA.recover(digest, signatures[i]);
            if (signer <= previous) revert SignersNotAscending(i, signer);
            if (!isSigner[signer]) revert NotASigner(i, signer);
            previous = signer;
        }
        latestEpoch = epoch;
        _snapshots[epoch] = Snapshot(scoresRoot, dataHash);
        emit SnapshotPublished(epoch, scoresRoot, leafCount, dataHash, version, msg.sender);
    }

    /// @notice Whether the leaf is in the published snapshot of its epoch, by its Merkle proof.
    function verifyScore(
        uint64 epoch,
        address orchestrator,
        bytes32 workload,
        uint16 scoreBps,
        uint8 flags,
        bytes32 kpiDigest,
        bytes32[] calldata proof
    ) external view returns (bool) {
        bytes32 root = _snapshots[epoch].scoresRoot;
        if (root == bytes32(0)) return false;
        return MerkleProof.verifyCalldata(
            proof, root, leafHash(epoch, orchestrator, workload, scoreBps, flags, kpiDigest)
        );
    }

    /// @notice A leaf's hash: keccak256(keccak256(abi.encode(fields))).
    function leafHash(
        uint64 epoch,
        address orchestrator,
        bytes32 workload,
        uint16 scoreBps,
        uint8 flags,
        bytes32 kpiDigest
    ) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(epoch, orchestrator, workload, scoreBps, flags, kpiDigest))));
    }

    /// @notice The EIP-712 digest the signers sign for a snapshot under a config version.
    function snapshotDigest(
        uint64 epoch,
        bytes32 scoresRoot,
        uint32 leafCount,
        bytes32 dataHash,
        uint64 version
    ) external view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(SCORE_SNAPSHOT_TYPEHASH, epoch, scoresRoot, leafCount, dataHash, version))
        );
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The published snapshot of an epoch (all zero if none).
    function snapshot(uint64 epoch) external view returns (Snapshot memory) {
        return _snapshots[epoch];
    }

    function signers() external view returns (address[] memory) {
        return _signers;
    }

    function _setSigners(address[] memory signers_, uint32 threshold_) private {
        if (signers_.length == 0) revert InvalidSignerSet("no signer");
        if (threshold_ == 0 || threshold_ > signers_.length) revert InvalidSignerSet("threshold out of range");
        for (uint256 i; i < _signers.length; ++i) {
            isSigner[_signers[i]] = false;
        }
        for (uint256 i; i < signers_.length; ++i) {
            address signer = signers_[i];
            if (signer == address(0)) revert InvalidSignerSet("zero address");
            if (isSigner[signer]) revert InvalidSignerSet("duplicate signer");
            isSigner[signer] = true;
        }
        _signers = signers_;
        threshold = threshold_;
        uint64 version = configVersion + 1;
        configVersion = version;
        emit SignerSetChanged(version, signers_, threshold_);
    }
}
