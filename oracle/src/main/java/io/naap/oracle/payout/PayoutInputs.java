package io.naap.oracle.payout;

import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreLeaf;
import io.naap.incentives.delegation.Delegation;
import io.naap.incentives.delegation.Stake;
import io.naap.incentives.distribution.Contribution;
import io.naap.incentives.epoch.EpochInput;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.workload.GpuClass;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.IncentiveInputs;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.PoolRow;
import io.naap.storage.incentives.StoredDistribution;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.protocol.ProtocolState;
import io.naap.storage.protocol.ProtocolStateStore;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an epoch's {@link EpochInput} from storage: the epoch's published scores with their KPIs,
 * the pools funded on the distributor, the fees credited and the delegators' stakes from the
 * protocol mirror as of one block, and what the previous epoch left.
 */
public final class PayoutInputs {
  private final IncentiveInputs mirror;
  private final ProtocolStateStore protocol;
  private final IncentiveStore store;
  private final WorkloadCatalogue catalogue;

  public PayoutInputs(
      IncentiveInputs mirror,
      ProtocolStateStore protocol,
      IncentiveStore store,
      WorkloadCatalogue catalogue) {
    this.mirror = Objects.requireNonNull(mirror, "mirror");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.store = Objects.requireNonNull(store, "store");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  /** The block the mirror of the distributor's chain is complete through, if it holds any. */
  public OptionalLong asOf() {
    return protocol.asOf(store.distributor().chainId());
  }

  /**
   * @param leaves the epoch's published scores (none when it has none)
   * @param previous the previous epoch's distribution (empty for the distributor's first)
   */
  public EpochInput epoch(
      long epoch,
      Instant start,
      Instant end,
      long stakeBlock,
      List<StoredScore> leaves,
      Optional<StoredDistribution> previous) {
    long chainId = store.distributor().chainId();
    Set<String> workloads = new LinkedHashSet<>();
    for (WorkloadTarget target : catalogue.targets()) {
      workloads.add(target.model());
    }
    List<Contribution> contributions = new ArrayList<>(leaves.size());
    Map<EvmAddress, Map<String, BigInteger>> expectedFees = new HashMap<>();
    Set<EthereumAddress> orchestrators = new LinkedHashSet<>();
    for (StoredScore leaf : leaves) {
      KpiAggregate kpis = KpiAggregate.fromBytes(leaf.kpis());
      EvmAddress orchestrator = EvmAddress.of(leaf.orchestrator().bytes());
      workloads.add(leaf.workload());
      orchestrators.add(leaf.orchestrator());
      contributions.add(
          new Contribution(
              leaf.workload(),
              orchestrator,
              leaf.scoreBps(),
              leaf.minScoreBps(),
              kpis.inferenceSeconds(),
              kpis.sessions(),
              kpis.swaps(),
              GpuClass.of(leaf.gpu())));
      expectedFees
          .computeIfAbsent(orchestrator, key -> new HashMap<>())
          .put(leaf.workload(), kpis.expectedFeesWei().toBigInteger());
    }

    Map<String, String> byId = new HashMap<>();
    for (String workload : workloads) {
      byId.put(ScoreLeaf.workloadId(workload).hex(), workload);
    }
    Map<String, BigInteger> fundedThrough = new TreeMap<>();
    Map<String, BigInteger> unknownFunding = new TreeMap<>();
    mirror
        .fundedThrough(chainId, store.distributor().address(), epoch, stakeBlock)
        .forEach(
            (id, amount) -> {
              String workload = byId.get(id);
              if (workload == null) {
                unknownFunding.put(id, amount);
              } else {
                fundedThrough.put(workload, amount);
              }
            });

    Map<String, EpochInput.PreviousPool> previousPools = new HashMap<>();
    if (previous.isPresent()) {
      for (PoolRow pool : store.pools(previous.get().epoch())) {
        previousPools.put(
            pool.workload(), new EpochInput.PreviousPool(pool.fundedThrough(), pool.carriedOut()));
      }
    }

    Map<EvmAddress, BigInteger> credited = new HashMap<>();
    mirror
        .creditedFees(chainId, start, end, stakeBlock)
        .forEach((recipient, amount) -> credited.put(EvmAddress.of(recipient.bytes()), amount));

    Map<EvmAddress, Delegation> delegations = delegations(chainId, stakeBlock, orchestrators);

    Map<EvmAddress, BigInteger> previousCumulative = new HashMap<>();
    if (previous.isPresent()) {
      store
          .cumulativeAt(previous.get().epoch())
          .forEach(
              (account, amount) -> previousCumulative.put(EvmAddress.of(account.bytes()), amount));
    }
    return new EpochInput(
        epoch,
        List.copyOf(workloads),
        contributions,
        expectedFees,
        fundedThrough,
        unknownFunding,
        previousPools,
        credited,
        delegations,
        previousCumulative);
  }

  private Map<EvmAddress, Delegation> delegations(
      long chainId, long stakeBlock, Set<EthereumAddress> orchestrators) {
    if (orchestrators.isEmpty()) {
      return Map.of();
    }
    Map<EthereumAddress, Long> feeShares = new HashMap<>();
    for (ProtocolState.Orchestrator known : protocol.orchestrators(chainId, stakeBlock)) {
      if (orchestrators.contains(known.address()) && known.feeShare().isPresent()) {
        feeShares.put(known.address(), known.feeShare().get().longValueExact());
      }
    }
    Map<EthereumAddress, List<Stake>> stakes = new HashMap<>();
    for (IncentiveInputs.Bond bond : mirror.bondsTo(chainId, stakeBlock, feeShares.keySet())) {
      stakes
          .computeIfAbsent(bond.delegate(), key -> new ArrayList<>())
          .add(new Stake(EvmAddress.of(bond.delegator().bytes()), bond.bonded()));
    }
    Map<EvmAddress, Delegation> delegations = new HashMap<>();
    feeShares.forEach(
        (orchestrator, feeShare) ->
            delegations.put(
                EvmAddress.of(orchestrator.bytes()),
                new Delegation(
                    EvmAddress.of(orchestrator.bytes()),
                    feeShare,
                    stakes.getOrDefault(orchestrator, List.of()))));
    return delegations;
  }
}
