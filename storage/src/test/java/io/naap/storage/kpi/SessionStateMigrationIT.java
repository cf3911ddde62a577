package io.naap.storage.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.Migrations;
import io.naap.storage.OlderSchema;
import io.naap.storage.StorageException;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V7 stores session states as text: the states stored as jsonb before it read back as the same
 * JSON, the sessions go on being upserted, and a state that is not a JSON object's text is refused.
 */
@ExtendWith(PostgresExtension.class)
class SessionStateMigrationIT {
  private static final Instant STARTED = Instant.parse("2026-01-08T21:49:05.298Z");

  /** A state as the engine writes it, with the kinds of values it holds. */
  private static final String STATE =
      "{\"streamId\": \"stream-a\", \"events\": 63, \"feesWei\": \"16800000007200.0000000000\","
          + " \"fpsMean\": 15.999951534393754, \"failed\": false, \"closedAt\": null,"
          + " \"errors\": [\"é ✓ \\\"quoted\\\"\"], \"milestones\": {\"a\": 1767908945298}}";

  @Test
  void statesStoredAsJsonbReadBackEqualAndSessionsGoOn(PostgresDatabase postgres)
      throws SQLException {
    String url = OlderSchema.create(postgres, "naap_v7_migration", "6");
    insertAsJsonb(url, "stream-a", STATE);
    insertAsJsonb(url, "stream-b", "{}");

    try (Database database =
        Database.connect(new DatabaseSettings(url, LocalPostgres.SUPERUSER, Optional.empty(), 2))) {
      assertThat(database.migrate().schemaVersion()).isEqualTo(Migrations.latestVersion());

      Map<String, SessionRow> migrated =
          database.inTransaction(tx -> SessionStore.sessions(tx, List.of("stream-a", "stream-b")));
      // the same JSON as was stored (jsonb's text spells it its own way: compared as values)
      assertThat(sameJson(database, migrated.get("stream-a").state(), STATE)).isTrue();
      assertThat(sameJson(database, migrated.get("stream-b").state(), "{}")).isTrue();
      assertThat(sameJson(database, migrated.get("stream-a").state(), "{}")).isFalse();
      assertThat(migrated.get("stream-a").startedAt()).isEqualTo(STARTED);

      // upserts go on: a new state replaces the migrated one, byte for byte as written
      String next = "{\"streamId\":\"stream-a\",\"events\":64}";
      SessionRow updated = withState(migrated.get("stream-a"), next);
      database.inTransaction(
          tx -> {
            SessionStore.save(tx, List.of(updated));
            return null;
          });
      assertThat(
              database
                  .inTransaction(tx -> SessionStore.sessions(tx, List.of("stream-a")))
                  .get("stream-a")
                  .state())
          .isEqualTo(next);

      // the text must still look like a JSON object
      assertThatThrownBy(
              () ->
                  database.inTransaction(
                      tx -> {
                        SessionStore.save(tx, List.of(withState(updated, "[1, 2]")));
                        return null;
                      }))
          .isInstanceOf(StorageException.class)
          .hasStackTraceContaining("stream_session_state_object");
    }
  }

  private static void insertAsJsonb(String url, String streamId, String state) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, LocalPostgres.SUPERUSER, "");
        var insert =
            connection.prepareStatement(
                "insert into stream_session (stream_id, traffic, status, started_at,"
                    + " last_event_at, last_arrival_at, state)"
                    + " values (?, 'real', 'open', ?, ?, ?, ?::jsonb)")) {
      insert.setString(1, streamId);
      java.sql.Timestamp started = java.sql.Timestamp.from(STARTED);
      insert.setTimestamp(2, started);
      insert.setTimestamp(3, started);
      insert.setTimestamp(4, started);
      insert.setString(5, state);
      insert.executeUpdate();
    }
  }

  private static SessionRow withState(SessionRow row, String state) {
    return new SessionRow(
        row.streamId(),
        row.requestId(),
        row.gateway(),
        row.traffic(),
        row.workload(),
        row.status(),
        row.startedAt(),
        row.lastEventAt(),
        row.lastArrivalAt(),
        row.closedAt(),
        row.closedArrivalAt(),
        row.closeReason(),
        state);
  }

  private static boolean sameJson(Database database, String left, String right) {
    return database.dsl().fetchValue("select ?::jsonb = ?::jsonb", left, right)
            instanceof Boolean same
        && same;
  }
}
