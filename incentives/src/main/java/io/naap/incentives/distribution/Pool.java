package io.naap.incentives.distribution;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The fees to share among a workload's orchestrators for one epoch, in the distributor's asset (wei
 * for ETH): the fees the workload's gateways paid, plus what the workload carried from earlier
 * epochs.
 *
 * @param workload the workload (model id), as the contributions name it
 * @param amount a uint256, >= 0
 */
public record Pool(String workload, BigInteger amount) {
  public Pool {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(amount, "amount");
    if (workload.isBlank()) {
      throw new IllegalArgumentException("workload must not be blank");
    }
    if (amount.signum() < 0 || amount.bitLength() > 256) {
      throw new IllegalArgumentException(
          "the pool of " + workload + " must be a uint256: " + amount);
    }
  }
}
