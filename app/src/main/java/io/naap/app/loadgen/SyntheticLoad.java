package io.naap.app.loadgen;

import io.naap.app.features.TelemetryFeatures;
import io.naap.storage.Database;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.loadgen.BehaviourProfile;
import io.naap.telemetry.loadgen.EventSink;
import io.naap.telemetry.loadgen.IngestionSink;
import io.naap.telemetry.loadgen.LoadGenerator;
import io.naap.telemetry.loadgen.LoadScheduler;
import io.naap.telemetry.loadgen.LoadSettings;
import io.naap.telemetry.loadgen.Region;
import io.naap.telemetry.loadgen.SyntheticFleet;
import io.naap.telemetry.loadgen.SyntheticOrchestrator;
import io.naap.telemetry.session.SessionSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/** Wires the load generator: the bundled fleet from a seed, the scheduler, a sink. */
public final class SyntheticLoad {
  private SyntheticLoad() {}

  /**
   * A generator delivering into {@code database} through the ingestion pipeline (source loadgen).
   */
  public static LoadGenerator inProcess(
      Database database, long seed, LoadSettings settings, Clock clock, Duration tick) {
    TelemetryIngestion ingestion =
        new TelemetryFeatures(database, clock, SessionSettings.defaults()).ingestion();
    return generator(new IngestionSink(ingestion), seed, settings, clock, tick);
  }

  /** A generator delivering to {@code sink}, starting now. */
  public static LoadGenerator generator(
      EventSink sink, long seed, LoadSettings settings, Clock clock, Duration tick) {
    return new LoadGenerator(
        LoadScheduler.seeded(seed, settings, clock.instant()), sink, clock, tick);
  }

  /** A fresh seed for a run that was given none: positive and short enough to type back. */
  public static long randomSeed() {
    return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
  }

  /** The load generator's gateways, one per region: the test traffic marker. */
  public static List<String> gateways() {
    return Arrays.stream(Region.values()).map(Region::gateway).toList();
  }

  /** E.g. {@code 52 synthetic orchestrators (30 healthy, 5 slow_cold_start, ...)}. */
  public static String describe(SyntheticFleet fleet) {
    Map<BehaviourProfile, Integer> counts = new EnumMap<>(BehaviourProfile.class);
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      counts.merge(orchestrator.profile(), 1, Integer::sum);
    }
    StringJoiner profiles = new StringJoiner(", ", " (", ")");
    counts.forEach((profile, count) -> profiles.add(count + " " + profile.code()));
    return fleet.orchestrators().size() + " synthetic orchestrators" + profiles;
  }
}
