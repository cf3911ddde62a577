// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title RoundsManager test double
/// @notice Declares the events of Livepeer's RoundsManager with the exact signatures listed in
///         docs/PROTOCOL.md, and lets a test emit each of them with chosen values. Deploy it only
///         on a local development chain.
/// @dev Emitting NewRound also records the round as current and its block hash, so code that
///      reads `currentRound()` or `blockHashForRound(round)` sees what the logs said. Nothing
///      checks that rounds increase: a test may replay any sequence.
contract RoundsManager {
    event NewRound(uint256 indexed round, bytes32 blockHash);
    event ParameterUpdate(string param);

    /// @notice The round of the last NewRound emitted (0 before any).
    uint256 public currentRound;

    /// @notice The block hash emitted with NewRound for a round (zero if never emitted).
    mapping(uint256 round => bytes32 blockHash) public blockHashForRound;

    function emitNewRound(uint256 round, bytes32 blockHash) external {
        currentRound = round;
        blockHashForRound[round] = blockHash;
        emit NewRound(round, blockHash);
    }

    function emitParameterUpdate(string calldata param) external {
        emit ParameterUpdate(param);
    }
}
