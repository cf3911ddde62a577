package io.naap.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.session.SessionEngine;
import io.naap.telemetry.session.SessionSettings;
import io.naap.testkit.Fixtures;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline, decoding to PostgreSQL: every record accounted for, in the report and in the
 * tables.
 */
@ExtendWith(PostgresExtension.class)
class TelemetryIngestionIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-09T00:00:00Z"), ZoneOffset.UTC);
  private static PostgresDatabase postgres;
  private static Database database;
  private static TelemetryStore store;

  @BeforeAll
  static void connect(PostgresDatabase migrated) {
    postgres = migrated;
    database =
        Database.connect(new DatabaseSettings(postgres.jdbcUrl(), "postgres", Optional.empty(), 4));
    store = new TelemetryStore(database);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static TelemetryIngestion ingestion(int chunkRecords) {
    return new TelemetryIngestion(
        new TelemetryInput(new EventDecoder(DecoderSettings.defaults())),
        store,
        CLOCK,
        chunkRecords);
  }

  @Test
  void theRealCaptureIsStoredOnceWholeOrStreamed() {
    IngestReport whole =
        ingestion(10_000).ingest(new ByteArrayInputStream(Fixtures.liveStreamCapture()), "http");
    IngestReport streamed =
        ingestion(7)
            .ingestStream(
                new ByteArrayInputStream(Fixtures.liveStreamCapture()), "file", 10, records -> {});

    assertThat(whole.received()).isEqualTo(65);
    assertThat(whole.accepted()).isEqualTo(65);
    assertThat(whole.batches()).hasSize(1);
    assertThat(streamed.received()).isEqualTo(65);
    assertThat(streamed.duplicate()).isEqualTo(65);
    assertThat(streamed.batches()).hasSize(10); // 65 records in chunks of 7
  }

  @Test
  void mutatedRecordsAreEachAcceptedDuplicateOrQuarantinedInTheTablesToo() throws SQLException {
    SplittableRandom random = new SplittableRandom(20260108);
    List<String> lines = new ArrayList<>();
    List<String> seenIds = new ArrayList<>();
    for (int n = 0; n < 5_000; n++) {
      String id =
          random.nextInt(10) == 0 && !seenIds.isEmpty()
              ? seenIds.get(random.nextInt(seenIds.size()))
              : UUID.randomUUID().toString();
      seenIds.add(id);
      String stream = "stream-" + random.nextInt(50);
      String line =
          switch (random.nextInt(8)) {
            case 0 -> event(id, "x".repeat(300)); // longer than the store's indexed text bound
            case 1 -> event(id, "nul\\u0000inside");
            case 2 -> event(id, "lone\\ud800surrogate");
            case 3 -> event(id, stream).substring(0, 1 + random.nextInt(40)); // truncated
            case 4 ->
                event(id, stream).replace("\"timestamp\":1767908945298", "\"timestamp\":\"NaN\"");
            default -> event(id, stream);
          };
      lines.add(line);
    }
    byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    long eventsBefore = store.eventCount();
    long quarantineBefore = store.quarantineCount();

    IngestReport report =
        ingestion(333).ingestStream(new ByteArrayInputStream(body), "loadgen", 50, records -> {});

    assertThat(report.received()).isEqualTo(5_000);
    assertThat(report.accepted() + report.duplicate() + report.quarantined()).isEqualTo(5_000);
    assertThat(report.quarantined()).isPositive();
    assertThat(report.quarantinedByReason()).containsKeys("malformed_json");
    assertThat(report.notices())
        .hasSize(50)
        .allSatisfy(notice -> assertThat(notice.detail()).isNotBlank());
    assertThat(store.eventCount() - eventsBefore).isEqualTo(report.accepted());
    assertThat(store.quarantineCount() - quarantineBefore).isEqualTo(report.quarantined());
    assertThat(
            sum(
                "select coalesce(sum(received), 0), coalesce(sum(accepted), 0), coalesce(sum(duplicate), 0),"
                    + " coalesce(sum(quarantined), 0) from telemetry_ingest_batch where source = 'loadgen'"))
        .containsExactly(
            report.received(), report.accepted(), report.duplicate(), report.quarantined());
  }

  @Test
  @Timeout(120)
  void streamsThroughOneConnectionAndThroughTwoWithSessionsAlike() {
    // chunks overlap only when the pool has a connection for each; with one they take turns
    for (int poolSize : new int[] {1, 2}) {
      List<String> lines = new ArrayList<>();
      for (int n = 0; n < 1_000; n++) {
        lines.add(event(UUID.randomUUID().toString(), "stream-pool-" + poolSize + "-" + n % 20));
      }
      byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
      try (Database pool =
          Database.connect(
              new DatabaseSettings(postgres.jdbcUrl(), "postgres", Optional.empty(), poolSize))) {
        TelemetryIngestion withSessions =
            new TelemetryIngestion(
                new TelemetryInput(new EventDecoder(DecoderSettings.defaults())),
                new TelemetryStore(pool),
                CLOCK,
                50,
                Optional.of(new SessionEngine(SessionSettings.defaults())));
        long[] progress = {0};
        IngestReport report =
            withSessions.ingestStream(
                new ByteArrayInputStream(body), "file", 0, handled -> progress[0] = handled);

        assertThat(report.accepted()).as("pool of %d", poolSize).isEqualTo(1_000);
        assertThat(report.batches()).hasSize(20).doesNotHaveDuplicates();
        assertThat(progress[0]).isEqualTo(1_000);
      }
    }
  }

  private static String event(String id, String streamId) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"stream_trace\",\"timestamp\":\"1767908945298\",\"gateway\":\"\","
        + "\"data\":{\"type\":\"gateway_receive_stream_request\",\"timestamp\":1767908945298,"
        + "\"stream_id\":\""
        + streamId
        + "\",\"request_id\":\"r\",\"pipeline_id\":\"\",\"orchestrator_info\":{\"address\":\"\",\"url\":\"\"}}}";
  }

  private static List<Long> sum(String sql) throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return List.of(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
    }
  }
}
