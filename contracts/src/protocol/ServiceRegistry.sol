// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title ServiceRegistry test double
/// @notice Declares the event of Livepeer's ServiceRegistry with the exact signature listed in
///         docs/PROTOCOL.md and lets a test emit it with chosen values. One deployment stands for
///         the ServiceRegistry, another for the AI ServiceRegistry (same event, separate
///         contracts). Deploy it only on a local development chain.
/// @dev Emitting ServiceURIUpdate also records the URI, readable as `getServiceURI(addr)`.
contract ServiceRegistry {
    event ServiceURIUpdate(address indexed addr, string serviceURI);

    mapping(address addr => string serviceURI) private serviceURIs;

    function emitServiceURIUpdate(address addr, string calldata serviceURI) external {
        serviceURIs[addr] = serviceURI;
        emit ServiceURIUpdate(addr, serviceURI);
    }

    /// @notice The URI last emitted for `addr` (empty if none).
    function getServiceURI(address addr) external view returns (string memory) {
        return serviceURIs[addr];
    }
}
