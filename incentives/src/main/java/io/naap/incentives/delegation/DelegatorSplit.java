package io.naap.incentives.delegation;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.AddressOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Splits an orchestrator's payout with its delegators as the Livepeer protocol splits fees
 * (PROTOCOL.md, "Units and fee flow"): the delegators' part is {@code floor(payout x feeShare /
 * 10^6)}, shared in proportion to stake, each delegator's amount floored; the orchestrator keeps
 * the rest, the wei those floors leave included. The self-bond is a stake like any other, so the
 * orchestrator also earns as its own delegator. Exact: {@code commission + sum of the delegators'
 * amounts == payout}, nothing negative.
 */
public final class DelegatorSplit {
  private static final BigInteger PPM = BigInteger.valueOf(Delegation.PPM);

  private DelegatorSplit() {}

  /**
   * The split of one orchestrator's payout. Without a known delegation, or when no stake is bonded
   * to it, the whole payout goes to the orchestrator (the basis says why).
   *
   * @param payout >= 0
   * @throws IllegalArgumentException when the delegation is another orchestrator's, or the payout
   *     is negative
   */
  public static OrchestratorSplit split(
      EvmAddress orchestrator, BigInteger payout, Optional<Delegation> delegation) {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(payout, "payout");
    Objects.requireNonNull(delegation, "delegation");
    if (payout.signum() < 0) {
      throw new IllegalArgumentException("payout must be >= 0: " + payout);
    }
    if (delegation.isEmpty()) {
      return new OrchestratorSplit(
          orchestrator,
          payout,
          0,
          payout,
          BigInteger.ZERO,
          List.of(),
          "no delegation known: the whole payout goes to the orchestrator");
    }
    Delegation terms = delegation.get();
    if (!terms.orchestrator().equals(orchestrator)) {
      throw new IllegalArgumentException(
          "the delegation of "
              + terms.orchestrator()
              + " cannot split the payout of "
              + orchestrator);
    }
    List<Stake> stakes = AddressOrder.sorted(terms.stakes(), Stake::delegator);
    BigInteger totalStake = BigInteger.ZERO;
    for (Stake stake : stakes) {
      totalStake = totalStake.add(stake.bonded());
    }
    if (totalStake.signum() == 0) {
      List<DelegatorShare> none = new ArrayList<>(stakes.size());
      for (Stake stake : stakes) {
        none.add(new DelegatorShare(stake.delegator(), stake.bonded(), BigInteger.ZERO));
      }
      return new OrchestratorSplit(
          orchestrator,
          payout,
          terms.feeSharePpm(),
          payout,
          BigInteger.ZERO,
          none,
          "no stake bonded to the orchestrator: the whole payout goes to it");
    }
    BigInteger delegatorsPart =
        payout.multiply(BigInteger.valueOf(terms.feeSharePpm())).divide(PPM);
    List<DelegatorShare> shares = new ArrayList<>(stakes.size());
    BigInteger shared = BigInteger.ZERO;
    for (Stake stake : stakes) {
      BigInteger amount = delegatorsPart.multiply(stake.bonded()).divide(totalStake);
      shares.add(new DelegatorShare(stake.delegator(), stake.bonded(), amount));
      shared = shared.add(amount);
    }
    BigInteger leftover = delegatorsPart.subtract(shared);
    String basis =
        "the delegators get "
            + percent(terms.feeSharePpm())
            + " of the payout ("
            + delegatorsPart
            + "), shared in proportion to stake; the orchestrator keeps the rest as commission"
            + (leftover.signum() > 0
                ? ", plus the " + leftover + " left by flooring the delegators' amounts"
                : "");
    return new OrchestratorSplit(
        orchestrator,
        payout,
        terms.feeSharePpm(),
        payout.subtract(shared),
        delegatorsPart,
        shares,
        basis);
  }

  /**
   * What each account receives from these splits: an orchestrator its commission, a delegator its
   * amounts, summed for an account that is both or that delegates to several orchestrators. Every
   * account with a positive amount, in ascending address order (unmodifiable).
   *
   * @throws IllegalArgumentException when two splits are of the same orchestrator
   */
  public static Map<EvmAddress, BigInteger> accounts(List<OrchestratorSplit> splits) {
    Set<EvmAddress> orchestrators = HashSet.newHashSet(splits.size());
    Map<EvmAddress, BigInteger> sums = HashMap.newHashMap(splits.size() * 4);
    for (OrchestratorSplit split : splits) {
      if (!orchestrators.add(split.orchestrator())) {
        throw new IllegalArgumentException("two splits of the payout of " + split.orchestrator());
      }
      add(sums, split.orchestrator(), split.commission());
      for (DelegatorShare share : split.delegators()) {
        add(sums, share.delegator(), share.amount());
      }
    }
    return AddressOrder.sortedCopy(sums);
  }

  private static void add(Map<EvmAddress, BigInteger> sums, EvmAddress account, BigInteger amount) {
    if (amount.signum() > 0) {
      sums.merge(account, amount, BigInteger::add);
    }
  }

  private static String percent(long ppm) {
    return BigDecimal.valueOf(ppm).movePointLeft(4).stripTrailingZeros().toPlainString() + "%";
  }
}
