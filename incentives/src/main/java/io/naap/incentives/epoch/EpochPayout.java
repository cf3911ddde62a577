package io.naap.incentives.epoch;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.incentives.delegation.OrchestratorSplit;
import io.naap.incentives.distribution.EpochDistribution;
import io.naap.incentives.payout.PayoutTree;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An epoch's payouts, computed by {@link EpochPayouts}: the bonus pools and their distribution by
 * SLA, the credited fees attributed to workloads with their SLA-fair split (a report: the protocol
 * paid them already), how each orchestrator's totals reach its delegators, and the cumulative
 * payout tree that the distributor pays from.
 *
 * @param bonus the bonus pools distributed by the rules: paid through claims
 * @param fairFees the workloads' credited fees distributed by the same rules: what SLA-weighting
 *     would have paid (report only)
 * @param attributedFees per orchestrator and workload, the fees credited to it attributed to the
 *     workload by its telemetry payments
 * @param unattributedFees fees credited to addresses with no published score this epoch
 * @param bonusSplits each orchestrator's bonus split with its delegators (what the tree pays)
 * @param feeSplits each orchestrator's attributed credited fees split by its fee share (report)
 * @param accounts the epoch's bonus per account (the sum of its parts in {@code bonusSplits})
 * @param cumulative every account's cumulative bonus after this epoch
 * @param changed the accounts whose cumulative amount changed, with the new amount
 * @param tree the payout tree over {@code cumulative}; empty while nobody has anything
 * @param document the canonical distribution JSON ({@link DistributionDocument})
 * @param dataHash keccak-256 of {@code document}
 */
public record EpochPayout(
    long epoch,
    String rulesVersion,
    List<PoolOutcome> pools,
    EpochDistribution bonus,
    EpochDistribution fairFees,
    Map<EvmAddress, Map<String, BigInteger>> attributedFees,
    BigInteger unattributedFees,
    Map<String, BigInteger> unknownFunding,
    List<OrchestratorSplit> bonusSplits,
    List<OrchestratorSplit> feeSplits,
    Map<EvmAddress, BigInteger> accounts,
    Map<EvmAddress, BigInteger> cumulative,
    Map<EvmAddress, BigInteger> changed,
    Optional<PayoutTree> tree,
    byte[] document,
    Bytes32 dataHash) {
  public EpochPayout {
    Objects.requireNonNull(rulesVersion, "rulesVersion");
    pools = List.copyOf(pools);
    Objects.requireNonNull(bonus, "bonus");
    Objects.requireNonNull(fairFees, "fairFees");
    Objects.requireNonNull(unattributedFees, "unattributedFees");
    bonusSplits = List.copyOf(bonusSplits);
    feeSplits = List.copyOf(feeSplits);
    Objects.requireNonNull(tree, "tree");
    document = Objects.requireNonNull(document, "document").clone();
    Objects.requireNonNull(dataHash, "dataHash");
  }

  @Override
  public byte[] document() {
    return document.clone();
  }

  /** The fees credited to an orchestrator attributed to a workload (0 when none). */
  public BigInteger attributed(EvmAddress orchestrator, String workload) {
    return attributedFees
        .getOrDefault(orchestrator, Map.of())
        .getOrDefault(workload, BigInteger.ZERO);
  }

  /** What the bonus pools paid out this epoch. */
  public BigInteger distributedTotal() {
    BigInteger total = BigInteger.ZERO;
    for (PoolOutcome pool : pools) {
      total = total.add(pool.distributed());
    }
    return total;
  }
}
