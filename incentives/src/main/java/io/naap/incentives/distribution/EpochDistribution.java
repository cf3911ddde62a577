package io.naap.incentives.distribution;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.AddressOrder;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How every workload's pool was shared for one epoch, by one version of the rules.
 *
 * @param epoch the epoch
 * @param rulesVersion the {@link IncentiveRules#version()} it was computed with
 * @param workloads one per workload with a pool or a contribution, by workload id
 */
public record EpochDistribution(
    long epoch, String rulesVersion, List<WorkloadAllocation> workloads) {
  public EpochDistribution {
    Objects.requireNonNull(rulesVersion, "rulesVersion");
    workloads = List.copyOf(workloads);
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
    }
  }

  /**
   * What each orchestrator gets from all workloads together: every orchestrator with a positive
   * amount, in ascending address order (unmodifiable).
   */
  public Map<EvmAddress, BigInteger> payouts() {
    Map<EvmAddress, BigInteger> sums = new HashMap<>();
    for (WorkloadAllocation workload : workloads) {
      for (Share share : workload.shares()) {
        if (share.amount().signum() > 0) {
          sums.merge(share.orchestrator(), share.amount(), BigInteger::add);
        }
      }
    }
    return AddressOrder.sortedCopy(sums);
  }

  /** What all workloads carry to the next epoch, together. */
  public BigInteger carried() {
    BigInteger carried = BigInteger.ZERO;
    for (WorkloadAllocation workload : workloads) {
      carried = carried.add(workload.carried());
    }
    return carried;
  }
}
