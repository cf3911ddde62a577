package io.naap.oracle.payout;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.delegation.DelegatorShare;
import io.naap.incentives.delegation.OrchestratorSplit;
import io.naap.incentives.distribution.Share;
import io.naap.incentives.distribution.WorkloadAllocation;
import io.naap.incentives.epoch.DistributionDocument;
import io.naap.incentives.epoch.EpochPayout;
import io.naap.incentives.epoch.PoolOutcome;
import io.naap.oracle.EpochSchedule;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributionStatus;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.PoolRow;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import io.naap.storage.incentives.StoredDistribution;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** An epoch's payouts as the rows {@link IncentiveStore} keeps. */
final class PayoutRows {
  private PayoutRows() {}

  static IncentiveStore.Built of(
      EpochPayout payout,
      EpochSchedule schedule,
      EthereumAddress oracle,
      long stakeBlock,
      Clock clock) {
    long epoch = payout.epoch();
    List<PoolRow> pools = new ArrayList<>();
    for (PoolOutcome pool : payout.pools()) {
      pools.add(
          new PoolRow(
              pool.workload(),
              pool.fundedThrough(),
              pool.funded(),
              pool.carriedIn(),
              pool.distributed(),
              pool.carriedOut(),
              pool.feesCredited()));
    }
    List<ShareRow> shares = new ArrayList<>();
    List<WorkloadAllocation> bonus = payout.bonus().workloads();
    List<WorkloadAllocation> fair = payout.fairFees().workloads();
    for (int w = 0; w < bonus.size(); w++) {
      WorkloadAllocation allocation = bonus.get(w);
      for (int s = 0; s < allocation.shares().size(); s++) {
        Share share = allocation.shares().get(s);
        shares.add(
            new ShareRow(
                epoch,
                allocation.workload(),
                stored(share.orchestrator()),
                share.amount(),
                fair.get(w).shares().get(s).amount(),
                payout.attributed(share.orchestrator(), allocation.workload()),
                share.explanation().qualifies(),
                DistributionDocument.explanationJson(share.explanation())));
      }
    }
    List<SplitRow> splits = new ArrayList<>();
    addSplits(splits, epoch, SplitRow.Kind.BONUS, payout.bonusSplits());
    addSplits(splits, epoch, SplitRow.Kind.FEES, payout.feeSplits());
    Map<EthereumAddress, BigInteger> changed = new TreeMap<>();
    payout.changed().forEach((account, amount) -> changed.put(stored(account), amount));
    boolean unchanged = payout.changed().isEmpty();
    StoredDistribution distribution =
        new StoredDistribution(
            epoch,
            schedule.start(epoch),
            schedule.end(epoch),
            payout.rulesVersion(),
            oracle,
            stakeBlock,
            payout.tree().map(tree -> tree.root().bytes()),
            payout.tree().map(tree -> tree.total()).orElse(BigInteger.ZERO),
            payout.tree().map(tree -> tree.leafCount()).orElse(0),
            payout.unattributedFees(),
            payout.dataHash().bytes(),
            clock.instant(),
            unchanged ? DistributionStatus.UNCHANGED : DistributionStatus.BUILT,
            unchanged
                ? Optional.of(
                    payout.tree().isPresent()
                        ? "no account's cumulative amount changed: the published root stands"
                        : "nobody has a payout yet")
                : Optional.empty(),
            OptionalLong.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new IncentiveStore.Built(
        distribution, payout.document(), pools, shares, splits, changed);
  }

  private static void addSplits(
      List<SplitRow> rows, long epoch, SplitRow.Kind kind, List<OrchestratorSplit> splits) {
    for (OrchestratorSplit split : splits) {
      EthereumAddress orchestrator = stored(split.orchestrator());
      OptionalLong feeShare = OptionalLong.of(split.feeSharePpm());
      rows.add(
          new SplitRow(
              epoch,
              kind,
              orchestrator,
              orchestrator,
              SplitRow.Role.ORCHESTRATOR,
              split.commission(),
              Optional.empty(),
              feeShare));
      for (DelegatorShare delegator : split.delegators()) {
        rows.add(
            new SplitRow(
                epoch,
                kind,
                orchestrator,
                stored(delegator.delegator()),
                SplitRow.Role.DELEGATOR,
                delegator.amount(),
                Optional.of(delegator.stake()),
                feeShare));
      }
    }
  }

  private static EthereumAddress stored(EvmAddress address) {
    return new EthereumAddress(address.bytes());
  }
}
