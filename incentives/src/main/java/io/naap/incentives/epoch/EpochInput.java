package io.naap.incentives.epoch;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.delegation.Delegation;
import io.naap.incentives.distribution.Contribution;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an epoch's payouts are computed from, as read from the published scores and the
 * protocol mirror; {@link EpochPayouts} does the rest without any other input.
 *
 * @param workloads the workloads that have a pool this epoch (naap's catalogue and any scored)
 * @param contributions the published scores of the epoch with what each orchestrator delivered
 * @param expectedFees per orchestrator and workload, the fees its payments in the telemetry were
 *     expected to bring (wei): how its credited fees are attributed to workloads
 * @param fundedThrough per workload, everything funded on the distributor for its epochs up to this
 *     one (wei)
 * @param unknownFunding the same for workload ids naap does not know (0x hex id to wei): stays in
 *     the contract, reported
 * @param previousPools per workload, what the previous epoch's distribution left
 * @param creditedFees the fees the protocol credited in the epoch, by recipient (wei)
 * @param delegations each orchestrator's fee share and delegators' stakes, where the mirror knows
 *     them
 * @param previousCumulative every account's cumulative bonus after the previous epoch
 */
public record EpochInput(
    long epoch,
    List<String> workloads,
    List<Contribution> contributions,
    Map<EvmAddress, Map<String, BigInteger>> expectedFees,
    Map<String, BigInteger> fundedThrough,
    Map<String, BigInteger> unknownFunding,
    Map<String, PreviousPool> previousPools,
    Map<EvmAddress, BigInteger> creditedFees,
    Map<EvmAddress, Delegation> delegations,
    Map<EvmAddress, BigInteger> previousCumulative) {
  public EpochInput {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1: " + epoch);
    }
    workloads = List.copyOf(workloads);
    contributions = List.copyOf(contributions);
    expectedFees = Map.copyOf(expectedFees);
    fundedThrough = Map.copyOf(fundedThrough);
    unknownFunding = Map.copyOf(unknownFunding);
    previousPools = Map.copyOf(previousPools);
    creditedFees = Map.copyOf(creditedFees);
    delegations = Map.copyOf(delegations);
    previousCumulative = Map.copyOf(previousCumulative);
  }

  /**
   * What a workload's pool was left with after the previous epoch.
   *
   * @param fundedThrough what was counted as funded through the previous epoch
   * @param carriedOut what it could not distribute
   */
  public record PreviousPool(BigInteger fundedThrough, BigInteger carriedOut) {
    public PreviousPool {
      Objects.requireNonNull(fundedThrough, "fundedThrough");
      Objects.requireNonNull(carriedOut, "carriedOut");
    }
  }
}
