// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title TicketBroker test double
/// @notice Declares the events of Livepeer's TicketBroker with the exact signatures listed in
///         docs/PROTOCOL.md, and lets a test emit each of them with chosen values. It holds no
///         deposit or reserve and verifies no ticket: deploy it only on a local development chain.
/// @dev In the real protocol `auxData` of WinningTicketRedeemed is
///      `abi.encode(uint256 creationRound, bytes32 creationRoundBlockHash)`; this double emits the
///      bytes it is given so a test can also produce malformed auxData.
contract TicketBroker {
    event DepositFunded(address indexed sender, uint256 amount);
    event WinningTicketRedeemed(
        address indexed sender,
        address indexed recipient,
        uint256 faceValue,
        uint256 winProb,
        uint256 senderNonce,
        uint256 recipientRand,
        bytes auxData
    );
    event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount);
    event Unlock(address indexed sender, uint256 startRound, uint256 endRound);
    event UnlockCancelled(address indexed sender);
    event Withdrawal(address indexed sender, uint256 deposit, uint256 reserve);
    event ReserveFunded(address indexed reserveHolder, uint256 amount);
    event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount);
    event ParameterUpdate(string param);

    function emitDepositFunded(address sender, uint256 amount) external {
        emit DepositFunded(sender, amount);
    }

    function emitWinningTicketRedeemed(
        address sender,
        address recipient,
        uint256 faceValue,
        uint256 winProb,
        uint256 senderNonce,
        uint256 recipientRand,
        bytes calldata auxData
    ) external {
        emit WinningTicketRedeemed(sender, recipient, faceValue, winProb, senderNonce, recipientRand, auxData);
    }

    function emitWinningTicketTransfer(address sender, address recipient, uint256 amount) external {
        emit WinningTicketTransfer(sender, recipient, amount);
    }

    function emitUnlock(address sender, uint256 startRound, uint256 endRound) external {
        emit Unlock(sender, startRound, endRound);
    }

    function emitUnlockCancelled(address sender) external {
        emit UnlockCancelled(sender);
    }

    function emitWithdrawal(address sender, uint256 deposit, uint256 reserve) external {
        emit Withdrawal(sender, deposit, reserve);
    }

    function emitReserveFunded(address reserveHolder, uint256 amount) external {
        emit ReserveFunded(reserveHolder, amount);
    }

    function emitReserveClaimed(address reserveHolder, address claimant, uint256 amount) external {
        emit ReserveClaimed(reserveHolder, claimant, amount);
    }

    function emitParameterUpdate(string calldata param) external {
        emit ParameterUpdate(param);
    }
}
