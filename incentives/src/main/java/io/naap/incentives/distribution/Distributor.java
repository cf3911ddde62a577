package io.naap.incentives.distribution;

import io.naap.incentives.AddressOrder;
import io.naap.incentives.gpu.GpuCostTable;
import io.naap.sla.workload.GpuClass;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Shares each workload's pool among the orchestrators that served it, by the SLA they delivered.
 * Pure and deterministic: the same pools and contributions, in any order, give the same result to
 * the wei, on any JVM.
 *
 * <p>The rule, per workload (the factors' parameters are the {@link IncentiveRules}):
 *
 * <ol>
 *   <li><b>Qualification</b>: an orchestrator qualifies iff {@code scoreBps >= minScoreBps}. One
 *       that does not gets exactly 0 (weight 0) and takes no part in the shares below.
 *   <li><b>Volume</b>, among the qualifying: {@code minutesShare = seconds / sum seconds} and
 *       {@code selectionShare = sessions / sum sessions} (0 when the sum is 0); {@code volume =
 *       minutesWeight x minutesShare + (1 - minutesWeight) x selectionShare}. Minutes are the work
 *       done; sessions won reward being selected, which a short session undersells.
 *   <li><b>SLA factor</b> {@code (scoreBps / 10000)^slaExponent}, monotone in the score: better
 *       service earns more for the same volume, beyond merely qualifying.
 *   <li><b>Swap factor</b> {@code 1 - swapPenalty x swapRate}, {@code swapRate = min(1, swaps /
 *       max(sessions, 1))}: a session swapped away was a service the gateway had to repair.
 *   <li><b>Cost factor</b> {@code hourlyCostUsd(gpu)^costExponent} from the {@link GpuCostTable} at
 *       the rules' energy price: dearer hardware is paid more per SLA-minute (0: every GPU alike,
 *       1: in proportion to its cost); only ratios matter inside a pool.
 *   <li><b>Weight</b> {@code volume x slaFactor x swapFactor x costFactor}, in IEEE doubles with
 *       {@link StrictMath}, the sums taken in address order.
 *   <li><b>Exact money</b>: the weights are turned into integers in exactly their ratios (every
 *       double is an integer times a power of two), and from here everything is integer arithmetic
 *       on wei.
 *   <li><b>Cap</b>: nobody gets more than {@code capAmount = ceil(pool x capPpm / 10^6)}. In order
 *       of weight descending (ties: address ascending), while the next one's proportional share of
 *       what remains ({@code remaining x q / sum q of the uncapped}) exceeds {@code capAmount}, it
 *       gets {@code capAmount} and leaves the set; the others get {@code floor(remaining x q / sum
 *       q)}.
 *   <li><b>Remainder</b>: the wei left by those floors go one each to the uncapped positive
 *       weights, in weight descending order (ties: address ascending), skipping any already at
 *       {@code capAmount}. Then {@code pool == sum of the amounts + carried}, exactly.
 *   <li><b>Carried</b>: when nobody qualifies, every qualifying weight is 0, or everyone with a
 *       positive weight is capped (fewer than {@code 10^6 / capPpm} of them), what is left is
 *       carried: the caller adds it to the workload's pool of the next epoch.
 * </ol>
 *
 * <p>Guarantees (property tests): conservation to the wei; no negative amount; 0 for whoever does
 * not qualify; no amount above {@code capAmount}; nothing carried when at least {@code ceil(10^6 /
 * capPpm)} orchestrators have a positive weight; independence of the input order; and monotonicity:
 * raising one orchestrator's score, all else equal, never lowers its amount. The last holds through
 * the rounding because a higher weight can only lower the others' floors, each wei so freed adds
 * one to the remainder, and the remainder is handed out by weight, where the raised orchestrator
 * only moves up: if it lost its remainder wei, its own floor must have gained one.
 *
 * <p>The cap rounds up ({@code ceil}) so that {@code ceil(10^6 / capPpm)} orchestrators can always
 * take the whole pool between them, however small the pool: with a floor, a pool of 10 wei and 4
 * equal orchestrators at 25% would pay 2 each and carry 2.
 */
public final class Distributor {
  private static final BigInteger PPM = BigInteger.valueOf(IncentiveRules.PPM);
  private static final double MAX_BPS = Contribution.MAX_BPS;

  private final IncentiveRules rules;
  private final GpuCostTable costs;
  private final String capText;

  public Distributor(IncentiveRules rules, GpuCostTable costs) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.costs = Objects.requireNonNull(costs, "costs");
    this.capText =
        new BigDecimal(rules.capPpm()).movePointLeft(4).stripTrailingZeros().toPlainString() + "%";
  }

  public IncentiveRules rules() {
    return rules;
  }

  /**
   * The epoch's distribution: every workload with a pool or a contribution, by workload id; in
   * each, a share for every contribution, by orchestrator address. A workload without a pool pays
   * nothing (its shares say "no pool"); a pool without contributions is carried whole.
   *
   * @param epoch the epoch (>= 0)
   * @param pools at most one per workload
   * @param contributions at most one per (workload, orchestrator)
   * @throws IllegalArgumentException for two pools of one workload, two contributions of one
   *     orchestrator to one workload, or a cost factor that overflows (a cost exponent too large
   *     for the cost table)
   */
  public EpochDistribution distribute(
      long epoch, List<Pool> pools, List<Contribution> contributions) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
    }
    Map<String, BigInteger> poolByWorkload = new HashMap<>();
    for (Pool pool : pools) {
      if (poolByWorkload.putIfAbsent(pool.workload(), pool.amount()) != null) {
        throw new IllegalArgumentException("two pools for workload " + pool.workload());
      }
    }
    Map<String, List<Contribution>> byWorkload = new HashMap<>();
    for (Contribution contribution : contributions) {
      byWorkload
          .computeIfAbsent(
              Objects.requireNonNull(contribution, "contribution").workload(),
              workload -> new ArrayList<>())
          .add(contribution);
    }
    TreeSet<String> workloads = new TreeSet<>(byWorkload.keySet());
    workloads.addAll(poolByWorkload.keySet());
    Map<GpuClass, GpuFactors> costs = new HashMap<>();
    for (Contribution contribution : contributions) {
      costs.computeIfAbsent(contribution.gpu(), this::gpuFactors);
    }
    Map<GpuClass, GpuFactors> gpuFactors = Map.copyOf(costs);
    // workloads are independent: shared over the cores (the common pool), collected in name order,
    // so the result is the same as one after another
    List<WorkloadAllocation> allocations =
        List.copyOf(workloads).parallelStream()
            .map(
                workload ->
                    allocate(
                        workload,
                        poolByWorkload.get(workload),
                        byWorkload.getOrDefault(workload, List.of()),
                        gpuFactors))
            .toList();
    return new EpochDistribution(epoch, rules.version(), allocations);
  }

  /**
   * One workload; {@code pool} null when it has none. The map holds what each GPU class of the
   * epoch costs (read only: workloads are allocated in parallel).
   */
  private WorkloadAllocation allocate(
      String workload,
      BigInteger pool,
      List<Contribution> contributions,
      Map<GpuClass, GpuFactors> gpuFactors) {
    List<Contribution> sorted =
        AddressOrder.sortedDistinct(
            contributions,
            Contribution::orchestrator,
            orchestrator ->
                new IllegalArgumentException(
                    "orchestrator " + orchestrator + " contributes twice to workload " + workload));
    int n = sorted.size();
    double totalSeconds = 0;
    double totalSessions = 0;
    for (Contribution contribution : sorted) {
      if (contribution.qualifies()) {
        totalSeconds += contribution.inferenceSeconds();
        totalSessions += contribution.sessions();
      }
    }
    Factors[] factors = new Factors[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      Contribution contribution = sorted.get(i);
      GpuFactors gpu = gpuFactors.get(contribution.gpu());
      factors[i] = factors(contribution, totalSeconds, totalSessions, gpu);
      weights[i] = factors[i].weight();
    }

    List<Share> shares = new ArrayList<>(n);
    if (pool == null) {
      String noPool = "no pool for workload " + workload + " this epoch";
      for (int i = 0; i < n; i++) {
        shares.add(share(sorted.get(i), factors[i], BigInteger.ZERO, false, false, noPool));
      }
      return new WorkloadAllocation(
          workload, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, shares);
    }
    BigInteger cap =
        pool.multiply(BigInteger.valueOf(rules.capPpm()))
            .add(PPM)
            .subtract(BigInteger.ONE)
            .divide(PPM);
    Apportionment apportionment = Apportionment.of(pool, cap, weights);
    for (int i = 0; i < n; i++) {
      BigInteger amount = apportionment.amount(i);
      boolean capped = apportionment.capped(i);
      boolean remainder = apportionment.remainder(i);
      String reason =
          reason(
              sorted.get(i),
              factors[i],
              pool,
              capped,
              remainder,
              apportionment.carried().signum() > 0);
      shares.add(share(sorted.get(i), factors[i], amount, capped, remainder, reason));
    }
    // WorkloadAllocation checks that the shares add up to this
    BigInteger distributed = pool.subtract(apportionment.carried());
    return new WorkloadAllocation(workload, pool, distributed, apportionment.carried(), shares);
  }

  private Factors factors(
      Contribution contribution, double totalSeconds, double totalSessions, GpuFactors gpu) {
    boolean qualifies = contribution.qualifies();
    double minutesShare =
        qualifies && totalSeconds > 0 ? contribution.inferenceSeconds() / totalSeconds : 0;
    double selectionShare =
        qualifies && totalSessions > 0 ? contribution.sessions() / totalSessions : 0;
    double volume =
        rules.minutesWeight() * minutesShare + (1 - rules.minutesWeight()) * selectionShare;
    double slaFactor = StrictMath.pow(contribution.scoreBps() / MAX_BPS, rules.slaExponent());
    double swapRate =
        Math.min(1.0, (double) contribution.swaps() / Math.max(contribution.sessions(), 1));
    double swapFactor = 1 - rules.swapPenalty() * swapRate;
    double weight = qualifies ? volume * slaFactor * swapFactor * gpu.costFactor() : 0;
    return new Factors(
        minutesShare,
        selectionShare,
        volume,
        slaFactor,
        swapRate,
        swapFactor,
        gpu.hourlyCostUsd(),
        gpu.costFactor(),
        weight);
  }

  private GpuFactors gpuFactors(GpuClass gpu) {
    double hourly = costs.hourlyCostUsd(gpu, rules.energyUsdPerKwh());
    double factor = StrictMath.pow(hourly, rules.costExponent());
    if (!Double.isFinite(hourly) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException(
          "rules "
              + rules.version()
              + ": the cost factor of "
              + gpu.name()
              + " ("
              + hourly
              + " USD/h to the power "
              + rules.costExponent()
              + ") is not a finite number");
    }
    return new GpuFactors(hourly, factor);
  }

  private String reason(
      Contribution contribution,
      Factors factors,
      BigInteger pool,
      boolean capped,
      boolean remainder,
      boolean carried) {
    if (!contribution.qualifies()) {
      return "score "
          + contribution.scoreBps()
          + " below the minimum "
          + contribution.minScoreBps();
    }
    if (factors.weight() == 0) {
      return zeroWeight(contribution, factors);
    }
    if (pool.signum() == 0) {
      return "the pool is empty";
    }
    if (capped) {
      return "capped at "
          + capText
          + " of the pool"
          + (carried
              ? "; too few qualify to pay out the whole pool under the cap, the rest is carried"
              : "");
    }
    return remainder
        ? "paid in proportion to its weight, plus 1 wei of the rounding remainder"
        : "paid in proportion to its weight";
  }

  private String zeroWeight(Contribution contribution, Factors factors) {
    if (factors.volume() == 0) {
      boolean noMinutes = contribution.inferenceSeconds() == 0;
      boolean noSessions = contribution.sessions() == 0;
      if (rules.minutesWeight() == 1) {
        return noMinutes
            ? "delivered no inference minutes"
            : "its share of the inference minutes rounds to 0";
      }
      if (rules.minutesWeight() == 0) {
        return noSessions ? "won no sessions" : "its share of the sessions rounds to 0";
      }
      return noMinutes && noSessions
          ? "delivered no inference minutes and won no sessions"
          : "its share of the inference minutes and sessions rounds to 0";
    }
    if (factors.slaFactor() == 0) {
      return "score " + contribution.scoreBps() + " earns nothing";
    }
    if (factors.swapFactor() == 0) {
      return "every session was swapped away";
    }
    return "its weight rounds to 0";
  }

  private static Share share(
      Contribution contribution,
      Factors factors,
      BigInteger amount,
      boolean capped,
      boolean remainder,
      String reason) {
    return new Share(
        contribution.orchestrator(),
        amount,
        new Explanation(
            contribution.scoreBps(),
            contribution.minScoreBps(),
            contribution.qualifies(),
            factors.minutesShare(),
            factors.selectionShare(),
            factors.volume(),
            factors.slaFactor(),
            factors.swapRate(),
            factors.swapFactor(),
            contribution.gpu(),
            factors.hourlyCostUsd(),
            factors.costFactor(),
            factors.weight(),
            capped,
            remainder ? BigInteger.ONE : BigInteger.ZERO,
            reason));
  }

  /** What an hour of a GPU class costs, and the cost factor it gives, under these rules. */
  private record GpuFactors(double hourlyCostUsd, double costFactor) {}

  /** The factors of one contribution's weight. */
  private record Factors(
      double minutesShare,
      double selectionShare,
      double volume,
      double slaFactor,
      double swapRate,
      double swapFactor,
      double hourlyCostUsd,
      double costFactor,
      double weight) {}
}
