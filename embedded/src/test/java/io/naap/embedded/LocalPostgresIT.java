package io.naap.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {
  @Test
  void ephemeralServerAnswersQueries() throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start(PostgresSettings.ephemeral())) {
      assertThat(postgres.createDatabaseIfAbsent("probe")).isTrue();
      assertThat(postgres.createDatabaseIfAbsent("probe")).isFalse();
      assertThat(queryInt(postgres.dataSource("probe"), "select 40 + 2")).isEqualTo(42);
      assertThat(postgres.jdbcUrl("probe")).contains(":" + postgres.port() + "/probe");
    }
  }

  @Test
  void persistentClusterKeepsDataAcrossRestartsAndStopsItsServer(@TempDir Path home)
      throws SQLException {
    Path data = home.resolve("postgres");
    long firstPid;
    try (LocalPostgres postgres = LocalPostgres.start(PostgresSettings.persistent(data))) {
      postgres.createDatabaseIfAbsent("naap");
      execute(
          postgres.dataSource("naap"), "create table kept (n int); insert into kept values (7)");
      firstPid = postgres.serverPid().orElseThrow();
      assertThat(ProcessHandle.of(firstPid)).isPresent();
    }
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    try (LocalPostgres again = LocalPostgres.start(PostgresSettings.persistent(data))) {
      assertThat(again.createDatabaseIfAbsent("naap")).isFalse();
      assertThat(queryInt(again.dataSource("naap"), "select n from kept")).isEqualTo(7);
    }
  }

  @Test
  void furtherServerSettingsApplyAfterNaapsOwn() throws SQLException {
    PostgresSettings settings =
        PostgresSettings.ephemeral()
            .withServerConfig("work_mem", "7MB")
            .withServerConfig("fsync", "on")
            .withServerConfig("shared_preload_libraries", "pg_stat_statements");
    try (LocalPostgres postgres = LocalPostgres.start(settings)) {
      DataSource postgresDatabase = postgres.dataSource("postgres");
      assertThat(queryText(postgresDatabase, "show work_mem")).isEqualTo("7MB");
      // the ephemeral cluster turns fsync off; a later setting wins
      assertThat(queryText(postgresDatabase, "show fsync")).isEqualTo("on");
      execute(postgresDatabase, "create extension if not exists pg_stat_statements");
      assertThat(queryInt(postgresDatabase, "select count(*)::int from pg_stat_statements"))
          .isPositive();
    }
  }

  private static String queryText(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static int queryInt(DataSource dataSource, String sql) throws SQLException {
    return Integer.parseInt(queryText(dataSource, sql));
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
