package io.naap.storage.telemetry;

import static io.naap.storage.telemetry.TelemetryRows.RECEIVED_AT;
import static io.naap.storage.telemetry.TelemetryRows.event;
import static io.naap.storage.telemetry.TelemetryRows.id;
import static io.naap.storage.telemetry.TelemetryRows.streamEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.StorageException;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RawCopyBaselineIT {
  @Test
  void copiesEveryRowIntoItsOwnTablesAndNeverIntoTheEventsTable(PostgresDatabase postgres) {
    List<TelemetryEventRow> events =
        IntStream.range(0, 3_000)
            .mapToObj(n -> streamEvent(id(n % 2_000), "stream-baseline", RECEIVED_AT))
            .toList();
    try (Database database =
        Database.connect(
            new DatabaseSettings(
                postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 1))) {
      try (RawCopyBaseline baseline = new RawCopyBaseline(database)) {
        // the temporary table has no key: repeated ids are copied, and nothing stays
        assertThat(baseline.copy(events)).isEqualTo(3_000);
        assertThat(baseline.copy(List.of(event(id(1), "kafka")))).isEqualTo(1);

        // the one-row-per-event table keeps its rows and its primary key
        List<TelemetryEventRow> distinct = events.subList(0, 2_000);
        List<TelemetryEventRow> more =
            IntStream.range(2_000, 3_000)
                .mapToObj(n -> streamEvent(id(n), "stream-baseline", RECEIVED_AT))
                .toList();
        assertThat(baseline.copyIntoTable(distinct)).isEqualTo(2_000);
        assertThat(baseline.copyIntoTable(more)).isEqualTo(1_000);
        assertThat(tableRows(database)).isEqualTo(3_000);
        assertThatThrownBy(() -> baseline.copyIntoTable(more))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("table baseline");
        assertThat(tableRows(database)).isEqualTo(3_000);
      }
      assertThat(new TelemetryStore(database).eventCount()).isZero();
      assertThat(
              database.dsl().fetchValue("select to_regclass('telemetry_event_table_copy') is null"))
          .isEqualTo(true);
    }
  }

  private static long tableRows(Database database) {
    return ((Number) database.dsl().fetchValue("select count(*) from telemetry_event_table_copy"))
        .longValue();
  }
}
