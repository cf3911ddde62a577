package io.naap.incentives.bench;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.incentives.delegation.DelegatorSplit;
import io.naap.incentives.delegation.OrchestratorSplit;
import io.naap.incentives.distribution.Contribution;
import io.naap.incentives.distribution.Distributor;
import io.naap.incentives.distribution.EpochDistribution;
import io.naap.incentives.distribution.IncentiveRules;
import io.naap.incentives.distribution.Pool;
import io.naap.incentives.epoch.EpochInput;
import io.naap.incentives.epoch.EpochPayouts;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.incentives.payout.Claim;
import io.naap.incentives.payout.PayoutTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An epoch of 10,000 orchestrators x 20 workloads (200,000 contributions, a delegation of 1 to 10
 * stakes each): distributed, split with the delegators, summed per account, accumulated onto the
 * previous cumulative amounts, the payout tree built and one claim proven. The goal: under 1 s. The
 * baseline, measured in the same run, is the floor of any payout tree over as many accounts: their
 * leaves hashed and the Merkle tree built. Read the result as a ratio to it.
 *
 * <p>Average time per epoch over 2-second iterations after warm-up: the oracle is a long-lived
 * process computing an epoch after another, so its steady state is what matters (a cold first epoch
 * in a fresh JVM is measured separately with {@code -bm ss}).
 *
 * <p>Run: {@code scripts/jmh.sh incentives DistributionBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DistributionBenchmark {
  private static final int ORCHESTRATORS = 10_000;
  private static final int WORKLOADS = 20;
  private static final long SEED = 20_261_129L;

  /** The epoch's inputs; nothing of the engine has run when a benchmark starts. */
  @State(Scope.Benchmark)
  public static class Inputs {
    SyntheticEpoch epoch;
    Distributor distributor;

    @Setup
    public void setUp() {
      epoch = SyntheticEpoch.generate(SEED, ORCHESTRATORS, WORKLOADS);
      distributor = new Distributor(IncentiveRules.v1(), GpuCostTable.defaults());
    }
  }

  /** The leaves of the epoch's payout tree, for the baseline (the engine runs once to get them). */
  @State(Scope.Benchmark)
  public static class Leaves {
    List<PayoutLeaf> leaves;

    @Setup
    public void setUp(Inputs inputs) {
      leaves = payoutTree(inputs).leaves();
    }
  }

  /** The whole epoch, from contributions to a claim (of the account in the middle). */
  @Benchmark
  public Claim epoch(Inputs inputs) {
    PayoutTree tree = payoutTree(inputs);
    return tree.claim(tree.leaves().get(tree.leafCount() / 2).account()).orElseThrow();
  }

  /**
   * What the payout service runs per epoch ({@link EpochPayouts}): the above, plus the credited
   * fees of every orchestrator attributed to its workloads and distributed by the same rules (a
   * second distribution), their split, and the canonical distribution document with every share's
   * explanation, hashed.
   */
  @Benchmark
  public Bytes32 epochPayouts(EpochInputs inputs) {
    return inputs.engine.compute(inputs.input).dataHash();
  }

  /**
   * The epoch as the payout service reads it: pools funded, fees credited to every orchestrator.
   */
  @State(Scope.Benchmark)
  public static class EpochInputs {
    EpochPayouts engine;
    EpochInput input;

    @Setup
    public void setUp(Inputs inputs) {
      SyntheticEpoch epoch = inputs.epoch;
      engine = new EpochPayouts(inputs.distributor);
      Map<String, BigInteger> funded = new HashMap<>();
      List<String> workloads = new ArrayList<>();
      for (Pool pool : epoch.pools()) {
        funded.put(pool.workload(), pool.amount());
        workloads.add(pool.workload());
      }
      Map<EvmAddress, BigInteger> credited = new HashMap<>();
      Map<EvmAddress, Map<String, BigInteger>> expected = new HashMap<>();
      for (Contribution contribution : epoch.contributions()) {
        credited.putIfAbsent(contribution.orchestrator(), BigInteger.TEN.pow(15));
        expected
            .computeIfAbsent(contribution.orchestrator(), key -> new HashMap<>())
            .put(
                contribution.workload(),
                BigInteger.valueOf(Math.round(contribution.inferenceSeconds() * 1e9)));
      }
      input =
          new EpochInput(
              7,
              workloads,
              epoch.contributions(),
              expected,
              funded,
              Map.of(),
              Map.of(),
              credited,
              epoch.delegations(),
              epoch.previous());
    }
  }

  /** The floor: as many payout leaves hashed and the Merkle tree over them built. */
  @Benchmark
  public Bytes32 baselineLeavesAndTree(Leaves leaves) {
    List<Bytes32> hashes = new ArrayList<>(leaves.leaves.size());
    for (PayoutLeaf leaf : leaves.leaves) {
      hashes.add(leaf.hash());
    }
    return MerkleTree.of(hashes).root();
  }

  private static PayoutTree payoutTree(Inputs inputs) {
    SyntheticEpoch epoch = inputs.epoch;
    EpochDistribution distribution =
        inputs.distributor.distribute(7, epoch.pools(), epoch.contributions());
    Map<EvmAddress, BigInteger> payouts = distribution.payouts();
    List<OrchestratorSplit> splits = new ArrayList<>(payouts.size());
    for (Map.Entry<EvmAddress, BigInteger> payout : payouts.entrySet()) {
      splits.add(
          DelegatorSplit.split(
              payout.getKey(),
              payout.getValue(),
              Optional.ofNullable(epoch.delegations().get(payout.getKey()))));
    }
    Map<EvmAddress, BigInteger> cumulative =
        PayoutTree.accumulate(epoch.previous(), DelegatorSplit.accounts(splits));
    return PayoutTree.of(cumulative).orElseThrow();
  }
}
