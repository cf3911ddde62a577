package io.naap.storage.protocol;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The derived protocol state the API and the incentive engine read ({@link ProtocolStateStore}).
 */
public final class ProtocolState {
  private ProtocolState() {}

  /**
   * An orchestrator as the mirror knows it up to a block.
   *
   * @param rewardCut parts per 1,000,000 of rewards it keeps (its latest TranscoderUpdate)
   * @param feeShare parts per 1,000,000 of fees its delegators get
   * @param activationRound its latest TranscoderActivated
   * @param deactivationRound the TranscoderDeactivated after that activation; empty while none
   * @param stake its total delegated stake (LPT wei)
   * @param serviceUri its latest URI in the ServiceRegistry
   * @param aiServiceUri its latest URI in the AI ServiceRegistry
   * @param lastRewardRound the round of its latest Reward
   */
  public record Orchestrator(
      EthereumAddress address,
      Optional<BigInteger> rewardCut,
      Optional<BigInteger> feeShare,
      Optional<BigInteger> activationRound,
      Optional<BigInteger> deactivationRound,
      BigInteger stake,
      Optional<String> serviceUri,
      Optional<String> aiServiceUri,
      Optional<BigInteger> lastRewardRound) {
    public Orchestrator {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(stake, "stake");
    }

    /** True when it is in the active set in {@code round}: activation <= round < deactivation. */
    public boolean activeIn(BigInteger round) {
      return activationRound.isPresent()
          && activationRound.get().compareTo(round) <= 0
          && deactivationRound.map(end -> round.compareTo(end) < 0).orElse(true);
    }
  }

  /**
   * What an orchestrator earned in one round: rewards minted to its stake and tickets redeemed.
   *
   * @param round the round current when the events were emitted (the latest NewRound before them);
   *     empty for events before the first NewRound the mirror holds
   * @param rewards LPT wei minted by its Reward calls (the treasury's part excluded)
   * @param treasuryRewards LPT wei of its rewards that went to the treasury
   * @param faceValue wei of the face values of its winning tickets redeemed
   * @param feesCredited wei actually credited for them (WinningTicketTransfer)
   */
  public record RoundEarnings(
      Optional<BigInteger> round,
      EthereumAddress orchestrator,
      BigInteger rewards,
      BigInteger treasuryRewards,
      long rewardCalls,
      BigInteger faceValue,
      BigInteger feesCredited,
      long winningTickets) {}

  /**
   * A round.
   *
   * @param startBlock the block of its NewRound
   * @param blockHash the block hash NewRound announced
   * @param startedAt when its NewRound's block was made; empty when the node did not say
   * @param nextStartBlock the block of the next NewRound; empty for the current round
   * @param nextStartedAt when the next round started
   * @param mintableTokens the Minter's SetCurrentRewardTokens of the round, if any: the one of its
   *     NewRound's transaction (initializeRound emits it just before NewRound), or a later one in
   *     the round outside the next NewRound's transaction
   * @param earnings what each orchestrator earned in it, by address
   */
  public record Round(
      BigInteger round,
      long startBlock,
      String blockHash,
      Optional<Instant> startedAt,
      Optional<Long> nextStartBlock,
      Optional<Instant> nextStartedAt,
      Optional<BigInteger> mintableTokens,
      Optional<BigInteger> inflation,
      long activeOrchestrators,
      List<RoundEarnings> earnings) {
    public Round {
      earnings = List.copyOf(earnings);
    }
  }

  /**
   * An unbonding lock.
   *
   * @param closedBy Rebond, WithdrawStake or TransferBond; empty while open
   */
  public record Lock(
      BigInteger lockId,
      EthereumAddress delegate,
      BigInteger amount,
      BigInteger withdrawRound,
      long createdBlock,
      Optional<Long> closedBlock,
      Optional<String> closedBy) {}

  /**
   * A delegator.
   *
   * @param delegate who it is bonded to; empty when bonded to no one
   * @param bonded its bonded amount (LPT wei)
   * @param lastChangeBlock the block of its latest bond change
   * @param rewardsClaimed LPT wei of rewards claimed into its bond (EarningsClaimed)
   * @param feesClaimed wei of fees claimed (EarningsClaimed)
   * @param feesWithdrawn wei of fees withdrawn (WithdrawFees)
   */
  public record Delegator(
      EthereumAddress address,
      Optional<EthereumAddress> delegate,
      BigInteger bonded,
      long lastChangeBlock,
      List<Lock> locks,
      BigInteger rewardsClaimed,
      BigInteger feesClaimed,
      BigInteger feesWithdrawn) {
    public Delegator {
      locks = List.copyOf(locks);
    }
  }
}
