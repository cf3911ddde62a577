package io.naap.app.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.api.auth.ApiKeys;
import io.naap.api.auth.IssuedKey;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.app.features.TelemetryFeatures;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.telemetry.TelemetryEventRow;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.session.SessionSettings;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code naap loadgen} against a real PostgreSQL, in process and through the real HTTP API with an
 * API key.
 */
@ExtendWith(PostgresExtension.class)
class LoadgenCommandIT {
  private static final Pattern STATUS = Pattern.compile("events sent \\(([0-9,]+) accepted");

  /** A key of the right shape and scope that no server knows. */
  private static final String WELL_FORMED_KEY = "naap_gateway_0123456789abcdef_" + "A".repeat(43);

  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void runsForItsDurationIntoTheDatabaseAsTestTrafficWithNothingQuarantined(
      PostgresDatabase database) throws SQLException {
    int exit =
        run(
            "loadgen",
            "--duration",
            "5s",
            "--database-url",
            database.jdbcUrl(),
            "--seed",
            "7",
            "--tick",
            "500ms");

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("naap loadgen: seed 7, 52 synthetic orchestrators (")
        .contains("at least 20% of each one's capacity, dataset mixed")
        .contains("loadgen-eu-central:8935, loadgen-us-east:8935")
        .contains("0 quarantined), ")
        .contains("(stopped)");
    long stored =
        count(
            database,
            "select coalesce(sum(events), 0) from telemetry_event_block where source = 'loadgen'");
    assertThat(stored).isGreaterThan(100);
    List<TelemetryEventRow> events = storedEvents(database);
    assertThat(events).hasSize((int) stored);
    assertThat(events)
        .allSatisfy(
            event -> {
              assertThat(event.source()).isEqualTo("loadgen");
              assertThat(event.gateway().orElseThrow()).matches("loadgen-.*:8935");
            });
    assertThat(count(database, "select count(*) from telemetry_quarantine")).isZero();
    assertThat(events.stream().map(TelemetryEventRow::family).distinct().count())
        .as("capabilities, discovery, traces, payments and params updates within seconds")
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void postsToARunningNaapApi(PostgresDatabase database) throws IOException, SQLException {
    int port = freePort();
    try (Database pool =
        Database.connect(
            new DatabaseSettings(database.jdbcUrl(), "postgres", Optional.empty(), 2))) {
      ApiKeys keys = keys(pool);
      ApiServer api = api(pool, port, keys);
      String key = keys.create(KeyScope.GATEWAY, Optional.of("loadgen")).key().text();
      api.start();
      try {
        int exit =
            run(
                "loadgen",
                "--duration",
                "3s",
                "--target",
                "http://127.0.0.1:" + port,
                "--api-key",
                key,
                "--seed",
                "9",
                "--dataset",
                "good");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
      } finally {
        api.stop();
      }
    }
    assertThat(out.toString())
        .contains("into POST http://127.0.0.1:" + port + "/v1/telemetry/events")
        .contains("dataset good")
        .contains("0 quarantined), ");
    // every event the API accepted is stored, under source http (how many there are depends on
    // how many ticks fit into the 3 seconds, so the generator's own count is the reference)
    long accepted = lastAcceptedCount(out.toString());
    List<TelemetryEventRow> stored =
        storedEvents(database).stream().filter(event -> event.source().equals("http")).toList();
    assertThat(accepted).as(out.toString()).isPositive();
    assertThat(stored).hasSize((int) accepted);
    assertThat(stored)
        .allSatisfy(event -> assertThat(event.gateway().orElseThrow()).matches("loadgen-.*:8935"));
    assertThat(stored.stream().map(TelemetryEventRow::family).distinct().count())
        .as("capabilities, discovery, traces and payments within seconds")
        .isGreaterThanOrEqualTo(4);
  }

  /** The accepted count of the generator's last status line. */
  private static long lastAcceptedCount(String output) {
    long accepted = -1;
    Matcher status = STATUS.matcher(output);
    while (status.find()) {
      accepted = Long.parseLong(status.group(1).replace(",", ""));
    }
    assertThat(accepted).as("a status line in: %s", output).isNotNegative();
    return accepted;
  }

  @Test
  void aKeyTheTargetRefusesStopsItWithTheAnswer(PostgresDatabase database) throws IOException {
    int port = freePort();
    try (Database pool =
        Database.connect(
            new DatabaseSettings(database.jdbcUrl(), "postgres", Optional.empty(), 2))) {
      ApiKeys keys = keys(pool);
      ApiServer api = api(pool, port, keys);
      IssuedKey revoked = keys.create(KeyScope.GATEWAY, Optional.of("revoked loadgen"));
      keys.revoke(revoked.key().id());
      api.start();
      try {
        int exit =
            run(
                "loadgen",
                "--duration",
                "60s",
                "--target",
                "http://127.0.0.1:" + port,
                "--api-key",
                revoked.key().text());

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
      } finally {
        api.stop();
      }
      assertThat(err.toString().lines().toList())
          .singleElement()
          .asString()
          .contains("answered 401")
          .contains("API key " + revoked.key().id() + " was revoked")
          .contains("(sent API key " + revoked.key().id() + "; posting telemetry needs a valid")
          .doesNotContain(revoked.key().text());
    }
  }

  @Test
  void anUnreachableTargetStopsItWithOneLine() throws IOException {
    int exit =
        run(
            "loadgen",
            "--duration",
            "60s",
            "--target",
            "http://127.0.0.1:" + freePort(),
            "--api-key",
            WELL_FORMED_KEY);

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString().lines().toList())
        .singleElement()
        .asString()
        .startsWith("naap: the load generator could not deliver")
        .contains("cannot reach http://127.0.0.1:");
  }

  @Test
  void withoutARunningNaapUpItSaysHowToPointAtADatabase() {
    int exit = run("loadgen", "--duration", "1s", "--home", temp.resolve("nohome").toString());

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("start ./naap up, or pass --database-url");
  }

  private static ApiKeys keys(Database pool) {
    return new ApiKeys(new ApiKeyStore(pool), Clock.systemUTC(), new SecureRandom());
  }

  private static ApiServer api(Database pool, int port, ApiKeys keys) {
    return new ApiServer(
        ApiSettings.onLoopback(port),
        Metrics.globalRegistry(),
        List.of(),
        new TelemetryFeatures(pool, Clock.systemUTC(), SessionSettings.defaults())
            .endpoints(Metrics.globalRegistry(), TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES),
        keys);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static List<TelemetryEventRow> storedEvents(PostgresDatabase database) {
    try (Database pool =
        Database.connect(
            new DatabaseSettings(database.jdbcUrl(), "postgres", Optional.empty(), 1))) {
      List<TelemetryEventRow> events = new ArrayList<>();
      new TelemetryStore(pool).forEachEvent(events::add);
      return events;
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
