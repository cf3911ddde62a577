package io.naap.incentives.delegation;

import io.naap.attestations.EvmAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Stake bonded to an orchestrator. The orchestrator's own self-bond is a stake whose delegator is
 * the orchestrator: it earns the delegators' share like any other.
 *
 * @param delegator who bonded it
 * @param bonded the bonded amount (LPT's smallest unit), >= 0
 */
public record Stake(EvmAddress delegator, BigInteger bonded) {
  public Stake {
    Objects.requireNonNull(delegator, "delegator");
    Objects.requireNonNull(bonded, "bonded");
    if (bonded.signum() < 0) {
      throw new IllegalArgumentException("bonded stake must be >= 0: " + bonded);
    }
  }
}
