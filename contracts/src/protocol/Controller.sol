// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Controller test double
/// @notice Declares the events of Livepeer's Controller with the exact signatures listed in
///         docs/PROTOCOL.md, and lets a test emit each of them with chosen values. Deploy it only
///         on a local development chain.
/// @dev Emitting SetContractInfo also records the entry, readable as `getContract(id)` and
///      `getContractInfo(id)`; emitting Pause or Unpause sets `paused()`. Anyone may call.
contract Controller {
    event SetContractInfo(bytes32 id, address contractAddress, bytes20 gitCommitHash);
    event Pause();
    event Unpause();

    struct ContractInfo {
        address contractAddress;
        bytes20 gitCommitHash;
    }

    mapping(bytes32 id => ContractInfo info) private registry;

    /// @notice True after Pause was emitted, until Unpause is.
    bool public paused;

    function emitSetContractInfo(bytes32 id, address contractAddress, bytes20 gitCommitHash) external {
        registry[id] = ContractInfo(contractAddress, gitCommitHash);
        emit SetContractInfo(id, contractAddress, gitCommitHash);
    }

    function emitPause() external {
        paused = true;
        emit Pause();
    }

    function emitUnpause() external {
        paused = false;
        emit Unpause();
    }

    /// @notice The address last emitted for `id` (zero if none).
    function getContract(bytes32 id) external view returns (address) {
        return registry[id].contractAddress;
    }

    /// @notice The address and git commit hash last emitted for `id` (zeros if none).
    function getContractInfo(bytes32 id) external view returns (address, bytes20) {
        ContractInfo storage info = registry[id];
        return (info.contractAddress, info.gitCommitHash);
    }
}
