package io.naap.telemetry.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.ingest.IngestReport;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.kpi.Bucket;
import io.naap.telemetry.kpi.KpiFilter;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.loadgen.BehaviourProfile;
import io.naap.telemetry.loadgen.LoadScheduler;
import io.naap.telemetry.loadgen.LoadSettings;
import io.naap.telemetry.loadgen.SyntheticOrchestrator;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import io.naap.testkit.SteppedClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load generator's behaviour profiles, as naap itself measures them: 20 simulated minutes of
 * the synthetic fleet through the real pipeline (decoder, PostgreSQL, sessions, rollups), then each
 * orchestrator's KPIs from the rollups. The jittery ones have the worst jitter coefficient, the
 * swap-prone ones the highest swap rate, the slow cold starters the longest startups.
 */
@ExtendWith(PostgresExtension.class)
class LoadProfilesKpiIT {
  private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void everyProfileIsVisibleInTheKpisNaapComputes(PostgresDatabase postgres) {
    try (Database database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), "postgres", Optional.empty(), 2))) {
      SteppedClock clock = new SteppedClock(START);
      SessionSettings settings = SessionSettings.defaults();
      SessionEngine engine = new SessionEngine(settings);
      TelemetryIngestion ingestion =
          new TelemetryIngestion(
              new TelemetryInput(new EventDecoder(DecoderSettings.defaults())),
              new TelemetryStore(database),
              clock,
              TelemetryIngestion.DEFAULT_CHUNK_RECORDS,
              Optional.of(engine));
      LoadScheduler scheduler =
          LoadScheduler.seeded(
              20260501L,
              LoadSettings.defaults()
                  .withStreamDurations(Duration.ofMinutes(1), Duration.ofMinutes(3)),
              START);
      SessionSweeper sweeper =
          new SessionSweeper(database, engine, clock, Duration.ofSeconds(5), e -> {});
      long quarantined = 0;
      for (int second = 5; second <= 20 * 60; second += 5) {
        clock.set(START.plusSeconds(second));
        List<String> events = scheduler.advance(clock.instant());
        if (!events.isEmpty()) {
          IngestReport report =
              ingestion.ingest(
                  new ByteArrayInputStream(
                      String.join("\n", events).getBytes(StandardCharsets.UTF_8)),
                  "loadgen");
          quarantined += report.quarantined();
        }
        if (second % 60 == 0) {
          sweeper.sweep();
        }
      }
      assertThat(quarantined).isZero();

      KpiQueries queries = new KpiQueries(database, settings);
      Map<BehaviourProfile, Double> worstJitter = new HashMap<>();
      Map<BehaviourProfile, Double> bestJitter = new HashMap<>();
      Map<BehaviourProfile, Double> highestSwapRate = new HashMap<>();
      Map<BehaviourProfile, Double> lowestSwapRate = new HashMap<>();
      Map<BehaviourProfile, Double> lowestStartup = new HashMap<>();
      Map<BehaviourProfile, Double> highestStartup = new HashMap<>();
      for (SyntheticOrchestrator orchestrator : scheduler.fleet().orchestrators()) {
        KpiAggregate kpis = KpiAggregate.empty();
        queries
            .series(
                KpiFilter.ALL.withOrchestrator(
                    EthereumAddress.fromHex(orchestrator.address().value())),
                START.minus(Duration.ofDays(1)),
                START.plus(Duration.ofDays(1)),
                Bucket.DAY)
            .forEach(point -> kpis.merge(point.kpis()));
        BehaviourProfile profile = orchestrator.profile();
        kpis.jitterCoefficient()
            .ifPresent(
                jitter -> {
                  worstJitter.merge(profile, jitter, Math::max);
                  bestJitter.merge(profile, jitter, Math::min);
                });
        kpis.swapRate()
            .ifPresent(
                rate -> {
                  highestSwapRate.merge(profile, rate, Math::max);
                  lowestSwapRate.merge(profile, rate, Math::min);
                });
        kpis.startupMs()
            .quantile(0.5)
            .ifPresent(
                startup -> {
                  lowestStartup.merge(profile, startup, Math::min);
                  highestStartup.merge(profile, startup, Math::max);
                });
      }

      for (BehaviourProfile other : worstJitter.keySet()) {
        if (other != BehaviourProfile.JITTERY) {
          assertThat(bestJitter.get(BehaviourProfile.JITTERY))
              .as("every jittery orchestrator's jitter above any %s one's", other)
              .isGreaterThan(worstJitter.get(other));
        }
      }
      for (BehaviourProfile other : highestSwapRate.keySet()) {
        if (other != BehaviourProfile.SWAP_PRONE) {
          assertThat(lowestSwapRate.get(BehaviourProfile.SWAP_PRONE))
              .as("every swap-prone orchestrator's swap rate above any %s one's", other)
              .isGreaterThan(highestSwapRate.get(other));
        }
      }
      assertThat(lowestStartup.get(BehaviourProfile.SLOW_COLD_START))
          .as("slow cold starters start slower than every healthy orchestrator")
          .isGreaterThan(highestStartup.get(BehaviourProfile.HEALTHY));
    }
  }
}
