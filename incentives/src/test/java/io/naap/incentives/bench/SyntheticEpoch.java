package io.naap.incentives.bench;

import io.naap.attestations.EvmAddress;
import io.naap.incentives.delegation.Delegation;
import io.naap.incentives.delegation.Stake;
import io.naap.incentives.distribution.Contribution;
import io.naap.incentives.distribution.Pool;
import io.naap.incentives.gpu.GpuCost;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.sla.workload.GpuClass;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A synthetic epoch of a network, from a seed: pools of 10^18 to 10^21 wei per workload, every
 * orchestrator serving every workload with scores spread around the minimum of 6,000, minutes,
 * sessions and swaps of a busy network, a GPU from the cost table (one in ten unknown), a
 * delegation of 1 to 10 stakes (the self-bond first) drawn from a shared population of delegators,
 * and the cumulative amounts of earlier epochs.
 *
 * @param pools one per workload
 * @param contributions one per (workload, orchestrator)
 * @param delegations one per orchestrator
 * @param previous the cumulative amounts before this epoch, of every orchestrator and delegator
 */
public record SyntheticEpoch(
    List<Pool> pools,
    List<Contribution> contributions,
    Map<EvmAddress, Delegation> delegations,
    Map<EvmAddress, BigInteger> previous) {
  static final int MIN_SCORE_BPS = 6_000;

  /** The epoch of {@code orchestrators x workloads} contributions drawn from {@code seed}. */
  public static SyntheticEpoch generate(long seed, int orchestrators, int workloads) {
    RandomGenerator random = new SplittableRandom(seed);
    List<GpuClass> gpus = new ArrayList<>();
    for (GpuCost entry : GpuCostTable.defaults().entries()) {
      gpus.add(entry.gpu());
    }

    List<Pool> pools = new ArrayList<>(workloads);
    for (int w = 0; w < workloads; w++) {
      // 10^18 .. 10^21 wei, log-uniform
      BigInteger amount =
          BigInteger.TEN
              .pow(18)
              .multiply(BigInteger.valueOf((long) Math.pow(10, 3 * random.nextDouble() + 3)))
              .divide(BigInteger.valueOf(1_000));
      pools.add(new Pool(workload(w), amount));
    }

    List<EvmAddress> delegators = new ArrayList<>();
    for (int d = 0; d < orchestrators * 3; d++) {
      delegators.add(address(random));
    }
    List<Contribution> contributions = new ArrayList<>(orchestrators * workloads);
    Map<EvmAddress, Delegation> delegations = HashMap.newHashMap(orchestrators);
    Map<EvmAddress, BigInteger> previous = new HashMap<>();
    for (int o = 0; o < orchestrators; o++) {
      EvmAddress orchestrator = address(random);
      GpuClass gpu =
          random.nextInt(10) == 0 ? GpuClass.UNKNOWN : gpus.get(random.nextInt(gpus.size()));
      double busy = 0.2 + random.nextDouble(); // how much work this orchestrator gets
      for (int w = 0; w < workloads; w++) {
        int score = (int) Math.round(random.nextGaussian(MIN_SCORE_BPS + 800, 1_500));
        long sessions = (long) (busy * random.nextInt(0, 40));
        long swaps = random.nextInt(20) == 0 ? random.nextLong(0, sessions + 1) : 0;
        double seconds = sessions * random.nextExponential() * 600;
        contributions.add(
            new Contribution(
                workload(w),
                orchestrator,
                Math.clamp(score, 0, Contribution.MAX_BPS),
                MIN_SCORE_BPS,
                seconds,
                sessions,
                swaps,
                gpu));
      }
      List<Stake> stakes = new ArrayList<>();
      stakes.add(new Stake(orchestrator, lpt(random, 1_000, 100_000)));
      Set<EvmAddress> chosen = new HashSet<>();
      int count = random.nextInt(0, 10);
      while (chosen.size() < count) {
        chosen.add(delegators.get(random.nextInt(delegators.size())));
      }
      for (EvmAddress delegator : chosen) {
        stakes.add(new Stake(delegator, lpt(random, 1, 50_000)));
        previous.putIfAbsent(delegator, lpt(random, 0, 10));
      }
      delegations.put(
          orchestrator, new Delegation(orchestrator, random.nextLong(0, 1_000_001), stakes));
      previous.put(orchestrator, lpt(random, 0, 100));
    }
    return new SyntheticEpoch(pools, contributions, delegations, previous);
  }

  /** The name of workload {@code index}. */
  static String workload(int index) {
    return "workload-" + index;
  }

  private static EvmAddress address(RandomGenerator random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return EvmAddress.of(bytes);
  }

  /** Between {@code low} and {@code high} whole tokens of 10^18 units, with random units. */
  private static BigInteger lpt(RandomGenerator random, long low, long high) {
    return BigInteger.valueOf(random.nextLong(low, high + 1))
        .multiply(BigInteger.TEN.pow(18))
        .add(BigInteger.valueOf(random.nextLong(0, 1_000_000_000_000_000_000L)));
  }
}
