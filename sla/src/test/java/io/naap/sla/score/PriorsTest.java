package io.naap.sla.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.score.Priors.Observation;
import io.naap.sla.workload.GpuClass;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Priors by GPU class and workload, derived by hand, and their invariants. */
class PriorsTest {
  private static final ScoringRules RULES = ScoringRules.v1();
  private static final long GIB = 1L << 30;
  private static final String SDXL = "streamdiffusion-sdxl";
  private static final WorkloadTarget SDXL_TARGET =
      WorkloadCatalogue.defaults().target(SDXL).orElseThrow();
  private static final GpuClass RTX_4090 = GpuClass.of("NVIDIA GeForce RTX 4090");
  private static final GpuClass RTX_3090 = GpuClass.of("NVIDIA GeForce RTX 3090");
  private static final GpuClass A4000 = GpuClass.of("NVIDIA RTX A4000");
  private static final List<String> WORKLOADS = List.of(SDXL, "liveportrait", "unseen");
  private static final List<GpuClass> CLASSES =
      List.of(RTX_4090, RTX_3090, A4000, GpuClass.UNKNOWN);

  @Test
  void theNeutralPriorIsTheDefaultOfRulesV1() {
    assertThat(RULES.defaultPrior()).isEqualTo(0.5);
    assertThat(RULES.unfitPriorFactor()).isEqualTo(0.5);
  }

  @Test
  void aNewcomerWithNoDataGetsTheDefaultPrior() {
    Priors priors = Priors.of(RULES, List.of());

    assertThat(priors.prior(SDXL, RTX_4090)).isEqualTo(0.5);
    assertThat(priors.prior(SDXL, GpuClass.UNKNOWN)).isEqualTo(0.5);
    assertThat(
            priors.prior(
                SDXL_TARGET,
                Optional.of("NVIDIA GeForce RTX 4090"),
                OptionalLong.of(24 * GIB),
                Optional.empty()))
        .isEqualTo(0.5);
    assertThat(priors.prior(SDXL_TARGET, Optional.empty(), OptionalLong.empty(), Optional.empty()))
        .isEqualTo(0.5);
  }

  /**
   * k = 10 sessions, p0 = 0.5. An RTX 4090 at mean 0.9 over 30 sessions, an RTX 3090 at 0.3 over
   * 10: the workload (30 x 0.9 + 10 x 0.3 + 10 x 0.5) / (40 + 10) = 35 / 50 = 0.7; the RTX 4090
   * class (27 + 10 x 0.7) / (30 + 10) = 0.85; the RTX 3090 class (3 + 7) / 20 = 0.5; any other
   * class, or an unknown GPU, 0.7; another workload 0.5.
   */
  @Test
  void poolsTheClassShrunkTowardTheWorkloadShrunkTowardTheDefault() {
    Priors priors =
        Priors.of(
            RULES,
            List.of(
                new Observation(SDXL, RTX_4090, new ScoreState(0.9, 30)),
                new Observation(SDXL, RTX_3090, new ScoreState(0.3, 10))));

    assertThat(priors.prior(SDXL, RTX_4090)).isCloseTo(0.85, within(1e-15));
    assertThat(priors.prior(SDXL, RTX_3090)).isCloseTo(0.5, within(1e-15));
    assertThat(priors.prior(SDXL, A4000)).isCloseTo(0.7, within(1e-15));
    assertThat(priors.prior(SDXL, GpuClass.UNKNOWN)).isCloseTo(0.7, within(1e-15));
    assertThat(priors.prior("liveportrait", RTX_4090)).isEqualTo(0.5);
  }

  /**
   * The RTX 4090 orchestrator's own prior leaves its own evidence out: the workload is the RTX
   * 3090's (3 + 5) / (10 + 10) = 0.4, and its class has no other evidence: 0.4.
   */
  @Test
  void anOrchestratorAlreadyScoredTakesItsPriorFromTheOthers() {
    Observation own = new Observation(SDXL, RTX_4090, new ScoreState(0.9, 30));
    Observation other = new Observation(SDXL, RTX_3090, new ScoreState(0.3, 10));
    Priors priors = Priors.of(RULES, List.of(own, other));

    assertThat(priors.priorWithout(own)).isCloseTo(0.4, within(1e-15));
    assertThat(priors.priorWithout(own))
        .isEqualTo(Priors.of(RULES, List.of(other)).prior(SDXL, RTX_4090));
    assertThat(
            priors.prior(
                SDXL_TARGET,
                Optional.of("NVIDIA GeForce RTX 4090"),
                OptionalLong.of(24 * GIB),
                Optional.of(own.state())))
        .isEqualTo(priors.priorWithout(own));
    assertThatThrownBy(
            () -> priors.priorWithout(new Observation(SDXL, RTX_4090, new ScoreState(0.9, 31))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not among the observations");
  }

  @Test
  void sameClassEvidenceDominatesAsItGrows() {
    Observation others = new Observation(SDXL, RTX_3090, new ScoreState(0.2, 1_000));
    double workloadOnly = Priors.of(RULES, List.of(others)).prior(SDXL, RTX_4090);
    assertThat(workloadOnly).isCloseTo((200 + 5) / 1_010.0, within(1e-15));

    double previousDistance = Double.POSITIVE_INFINITY;
    for (double sessions : new double[] {0.5, 1, 10, 100, 1_000, 100_000, 10_000_000}) {
      Priors priors =
          Priors.of(
              RULES,
              List.of(others, new Observation(SDXL, RTX_4090, new ScoreState(0.9, sessions))));
      double prior = priors.prior(SDXL, RTX_4090);
      double distance = 0.9 - prior;
      assertThat(distance).as("%s sessions", sessions).isPositive().isLessThan(previousDistance);
      previousDistance = distance;
      if (sessions == 10) {
        // as much class evidence as the prior strength: halfway to the workload's prior
        double workload = priors.prior(SDXL, GpuClass.UNKNOWN);
        assertThat(prior).isCloseTo((0.9 + workload) / 2, within(1e-15));
      }
    }
    assertThat(previousDistance).isLessThan(1e-6);
  }

  @Test
  void aWorkloadWithLittleEvidenceStaysNearTheDefault() {
    Priors one = Priors.of(RULES, List.of(new Observation(SDXL, RTX_4090, new ScoreState(1, 1))));
    // (1 + 10 x 0.5) / 11 for the workload; the class: (1 + 10 x 6/11) / 11
    assertThat(one.prior(SDXL, GpuClass.UNKNOWN)).isCloseTo(6 / 11.0, within(1e-15));
    assertThat(one.prior(SDXL, RTX_4090)).isCloseTo((1 + 60 / 11.0) / 11, within(1e-15));
  }

  @Test
  void stateWithoutEvidenceCountsForNothing() {
    Priors priors =
        Priors.of(
            RULES,
            List.of(
                new Observation(SDXL, RTX_4090, new ScoreState(1, 0)),
                new Observation(SDXL, GpuClass.UNKNOWN, new ScoreState(0, 0))));
    assertThat(priors.prior(SDXL, RTX_4090)).isEqualTo(0.5);
    assertThat(priors.prior(SDXL, GpuClass.UNKNOWN)).isEqualTo(0.5);
  }

  @Test
  void unknownGpusCountForTheWorkloadOnlyAndTakeItsPrior() {
    Priors priors =
        Priors.of(
            RULES,
            List.of(
                new Observation(SDXL, GpuClass.UNKNOWN, new ScoreState(1, 40)),
                new Observation(SDXL, RTX_4090, new ScoreState(0.5, 10))));
    // workload (40 + 5 + 5) / 60 = 5/6; the RTX 4090 class (5 + 10 x 5/6) / 20
    assertThat(priors.prior(SDXL, GpuClass.UNKNOWN)).isCloseTo(5 / 6.0, within(1e-15));
    assertThat(priors.prior(SDXL, RTX_4090)).isCloseTo((5 + 50 / 6.0) / 20, within(1e-15));
    assertThat(
            priors.prior(SDXL_TARGET, Optional.of("unknown"), OptionalLong.of(1), Optional.empty()))
        .as("an unknown GPU: no fit penalty, even with too little memory reported")
        .isCloseTo(5 / 6.0, within(1e-15));
  }

  @Test
  void aGpuThatDoesNotFitGetsHalfItsPrior() {
    Priors priors =
        Priors.of(RULES, List.of(new Observation(SDXL, RTX_4090, new ScoreState(1, 1_000))));
    double classPrior = priors.prior(SDXL, RTX_4090);
    assertThat(classPrior).isGreaterThan(0.99);

    // streamdiffusion-sdxl needs 8 GiB
    Optional<String> gpu = Optional.of("NVIDIA GeForce RTX 4090");
    assertThat(priors.prior(SDXL_TARGET, gpu, OptionalLong.of(8 * GIB), Optional.empty()))
        .isEqualTo(classPrior);
    assertThat(priors.prior(SDXL_TARGET, gpu, OptionalLong.of(8 * GIB - 1), Optional.empty()))
        .isEqualTo(classPrior * 0.5);
    assertThat(priors.prior(SDXL_TARGET, gpu, OptionalLong.empty(), Optional.empty()))
        .as("memory not reported: the benefit of the doubt")
        .isEqualTo(classPrior);

    WorkloadTarget only3090 = withSupportedGpus(SDXL_TARGET, Set.of("NVIDIA GeForce RTX 3090"));
    assertThat(priors.prior(only3090, gpu, OptionalLong.empty(), Optional.empty()))
        .as("not a supported GPU, memory unknown")
        .isEqualTo(classPrior * 0.5);
    assertThat(priors.prior(only3090, gpu, OptionalLong.of(24 * GIB), Optional.empty()))
        .isEqualTo(classPrior * 0.5);
  }

  /**
   * With the shipped targets: a newcomer of a class that meets the SLA qualifies on its prior, one
   * nobody knows anything about does not, nor one whose GPU does not fit; evidence decides after.
   */
  @Test
  void aNewcomerQualifiesByItsClassRecordNotByBeingNew() {
    Scorer scorer = new Scorer(RULES);
    Priors priors =
        Priors.of(
            RULES,
            List.of(
                new Observation(SDXL, RTX_4090, new ScoreState(0.95, 400)),
                new Observation(SDXL, RTX_4090, new ScoreState(0.85, 200))));
    Optional<String> gpu = Optional.of("NVIDIA GeForce RTX 4090");

    double good = priors.prior(SDXL_TARGET, gpu, OptionalLong.of(24 * GIB), Optional.empty());
    double unfit = priors.prior(SDXL_TARGET, gpu, OptionalLong.of(4 * GIB), Optional.empty());
    double nobody =
        Priors.of(RULES, List.of())
            .prior(SDXL_TARGET, gpu, OptionalLong.of(24 * GIB), Optional.empty());

    assertThat(score(scorer, good))
        .satisfies(bps -> assertThat(SDXL_TARGET.qualifies(bps)).isTrue());
    assertThat(score(scorer, unfit))
        .satisfies(bps -> assertThat(SDXL_TARGET.qualifies(bps)).isFalse());
    assertThat(score(scorer, nobody)).isEqualTo(5_000);
    assertThat(SDXL_TARGET.qualifies(5_000)).isFalse();
  }

  @Test
  void refusesRulesWithPriorsOutOfRange() {
    ScoringRules v1 = ScoringRules.v1();
    assertThatThrownBy(
            () -> new ScoringRules("x", 0.6, v1.weights(), 3, 10, 0.05, 0.5, 24, 10, 30, 1.5, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("defaultPrior must be in [0, 1]: 1.5");
    assertThatThrownBy(
            () -> new ScoringRules("x", 0.6, v1.weights(), 3, 10, 0.05, 0.5, 24, 10, 30, 0.5, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unfitPriorFactor must be in [0, 1]: -0.1");
    assertThatThrownBy(() -> new Observation(" ", RTX_4090, new ScoreState(0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The same observations in any order: the same priors, bit for bit. */
  @Property(tries = 300, seed = "20261129")
  void theOrderOfTheObservationsDoesNotMatter(
      @ForAll("observations") List<Observation> observations, @ForAll long seed) {
    List<Observation> shuffled = new ArrayList<>(observations);
    Collections.shuffle(shuffled, new SplittableRandom(seed));
    Priors given = Priors.of(RULES, observations);
    Priors reordered = Priors.of(RULES, shuffled);

    for (String workload : WORKLOADS) {
      for (GpuClass gpu : CLASSES) {
        assertThat(Double.doubleToRawLongBits(reordered.prior(workload, gpu)))
            .as("%s %s", workload, gpu)
            .isEqualTo(Double.doubleToRawLongBits(given.prior(workload, gpu)));
      }
    }
    for (Observation observation : observations) {
      assertThat(reordered.priorWithout(observation)).isEqualTo(given.priorWithout(observation));
    }
  }

  /** A prior is a weighted mean: between the lowest and highest of the default and the means. */
  @Property(tries = 300, seed = "20261129")
  void priorsLieBetweenTheDefaultAndTheMeansOfTheWorkload(
      @ForAll("observations") List<Observation> observations) {
    Priors priors = Priors.of(RULES, observations);
    for (String workload : WORKLOADS) {
      double low = RULES.defaultPrior();
      double high = RULES.defaultPrior();
      for (Observation observation : observations) {
        if (observation.workload().equals(workload) && observation.state().sessions() > 0) {
          low = Math.min(low, observation.state().mean());
          high = Math.max(high, observation.state().mean());
        }
      }
      for (GpuClass gpu : CLASSES) {
        assertThat(priors.prior(workload, gpu)).isBetween(low, high).isBetween(0.0, 1.0);
      }
    }
  }

  /** Leaving one's own observation out is building the priors without it, exactly. */
  @Property(tries = 200, seed = "20261129")
  void leavingOneOutIsBuildingWithoutIt(
      @ForAll("observations") List<Observation> observations,
      @ForAll @IntRange(min = 0, max = 1_000) int pick) {
    if (observations.isEmpty()) {
      return;
    }
    Observation own = observations.get(pick % observations.size());
    List<Observation> others = new ArrayList<>(observations);
    others.remove(own);

    assertThat(Priors.of(RULES, observations).priorWithout(own))
        .isEqualTo(Priors.of(RULES, others).prior(own.workload(), own.gpuClass()));
  }

  /** A better score anywhere never lowers anyone's prior. */
  @Property(tries = 200, seed = "20261129")
  void raisingAScoreNeverLowersAPrior(
      @ForAll("observations") List<Observation> observations,
      @ForAll @IntRange(min = 0, max = 1_000) int pick,
      @ForAll @DoubleRange(min = 0, max = 1) double raise) {
    if (observations.isEmpty()) {
      return;
    }
    int index = pick % observations.size();
    Observation before = observations.get(index);
    List<Observation> raised = new ArrayList<>(observations);
    raised.set(
        index,
        new Observation(
            before.workload(),
            before.gpuClass(),
            new ScoreState(
                before.state().mean() + raise * (1 - before.state().mean()),
                before.state().sessions())));
    Priors low = Priors.of(RULES, observations);
    Priors high = Priors.of(RULES, raised);
    for (String workload : WORKLOADS) {
      for (GpuClass gpu : CLASSES) {
        assertThat(high.prior(workload, gpu)).isGreaterThanOrEqualTo(low.prior(workload, gpu));
      }
    }
  }

  /** An unfit GPU never qualifies on its prior alone under the shipped minimum score. */
  @Property(tries = 200, seed = "20261129")
  void anUnfitGpuNeverQualifiesOnItsPrior(
      @ForAll("observations") List<Observation> observations,
      @ForAll @IntRange(min = 0, max = 7) int vramGib) {
    double prior =
        Priors.of(RULES, observations)
            .prior(
                SDXL_TARGET,
                Optional.of("NVIDIA GeForce RTX 4090"),
                OptionalLong.of(vramGib * GIB),
                Optional.empty());
    assertThat(prior).isLessThanOrEqualTo(0.5);
    assertThat(SDXL_TARGET.qualifies(score(new Scorer(RULES), prior))).isFalse();
  }

  @Provide
  Arbitrary<List<Observation>> observations() {
    Arbitrary<Double> means =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(0, 1), Arbitraries.of(0.0, 1.0, 0.1, 0.5, 0.9));
    Arbitrary<Double> sessions =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(0, 5_000), Arbitraries.of(0.0, 1e-9, 1.0, 10.0, 1e9));
    Arbitrary<Observation> observation =
        Combinators.combine(
                Arbitraries.of(WORKLOADS.subList(0, 2)), Arbitraries.of(CLASSES), means, sessions)
            .as(
                (workload, gpu, mean, evidence) ->
                    new Observation(workload, gpu, new ScoreState(mean, evidence)));
    return observation.list().ofMaxSize(30);
  }

  private static int score(Scorer scorer, double prior) {
    return scorer.score(SDXL_TARGET, KpiAggregate.empty(), Optional.empty(), prior).bps();
  }

  private static WorkloadTarget withSupportedGpus(WorkloadTarget target, Set<String> gpus) {
    return new WorkloadTarget(
        target.model(),
        target.pipeline(),
        target.targetFps(),
        target.maxStartupMs(),
        target.maxEndToEndMs(),
        target.maxJitterCoefficient(),
        target.maxFailureRate(),
        target.maxSwapRate(),
        target.minScoreBps(),
        target.minVramBytes(),
        gpus);
  }
}
