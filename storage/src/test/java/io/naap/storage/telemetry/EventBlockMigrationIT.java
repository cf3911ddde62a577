package io.naap.storage.telemetry;

import static io.naap.storage.telemetry.TelemetryRows.ORCHESTRATOR;
import static io.naap.storage.telemetry.TelemetryRows.RECEIVED_AT;
import static io.naap.storage.telemetry.TelemetryRows.event;
import static io.naap.storage.telemetry.TelemetryRows.id;
import static io.naap.storage.telemetry.TelemetryRows.streamEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.Migrations;
import io.naap.storage.OlderSchema;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V6 moves the events stored as rows into blocks, V8 their ids from the key table into the blocks:
 * every event reads back exactly as it was stored, and the store goes on from there, its
 * deduplication seeing the migrated events.
 */
@ExtendWith(PostgresExtension.class)
class EventBlockMigrationIT {
  private static final Instant OTHER_CALL = RECEIVED_AT.plusSeconds(60);

  @Test
  void movesEveryStoredRowIntoBlocksUnchanged(PostgresDatabase postgres) throws SQLException {
    String url = OlderSchema.create(postgres, "naap_v6_migration", "5");

    // 1,500 events of one call (two blocks: 1,000 and 500), one of another call and source, one
    // with every optional field absent, one with text that needs care
    List<TelemetryEventRow> rows = new ArrayList<>();
    IntStream.range(0, 1_500)
        .mapToObj(n -> streamEvent(id(0x70_000 + n), "stream-migrated", RECEIVED_AT.minusMillis(n)))
        .forEach(rows::add);
    TelemetryEventRow kafka = event(id(0x71_000), "kafka");
    rows.add(
        new TelemetryEventRow(
            kafka.id(),
            kafka.family(),
            kafka.subtype(),
            kafka.occurredAt(),
            OTHER_CALL,
            kafka.gateway(),
            kafka.streamId(),
            kafka.requestId(),
            Optional.of(ORCHESTRATOR),
            "kafka",
            "{\"text\": \"é ✓ \\u0001 \\\\ \\\"quoted\\\"\", \"n\": 1.50}"));
    try (Connection connection = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, "");
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into telemetry_event (id, family, subtype, occurred_at, received_at,"
                    + " gateway, stream_id, request_id, orchestrator, source, payload)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TelemetryEventRow row : rows) {
        insert.setObject(1, row.id());
        insert.setString(2, row.family());
        insert.setString(3, row.subtype().orElse(null));
        insert.setTimestamp(4, Timestamp.from(row.occurredAt()));
        insert.setTimestamp(5, Timestamp.from(row.receivedAt()));
        insert.setString(6, row.gateway().orElse(null));
        insert.setString(7, row.streamId().orElse(null));
        insert.setString(8, row.requestId().orElse(null));
        insert.setBytes(9, row.orchestrator().map(o -> o.bytes()).orElse(null));
        insert.setString(10, row.source());
        insert.setString(11, row.payloadJson());
        insert.addBatch();
      }
      insert.executeBatch();
    }

    try (Database database =
        Database.connect(new DatabaseSettings(url, LocalPostgres.SUPERUSER, Optional.empty(), 2))) {
      assertThat(database.migrate().schemaVersion()).isEqualTo(Migrations.latestVersion());
      TelemetryStore store = new TelemetryStore(database);

      assertThat(store.eventCount()).isEqualTo(rows.size());
      // by id: a few from each block (each lookup reads its whole block), every field compared
      for (int n : new int[] {0, 499, 500, 999, 1_000, 1_499, 1_500}) {
        assertThat(store.event(rows.get(n).id())).contains(rows.get(n));
      }
      List<TelemetryEventRow> all = new ArrayList<>();
      store.forEachEvent(all::add);
      assertThat(all).containsExactlyInAnyOrderElementsOf(rows);
      assertThat(
              database
                  .dsl()
                  .fetch("select source, events, codec from telemetry_event_block order by id")
                  .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
          .containsExactly("http 1000 none", "http 500 none", "kafka 1 none");

      // V8: each block carries its events' ids, and the key table is gone
      List<UUID> migratedIds = new ArrayList<>();
      for (Object ids : database.dsl().fetchValues("select ids from telemetry_event_block")) {
        ByteBuffer buffer = ByteBuffer.wrap((byte[]) ids);
        while (buffer.hasRemaining()) {
          migratedIds.add(new UUID(buffer.getLong(), buffer.getLong()));
        }
      }
      assertThat(migratedIds)
          .containsExactlyInAnyOrderElementsOf(rows.stream().map(TelemetryEventRow::id).toList());
      assertThat(database.dsl().fetchValue("select to_regclass('telemetry_event')")).isNull();

      // the store goes on: the migrated events are duplicates, new blocks get ids after theirs
      TelemetryEventRow fresh = streamEvent(id(0x72_000), "stream-after", RECEIVED_AT);
      IngestResult result =
          store.ingest(
              new TelemetryBatch(
                  "http", RECEIVED_AT, List.of(rows.get(0), fresh, rows.get(1_499)), List.of(), 0));
      assertThat(result.inserted()).containsExactly(fresh.id());
      assertThat(store.event(fresh.id())).contains(fresh);
      assertThat(
              database
                  .dsl()
                  .fetchValue(
                      "select id from telemetry_event_block where ids = uuid_send('"
                          + fresh.id()
                          + "')"))
          .isEqualTo(4L);
    }
  }
}
