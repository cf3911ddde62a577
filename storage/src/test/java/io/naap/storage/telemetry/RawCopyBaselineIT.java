package io.naap.storage.telemetry;

import static io.naap.storage.telemetry.TelemetryRows.RECEIVED_AT;
import static io.naap.storage.telemetry.TelemetryRows.event;
import static io.naap.storage.telemetry.TelemetryRows.id;
import static io.naap.storage.telemetry.TelemetryRows.streamEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
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
  void copiesEveryRowEvenRepeatedIdsAndStoresNothing(PostgresDatabase postgres) {
    List<TelemetryEventRow> events =
        IntStream.range(0, 3_000)
            .mapToObj(n -> streamEvent(id(n % 2_000), "stream-baseline", RECEIVED_AT))
            .toList();
    try (Database database =
        Database.connect(
            new DatabaseSettings(
                postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 1))) {
      RawCopyBaseline baseline = new RawCopyBaseline(database);

      assertThat(baseline.copy(events)).isEqualTo(3_000);
      assertThat(baseline.copy(List.of(event(id(1), "kafka")))).isEqualTo(1);
      assertThat(baseline.copyDurably(events)).isEqualTo(3_000);
      assertThat(baseline.copyDurably(events)).isEqualTo(3_000);
      assertThat(new TelemetryStore(database).eventCount()).isZero();
    }
  }
}
