package io.naap.incentives.delegation;

import io.naap.attestations.EvmAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An orchestrator's payout split between it and its delegators: {@code commission + sum of the
 * delegators' amounts == payout}, to the wei.
 *
 * @param orchestrator the orchestrator
 * @param payout what it earned for the epoch
 * @param feeSharePpm the delegators' share it set, in parts per million (0 when no delegation is
 *     known)
 * @param commission what the orchestrator keeps: {@code payout - delegatorsPart} plus the wei the
 *     delegators' floors leave (its self-bond's share is among the delegators)
 * @param delegatorsPart {@code floor(payout x feeSharePpm / 10^6)}, the delegators' part by the fee
 *     share before flooring each delegator's amount (0 when nobody holds stake)
 * @param delegators each stake's share, by delegator address
 * @param basis how the split was made, in words
 */
public record OrchestratorSplit(
    EvmAddress orchestrator,
    BigInteger payout,
    long feeSharePpm,
    BigInteger commission,
    BigInteger delegatorsPart,
    List<DelegatorShare> delegators,
    String basis) {
  public OrchestratorSplit {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(payout, "payout");
    Objects.requireNonNull(commission, "commission");
    Objects.requireNonNull(delegatorsPart, "delegatorsPart");
    Objects.requireNonNull(basis, "basis");
    delegators = List.copyOf(delegators);
    if (payout.signum() < 0 || commission.signum() < 0 || delegatorsPart.signum() < 0) {
      throw new IllegalArgumentException("payout, commission and delegatorsPart must be >= 0");
    }
    BigInteger sum = commission;
    for (DelegatorShare share : delegators) {
      sum = sum.add(share.amount());
    }
    if (!sum.equals(payout)) {
      throw new IllegalArgumentException(
          orchestrator + ": commission and delegators add up to " + sum + ", not " + payout);
    }
  }
}
