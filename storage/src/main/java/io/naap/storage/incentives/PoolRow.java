package io.naap.storage.incentives;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A workload's bonus pool in an epoch, and the fees credited on chain attributed to it.
 *
 * @param fundedThrough everything funded on the distributor for this workload's epochs up to this
 *     one, as mirrored when the distribution was built
 * @param funded what was new in {@code fundedThrough} since the previous distribution
 * @param carriedIn what the previous epoch could not distribute
 * @param distributed paid to orchestrators this epoch
 * @param carriedOut left for the next epoch: {@code funded + carriedIn - distributed}
 */
public record PoolRow(
    String workload,
    BigInteger fundedThrough,
    BigInteger funded,
    BigInteger carriedIn,
    BigInteger distributed,
    BigInteger carriedOut,
    BigInteger feesCredited) {
  public PoolRow {
    Objects.requireNonNull(workload, "workload");
    for (BigInteger amount :
        new BigInteger[] {
          fundedThrough, funded, carriedIn, distributed, carriedOut, feesCredited
        }) {
      if (Objects.requireNonNull(amount, "amount").signum() < 0) {
        throw new IllegalArgumentException("pool amounts are >= 0");
      }
    }
    if (!funded.add(carriedIn).equals(distributed.add(carriedOut))) {
      throw new IllegalArgumentException(
          "a pool is conserved: funded + carried in = distributed + carried out");
    }
  }
}
