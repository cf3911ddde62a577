package io.naap.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.storage.StatementStatistics.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Against servers of its own: one that preloads pg_stat_statements, one that does not. */
class StatementStatisticsIT {
  @Test
  void countsWhatEachStatementCostBetweenTwoReadings() {
    PostgresSettings settings =
        PostgresSettings.ephemeral()
            .withServerConfig("shared_preload_libraries", "pg_stat_statements");
    try (LocalPostgres server = LocalPostgres.start(settings);
        Database database = connect(server)) {
      StatementStatistics.install(database);
      StatementStatistics.install(database); // idempotent
      database.dsl().execute("create table probe (n int primary key)");

      Map<Long, Statement> before = StatementStatistics.totals(database);
      for (int n = 0; n < 3; n++) {
        database
            .dsl()
            .execute(
                "insert into probe select g from generate_series("
                    + 10 * n
                    + ", "
                    + (10 * n + 9)
                    + ") g");
      }
      Map<Long, Statement> after = StatementStatistics.totals(database);

      // the three inserts differ only in constants: one statement, three calls, thirty rows
      Statement insert =
          after.entrySet().stream()
              .filter(entry -> entry.getValue().query().startsWith("insert into probe"))
              .map(
                  entry ->
                      before.containsKey(entry.getKey())
                          ? entry.getValue().minus(before.get(entry.getKey()))
                          : entry.getValue())
              .findFirst()
              .orElseThrow();
      assertThat(insert.calls()).isEqualTo(3);
      assertThat(insert.rows()).isEqualTo(30);
      assertThat(insert.millis()).isPositive();
      assertThat(insert.walBytes()).isPositive();
      assertThat(insert.plus(insert).rows()).isEqualTo(60);
    }
  }

  @Test
  void saysSoWhenTheServerHasNotPreloadedTheExtension() {
    try (LocalPostgres server = LocalPostgres.start(PostgresSettings.ephemeral());
        Database database = connect(server)) {
      assertThatThrownBy(() -> StatementStatistics.totals(database))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("cannot read pg_stat_statements");
      StatementStatistics.install(database);
      assertThatThrownBy(() -> StatementStatistics.totals(database))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("shared_preload_libraries");
    }
  }

  private static Database connect(LocalPostgres server) {
    server.createDatabaseIfAbsent("naap");
    return Database.connect(
        new DatabaseSettings(server.jdbcUrl("naap"), LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }
}
