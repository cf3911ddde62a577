package io.naap.incentives.epoch;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.incentives.AddressOrder;
import io.naap.incentives.delegation.DelegatorSplit;
import io.naap.incentives.delegation.OrchestratorSplit;
import io.naap.incentives.distribution.Contribution;
import io.naap.incentives.distribution.Distributor;
import io.naap.incentives.distribution.EpochDistribution;
import io.naap.incentives.distribution.Pool;
import io.naap.incentives.distribution.WorkloadAllocation;
import io.naap.incentives.payout.PayoutTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An epoch's payouts from its {@link EpochInput}: one pure function, so that anyone holding the
 * inputs (the published scores, the mirror at the recorded block, the previous epoch) computes the
 * same distribution, document and root.
 *
 * <ol>
 *   <li><b>Bonus pools.</b> A workload's pool is what was newly funded for it up to this epoch
 *       ({@code fundedThrough} minus what the previous epoch counted: funding mined late for a past
 *       epoch lands in the next one built, never lost) plus what the previous epoch carried. The
 *       rules ({@link Distributor}) share it among the qualifying orchestrators; what they cannot
 *       give (nobody qualifies, the cap) is carried to the workload's next epoch.
 *   <li><b>Credited fees.</b> The fees the protocol credited to an orchestrator in the epoch are
 *       attributed to its workloads in proportion to the fees its telemetry payments were expected
 *       to bring in each (by its inference seconds when it has no priced payment, evenly when it
 *       has neither), floors first and the remainder to its largest workload (ties by name); fees
 *       credited to an address with no published score are unattributed. Each workload's credited
 *       fees are then shared by the same rules: the SLA-fair split, a report beside what the
 *       protocol paid.
 *   <li><b>Delegators.</b> Each orchestrator's bonus, and its attributed credited fees, are split
 *       by its indexed fee share and its delegators' stakes ({@link DelegatorSplit}).
 *   <li><b>Payout tree.</b> Each account's bonus (as orchestrator and as delegator, summed) is
 *       added to its cumulative amount; the tree over all cumulative amounts is what the
 *       distributor pays from ({@link PayoutTree}).
 * </ol>
 */
public final class EpochPayouts {
  private final Distributor distributor;

  public EpochPayouts(Distributor distributor) {
    this.distributor = Objects.requireNonNull(distributor, "distributor");
  }

  public String rulesVersion() {
    return distributor.rules().version();
  }

  public EpochPayout compute(EpochInput input) {
    Objects.requireNonNull(input, "input");
    TreeSet<String> workloads = new TreeSet<>(input.workloads());
    input.contributions().forEach(contribution -> workloads.add(contribution.workload()));

    List<Pool> bonusPools = new ArrayList<>();
    Map<String, BigInteger[]> poolParts = new TreeMap<>();
    for (String workload : workloads) {
      BigInteger through = input.fundedThrough().getOrDefault(workload, BigInteger.ZERO);
      EpochInput.PreviousPool previous =
          input
              .previousPools()
              .getOrDefault(
                  workload, new EpochInput.PreviousPool(BigInteger.ZERO, BigInteger.ZERO));
      BigInteger funded = through.subtract(previous.fundedThrough()).max(BigInteger.ZERO);
      poolParts.put(workload, new BigInteger[] {through, funded, previous.carriedOut()});
      bonusPools.add(new Pool(workload, funded.add(previous.carriedOut())));
    }
    EpochDistribution bonus =
        distributor.distribute(input.epoch(), bonusPools, input.contributions());

    Attribution attribution = attribute(input);
    List<Pool> feePools = new ArrayList<>();
    for (String workload : workloads) {
      feePools.add(
          new Pool(workload, attribution.byWorkload().getOrDefault(workload, BigInteger.ZERO)));
    }
    EpochDistribution fairFees =
        distributor.distribute(input.epoch(), feePools, input.contributions());

    List<PoolOutcome> pools = new ArrayList<>();
    for (WorkloadAllocation allocation : bonus.workloads()) {
      BigInteger[] parts = poolParts.get(allocation.workload());
      pools.add(
          new PoolOutcome(
              allocation.workload(),
              parts[0],
              parts[1],
              parts[2],
              allocation.distributed(),
              allocation.carried(),
              attribution.byWorkload().getOrDefault(allocation.workload(), BigInteger.ZERO)));
    }

    List<OrchestratorSplit> bonusSplits = new ArrayList<>();
    for (Map.Entry<EvmAddress, BigInteger> payout : bonus.payouts().entrySet()) {
      bonusSplits.add(split(input, payout.getKey(), payout.getValue()));
    }
    List<OrchestratorSplit> feeSplits = new ArrayList<>();
    for (Map.Entry<EvmAddress, BigInteger> credited : attribution.byOrchestrator().entrySet()) {
      if (credited.getValue().signum() > 0) {
        feeSplits.add(split(input, credited.getKey(), credited.getValue()));
      }
    }

    Map<EvmAddress, BigInteger> accounts =
        AddressOrder.sortedCopy(DelegatorSplit.accounts(bonusSplits));
    Map<EvmAddress, BigInteger> cumulative =
        AddressOrder.sortedCopy(PayoutTree.accumulate(input.previousCumulative(), accounts));
    Map<EvmAddress, BigInteger> changed = new LinkedHashMap<>();
    for (Map.Entry<EvmAddress, BigInteger> entry : cumulative.entrySet()) {
      if (entry.getValue().signum() > 0
          && !entry.getValue().equals(input.previousCumulative().get(entry.getKey()))) {
        changed.put(entry.getKey(), entry.getValue());
      }
    }
    Optional<PayoutTree> tree = PayoutTree.of(cumulative);

    byte[] document =
        DistributionDocument.canonicalJson(
            input.epoch(),
            rulesVersion(),
            pools,
            bonus,
            fairFees,
            attribution,
            input.unknownFunding(),
            bonusSplits,
            feeSplits,
            tree);
    return new EpochPayout(
        input.epoch(),
        rulesVersion(),
        pools,
        bonus,
        fairFees,
        attribution.perOrchestrator(),
        attribution.unattributed(),
        new TreeMap<>(input.unknownFunding()),
        bonusSplits,
        feeSplits,
        accounts,
        cumulative,
        Collections.unmodifiableMap(changed),
        tree,
        document,
        Bytes32.keccak(document));
  }

  private static OrchestratorSplit split(
      EpochInput input, EvmAddress orchestrator, BigInteger amount) {
    return DelegatorSplit.split(
        orchestrator, amount, Optional.ofNullable(input.delegations().get(orchestrator)));
  }

  /** The credited fees attributed to workloads. */
  record Attribution(
      Map<EvmAddress, Map<String, BigInteger>> perOrchestrator,
      Map<EvmAddress, BigInteger> byOrchestrator,
      Map<String, BigInteger> byWorkload,
      BigInteger unattributed) {}

  private static Attribution attribute(EpochInput input) {
    Map<EvmAddress, List<Contribution>> byOrchestrator = new HashMap<>();
    for (Contribution contribution : input.contributions()) {
      byOrchestrator
          .computeIfAbsent(contribution.orchestrator(), key -> new ArrayList<>())
          .add(contribution);
    }
    Map<EvmAddress, Map<String, BigInteger>> perOrchestrator = new HashMap<>();
    Map<EvmAddress, BigInteger> totals = new HashMap<>();
    Map<String, BigInteger> byWorkload = new TreeMap<>();
    BigInteger unattributed = BigInteger.ZERO;
    // sums of exact integers: the order of the credited fees does not matter here, and what is
    // returned is in address order
    for (Map.Entry<EvmAddress, BigInteger> credited : input.creditedFees().entrySet()) {
      BigInteger amount = credited.getValue();
      List<Contribution> served = byOrchestrator.get(credited.getKey());
      if (amount.signum() <= 0) {
        continue;
      }
      if (served == null) {
        unattributed = unattributed.add(amount);
        continue;
      }
      Map<String, BigInteger> weights =
          weights(served, input.expectedFees().get(credited.getKey()));
      Map<String, BigInteger> parts = apportion(amount, weights);
      perOrchestrator.put(credited.getKey(), Collections.unmodifiableMap(parts));
      totals.put(credited.getKey(), amount);
      parts.forEach((workload, part) -> byWorkload.merge(workload, part, BigInteger::add));
    }
    return new Attribution(
        AddressOrder.sortedCopy(perOrchestrator),
        AddressOrder.sortedCopy(totals),
        Collections.unmodifiableMap(byWorkload),
        unattributed);
  }

  /**
   * The weights of an orchestrator's workloads: expected fees when any is positive, else inference
   * milliseconds when any is positive, else 1 each; by workload name.
   */
  private static Map<String, BigInteger> weights(
      List<Contribution> served, Map<String, BigInteger> expected) {
    Map<String, BigInteger> weights = new TreeMap<>();
    if (expected != null) {
      for (Contribution contribution : served) {
        BigInteger fees = expected.getOrDefault(contribution.workload(), BigInteger.ZERO);
        weights.put(contribution.workload(), fees.max(BigInteger.ZERO));
      }
      if (weights.values().stream().anyMatch(weight -> weight.signum() > 0)) {
        return weights;
      }
    }
    weights.clear();
    for (Contribution contribution : served) {
      weights.put(
          contribution.workload(),
          BigInteger.valueOf(Math.round(contribution.inferenceSeconds() * 1000)));
    }
    if (weights.values().stream().anyMatch(weight -> weight.signum() > 0)) {
      return weights;
    }
    weights.replaceAll((workload, weight) -> BigInteger.ONE);
    return weights;
  }

  /**
   * {@code amount} shared in proportion to {@code weights} (at least one positive): each part the
   * floor of its exact share, the rest to the largest weight (the first by name among equals).
   */
  static Map<String, BigInteger> apportion(BigInteger amount, Map<String, BigInteger> weights) {
    BigInteger total = BigInteger.ZERO;
    String largest = null;
    for (Map.Entry<String, BigInteger> weight : weights.entrySet()) {
      total = total.add(weight.getValue());
      if (largest == null || weight.getValue().compareTo(weights.get(largest)) > 0) {
        largest = weight.getKey();
      }
    }
    Map<String, BigInteger> parts = new TreeMap<>();
    BigInteger given = BigInteger.ZERO;
    for (Map.Entry<String, BigInteger> weight : weights.entrySet()) {
      BigInteger part = amount.multiply(weight.getValue()).divide(total);
      parts.put(weight.getKey(), part);
      given = given.add(part);
    }
    parts.merge(largest, amount.subtract(given), BigInteger::add);
    return parts;
  }
}
