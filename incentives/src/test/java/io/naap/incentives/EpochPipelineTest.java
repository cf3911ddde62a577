package io.naap.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.incentives.bench.SyntheticEpoch;
import io.naap.incentives.delegation.DelegatorSplit;
import io.naap.incentives.delegation.OrchestratorSplit;
import io.naap.incentives.distribution.Contribution;
import io.naap.incentives.distribution.Distributor;
import io.naap.incentives.distribution.EpochDistribution;
import io.naap.incentives.distribution.IncentiveRules;
import io.naap.incentives.distribution.Pool;
import io.naap.incentives.distribution.WorkloadAllocation;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.incentives.payout.Claim;
import io.naap.incentives.payout.PayoutTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An epoch through the whole engine, as the oracle runs it: distribute, split with the delegators,
 * sum per account, accumulate onto the previous amounts, build the payout tree. Every wei of the
 * pools ends up in a claimable leaf or is carried; the root does not depend on the input order.
 */
class EpochPipelineTest {
  private static final Distributor DISTRIBUTOR =
      new Distributor(IncentiveRules.v1(), GpuCostTable.defaults());

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyWeiOfThePoolsEndsInALeafOrIsCarried(long seed) {
    SyntheticEpoch epoch = SyntheticEpoch.generate(seed, 200, 5);

    EpochDistribution distribution =
        DISTRIBUTOR.distribute(9, epoch.pools(), epoch.contributions());
    Map<EvmAddress, BigInteger> accounts = accounts(epoch, distribution);
    Map<EvmAddress, BigInteger> cumulative = PayoutTree.accumulate(epoch.previous(), accounts);
    PayoutTree tree = PayoutTree.of(cumulative).orElseThrow();

    BigInteger pools = sum(epoch.pools().stream().map(Pool::amount).toList());
    BigInteger distributed =
        sum(distribution.workloads().stream().map(WorkloadAllocation::distributed).toList());
    assertThat(distributed.add(distribution.carried())).isEqualTo(pools);
    assertThat(sum(distribution.payouts().values())).isEqualTo(distributed);
    assertThat(sum(accounts.values())).isEqualTo(distributed);
    assertThat(tree.total()).isEqualTo(sum(epoch.previous().values()).add(distributed));
    assertThat(distribution.carried()).isZero(); // 200 orchestrators: far more than a 25% cap needs
    for (Map.Entry<EvmAddress, BigInteger> account : cumulative.entrySet()) {
      Claim claim = tree.claim(account.getKey()).orElseThrow();
      assertThat(claim.cumulativeAmount()).isEqualTo(account.getValue());
      assertThat(MerkleTree.verify(tree.root(), claim.leaf().hash(), claim.proof())).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void theRootDoesNotDependOnTheOrderOfTheInputs(long seed) {
    SyntheticEpoch epoch = SyntheticEpoch.generate(seed, 100, 4);
    List<Contribution> contributions = new ArrayList<>(epoch.contributions());
    List<Pool> pools = new ArrayList<>(epoch.pools());
    Collections.shuffle(contributions, new SplittableRandom(seed));
    Collections.shuffle(pools, new SplittableRandom(seed + 1));

    EpochDistribution ordered = DISTRIBUTOR.distribute(9, epoch.pools(), epoch.contributions());
    EpochDistribution shuffled = DISTRIBUTOR.distribute(9, pools, contributions);

    assertThat(shuffled).isEqualTo(ordered);
    assertThat(root(epoch, shuffled)).isEqualTo(root(epoch, ordered));
  }

  private static io.naap.attestations.Bytes32 root(
      SyntheticEpoch epoch, EpochDistribution distribution) {
    return PayoutTree.of(PayoutTree.accumulate(epoch.previous(), accounts(epoch, distribution)))
        .orElseThrow()
        .root();
  }

  private static Map<EvmAddress, BigInteger> accounts(
      SyntheticEpoch epoch, EpochDistribution distribution) {
    List<OrchestratorSplit> splits = new ArrayList<>();
    for (Map.Entry<EvmAddress, BigInteger> payout : distribution.payouts().entrySet()) {
      splits.add(
          DelegatorSplit.split(
              payout.getKey(),
              payout.getValue(),
              Optional.ofNullable(epoch.delegations().get(payout.getKey()))));
    }
    return DelegatorSplit.accounts(splits);
  }

  private static BigInteger sum(java.util.Collection<BigInteger> amounts) {
    return amounts.stream().reduce(BigInteger.ZERO, BigInteger::add);
  }
}
