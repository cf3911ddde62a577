package io.naap.incentives.delegation;

import io.naap.attestations.EvmAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What one delegator gets of its orchestrator's payout.
 *
 * @param delegator the delegator (the orchestrator itself for its self-bond)
 * @param stake its bonded stake
 * @param amount {@code floor(delegatorsPart x stake / total stake)}, >= 0
 */
public record DelegatorShare(EvmAddress delegator, BigInteger stake, BigInteger amount) {
  public DelegatorShare {
    Objects.requireNonNull(delegator, "delegator");
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(amount, "amount");
    if (stake.signum() < 0 || amount.signum() < 0) {
      throw new IllegalArgumentException("stake and amount must be >= 0");
    }
  }
}
