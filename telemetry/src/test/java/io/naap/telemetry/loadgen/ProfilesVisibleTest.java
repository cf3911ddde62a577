package io.naap.telemetry.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.telemetry.loadgen.EventAnalysis.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour profiles are visible in KPIs computed directly from the generated events, for
 * several seeds: the jittery orchestrators have the worst jitter coefficient std(fps)/mean(fps),
 * the swap-prone ones the most swaps per session, the failing ones the most startup failures, the
 * slow cold starters the longest startups; and the good prompts give one output fps per GPU spec.
 */
class ProfilesVisibleTest {

  private static EventAnalysis analyse(long seed, LoadSettings settings) {
    Simulation run = Simulation.run(seed, settings, Duration.ofMinutes(30), Duration.ofSeconds(5));
    return new EventAnalysis(run.fleet(), run.decoded());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void eachProfileStandsOutInItsOwnKpi(long seed) {
    EventAnalysis analysis = analyse(seed, Simulation.shortStreams());
    List<Session> sessions = analysis.sessions();
    Map<SyntheticOrchestrator, List<Session>> byOrchestrator = new HashMap<>();
    sessions.forEach(
        s -> byOrchestrator.computeIfAbsent(s.orchestrator, k -> new ArrayList<>()).add(s));

    // jitter coefficient per orchestrator: the mean over its sessions, and over all its samples
    Map<SyntheticOrchestrator, Double> jitter = new HashMap<>();
    Map<SyntheticOrchestrator, Double> pooledJitter = new HashMap<>();
    byOrchestrator.forEach(
        (orchestrator, list) -> {
          List<Session> measured = list.stream().filter(s -> s.fps.size() >= 3).toList();
          if (!measured.isEmpty()) {
            jitter.put(
                orchestrator,
                measured.stream().mapToDouble(Session::jitterCoefficient).average().orElseThrow());
            Session pooled = new Session("all", orchestrator);
            measured.forEach(s -> pooled.fps.addAll(s.fps));
            pooledJitter.put(orchestrator, pooled.jitterCoefficient());
          }
        });
    assertWorstIs(BehaviourProfile.JITTERY, jitter, "jitter coefficient per session");
    assertWorstIs(BehaviourProfile.JITTERY, pooledJitter, "jitter coefficient over all samples");
    assertThat(min(jitter, BehaviourProfile.JITTERY)).isGreaterThanOrEqualTo(0.3);

    // swaps charged to the abandoned orchestrator, per session it served
    Map<SyntheticOrchestrator, Double> swapRate = new HashMap<>();
    byOrchestrator.forEach(
        (orchestrator, list) -> {
          if (list.size() >= 5) {
            swapRate.put(
                orchestrator,
                list.stream().filter(s -> s.swappedAway).count() / (double) list.size());
          }
        });
    assertWorstIs(BehaviourProfile.SWAP_PRONE, swapRate, "swap rate");

    // startup failures (an error before any output), per profile
    Map<BehaviourProfile, Double> failureRate = new EnumMap<>(BehaviourProfile.class);
    analysis
        .sessionsByProfile()
        .forEach(
            (profile, list) ->
                failureRate.put(
                    profile, list.stream().filter(s -> s.failed).count() / (double) list.size()));
    assertThat(failureRate.get(BehaviourProfile.FAILING)).isGreaterThan(0.25);
    failureRate.forEach(
        (profile, rate) -> {
          if (profile != BehaviourProfile.FAILING) {
            assertThat(rate).as(profile.code()).isLessThan(0.05);
          }
        });

    // startup latency (request to first processed segment), median per profile
    Map<BehaviourProfile, Duration> medianStartup = new EnumMap<>(BehaviourProfile.class);
    analysis
        .startupsByProfile()
        .forEach(
            (profile, list) ->
                medianStartup.put(profile, list.stream().sorted().toList().get(list.size() / 2)));
    assertThat(medianStartup.get(BehaviourProfile.SLOW_COLD_START))
        .isGreaterThan(Duration.ofSeconds(10));
    assertThat(medianStartup.get(BehaviourProfile.HEALTHY))
        .isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(3));
    medianStartup.forEach(
        (profile, median) -> {
          if (profile != BehaviourProfile.SLOW_COLD_START) {
            assertThat(median).as(profile.code()).isLessThan(Duration.ofSeconds(6));
          }
        });
    assertThat(medianStartup).doesNotContainKey(BehaviourProfile.OFFLINE);
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void goodPromptsGiveOneOutputFpsPerGpuSpecAndRandomOnesSpreadIt(long seed) {
    Map<String, List<Double>> good =
        meanFpsByGpuAndWorkload(analyse(seed, datasetOnly(DatasetChoice.GOOD)));
    Map<String, List<Double>> random =
        meanFpsByGpuAndWorkload(analyse(seed, datasetOnly(DatasetChoice.RANDOM)));
    assertThat(good).isNotEmpty();
    for (Map.Entry<String, List<Double>> group : good.entrySet()) {
      assertThat(coefficientOfVariation(group.getValue()))
          .as("healthy %s on good prompts: %s", group.getKey(), group.getValue())
          .isLessThan(0.02);
    }
    assertThat(
            random.values().stream()
                .mapToDouble(ProfilesVisibleTest::coefficientOfVariation)
                .max()
                .orElseThrow())
        .as("random prompts move the output fps of one GPU spec")
        .isGreaterThan(0.1);
  }

  private static LoadSettings datasetOnly(DatasetChoice choice) {
    return Simulation.shortStreams().withDataset(choice);
  }

  /** Each healthy session's mean fps (at least 3 samples), by GPU name and workload. */
  private static Map<String, List<Double>> meanFpsByGpuAndWorkload(EventAnalysis analysis) {
    Map<String, List<Double>> groups = new HashMap<>();
    for (Session session : analysis.sessionsByProfile().get(BehaviourProfile.HEALTHY)) {
      if (session.fps.size() >= 3) {
        String key =
            session.orchestrator.gpus().getFirst().name()
                + " / "
                + session.orchestrator.workload().modelId();
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(session.meanFps());
      }
    }
    groups.values().removeIf(list -> list.size() < 3);
    return groups;
  }

  private static double coefficientOfVariation(Collection<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance =
        values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
    return Math.sqrt(variance) / mean;
  }

  /** Every orchestrator of {@code profile} scores above every orchestrator of another profile. */
  private static void assertWorstIs(
      BehaviourProfile profile, Map<SyntheticOrchestrator, Double> kpi, String name) {
    double worstOfProfile = min(kpi, profile);
    double worstOfOthers =
        kpi.entrySet().stream()
            .filter(e -> e.getKey().profile() != profile)
            .mapToDouble(Map.Entry::getValue)
            .max()
            .orElseThrow();
    assertThat(worstOfProfile)
        .as("%s: the least %s orchestrator against the most of the others", name, profile.code())
        .isGreaterThan(worstOfOthers);
  }

  private static double min(Map<SyntheticOrchestrator, Double> kpi, BehaviourProfile profile) {
    return kpi.entrySet().stream()
        .filter(e -> e.getKey().profile() == profile)
        .mapToDouble(Map.Entry::getValue)
        .min()
        .orElseThrow(() -> new AssertionError("no " + profile.code() + " orchestrator measured"));
  }
}
