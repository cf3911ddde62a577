// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title PerScoreStorage (benchmark baseline)
/// @notice What publishing SLA scores would cost without a Merkle root: every score of an epoch in
///         its own storage slot, readable on-chain without a proof. SlaOracle's gas is measured
///         against it (docs/BENCHMARKS.md). Not part of naap's deployment.
contract PerScoreStorage {
    mapping(uint64 epoch => mapping(address orchestrator => mapping(bytes32 workload => uint16 scoreBps)))
        public scoreOf;

    error LengthMismatch();

    /// @notice Stores one score per (orchestrator, workload) of the epoch, each in its own slot.
    function store(
        uint64 epoch,
        address[] calldata orchestrators,
        bytes32[] calldata workloads,
        uint16[] calldata scores
    ) external {
        if (orchestrators.length != workloads.length || workloads.length != scores.length) {
            revert LengthMismatch();
        }
        for (uint256 i; i < scores.length; ++i) {
            scoreOf[epoch][orchestrators[i]][workloads[i]] = scores[i];
        }
    }
}
