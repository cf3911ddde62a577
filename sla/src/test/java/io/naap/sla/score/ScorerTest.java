package io.naap.sla.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.StartupKind;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The score math of the first rules, derived by hand, and its properties. */
class ScorerTest {
  /**
   * streamdiffusion-sdxl: 20 fps, startup 5,000 ms, e2e 3,000 ms, jitter 0.1, 1% failures, 5%
   * swaps.
   */
  private static final WorkloadTarget SDXL =
      WorkloadCatalogue.defaults().target("streamdiffusion-sdxl").orElseThrow();

  private final Scorer scorer = new Scorer(ScoringRules.v1());

  /**
   * 40 sessions and segments, 2 failures (5%), 1 swap (2.5%), startup 7,500 ms, 100 fps samples of
   * 15 with jitter 0.15, end-to-end 4,500 ms. By hand, with the v1 curves:
   *
   * <ul>
   *   <li>failures 5% against 1%, worthless at max(10 x 1%, 1% + 5) = 10%: (10 - 5) / 9 = 5/9;
   *   <li>swaps 2.5% within 5%: 1; startup 7,500 against 5,000, worthless at 15,000: 0.75;
   *   <li>fps 15 against 20, worthless at 10: 0.5; end-to-end 4,500 against 3,000, worthless at
   *       9,000: 0.75; jitter 0.15 against 0.1, worthless at 0.3: 0.75;
   *   <li>reliability 0.5 x 5/9 + 0.2 x 1 + 0.3 x 0.75 = 0.70278; quality 0.5 x 0.5 + 0.3 x 0.75 +
   *       0.2 x 0.75 = 0.625; epoch 0.6 x 0.70278 + 0.4 x 0.625 = 0.67167;
   *   <li>a newcomer with prior 0.5 and 40 sessions: 0.5 + 40 / (40 + 10) x (0.67167 - 0.5) =
   *       0.63733: 6,373 bps, not provisional (40 >= 30).
   * </ul>
   */
  @Test
  void scoresAMixedEpochAsDerivedByHand() {
    Score score = scorer.score(SDXL, mixedEpoch(), Optional.empty(), 0.5);

    ScoreExplanation why = score.explanation();
    assertThat(why.rulesVersion()).isEqualTo("sla-1");
    double[] expected = {5.0 / 9, 1, 0.75, 0.5, 0.75, 0.75};
    assertThat(why.subScores()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(why.subScores().get(i).score())
          .as(why.subScores().get(i).kpi().name())
          .isCloseTo(expected[i], within(1e-12));
    }
    assertThat(why.subScores().get(0).measured().getAsDouble()).isEqualTo(0.05);
    assertThat(why.subScores().get(0).samples()).isEqualTo(40);
    assertThat(why.subScores().get(3).target()).isEqualTo(20);
    assertThat(why.reliability()).isCloseTo(0.5 * 5 / 9 + 0.2 + 0.225, within(1e-12));
    assertThat(why.quality()).isCloseTo(0.625, within(1e-12));
    assertThat(why.epochScore()).isCloseTo(0.671_666_666_7, within(1e-9));
    assertThat(why.coverage()).isCloseTo(1, within(1e-12));
    assertThat(why.evidenceSessions()).isEqualTo(40);
    assertThat(why.score()).isCloseTo(0.637_333_333_3, within(1e-9));
    assertThat(score.bps()).isEqualTo(6_373);
    assertThat(score.provisional()).isFalse();
    assertThat(score.state()).isEqualTo(new ScoreState(why.historyMean(), 40));
  }

  /**
   * The next epoch, 10 perfect sessions: the past 40 decay to 40 x 2^(-1/24) = 38.86128; mean
   * (38.86128 x 0.67167 + 10 x 1) / 48.86128 = 0.73886; score 0.5 + 48.86128 / 58.86128 x 0.23886 =
   * 0.69828: 6,983 bps.
   */
  @Test
  void balancesAnEpochWithTheHistoryItInherits() {
    Score first = scorer.score(SDXL, mixedEpoch(), Optional.empty(), 0.5);
    KpiAggregate perfect = KpiAggregate.empty();
    for (int i = 0; i < 10; i++) {
      perfect.addSession().addSegment().addStartup(1_000, StartupKind.WARM).addEndToEnd(1_000);
      perfect.addFps(25, 0);
    }

    Score second = scorer.score(SDXL, perfect, Optional.of(first.state()), 0.5);

    assertThat(second.explanation().epochScore()).isEqualTo(1);
    assertThat(second.explanation().evidenceSessions()).isCloseTo(48.861_277_6, within(1e-6));
    assertThat(second.explanation().historyMean()).isCloseTo(0.738_863_7, within(1e-6));
    assertThat(second.bps()).isEqualTo(6_983);
  }

  @Test
  void aNewcomerWithoutEvidenceIsItsPriorAndProvisional() {
    Score score = scorer.score(SDXL, KpiAggregate.empty(), Optional.empty(), 0.62);

    assertThat(score.bps()).isEqualTo(6_200);
    assertThat(score.provisional()).isTrue();
    assertThat(score.explanation().coverage()).isZero();
    assertThat(score.explanation().subScores()).allMatch(sub -> sub.measured().isEmpty());
    assertThat(score.state()).isEqualTo(new ScoreState(0.62, 0));
  }

  @Test
  void aKpiNothingMeasuredTakesThePriorAndLowersTheCoverage() {
    KpiAggregate noLatency = KpiAggregate.empty();
    for (int i = 0; i < 50; i++) {
      noLatency.addSession().addSegment().addFps(20, 0);
    }
    Score score = scorer.score(SDXL, noLatency, Optional.empty(), 0.3);
    SubScore startup = score.explanation().subScores().get(2);
    assertThat(startup.kpi()).isEqualTo(ScoredKpi.STARTUP_P95_MS);
    assertThat(startup.measured()).isEmpty();
    assertThat(startup.score()).isEqualTo(0.3);
    // startup (0.18) and end-to-end (0.12) unmeasured
    assertThat(score.explanation().coverage()).isCloseTo(0.7, within(1e-12));
  }

  @Test
  void curvesReachTheirEndsWhereTheRulesSay() {
    ScoringRules rules = ScoringRules.v1();
    assertThat(rules.subScore(ScoredKpi.END_TO_END_P95_MS, 3_000, 3_000)).isEqualTo(1);
    assertThat(rules.subScore(ScoredKpi.END_TO_END_P95_MS, 6_000, 3_000)).isEqualTo(0.5);
    assertThat(rules.subScore(ScoredKpi.END_TO_END_P95_MS, 9_000, 3_000)).isZero();
    assertThat(rules.subScore(ScoredKpi.FAILURE_RATE, 0.05, 0)).isZero();
    assertThat(rules.subScore(ScoredKpi.FAILURE_RATE, 0.025, 0)).isEqualTo(0.5);
    assertThat(rules.subScore(ScoredKpi.OUTPUT_FPS, 8, 8)).isEqualTo(1);
    assertThat(rules.subScore(ScoredKpi.OUTPUT_FPS, 6, 8)).isEqualTo(0.5);
    assertThat(rules.subScore(ScoredKpi.OUTPUT_FPS, 4, 8)).isZero();
    double total = 0;
    for (ScoredKpi kpi : ScoredKpi.values()) {
      total += rules.shareOf(kpi);
    }
    assertThat(total).isCloseTo(1, within(1e-12));
  }

  /** Worse in any one KPI, everything else equal: never a higher score. */
  @Property(tries = 300, seed = "20261128")
  void theScoreIsMonotoneInEveryKpi(
      @ForAll @IntRange(min = 1, max = 200) int sessions,
      @ForAll @IntRange(min = 0, max = 40) int failures,
      @ForAll @IntRange(min = 0, max = 40) int swaps,
      @ForAll @DoubleRange(min = 100, max = 30_000) double startupMs,
      @ForAll @DoubleRange(min = 1, max = 40) double fps,
      @ForAll @DoubleRange(min = 100, max = 20_000) double endToEndMs,
      @ForAll @DoubleRange(min = 0, max = 1) double jitter,
      @ForAll @DoubleRange(min = 0, max = 1) double prior,
      @ForAll @IntRange(min = 0, max = 5) int worse) {
    double[] better = {failures, swaps, startupMs, fps, endToEndMs, jitter};
    double[] worseValues = better.clone();
    double step = worse == 3 ? -0.9 * fps : worse < 2 ? 3 : better[worse] * 0.5 + 0.01;
    worseValues[worse] += step;
    Score good = scorer.score(SDXL, epoch(sessions, better), Optional.empty(), prior);
    Score bad = scorer.score(SDXL, epoch(sessions, worseValues), Optional.empty(), prior);
    assertThat(bad.explanation().score()).isLessThanOrEqualTo(good.explanation().score());
    assertThat(bad.bps()).isLessThanOrEqualTo(good.bps());
  }

  /** The same input, the same score: bit for bit. */
  @Test
  void isDeterministic() {
    Score one = new Scorer(ScoringRules.v1()).score(SDXL, mixedEpoch(), Optional.empty(), 0.5);
    Score two = new Scorer(ScoringRules.v1()).score(SDXL, mixedEpoch(), Optional.empty(), 0.5);
    assertThat(two).isEqualTo(one);
  }

  @Test
  void refusesRulesAndInputsOutOfRange() {
    ScoringRules v1 = ScoringRules.v1();
    assertThatThrownBy(
            () ->
                new ScoringRules(
                    "sla 1", 0.6, v1.weights(), 3, 10, 0.05, 0.5, 24, 10, 30, 0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ScoringRules(
                    "x",
                    0.6,
                    Map.of(ScoredKpi.JITTER, 1.0),
                    3,
                    10,
                    0.05,
                    0.5,
                    24,
                    10,
                    30,
                    0.5,
                    0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight");
    assertThatThrownBy(
            () -> new ScoringRules("x", 0.6, v1.weights(), 1, 10, 0.05, 0.5, 24, 10, 30, 0.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scorer.score(SDXL, KpiAggregate.empty(), Optional.empty(), 1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScoreState(1.1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static KpiAggregate mixedEpoch() {
    KpiAggregate epoch = KpiAggregate.empty();
    for (int i = 0; i < 40; i++) {
      epoch.addSession().addSegment().addStartup(7_500, StartupKind.COLD).addEndToEnd(4_500);
    }
    epoch.addFailure(false).addFailure(false).addFailure(true).addSwap();
    // 100 samples at 15 fps; squared deviations 100 x (0.15 x 15)^2 = 506.25: jitter 0.15
    epoch.addFps(15, 506.25);
    for (int i = 1; i < 100; i++) {
      epoch.addFps(15, 0);
    }
    return epoch;
  }

  /** An epoch of {@code sessions} with the given failures, swaps, startup, fps, e2e and jitter. */
  private static KpiAggregate epoch(int sessions, double[] values) {
    KpiAggregate epoch = KpiAggregate.empty();
    // enough segments for the most failures or swaps a case adds, the same in every case
    int segments = sessions + 50;
    for (int i = 0; i < segments; i++) {
      epoch.addSegment();
    }
    for (int i = 0; i < sessions; i++) {
      epoch.addSession().addStartup(values[2], StartupKind.WARM).addEndToEnd(values[4]);
    }
    for (int i = 0; i < (int) values[0]; i++) {
      epoch.addFailure(false);
    }
    for (int i = 0; i < (int) values[1]; i++) {
      epoch.addSwap();
    }
    int samples = 10 * sessions;
    double fps = values[3];
    epoch.addFps(fps, samples * (values[5] * fps) * (values[5] * fps));
    for (int i = 1; i < samples; i++) {
      epoch.addFps(fps, 0);
    }
    return epoch;
  }
}
