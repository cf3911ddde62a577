package io.naap.incentives.delegation;

import io.naap.attestations.EvmAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An orchestrator's terms and the stake bonded to it, as the Livepeer BondingManager holds them for
 * the round the epoch's fees are shared in.
 *
 * @param orchestrator the orchestrator (transcoder)
 * @param feeSharePpm the DELEGATORS' share of fees, in parts per million (0 to 1,000,000): the
 *     orchestrator keeps the rest as its commission (PROTOCOL.md, "Units and fee flow")
 * @param stakes the stakes bonded to it, at most one per delegator, the self-bond included
 */
public record Delegation(EvmAddress orchestrator, long feeSharePpm, List<Stake> stakes) {
  /** Parts per million in a whole. */
  public static final long PPM = 1_000_000;

  public Delegation {
    Objects.requireNonNull(orchestrator, "orchestrator");
    stakes = List.copyOf(stakes);
    if (feeSharePpm < 0 || feeSharePpm > PPM) {
      throw new IllegalArgumentException("feeSharePpm must be 0 to " + PPM + ": " + feeSharePpm);
    }
    Set<EvmAddress> delegators = HashSet.newHashSet(stakes.size());
    for (Stake stake : stakes) {
      if (!delegators.add(stake.delegator())) {
        throw new IllegalArgumentException(
            "delegator " + stake.delegator() + " has two stakes with orchestrator " + orchestrator);
      }
    }
  }
}
