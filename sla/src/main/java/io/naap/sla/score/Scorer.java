package io.naap.sla.score;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.QuantileSketch;
import io.naap.sla.workload.WorkloadTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Scores an orchestrator's KPIs for one workload over one epoch, by one version of the rules:
 *
 * <ol>
 *   <li>each KPI against the workload's absolute target (curves in {@link ScoringRules}); a KPI
 *       nothing measured takes the prior's value, and coverage says how much was measured;
 *   <li>this epoch's score: the reliability and quality groups' weighted means, weighted;
 *   <li>history: an exponential moving mean of the epochs' scores, each epoch weighted by its
 *       sessions, past evidence decaying by half every {@code halfLifeEpochs};
 *   <li>shrinkage: {@code prior + w / (w + priorSessions) x (mean - prior)}, {@code w} the sessions
 *       of evidence, so a newcomer starts at its prior (its GPU class's and workload's, given by
 *       the caller) and earns its own score as evidence comes; provisional while {@code w <
 *       provisionalBelowSessions}.
 * </ol>
 *
 * Deterministic (IEEE arithmetic and {@code StrictMath}) and monotone: a better value of any KPI,
 * everything else equal, never lowers the score. Stateless and thread-safe.
 */
public final class Scorer {
  private static final double P95 = 0.95;

  private final ScoringRules rules;

  public Scorer(ScoringRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  public ScoringRules rules() {
    return rules;
  }

  /**
   * @param target the workload's targets
   * @param epoch the orchestrator's KPIs for the workload over the epoch
   * @param previous the state the previous epoch's score left (empty for a newcomer)
   * @param prior the score to shrink toward, in [0, 1]
   */
  public Score score(
      WorkloadTarget target, KpiAggregate epoch, Optional<ScoreState> previous, double prior) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(previous, "previous");
    if (!(prior >= 0 && prior <= 1)) {
      throw new IllegalArgumentException("prior must be in [0, 1]: " + prior);
    }
    QuantileSketch fps = epoch.outputFps();
    QuantileSketch startup = epoch.startupMs();
    QuantileSketch endToEnd = epoch.endToEndMs();
    List<SubScore> subScores = new ArrayList<>();
    subScores.add(
        sub(
            ScoredKpi.FAILURE_RATE,
            epoch.failureRate(),
            target.maxFailureRate(),
            epoch.segments(),
            prior));
    subScores.add(
        sub(ScoredKpi.SWAP_RATE, epoch.swapRate(), target.maxSwapRate(), epoch.segments(), prior));
    subScores.add(
        sub(
            ScoredKpi.STARTUP_P95_MS,
            startup.quantile(P95),
            target.maxStartupMs(),
            startup.count(),
            prior));
    subScores.add(sub(ScoredKpi.OUTPUT_FPS, fps.mean(), target.targetFps(), fps.count(), prior));
    subScores.add(
        sub(
            ScoredKpi.END_TO_END_P95_MS,
            endToEnd.quantile(P95),
            target.maxEndToEndMs(),
            endToEnd.count(),
            prior));
    subScores.add(
        sub(
            ScoredKpi.JITTER,
            epoch.jitterCoefficient(),
            target.maxJitterCoefficient(),
            fps.count(),
            prior));

    double reliability = group(subScores, ScoredKpi.Group.RELIABILITY);
    double quality = group(subScores, ScoredKpi.Group.QUALITY);
    double epochScore =
        clamp(rules.reliabilityWeight() * reliability + (1 - rules.reliabilityWeight()) * quality);
    double coverage = 0;
    for (SubScore sub : subScores) {
      if (sub.measured().isPresent()) {
        coverage += sub.share();
      }
    }

    long sessions = epoch.sessions();
    double pastSessions =
        previous.map(state -> state.sessions() * rules.decayPerEpoch()).orElse(0.0);
    double pastMean = previous.map(ScoreState::mean).orElse(prior);
    double evidence = pastSessions + sessions;
    double mean =
        evidence == 0
            ? pastMean
            : clamp((pastSessions * pastMean + sessions * epochScore) / evidence);
    double score = clamp(prior + evidence / (evidence + rules.priorSessions()) * (mean - prior));
    int bps = (int) Math.min(10_000, Math.floor(score * 10_000 + 0.5));
    return new Score(
        bps,
        evidence < rules.provisionalBelowSessions(),
        new ScoreState(mean, evidence),
        new ScoreExplanation(
            rules.version(),
            subScores,
            reliability,
            quality,
            clamp(coverage),
            epochScore,
            sessions,
            mean,
            evidence,
            prior,
            score));
  }

  private SubScore sub(
      ScoredKpi kpi, OptionalDouble measured, double target, long samples, double prior) {
    double score =
        measured.isPresent() ? rules.subScore(kpi, measured.getAsDouble(), target) : prior;
    return new SubScore(kpi, measured, target, score, rules.shareOf(kpi), samples);
  }

  private double group(List<SubScore> subScores, ScoredKpi.Group group) {
    double weighted = 0;
    double total = 0;
    for (SubScore sub : subScores) {
      if (sub.kpi().group() == group) {
        double weight = rules.weights().get(sub.kpi());
        weighted += weight * sub.score();
        total += weight;
      }
    }
    return clamp(weighted / total);
  }

  private static double clamp(double value) {
    return Math.max(0, Math.min(1, value));
  }
}
