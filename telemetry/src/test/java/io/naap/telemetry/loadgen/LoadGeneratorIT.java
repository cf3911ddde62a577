package io.naap.telemetry.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.telemetry.TelemetryEventRow;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The load generator into a real PostgreSQL through the one ingestion pipeline. */
@ExtendWith(PostgresExtension.class)
class LoadGeneratorIT {

  @Test
  void tenMinutesOfLoadAreStoredAsTestTrafficWithNothingQuarantined(PostgresDatabase postgres)
      throws SQLException {
    SteppedClock clock = new SteppedClock(Simulation.START);
    try (Database database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), "postgres", Optional.empty(), 2))) {
      TelemetryIngestion ingestion =
          new TelemetryIngestion(
              new TelemetryInput(new EventDecoder(DecoderSettings.defaults())),
              new TelemetryStore(database),
              clock,
              TelemetryIngestion.DEFAULT_CHUNK_RECORDS);
      LoadGenerator generator =
          new LoadGenerator(
              LoadScheduler.seeded(3, LoadSettings.defaults(), Simulation.START),
              new IngestionSink(ingestion),
              clock,
              Duration.ofSeconds(1));
      for (int i = 0; i < 600; i++) {
        generator.tick();
        clock.advance(Duration.ofSeconds(1));
      }
      LoadGenerator.Progress progress = generator.progress();

      assertThat(progress.quarantined()).isZero();
      assertThat(progress.duplicate()).isZero();
      assertThat(progress.accepted()).isEqualTo(progress.events()).isGreaterThan(10_000);
      List<TelemetryEventRow> stored = new ArrayList<>();
      new TelemetryStore(database).forEachEvent(stored::add);
      assertThat(stored).hasSize((int) progress.events());
      assertThat(stored).allSatisfy(event -> assertThat(event.source()).isEqualTo("loadgen"));
      assertThat(stored)
          .allSatisfy(
              event -> assertThat(event.gateway().orElseThrow()).matches("loadgen-.*:8935"));
      assertThat(count(postgres, "select count(*) from telemetry_quarantine")).isZero();
      assertThat(stored.stream().map(TelemetryEventRow::family).distinct()).hasSize(8);
      assertThat(
              stored.stream()
                  .filter(event -> event.family().equals("ai_stream_status"))
                  .map(TelemetryEventRow::orchestrator)
                  .distinct()
                  .count())
          .as("orchestrators with output, by local address (shared ones count once)")
          .isGreaterThan(30);
    }
  }

  private static long count(PostgresDatabase database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
