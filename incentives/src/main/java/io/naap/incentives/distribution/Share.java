package io.naap.incentives.distribution;

import io.naap.attestations.EvmAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What one orchestrator gets from one workload's pool for an epoch, and why.
 *
 * @param orchestrator who gets it
 * @param amount the amount, >= 0
 * @param explanation how it was computed
 */
public record Share(EvmAddress orchestrator, BigInteger amount, Explanation explanation) {
  public Share {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(explanation, "explanation");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("a share must be >= 0: " + amount);
    }
  }
}
