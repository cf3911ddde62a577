package io.naap.incentives.epoch;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A workload's bonus pool in an epoch: {@code funded + carriedIn = distributed + carriedOut}, to
 * the wei; and the fees credited on chain that were attributed to the workload.
 *
 * @param fundedThrough everything funded for the workload's epochs up to this one
 * @param funded what is new in {@code fundedThrough} since the previous epoch
 * @param carriedIn what the previous epoch could not distribute
 */
public record PoolOutcome(
    String workload,
    BigInteger fundedThrough,
    BigInteger funded,
    BigInteger carriedIn,
    BigInteger distributed,
    BigInteger carriedOut,
    BigInteger feesCredited) {
  public PoolOutcome {
    Objects.requireNonNull(workload, "workload");
    if (!funded.add(carriedIn).equals(distributed.add(carriedOut))) {
      throw new IllegalArgumentException("the pool of " + workload + " is not conserved");
    }
  }

  /** What the pool held to distribute: {@code funded + carriedIn}. */
  public BigInteger amount() {
    return funded.add(carriedIn);
  }
}
