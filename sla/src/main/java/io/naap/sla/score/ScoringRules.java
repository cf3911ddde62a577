package io.naap.sla.score;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One version of the scoring rules: the weights, the sub-score curves, how history and sparse
 * evidence are balanced. A snapshot names the version it was scored with, so anyone can score its
 * KPIs again and get the same leaves.
 *
 * <p>Sub-score curves, all piecewise linear and monotone, against the workload's absolute target
 * {@code T}:
 *
 * <ul>
 *   <li>latencies and jitter (at most {@code T}): 1 at or below {@code T}, 0 at or above {@code
 *       latencyZeroFactor x T};
 *   <li>failure and swap rates (at most {@code T}): 1 at or below {@code T}, 0 at or above {@code
 *       max(rateZeroFactor x T, T + rateZeroMargin)};
 *   <li>output fps (at least {@code T}): 1 at or above {@code T}, 0 at or below {@code
 *       fpsZeroFraction x T}.
 * </ul>
 *
 * @param version the name snapshots carry (1 to 64 of {@code [A-Za-z0-9._-]})
 * @param reliabilityWeight the reliability group's share of the score (the quality group has the
 *     rest)
 * @param weights each KPI's weight within its group (> 0; normalised within the group)
 * @param latencyZeroFactor where latency and jitter sub-scores reach 0, in multiples of the target
 * @param rateZeroFactor where rate sub-scores reach 0, in multiples of the target...
 * @param rateZeroMargin ...or the target plus this, whichever is larger (so a 0% target works)
 * @param fpsZeroFraction where the fps sub-score reaches 0, as a fraction of the target fps
 * @param halfLifeEpochs after this many epochs, past evidence counts half
 * @param priorSessions how many sessions of evidence weigh as much as the prior
 * @param provisionalBelowSessions a score resting on fewer sessions of evidence is provisional
 * @param defaultPrior the neutral prior, in [0, 1]: a newcomer's when nothing is known of its
 *     workload ({@link Priors} shrinks toward it)
 * @param unfitPriorFactor in [0, 1]: a GPU that does not fit the workload (too little memory, or
 *     not among its supported GPUs) gets its prior times this
 */
public record ScoringRules(
    String version,
    double reliabilityWeight,
    Map<ScoredKpi, Double> weights,
    double latencyZeroFactor,
    double rateZeroFactor,
    double rateZeroMargin,
    double fpsZeroFraction,
    double halfLifeEpochs,
    double priorSessions,
    double provisionalBelowSessions,
    double defaultPrior,
    double unfitPriorFactor) {
  public ScoringRules {
    Objects.requireNonNull(version, "version");
    if (!version.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("version must be 1 to 64 of [A-Za-z0-9._-]: " + version);
    }
    if (!(reliabilityWeight >= 0 && reliabilityWeight <= 1)) {
      throw new IllegalArgumentException(
          "reliabilityWeight must be in [0, 1]: " + reliabilityWeight);
    }
    Objects.requireNonNull(weights, "weights");
    EnumMap<ScoredKpi, Double> copy = new EnumMap<>(ScoredKpi.class);
    for (ScoredKpi kpi : ScoredKpi.values()) {
      Double weight = weights.get(kpi);
      if (weight == null || !(weight > 0) || weight.isInfinite()) {
        throw new IllegalArgumentException("the weight of " + kpi + " must be finite and > 0");
      }
      copy.put(kpi, weight);
    }
    weights = Map.copyOf(copy);
    greaterThan(latencyZeroFactor, 1, "latencyZeroFactor");
    greaterThan(rateZeroFactor, 1, "rateZeroFactor");
    greaterThan(rateZeroMargin, 0, "rateZeroMargin");
    if (!(fpsZeroFraction >= 0 && fpsZeroFraction < 1)) {
      throw new IllegalArgumentException("fpsZeroFraction must be in [0, 1): " + fpsZeroFraction);
    }
    greaterThan(halfLifeEpochs, 0, "halfLifeEpochs");
    greaterThan(priorSessions, 0, "priorSessions");
    if (!(provisionalBelowSessions >= 0) || Double.isInfinite(provisionalBelowSessions)) {
      throw new IllegalArgumentException("provisionalBelowSessions must be finite and >= 0");
    }
    if (!(defaultPrior >= 0 && defaultPrior <= 1)) {
      throw new IllegalArgumentException("defaultPrior must be in [0, 1]: " + defaultPrior);
    }
    if (!(unfitPriorFactor >= 0 && unfitPriorFactor <= 1)) {
      throw new IllegalArgumentException("unfitPriorFactor must be in [0, 1]: " + unfitPriorFactor);
    }
  }

  /**
   * The first rules: reliability 60% (failures 0.5, swaps 0.2, startup 0.3), quality 40% (fps 0.5,
   * end-to-end 0.3, jitter 0.2); latencies and jitter worthless at 3x their target, rates at 10x
   * (or the target + 5 points), fps at half its target; history halves every 24 epochs; the prior
   * weighs as much as 10 sessions; provisional below 30 sessions of evidence. Priors: 0.5 when
   * nothing is known (the middle of the scale, the score today's network analytics gives sparse
   * data), halved for a GPU that does not fit the workload (so at most 0.5: below the shipped
   * minimum score of 0.6, an unfit GPU never qualifies on its prior alone, yet evidence lifts it as
   * fast as any other).
   */
  public static ScoringRules v1() {
    return new ScoringRules(
        "sla-1",
        0.6,
        Map.of(
            ScoredKpi.FAILURE_RATE, 0.5,
            ScoredKpi.SWAP_RATE, 0.2,
            ScoredKpi.STARTUP_P95_MS, 0.3,
            ScoredKpi.OUTPUT_FPS, 0.5,
            ScoredKpi.END_TO_END_P95_MS, 0.3,
            ScoredKpi.JITTER, 0.2),
        3,
        10,
        0.05,
        0.5,
        24,
        10,
        30,
        0.5,
        0.5);
  }

  /** The KPI's share of the whole score: its group's weight times its share of the group. */
  public double shareOf(ScoredKpi kpi) {
    double group =
        kpi.group() == ScoredKpi.Group.RELIABILITY ? reliabilityWeight : 1 - reliabilityWeight;
    double total = 0;
    for (ScoredKpi other : ScoredKpi.values()) {
      if (other.group() == kpi.group()) {
        total += weights.get(other);
      }
    }
    return group * weights.get(kpi) / total;
  }

  /** The sub-score of a measured value against its target, by the curve of the KPI's kind. */
  public double subScore(ScoredKpi kpi, double value, double target) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(kpi + " measured NaN");
    }
    double zero =
        switch (kpi) {
          case FAILURE_RATE, SWAP_RATE ->
              Math.max(rateZeroFactor * target, target + rateZeroMargin);
          case OUTPUT_FPS -> fpsZeroFraction * target;
          default -> latencyZeroFactor * target;
        };
    if (kpi.direction() == ScoredKpi.Direction.AT_LEAST) {
      return value >= target ? 1 : value <= zero ? 0 : (value - zero) / (target - zero);
    }
    return value <= target ? 1 : value >= zero ? 0 : (zero - value) / (zero - target);
  }

  /** The weight one epoch ago's evidence keeps: {@code 2^(-1/halfLifeEpochs)}. */
  public double decayPerEpoch() {
    return StrictMath.pow(2, -1 / halfLifeEpochs);
  }

  private static void greaterThan(double value, double bound, String name) {
    if (!(value > bound) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > " + bound + ": " + value);
    }
  }
}
