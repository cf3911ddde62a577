// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title BondingManager test double
/// @notice Declares the events of Livepeer's BondingManager with the exact signatures listed in
///         docs/PROTOCOL.md, and lets a test emit each of them with chosen values. It holds no
///         stake and checks nothing: deploy it only on a local development chain.
contract BondingManager {
    event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare);
    event TranscoderActivated(address indexed transcoder, uint256 activationRound);
    event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound);
    event TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward);
    event Reward(address indexed transcoder, uint256 amount);
    event TreasuryReward(address indexed transcoder, address treasury, uint256 amount);
    event Bond(
        address indexed newDelegate,
        address indexed oldDelegate,
        address indexed delegator,
        uint256 additionalAmount,
        uint256 bondedAmount
    );
    event Unbond(
        address indexed delegate,
        address indexed delegator,
        uint256 unbondingLockId,
        uint256 amount,
        uint256 withdrawRound
    );
    event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount);
    event TransferBond(
        address indexed oldDelegator,
        address indexed newDelegator,
        uint256 oldUnbondingLockId,
        uint256 newUnbondingLockId,
        uint256 amount
    );
    event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
    event WithdrawFees(address indexed delegator, address recipient, uint256 amount);
    event EarningsClaimed(
        address indexed delegate,
        address indexed delegator,
        uint256 rewards,
        uint256 fees,
        uint256 startRound,
        uint256 endRound
    );
    event ParameterUpdate(string param);

    function emitTranscoderUpdate(address transcoder, uint256 rewardCut, uint256 feeShare) external {
        emit TranscoderUpdate(transcoder, rewardCut, feeShare);
    }

    function emitTranscoderActivated(address transcoder, uint256 activationRound) external {
        emit TranscoderActivated(transcoder, activationRound);
    }

    function emitTranscoderDeactivated(address transcoder, uint256 deactivationRound) external {
        emit TranscoderDeactivated(transcoder, deactivationRound);
    }

    function emitTranscoderSlashed(address transcoder, address finder, uint256 penalty, uint256 finderReward)
        external
    {
        emit TranscoderSlashed(transcoder, finder, penalty, finderReward);
    }

    function emitReward(address transcoder, uint256 amount) external {
        emit Reward(transcoder, amount);
    }

    function emitTreasuryReward(address transcoder, address treasury, uint256 amount) external {
        emit TreasuryReward(transcoder, treasury, amount);
    }

    function emitBond(
        address newDelegate,
        address oldDelegate,
        address delegator,
        uint256 additionalAmount,
        uint256 bondedAmount
    ) external {
        emit Bond(newDelegate, oldDelegate, delegator, additionalAmount, bondedAmount);
    }

    function emitUnbond(
        address delegate,
        address delegator,
        uint256 unbondingLockId,
        uint256 amount,
        uint256 withdrawRound
    ) external {
        emit Unbond(delegate, delegator, unbondingLockId, amount, withdrawRound);
    }

    function emitRebond(address delegate, address delegator, uint256 unbondingLockId, uint256 amount) external {
        emit Rebond(delegate, delegator, unbondingLockId, amount);
    }

    function emitTransferBond(
        address oldDelegator,
        address newDelegator,
        uint256 oldUnbondingLockId,
        uint256 newUnbondingLockId,
        uint256 amount
    ) external {
        emit TransferBond(oldDelegator, newDelegator, oldUnbondingLockId, newUnbondingLockId, amount);
    }

    function emitWithdrawStake(address delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)
        external
    {
        emit WithdrawStake(delegator, unbondingLockId, amount, withdrawRound);
    }

    function emitWithdrawFees(address delegator, address recipient, uint256 amount) external {
        emit WithdrawFees(delegator, recipient, amount);
    }

    function emitEarningsClaimed(
        address delegate,
        address delegator,
        uint256 rewards,
        uint256 fees,
        uint256 startRound,
        uint256 endRound
    ) external {
        emit EarningsClaimed(delegate, delegator, rewards, fees, startRound, endRound);
    }

    function emitParameterUpdate(string calldata param) external {
        emit ParameterUpdate(param);
    }

    /// @notice Emits `count` Reward events in one transaction, for `transcoders` in turn, with
    ///         amounts derived from `seed`: the bulk history an indexer benchmark or crash test
    ///         backfills (about 2,000 gas an event, so ~10,000 fit in a 30M-gas block).
    function emitRewardBurst(address[] calldata transcoders, uint256 count, uint256 seed) external {
        uint256 n = transcoders.length;
        for (uint256 i = 0; i < count; i++) {
            emit Reward(transcoders[i % n], uint256(keccak256(abi.encode(seed, i))));
        }
    }
}
