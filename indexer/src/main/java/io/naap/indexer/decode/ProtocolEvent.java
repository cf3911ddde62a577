package io.naap.indexer.decode;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A decoded event of a mirrored contract: one record per event of docs/PROTOCOL.md ("Events to
 * mirror") and of naap's own contracts, SlaOracle and SlaFeeDistributor (their own events and those
 * they inherit from OpenZeppelin), named as the contract declares it, its components named as the
 * Solidity parameters.
 *
 * <p>Types: {@code address} as {@link EthereumAddress}; {@code uint256} as {@link BigInteger}
 * (exact); {@code uint64} and {@code uint32} as {@code long}; {@code bytes32}, {@code bytes20} and
 * {@code bytes} as lower-case {@code 0x} hex; {@code string} as {@link String}. {@code
 * ParameterUpdate} is declared by four contracts, {@code ServiceURIUpdate} by both service
 * registries, and the OpenZeppelin events ({@code Paused}, {@code Unpaused}, {@code RoleGranted},
 * {@code RoleRevoked}, {@code RoleAdminChanged}, {@code EIP712DomainChanged}) by both of naap's
 * contracts: {@link LogRef#contract()} says which one emitted it.
 */
public sealed interface ProtocolEvent extends Decoded {
  /** The event's name as its contract declares it. */
  @Override
  default String name() {
    return getClass().getSimpleName();
  }

  // ---------------------------------------------------------------------------------------------
  // BondingManager

  /**
   * An orchestrator (transcoder) set its rates, both in parts per 1,000,000.
   *
   * @param rewardCut the share of rewards the orchestrator keeps
   * @param feeShare the share of fees that goes to its delegators
   */
  record TranscoderUpdate(
      LogRef log, EthereumAddress transcoder, BigInteger rewardCut, BigInteger feeShare)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "transcoder", transcoder, "rewardCut", rewardCut, "feeShare", feeShare);
    }
  }

  /** An orchestrator joins the active set from {@code activationRound}. */
  record TranscoderActivated(LogRef log, EthereumAddress transcoder, BigInteger activationRound)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("transcoder", transcoder, "activationRound", activationRound);
    }
  }

  /** An orchestrator leaves the active set from {@code deactivationRound}. */
  record TranscoderDeactivated(LogRef log, EthereumAddress transcoder, BigInteger deactivationRound)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("transcoder", transcoder, "deactivationRound", deactivationRound);
    }
  }

  /** An orchestrator's stake was slashed by {@code penalty}; {@code finder} earned a reward. */
  record TranscoderSlashed(
      LogRef log,
      EthereumAddress transcoder,
      EthereumAddress finder,
      BigInteger penalty,
      BigInteger finderReward)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "transcoder",
          transcoder,
          "finder",
          finder,
          "penalty",
          penalty,
          "finderReward",
          finderReward);
    }
  }

  /** An orchestrator called reward for the current round and minted {@code amount} LPT. */
  record Reward(LogRef log, EthereumAddress transcoder, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("transcoder", transcoder, "amount", amount);
    }
  }

  /** The part of an orchestrator's reward that went to the treasury. */
  record TreasuryReward(
      LogRef log, EthereumAddress transcoder, EthereumAddress treasury, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("transcoder", transcoder, "treasury", treasury, "amount", amount);
    }
  }

  /**
   * A delegator bonded {@code additionalAmount} more to {@code newDelegate} (moving its stake from
   * {@code oldDelegate}), for {@code bondedAmount} in total.
   */
  record Bond(
      LogRef log,
      EthereumAddress newDelegate,
      EthereumAddress oldDelegate,
      EthereumAddress delegator,
      BigInteger additionalAmount,
      BigInteger bondedAmount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "newDelegate",
          newDelegate,
          "oldDelegate",
          oldDelegate,
          "delegator",
          delegator,
          "additionalAmount",
          additionalAmount,
          "bondedAmount",
          bondedAmount);
    }
  }

  /** A delegator unbonded {@code amount} into lock {@code unbondingLockId}. */
  record Unbond(
      LogRef log,
      EthereumAddress delegate,
      EthereumAddress delegator,
      BigInteger unbondingLockId,
      BigInteger amount,
      BigInteger withdrawRound)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "delegate",
          delegate,
          "delegator",
          delegator,
          "unbondingLockId",
          unbondingLockId,
          "amount",
          amount,
          "withdrawRound",
          withdrawRound);
    }
  }

  /** A delegator bonded the {@code amount} of lock {@code unbondingLockId} again. */
  record Rebond(
      LogRef log,
      EthereumAddress delegate,
      EthereumAddress delegator,
      BigInteger unbondingLockId,
      BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "delegate",
          delegate,
          "delegator",
          delegator,
          "unbondingLockId",
          unbondingLockId,
          "amount",
          amount);
    }
  }

  /** A delegator transferred {@code amount} of bonded stake to another delegator. */
  record TransferBond(
      LogRef log,
      EthereumAddress oldDelegator,
      EthereumAddress newDelegator,
      BigInteger oldUnbondingLockId,
      BigInteger newUnbondingLockId,
      BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "oldDelegator",
          oldDelegator,
          "newDelegator",
          newDelegator,
          "oldUnbondingLockId",
          oldUnbondingLockId,
          "newUnbondingLockId",
          newUnbondingLockId,
          "amount",
          amount);
    }
  }

  /** A delegator withdrew the {@code amount} of lock {@code unbondingLockId}. */
  record WithdrawStake(
      LogRef log,
      EthereumAddress delegator,
      BigInteger unbondingLockId,
      BigInteger amount,
      BigInteger withdrawRound)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "delegator",
          delegator,
          "unbondingLockId",
          unbondingLockId,
          "amount",
          amount,
          "withdrawRound",
          withdrawRound);
    }
  }

  /** A delegator withdrew {@code amount} of fees (wei) to {@code recipient}. */
  record WithdrawFees(
      LogRef log, EthereumAddress delegator, EthereumAddress recipient, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("delegator", delegator, "recipient", recipient, "amount", amount);
    }
  }

  /** A delegator claimed its rewards and fees of rounds {@code startRound..endRound}. */
  record EarningsClaimed(
      LogRef log,
      EthereumAddress delegate,
      EthereumAddress delegator,
      BigInteger rewards,
      BigInteger fees,
      BigInteger startRound,
      BigInteger endRound)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "delegate",
          delegate,
          "delegator",
          delegator,
          "rewards",
          rewards,
          "fees",
          fees,
          "startRound",
          startRound,
          "endRound",
          endRound);
    }
  }

  /**
   * A governed parameter changed (BondingManager, TicketBroker, RoundsManager or Minter: see {@link
   * LogRef#contract()}).
   *
   * @param param the parameter's name
   */
  record ParameterUpdate(LogRef log, String param) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("param", param);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TicketBroker

  /** A broadcaster (gateway) added {@code amount} wei to its deposit. */
  record DepositFunded(LogRef log, EthereumAddress sender, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("sender", sender, "amount", amount);
    }
  }

  /**
   * A winning ticket of {@code sender} was redeemed by {@code recipient} (the orchestrator). What
   * was actually credited is in the {@link WinningTicketTransfer} of the same transaction.
   *
   * @param auxData lower-case {@code 0x} hex; in the protocol {@code abi.encode(uint256
   *     creationRound, bytes32 creationRoundBlockHash)}, see {@link #ticketAuxData()}
   */
  record WinningTicketRedeemed(
      LogRef log,
      EthereumAddress sender,
      EthereumAddress recipient,
      BigInteger faceValue,
      BigInteger winProb,
      BigInteger senderNonce,
      BigInteger recipientRand,
      String auxData)
      implements ProtocolEvent {
    /** How long {@code auxData} is when it holds the creation round and its block hash. */
    public static final int TICKET_AUX_DATA_BYTES = 64;

    /**
     * What the protocol puts in a ticket's auxData.
     *
     * @param creationRound the round the ticket was created in
     * @param creationRoundBlockHash that round's block hash, lower-case {@code 0x} hex
     */
    public record TicketAuxData(BigInteger creationRound, String creationRoundBlockHash) {
      public TicketAuxData {
        Objects.requireNonNull(creationRound, "creationRound");
        Objects.requireNonNull(creationRoundBlockHash, "creationRoundBlockHash");
      }
    }

    /**
     * {@code auxData} decoded as {@code (uint256 creationRound, bytes32 creationRoundBlockHash)}
     * when it is exactly {@value #TICKET_AUX_DATA_BYTES} bytes, as the protocol requires; empty
     * (malformed auxData, kept raw in {@link #auxData()}) otherwise.
     */
    public Optional<TicketAuxData> ticketAuxData() {
      if (auxData.length() != 2 + 2 * TICKET_AUX_DATA_BYTES
          || !auxData.startsWith("0x")
          || !Hex.isHex(auxData, 2, auxData.length())) {
        return Optional.empty();
      }
      String hex = auxData.toLowerCase(Locale.ROOT);
      return Optional.of(
          new TicketAuxData(new BigInteger(hex.substring(2, 66), 16), "0x" + hex.substring(66)));
    }

    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "sender",
          sender,
          "recipient",
          recipient,
          "faceValue",
          faceValue,
          "winProb",
          winProb,
          "senderNonce",
          senderNonce,
          "recipientRand",
          recipientRand,
          "auxData",
          auxData);
    }
  }

  /**
   * The wei a winning ticket actually credited to {@code recipient}: at most the face value, less
   * when the sender's deposit ran short.
   */
  record WinningTicketTransfer(
      LogRef log, EthereumAddress sender, EthereumAddress recipient, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("sender", sender, "recipient", recipient, "amount", amount);
    }
  }

  /**
   * A broadcaster started unlocking its deposit and reserve, withdrawable from {@code endRound}.
   */
  record Unlock(LogRef log, EthereumAddress sender, BigInteger startRound, BigInteger endRound)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("sender", sender, "startRound", startRound, "endRound", endRound);
    }
  }

  /** A broadcaster cancelled its unlock. */
  record UnlockCancelled(LogRef log, EthereumAddress sender) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("sender", sender);
    }
  }

  /** A broadcaster withdrew its deposit and reserve (wei). */
  record Withdrawal(LogRef log, EthereumAddress sender, BigInteger deposit, BigInteger reserve)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("sender", sender, "deposit", deposit, "reserve", reserve);
    }
  }

  /** A broadcaster added {@code amount} wei to its reserve. */
  record ReserveFunded(LogRef log, EthereumAddress reserveHolder, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("reserveHolder", reserveHolder, "amount", amount);
    }
  }

  /** {@code claimant} (an orchestrator) claimed {@code amount} wei of a broadcaster's reserve. */
  record ReserveClaimed(
      LogRef log, EthereumAddress reserveHolder, EthereumAddress claimant, BigInteger amount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "reserveHolder", reserveHolder, "claimant", claimant, "amount", amount);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // RoundsManager, Minter, ServiceRegistry, Controller

  /**
   * Round {@code round} was initialised.
   *
   * @param blockHash the hash of the round's start block, lower-case {@code 0x} hex
   */
  record NewRound(LogRef log, BigInteger round, String blockHash) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("round", round, "blockHash", blockHash);
    }
  }

  /** The Minter set the LPT mintable in the current round and the inflation rate. */
  record SetCurrentRewardTokens(
      LogRef log, BigInteger currentMintableTokens, BigInteger currentInflation)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "currentMintableTokens", currentMintableTokens, "currentInflation", currentInflation);
    }
  }

  /**
   * An orchestrator published its service URI (ServiceRegistry or AIServiceRegistry: see {@link
   * LogRef#contract()}).
   */
  record ServiceURIUpdate(LogRef log, EthereumAddress addr, String serviceURI)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("addr", addr, "serviceURI", serviceURI);
    }
  }

  /**
   * The Controller registered a contract.
   *
   * @param id keccak256 of the contract's name, lower-case {@code 0x} hex
   * @param gitCommitHash 20 bytes, lower-case {@code 0x} hex
   */
  record SetContractInfo(
      LogRef log, String id, EthereumAddress contractAddress, String gitCommitHash)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "id", id, "contractAddress", contractAddress, "gitCommitHash", gitCommitHash);
    }
  }

  /** The Controller paused the protocol. */
  record Pause(LogRef log) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of();
    }
  }

  /** The Controller unpaused the protocol. */
  record Unpause(LogRef log) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // SlaOracle (naap)

  /** The oracle's signer set and threshold changed; signatures for older versions stop counting. */
  record SignerSetChanged(
      LogRef log, long configVersion, List<EthereumAddress> signers, long threshold)
      implements ProtocolEvent {
    public SignerSetChanged {
      signers = List.copyOf(signers);
    }

    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "configVersion", configVersion, "signers", signers, "threshold", threshold);
    }
  }

  /**
   * The SLA scores of {@code epoch} were published, signed under {@code configVersion}.
   *
   * @param scoresRoot the Merkle root of the score leaves, lower-case {@code 0x} hex
   * @param dataHash the hash of the canonical snapshot JSON, lower-case {@code 0x} hex
   */
  record SnapshotPublished(
      LogRef log,
      long epoch,
      String scoresRoot,
      long leafCount,
      String dataHash,
      long configVersion,
      EthereumAddress submitter)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "epoch",
          epoch,
          "scoresRoot",
          scoresRoot,
          "leafCount",
          leafCount,
          "dataHash",
          dataHash,
          "configVersion",
          configVersion,
          "submitter",
          submitter);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // SlaFeeDistributor (naap)

  /**
   * {@code funder} funded {@code workload}'s SLA bonus pool with {@code amountPerEpoch} for each of
   * the epochs {@code firstEpoch} to {@code firstEpoch + epochs - 1}, in the distributor's asset:
   * wei when it pays ETH, otherwise the token's smallest unit. Anyone may fund any uint64 first
   * epoch: a log whose first epoch exceeds {@link Long#MAX_VALUE} does not decode and is kept raw
   * ({@link Decoded.Unknown}); it funds no epoch a long can number.
   *
   * @param workload the workload's id, lower-case {@code 0x} hex
   * @param epochs at least 1 (a uint32)
   */
  record PoolFunded(
      LogRef log,
      String workload,
      EthereumAddress funder,
      long firstEpoch,
      long epochs,
      BigInteger amountPerEpoch)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "workload",
          workload,
          "funder",
          funder,
          "firstEpoch",
          firstEpoch,
          "epochs",
          epochs,
          "amountPerEpoch",
          amountPerEpoch);
    }
  }

  /**
   * The payout root of {@code epoch} was published, signed by SlaOracle's signers under {@code
   * configVersion}; claims against it are paid from {@code claimableAt} (at once without a
   * challenge window).
   *
   * @param payoutRoot the Merkle root of the cumulative payout leaves, lower-case {@code 0x} hex
   * @param cumulativeTotal everything the root's leaves allot since the first epoch
   * @param dataHash the hash of the epoch's canonical distribution document, lower-case {@code 0x}
   *     hex
   * @param claimableAt when claims against it may start, in seconds since the Unix epoch
   */
  record RootPublished(
      LogRef log,
      long epoch,
      String payoutRoot,
      BigInteger cumulativeTotal,
      String dataHash,
      long configVersion,
      long claimableAt,
      EthereumAddress submitter)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "epoch",
          epoch,
          "payoutRoot",
          payoutRoot,
          "cumulativeTotal",
          cumulativeTotal,
          "dataHash",
          dataHash,
          "configVersion",
          configVersion,
          "claimableAt",
          claimableAt,
          "submitter",
          submitter);
    }
  }

  /**
   * The admin vetoed the pending payout root of {@code epoch} within its challenge window: it will
   * never be claimable, and the epoch may be published again.
   *
   * @param payoutRoot the vetoed root, lower-case {@code 0x} hex
   */
  record RootVetoed(LogRef log, long epoch, String payoutRoot) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("epoch", epoch, "payoutRoot", payoutRoot);
    }
  }

  /**
   * {@code account} was paid {@code amount} (anyone may submit a claim; the asset always goes to
   * the account), raising what it has received in all to {@code cumulativeAmount}: its leaf's
   * amount in the payout root the claim was proven against.
   */
  record Claimed(
      LogRef log, EthereumAddress account, BigInteger amount, BigInteger cumulativeAmount)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "account", account, "amount", amount, "cumulativeAmount", cumulativeAmount);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Inherited from OpenZeppelin by SlaOracle and SlaFeeDistributor (naap)

  /**
   * The contract (SlaOracle or SlaFeeDistributor: see {@link LogRef#contract()}) was paused by
   * {@code account} (OpenZeppelin Pausable's event).
   */
  record Paused(LogRef log, EthereumAddress account) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("account", account);
    }
  }

  /**
   * The contract (SlaOracle or SlaFeeDistributor: see {@link LogRef#contract()}) was unpaused by
   * {@code account} (OpenZeppelin Pausable's event).
   */
  record Unpaused(LogRef log, EthereumAddress account) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("account", account);
    }
  }

  /** {@code sender} granted {@code role} to {@code account} (OpenZeppelin AccessControl). */
  record RoleGranted(LogRef log, String role, EthereumAddress account, EthereumAddress sender)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("role", role, "account", account, "sender", sender);
    }
  }

  /** {@code sender} revoked {@code role} from {@code account} (OpenZeppelin AccessControl). */
  record RoleRevoked(LogRef log, String role, EthereumAddress account, EthereumAddress sender)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("role", role, "account", account, "sender", sender);
    }
  }

  /** The admin role of {@code role} changed (OpenZeppelin AccessControl). */
  record RoleAdminChanged(LogRef log, String role, String previousAdminRole, String newAdminRole)
      implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of(
          "role", role, "previousAdminRole", previousAdminRole, "newAdminRole", newAdminRole);
    }
  }

  /** The contract's EIP-712 domain changed (OpenZeppelin's IERC5267). */
  record EIP712DomainChanged(LogRef log) implements ProtocolEvent {
    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of();
    }
  }
}
