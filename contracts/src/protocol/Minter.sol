// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Minter test double
/// @notice Declares the events of Livepeer's Minter with the exact signatures listed in
///         docs/PROTOCOL.md, and lets a test emit each of them with chosen values. It mints
///         nothing: deploy it only on a local development chain.
/// @dev Emitting SetCurrentRewardTokens also records both values, readable as
///      `currentMintableTokens()` and `currentInflation()`.
contract Minter {
    event SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation);
    event ParameterUpdate(string param);

    /// @notice The mintable tokens of the last SetCurrentRewardTokens emitted.
    uint256 public currentMintableTokens;

    /// @notice The inflation of the last SetCurrentRewardTokens emitted.
    uint256 public currentInflation;

    function emitSetCurrentRewardTokens(uint256 mintableTokens, uint256 inflation) external {
        currentMintableTokens = mintableTokens;
        currentInflation = inflation;
        emit SetCurrentRewardTokens(mintableTokens, inflation);
    }

    function emitParameterUpdate(string calldata param) external {
        emit ParameterUpdate(param);
    }
}
