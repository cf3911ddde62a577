// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken (tests only)
/// @notice A plain OpenZeppelin ERC-20 (18 decimals) that anyone may mint: the token a test funds
///         an ERC-20 SlaFeeDistributor with. A test double, never part of naap's deployment.
contract TestToken is ERC20 {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Creates `amount` tokens for `to`; unrestricted, as a test double's should be.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
