package io.naap.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.storage.deployment.ContractDeployments;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Against servers of its own: one shared by the class, and one per test that stops it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseIT {
  private LocalPostgres server;

  @BeforeAll
  void startServer() {
    server = LocalPostgres.start(PostgresSettings.ephemeral());
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void migratesToTheLatestVersionOnceThenHasNothingToApply() {
    try (Database database =
        Database.connect(settingsFor(server, "naap_migrate", Duration.ofSeconds(10)))) {
      String latest = Migrations.latestVersion();
      assertThat(Migrations.versions())
          .as("V1 to the latest, none missing")
          .isEqualTo(IntStream.rangeClosed(1, Migrations.versions().getLast()).boxed().toList());
      assertThat(database.migrate()).isEqualTo(new MigrationReport(latest, Migrations.count()));
      assertThat(database.migrate()).isEqualTo(new MigrationReport(latest, 0));
      assertThat(new ContractDeployments(database).all(1)).isEmpty();
    }
  }

  @Test
  void checkpointsOnRequest() throws InterruptedException {
    try (Database database =
        Database.connect(settingsFor(server, "naap_checkpoint", Duration.ofSeconds(10)))) {
      long before = requestedCheckpoints(database);
      database.checkpoint();
      // the checkpointer reports its statistics just after it lets CHECKPOINT return: poll a little
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      long after = requestedCheckpoints(database);
      while (after <= before && System.nanoTime() < deadline) {
        Thread.sleep(20);
        after = requestedCheckpoints(database);
      }
      assertThat(after).isGreaterThan(before);
    }
  }

  private static long requestedCheckpoints(Database database) {
    return ((Number) database.dsl().fetchValue("select num_requested from pg_stat_checkpointer"))
        .longValue();
  }

  @Test
  void pingsARunningServer() {
    try (Database database =
        Database.connect(settingsFor(server, "naap_ping", Duration.ofSeconds(10)))) {
      Ping ping = database.ping(Duration.ofSeconds(5));

      assertThat(ping.isReachable()).isTrue();
      assertThat(((Ping.Reachable) ping).roundTrip())
          .isPositive()
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void reportsAStoppedServerAsUnreachableWithinTheTimeout() {
    LocalPostgres doomed = LocalPostgres.start(PostgresSettings.ephemeral());
    try (Database database =
        Database.connect(settingsFor(doomed, "naap_doomed", Duration.ofSeconds(1)))) {
      database.migrate();
      assertThat(database.ping(Duration.ofSeconds(5)).isReachable()).isTrue();

      doomed.close();

      long started = System.nanoTime();
      Ping ping = database.ping(Duration.ofSeconds(2));
      Duration waited = Duration.ofNanos(System.nanoTime() - started);

      assertThat(ping).isInstanceOf(Ping.Unreachable.class);
      assertThat(((Ping.Unreachable) ping).reason()).isNotBlank();
      assertThat(waited).isLessThan(Duration.ofSeconds(4));

      assertThatThrownBy(() -> new ContractDeployments(database).all(1))
          .isInstanceOf(StorageException.class)
          .hasMessage("cannot read the contracts of chain 1")
          .hasCauseInstanceOf(org.jooq.exception.DataAccessException.class);
    } finally {
      doomed.close();
    }
  }

  @Test
  void failsAtOnceWhenNothingListensNamingTheUrlButNotThePassword() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/naap";
    DatabaseSettings settings = new DatabaseSettings(url, "naap", Optional.of("s3cret-pw"), 2);

    long started = System.nanoTime();
    assertThatThrownBy(() -> Database.connect(settings))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot connect to PostgreSQL at " + url + " as naap: ")
        .hasMessageContaining("check the database settings")
        .hasMessageNotContaining("s3cret-pw");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  private static DatabaseSettings settingsFor(
      LocalPostgres postgres, String name, Duration connectionTimeout) {
    postgres.createDatabaseIfAbsent(name);
    return new DatabaseSettings(
        postgres.jdbcUrl(name), LocalPostgres.SUPERUSER, Optional.empty(), 4, connectionTimeout);
  }
}
