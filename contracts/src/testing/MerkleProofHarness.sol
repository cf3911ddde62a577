// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title MerkleProofHarness (tests only)
/// @notice Exposes the root that OpenZeppelin's MerkleProof (the library SlaOracle verifies with)
///         computes from a leaf and a proof, so tests compare it with the root Java built, for
///         trees that were never published. Not part of naap's deployment.
contract MerkleProofHarness {
    function processProof(bytes32 leaf, bytes32[] calldata proof) external pure returns (bytes32) {
        return MerkleProof.processProofCalldata(proof, leaf);
    }
}
