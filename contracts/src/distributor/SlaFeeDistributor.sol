// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title ISlaOracleSignerSet
/// @notice The part of SlaOracle the distributor relies on: its current signer set, read through
///         SlaOracle's public getters at every publication, so a rotation there (which bumps
///         `configVersion`) applies here at once.
interface ISlaOracleSignerSet {
    function threshold() external view returns (uint32);

    function configVersion() external view returns (uint64);

    function isSigner(address signer) external view returns (bool);
}

/// @title SlaFeeDistributor
/// @notice Pays the SLA bonus pools of the Livepeer network to orchestrators and delegators through
///         cumulative Merkle claims. Gateways fund a workload's pool for a range of epochs; the
///         oracle operators compute, per epoch, every account's cumulative allotment since the
///         first epoch and sign the Merkle root of the leaves (account, cumulativeAmount) with
///         EIP-712 signatures of PayoutRoot(epoch, payoutRoot, cumulativeTotal, dataHash,
///         configVersion). Anyone may publish a root that carries at least SlaOracle's `threshold`
///         signatures of its current signers; anyone may submit a claim, which pays the account the
///         difference between its leaf's cumulative amount and what it already received. One
///         deployment pays one asset: ETH when `asset()` is address(0), otherwise that ERC-20.
/// @dev Design choices:
///      - Cumulative leaves (the 1inch pattern): the latest root alone settles everything owed, so
///        an account that skipped epochs claims once, and only one root is kept on chain. Epochs
///        need not be consecutive. A claim names the root it was built against (`expectedRoot`) and
///        reverts if that is not the claimable root, so a root change during a claim never pays a
///        proof against the wrong tree.
///      - Money safety does not rest on the signers alone: a root may not declare more than was
///        funded (`cumulativeTotal <= totalFunded`) nor less than the previous root, and claims stop
///        at `totalFunded` even if the signed leaves sum to more than their declared total. (Such a
///        root could still hand out funding meant for later epochs: the challenge window and the
///        published dataHash are the defence against wrong signed leaves.)
///      - With a non-zero `challengeWindow` a published root is pending until `claimableAt`; the
///        admin role may veto it until then, and no other root may be published meanwhile. A
///        matured pending root is promoted lazily, by the first claim that names it or by the next
///        publication: the fast claim path reads only the claimable root. Until that promotion,
///        claims against the root it replaces still pass: that root was claimable, and its amounts
///        are paid through the same per-account `claimed` ledger, so nothing is paid twice.
///      - Storage is packed for the claim path, which touches three slots: the claimable root, the
///        account's `claimed` entry, and one slot holding totalFunded, totalClaimed (uint120 each:
///        up to 1.3e36 base units, 1.3e18 whole tokens of 18 decimals; funding beyond is refused)
///        and the pause flag. Pausing is implemented here, with
///        OpenZeppelin Pausable's events and errors, rather than inherited: Pausable's own slot
///        would add a cold read (2,100 gas) to every claim.
///      - Leaves are hashed as OpenZeppelin's StandardMerkleTree hashes them (keccak256 twice over
///        abi.encode(account, cumulativeAmount)), so a leaf can never pass for an inner node.
///      - Checks-effects-interactions: a claim records what it pays before it sends it (ETH by a
///        call forwarding all gas, tokens by SafeERC20), so a re-entering recipient finds nothing
///        left to claim. No receive function: ETH arrives only through `fund`.
///      - Funding refuses epochs already distributed (at or below `latestEpoch`) and, for tokens,
///        any token whose transfer does not credit exactly the amount (fee-on-transfer).
contract SlaFeeDistributor is AccessControl, EIP712 {
    using SafeERC20 for IERC20;

    bytes32 public constant PAYOUT_ROOT_TYPEHASH = keccak256(
        "PayoutRoot(uint64 epoch,bytes32 payoutRoot,uint256 cumulativeTotal,bytes32 dataHash,uint64 configVersion)"
    );

    /// @notice The most the contract will ever hold as totalFunded (uint120: 1.3e36 base units).
    uint256 public constant MAX_TOTAL = type(uint120).max;

    /// @notice The longest challenge window a deployment accepts: a longer one is a mistake that
    ///         would hold every payout back for longer than any dispute needs.
    uint64 public constant MAX_CHALLENGE_WINDOW = 30 days;

    /// @notice A published root's metadata, one slot: its epoch, when it is (or became) claimable,
    ///         and the total it declares. Its data hash, config version and submitter are in the
    ///         RootPublished event.
    struct PublishedRoot {
        uint64 epoch;
        uint64 claimableAt;
        uint120 cumulativeTotal;
    }

    /// @notice The SlaOracle whose signer set and threshold attest payout roots.
    ISlaOracleSignerSet public immutable oracle;
    /// @notice How long a published root waits, in seconds, before it can be claimed (0: at once).
    uint64 public immutable challengeWindow;
    IERC20 private immutable _token;

    // Slot read by every claim: the claimable root.
    bytes32 private _root;
    // Slot read and written by every claim, written by `fund`: one uint120 each and the flag.
    uint120 private _totalFunded;
    uint120 private _totalClaimed;
    bool private _paused;
    // Slots read by publications and promotions only.
    PublishedRoot private _rootInfo;
    bytes32 private _pendingRoot;
    PublishedRoot private _pendingInfo;

    /// @notice What each account has received so far (its cumulative amount at its last claim).
    mapping(address account => uint256) public claimed;

    event PoolFunded(
        bytes32 indexed workload, address indexed funder, uint64 firstEpoch, uint32 epochs, uint256 amountPerEpoch
    );
    event RootPublished(
        uint64 indexed epoch,
        bytes32 payoutRoot,
        uint256 cumulativeTotal,
        bytes32 dataHash,
        uint64 configVersion,
        uint64 claimableAt,
        address indexed submitter
    );
    event RootVetoed(uint64 indexed epoch, bytes32 payoutRoot);
    event Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount);
    /// @notice As OpenZeppelin's Pausable.
    event Paused(address account);
    /// @notice As OpenZeppelin's Pausable.
    event Unpaused(address account);

    error InvalidConfiguration(string reason);
    error InvalidEpochRange(uint64 firstEpoch, uint32 epochs);
    error ZeroAmount();
    error EpochAlreadyDistributed(uint64 firstEpoch, uint64 latestEpoch);
    error WrongValue(uint256 sent, uint256 expected);
    error TokenAmountMismatch(uint256 received, uint256 expected);
    error FundingCapExceeded(uint256 amount, uint256 capacity);
    error EmptyRoot();
    error PendingRootNotMatured(uint64 epoch, uint64 claimableAt);
    error EpochNotIncreasing(uint64 epoch, uint64 latestEpoch);
    error CumulativeTotalDecreasing(uint256 cumulativeTotal, uint256 previous);
    error CumulativeTotalExceedsFunding(uint256 cumulativeTotal, uint256 totalFunded);
    error NotEnoughSignatures(uint256 given, uint32 threshold);
    error SignersNotAscending(uint256 index, address signer);
    error NotASigner(uint256 index, address signer);
    error NoPendingRoot();
    error RootAlreadyClaimable(uint64 epoch, uint64 claimableAt);
    error RootMismatch(bytes32 expectedRoot, bytes32 claimableRoot);
    error RootNotYetClaimable(bytes32 payoutRoot, uint64 claimableAt);
    error InvalidProof(address account, uint256 cumulativeAmount, bytes32 payoutRoot);
    error NothingToClaim(address account, uint256 cumulativeAmount, uint256 alreadyClaimed);
    error ClaimExceedsFunding(uint256 amount, uint256 available);
    error EthTransferFailed(address account, uint256 amount);
    /// @notice As OpenZeppelin's Pausable.
    error EnforcedPause();
    /// @notice As OpenZeppelin's Pausable.
    error ExpectedPause();

    /// @param oracle_ the deployed SlaOracle whose signers attest payout roots
    /// @param token the ERC-20 paid out, or address(0) for ETH
    /// @param admin the account (governance) that may veto pending roots and pause
    /// @param challengeWindow_ seconds a root waits before it can be claimed, at most 30 days
    constructor(address oracle_, address token, address admin, uint64 challengeWindow_)
        EIP712("naap SlaFeeDistributor", "1")
    {
        if (oracle_.code.length == 0) revert InvalidConfiguration("oracle is not a contract");
        if (ISlaOracleSignerSet(oracle_).threshold() == 0) revert InvalidConfiguration("oracle has no threshold");
        if (token != address(0) && token.code.length == 0) revert InvalidConfiguration("token is not a contract");
        if (admin == address(0)) revert InvalidConfiguration("zero admin");
        if (challengeWindow_ > MAX_CHALLENGE_WINDOW) revert InvalidConfiguration("challenge window too long");
        oracle = ISlaOracleSignerSet(oracle_);
        _token = IERC20(token);
        challengeWindow = challengeWindow_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Funds `workload`'s bonus pool with `amountPerEpoch` for each of the epochs
    ///         [firstEpoch, firstEpoch + epochs), all of them after `latestEpoch`. ETH: send exactly
    ///         amountPerEpoch × epochs. Token: send no ETH and approve that total first. Stays open
    ///         while paused.
    function fund(bytes32 workload, uint64 firstEpoch, uint32 epochs, uint256 amountPerEpoch) external payable {
        if (epochs == 0 || uint256(firstEpoch) + epochs - 1 > type(uint64).max) {
            revert InvalidEpochRange(firstEpoch, epochs);
        }
        if (amountPerEpoch == 0) revert ZeroAmount();
        uint64 latest = latestEpoch();
        if (firstEpoch <= latest) revert EpochAlreadyDistributed(firstEpoch, latest);
        if (amountPerEpoch > MAX_TOTAL) revert FundingCapExceeded(amountPerEpoch, MAX_TOTAL - _totalFunded);
        uint256 total = amountPerEpoch * epochs; // < 2^152: no overflow
        if (address(_token) == address(0)) {
            if (msg.value != total) revert WrongValue(msg.value, total);
        } else {
            if (msg.value != 0) revert WrongValue(msg.value, 0);
            uint256 before = _token.balanceOf(address(this));
            _token.safeTransferFrom(msg.sender, address(this), total);
            uint256 balance = _token.balanceOf(address(this));
            uint256 received = balance > before ? balance - before : 0;
            if (received != total) revert TokenAmountMismatch(received, total);
        }
        // read after the transfer, so a token that re-enters cannot make this write stale
        uint256 funded = _totalFunded;
        if (total > MAX_TOTAL - funded) revert FundingCapExceeded(total, MAX_TOTAL - funded);
        _totalFunded = uint120(funded + total);
        emit PoolFunded(workload, msg.sender, firstEpoch, epochs, amountPerEpoch);
    }

    /// @notice Publishes the payout root of `epoch`, signed by at least SlaOracle's `threshold`
    ///         current signers, their signatures (65 bytes each) in ascending order of signer
    ///         address. Claimable at once without a challenge window, otherwise pending until
    ///         block.timestamp + challengeWindow.
    function publishRoot(
        uint64 epoch,
        bytes32 payoutRoot,
        uint256 cumulativeTotal,
        bytes32 dataHash,
        bytes[] calldata signatures
    ) external {
        if (_paused) revert EnforcedPause();
        if (payoutRoot == bytes32(0)) revert EmptyRoot();
        PublishedRoot memory previous = _rootInfo;
        // without a challenge window nothing is ever pending: skip the read
        bytes32 pending = challengeWindow == 0 ? bytes32(0) : _pendingRoot;
        if (pending != bytes32(0)) {
            PublishedRoot memory pendingInfo = _pendingInfo;
            if (block.timestamp < pendingInfo.claimableAt) {
                revert PendingRootNotMatured(pendingInfo.epoch, pendingInfo.claimableAt);
            }
            _promote(pending, pendingInfo);
            previous = pendingInfo;
        }
        if (epoch <= previous.epoch) revert EpochNotIncreasing(epoch, previous.epoch);
        if (cumulativeTotal < previous.cumulativeTotal) {
            revert CumulativeTotalDecreasing(cumulativeTotal, previous.cumulativeTotal);
        }
        uint256 funded = _totalFunded;
        if (cumulativeTotal > funded) revert CumulativeTotalExceedsFunding(cumulativeTotal, funded);

        uint64 version = oracle.configVersion();
        _requireSignatures(_payoutDigest(epoch, payoutRoot, cumulativeTotal, dataHash, version), signatures);

        uint64 claimableAt = uint64(block.timestamp) + challengeWindow;
        // cumulativeTotal <= totalFunded <= MAX_TOTAL: the cast is exact
        PublishedRoot memory published = PublishedRoot(epoch, claimableAt, uint120(cumulativeTotal));
        if (challengeWindow == 0) {
            _root = payoutRoot;
            _rootInfo = published;
        } else {
            _pendingRoot = payoutRoot;
            _pendingInfo = published;
        }
        emit RootPublished(epoch, payoutRoot, cumulativeTotal, dataHash, version, claimableAt, msg.sender);
    }

    /// @notice Drops the pending root before it becomes claimable; its epoch may be published again.
    function vetoRoot() external onlyRole(DEFAULT_ADMIN_ROLE) {
        bytes32 pending = _pendingRoot;
        if (pending == bytes32(0)) revert NoPendingRoot();
        PublishedRoot memory info = _pendingInfo;
        if (block.timestamp >= info.claimableAt) revert RootAlreadyClaimable(info.epoch, info.claimableAt);
        delete _pendingRoot;
        delete _pendingInfo;
        emit RootVetoed(info.epoch, pending);
    }

    /// @notice Stops claims and publications (funding and vetoes stay open).
    function pause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_paused) revert EnforcedPause();
        _paused = true;
        emit Paused(msg.sender);
    }

    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_paused) revert ExpectedPause();
        _paused = false;
        emit Unpaused(msg.sender);
    }

    /// @notice Pays `account` everything its leaf allots beyond what it already received. Anyone
    ///         may submit it; the asset always goes to `account`. `expectedRoot` is the root the
    ///         proof was built against: the claimable root, or a pending root whose window has
    ///         passed (promoted here).
    function claim(address account, uint256 cumulativeAmount, bytes32 expectedRoot, bytes32[] calldata proof)
        external
    {
        if (_paused) revert EnforcedPause();
        if (expectedRoot != _root) _promoteOrRevert(expectedRoot);
        if (!MerkleProof.verifyCalldata(proof, expectedRoot, leafHash(account, cumulativeAmount))) {
            revert InvalidProof(account, cumulativeAmount, expectedRoot);
        }
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert NothingToClaim(account, cumulativeAmount, already);
        uint256 amount = cumulativeAmount - already;
        uint256 paid = _totalClaimed;
        uint256 funded = _totalFunded;
        if (amount > funded - paid) revert ClaimExceedsFunding(amount, funded - paid);

        claimed[account] = cumulativeAmount;
        _totalClaimed = uint120(paid + amount); // <= totalFunded <= MAX_TOTAL
        emit Claimed(account, amount, cumulativeAmount);

        if (address(_token) == address(0)) {
            bool sent;
            assembly ("memory-safe") {
                sent := call(gas(), account, amount, 0, 0, 0, 0)
            }
            if (!sent) revert EthTransferFailed(account, amount);
        } else {
            _token.safeTransfer(account, amount);
        }
    }

    /// @notice The asset paid out: address(0) for ETH, otherwise the ERC-20's address.
    function asset() external view returns (address) {
        return address(_token);
    }

    /// @notice The root claims should be built against: the newest root whose window has passed
    ///         (zero before the first).
    function root() public view returns (bytes32) {
        bytes32 pending = _pendingRoot;
        if (pending != bytes32(0) && block.timestamp >= _pendingInfo.claimableAt) return pending;
        return _root;
    }

    /// @notice The published root still inside its challenge window (zero if none).
    function pendingRoot() external view returns (bytes32) {
        bytes32 pending = _pendingRoot;
        return pending != bytes32(0) && block.timestamp < _pendingInfo.claimableAt ? pending : bytes32(0);
    }

    /// @notice When the pending root becomes claimable (zero if there is no pending root).
    function pendingClaimableAt() external view returns (uint64) {
        uint64 claimableAt = _pendingInfo.claimableAt;
        return _pendingRoot != bytes32(0) && block.timestamp < claimableAt ? claimableAt : 0;
    }

    /// @notice The epoch of the latest published root, pending or claimable (0 before any).
    function latestEpoch() public view returns (uint64) {
        return challengeWindow != 0 && _pendingRoot != bytes32(0) ? _pendingInfo.epoch : _rootInfo.epoch;
    }

    /// @notice The cumulative total the latest published root, pending or claimable, declares.
    function latestCumulativeTotal() external view returns (uint256) {
        return _pendingRoot != bytes32(0) ? _pendingInfo.cumulativeTotal : _rootInfo.cumulativeTotal;
    }

    function totalFunded() external view returns (uint256) {
        return _totalFunded;
    }

    function totalClaimed() external view returns (uint256) {
        return _totalClaimed;
    }

    function paused() external view returns (bool) {
        return _paused;
    }

    /// @notice A leaf's hash: keccak256(keccak256(abi.encode(account, cumulativeAmount))).
    function leafHash(address account, uint256 cumulativeAmount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
    }

    /// @notice The EIP-712 digest the signers sign for a payout root under a config version.
    function payoutDigest(uint64 epoch, bytes32 payoutRoot, uint256 cumulativeTotal, bytes32 dataHash, uint64 version)
        external
        view
        returns (bytes32)
    {
        return _payoutDigest(epoch, payoutRoot, cumulativeTotal, dataHash, version);
    }

    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _payoutDigest(
        uint64 epoch,
        bytes32 payoutRoot,
        uint256 cumulativeTotal,
        bytes32 dataHash,
        uint64 version
    ) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(abi.encode(PAYOUT_ROOT_TYPEHASH, epoch, payoutRoot, cumulativeTotal, dataHash, version))
        );
    }

    /// @dev At least `threshold` signatures by distinct current signers of the oracle, ascending.
    function _requireSignatures(bytes32 digest, bytes[] calldata signatures) private view {
        uint32 needed = oracle.threshold();
        if (signatures.length < needed) revert NotEnoughSignatures(signatures.length, needed);
        address previous;
        for (uint256 i; i < signatures.length; ++i) {
            address signer = ECDSA.recoverCalldata(digest, signatures[i]);
            if (signer <= previous) revert SignersNotAscending(i, signer);
            if (!oracle.isSigner(signer)) revert NotASigner(i, signer);
            previous = signer;
        }
    }

    /// @dev The slow claim path: `expectedRoot` is not the stored claimable root, so it must be the
    ///      pending root with its window passed, which becomes the claimable root.
    function _promoteOrRevert(bytes32 expectedRoot) private {
        bytes32 pending = _pendingRoot;
        if (pending == bytes32(0) || expectedRoot != pending) revert RootMismatch(expectedRoot, root());
        PublishedRoot memory info = _pendingInfo;
        if (block.timestamp < info.claimableAt) revert RootNotYetClaimable(pending, info.claimableAt);
        _promote(pending, info);
    }

    function _promote(bytes32 pending, PublishedRoot memory info) private {
        _root = pending;
        _rootInfo = info;
        delete _pendingRoot;
        delete _pendingInfo;
    }
}
