package io.naap.incentives.distribution;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * How one workload's pool was shared for an epoch: {@code pool == distributed + carried}, to the
 * wei.
 *
 * @param workload the workload (model id)
 * @param pool the pool; 0 for a workload that had contributions and no pool
 * @param distributed the sum of the shares
 * @param carried what nobody could be paid (nobody qualified, every weight was 0, or too few
 *     qualified to pay it all under the cap): not lost, the caller adds it to the workload's pool
 *     of the next epoch
 * @param shares one per contributing orchestrator, qualifying or not, in ascending address order
 */
public record WorkloadAllocation(
    String workload,
    BigInteger pool,
    BigInteger distributed,
    BigInteger carried,
    List<Share> shares) {
  public WorkloadAllocation {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(distributed, "distributed");
    Objects.requireNonNull(carried, "carried");
    shares = List.copyOf(shares);
    if (distributed.signum() < 0 || carried.signum() < 0) {
      throw new IllegalArgumentException("distributed and carried must be >= 0");
    }
    if (!pool.equals(distributed.add(carried))) {
      throw new IllegalArgumentException(
          workload + ": pool " + pool + " != distributed " + distributed + " + carried " + carried);
    }
    BigInteger sum = BigInteger.ZERO;
    for (Share share : shares) {
      sum = sum.add(share.amount());
    }
    if (!sum.equals(distributed)) {
      throw new IllegalArgumentException(
          workload + ": the shares add up to " + sum + ", not to distributed " + distributed);
    }
  }
}
