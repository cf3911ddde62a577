package io.naap.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.app.up.LaunchedNaap;
import io.naap.attestations.EvmAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code naap up} as a user runs it: the packaged command in its own process, real PostgreSQL and
 * anvil, real signals.
 */
class UpCommandIT {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> launched = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void killLeftovers() {
    for (Process process : launched) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void servesHealthAndStopsEveryProcessOnSigint() throws Exception {
    Path home = temp.resolve("home");
    int apiPort = LaunchedNaap.freePort();
    int rpcPort = LaunchedNaap.freePort();
    LaunchedNaap up =
        launch("up", "--home", home.toString(), "--port", "" + apiPort, "--rpc-port", "" + rpcPort);
    JsonNode report = up.awaitReady(home.resolve("up.json"));

    assertThat(report.at("/api/url").asText()).isEqualTo("http://127.0.0.1:" + apiPort);
    assertThat(report.at("/chain/rpcUrl").asText()).isEqualTo("http://127.0.0.1:" + rpcPort);
    assertThat(report.at("/chain/chainId").asLong()).isEqualTo(31337);
    assertThat(report.at("/database/jdbcUrl").asText())
        .startsWith("jdbc:postgresql://")
        .contains("/naap");
    // the 7 protocol doubles, SlaOracle and SlaFeeDistributor
    assertThat(report.at("/contracts").size()).isEqualTo(9);
    assertThat(report.at("/contracts/SlaOracle/address").asText()).matches("0x[0-9a-fA-F]{40}");
    assertThat(report.at("/contracts/SlaFeeDistributor/address").asText())
        .matches("0x[0-9a-fA-F]{40}");
    String bondingManager = report.at("/contracts/BondingManager/address").asText();
    assertThat(bondingManager).matches("0x[0-9a-fA-F]{40}");
    assertThat(up.stdout()).contains("naap is up").contains(bondingManager).contains("up.json");

    // The load generator runs by default and its events arrive as test traffic.
    long seed = report.at("/loadgen/seed").asLong();
    assertThat(report.at("/loadgen/seed").isIntegralNumber()).isTrue();
    assertThat(report.at("/loadgen/gateways").size()).isEqualTo(4);
    assertThat(up.stdout())
        .contains("loadgen    seed " + seed + ": 52 synthetic orchestrators")
        .contains("loadgen-eu-central:8935");
    assertThat(
            awaitCount(
                report.at("/database/jdbcUrl").asText(),
                "select coalesce(sum(events), 0) from telemetry_event_block"
                    + " where source = 'loadgen'"))
        .isPositive();

    HttpResponse<String> health = get("http://127.0.0.1:" + apiPort + "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode checks = JSON.readTree(health.body());
    assertThat(checks.at("/status").asText()).isEqualTo("UP");
    assertThat(statusOf(checks, "database")).isEqualTo("UP");
    assertThat(statusOf(checks, "chain")).isEqualTo("UP");
    assertThat(statusOf(checks, "indexer")).isEqualTo("UP");

    // One dev key per scope, printed and written to up.json (readable by its owner only); the
    // gateway key posts telemetry, the orchestrator key may not, no key is refused.
    String gatewayKey = report.at("/keys/gateway").asText();
    assertThat(gatewayKey).matches("naap_gateway_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(report.at("/keys/orchestrator").asText())
        .matches("naap_orchestrator_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(report.at("/keys/admin").asText())
        .matches("naap_admin_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
    assertThat(up.stdout())
        .contains(gatewayKey)
        .contains(report.at("/keys/orchestrator").asText())
        .contains(report.at("/keys/admin").asText());
    assertThat(Files.getPosixFilePermissions(home.resolve("up.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String events = "http://127.0.0.1:" + apiPort + "/v1/telemetry/events";
    HttpResponse<String> posted = post(events, Optional.of(gatewayKey));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(JSON.readTree(posted.body()).at("/accepted").asLong()).isEqualTo(1);
    assertThat(post(events, Optional.of(report.at("/keys/admin").asText())).statusCode())
        .isEqualTo(200);
    assertThat(post(events, Optional.of(report.at("/keys/orchestrator").asText())).statusCode())
        .isEqualTo(403);
    HttpResponse<String> anonymous = post(events, Optional.empty());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"naap\"");

    // The oracle publishes the synthetic fleet's scores within its first minutes: one-minute
    // epochs, final 15 s after they end, signed by 2 of the 3 dev operators.
    String latest = "http://127.0.0.1:" + apiPort + "/v1/attestations/latest";
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    HttpResponse<String> attestation = get(latest);
    while (attestation.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      attestation = get(latest);
    }
    assertThat(attestation.statusCode()).as(attestation.body() + "\n" + up.stdout()).isEqualTo(200);
    JsonNode published = JSON.readTree(attestation.body());
    assertThat(published.at("/status").asText()).isEqualTo("published");
    assertThat(published.at("/contract").asText())
        .isEqualTo(report.at("/contracts/SlaOracle/address").asText());
    assertThat(published.at("/signatures").size()).isGreaterThanOrEqualTo(2);
    assertThat(published.at("/transaction/gasUsed").asLong()).isBetween(21_000L, 100_000L);
    assertThat(published.at("/leaves").size()).isPositive();

    // The indexer follows the local chain: every contract naap up recorded has a checkpoint, and
    // the publication just seen is mirrored as SlaOracle's SnapshotPublished within a few passes.
    String status = "http://127.0.0.1:" + apiPort + "/v1/indexer/status";
    JsonNode chain = null;
    long indexDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < indexDeadline) {
      JsonNode answer = JSON.readTree(get(status).body());
      if (answer.at("/chains").size() == 1) {
        chain = answer.at("/chains/0");
        long sla = 0;
        for (JsonNode contract : chain.at("/contracts")) {
          if (contract.at("/name").asText().equals("SlaOracle")) {
            sla = contract.at("/indexedThrough").asLong();
          }
        }
        if (sla >= published.at("/transaction/blockNumber").asLong()) {
          break;
        }
      }
      Thread.sleep(1_000);
    }
    assertThat(chain).as("an indexer status").isNotNull();
    assertThat(chain.at("/lastFailure").isNull()).as(chain.toString()).isTrue();
    List<String> indexed = new ArrayList<>();
    chain.at("/contracts").forEach(contract -> indexed.add(contract.at("/name").asText()));
    assertThat(indexed)
        .as(chain.toString())
        .contains(
            "BondingManager", "TicketBroker", "RoundsManager", "SlaOracle", "SlaFeeDistributor");

    // The payout service distributes each published epoch on the SlaFeeDistributor of up.json,
    // with a bonus pool for every workload of the catalogue (funded by naap up as a gateway).
    String distribution =
        "http://127.0.0.1:" + apiPort + "/v1/incentives/epochs/" + published.at("/epoch").asLong();
    long payoutDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> payouts = get(distribution);
    while (payouts.statusCode() != 200 && System.nanoTime() < payoutDeadline) {
      Thread.sleep(1_000);
      payouts = get(distribution);
    }
    assertThat(payouts.statusCode()).as(payouts.body() + "\n" + up.stdout()).isEqualTo(200);
    JsonNode payout = JSON.readTree(payouts.body());
    assertThat(payout.at("/distributor").asText())
        .isEqualTo(report.at("/contracts/SlaFeeDistributor/address").asText());
    assertThat(payout.at("/pools").size()).as(payout.toString()).isEqualTo(3);
    assertThat(payout.at("/rulesVersion").asText()).isEqualTo("incentives-1");
    String metrics = get("http://127.0.0.1:" + apiPort + "/metrics").body();
    assertThat(metrics)
        .contains("naap_indexer_head{chain=\"" + chain.at("/chainId").asLong() + "\"")
        .contains("naap_indexer_lag_blocks")
        .contains("naap_indexer_rpc_errors{chain=");
    for (JsonNode contract : chain.at("/contracts")) {
      if (contract.at("/name").asText().equals("SlaOracle")) {
        assertThat(contract.at("/indexedThrough").asLong())
            .as(chain.toString())
            .isGreaterThanOrEqualTo(published.at("/transaction/blockNumber").asLong());
      }
    }

    // naap verify, trusting nothing the API says that can be checked: an orchestrator of the
    // published epoch passes against the SlaOracle of up.json; pinned to another contract naap up
    // deployed it fails; an orchestrator without a leaf is a clear failure.
    long epoch = published.at("/epoch").asLong();
    String orchestrator = published.at("/leaves/0/orchestrator").asText();
    String workload = published.at("/leaves/0/workload").asText();
    List<String> verify =
        List.of(
            "verify",
            "--api",
            "http://127.0.0.1:" + apiPort,
            "--rpc",
            report.at("/chain/rpcUrl").asText(),
            "--epoch",
            Long.toString(epoch));
    LaunchedNaap valid =
        launchAndWait(
            verify,
            "--orchestrator",
            orchestrator,
            "--contract",
            report.at("/contracts/SlaOracle/address").asText());
    assertThat(valid.process().exitValue())
        .as(valid.stdout() + valid.stderr())
        .isEqualTo(ExitCodes.OK);
    assertThat(valid.stdout())
        .contains("ok   verifyScore (" + workload + ")")
        .containsPattern(
            "(?m)^VALID: "
                + orchestrator
                + " scored \\d+ bps for "
                + Pattern.quote(workload)
                + " in epoch "
                + epoch
                + " \\((qualifies|does not qualify)(, provisional)?\\)$")
        .doesNotContain("FAIL ");
    LaunchedNaap otherContract =
        launchAndWait(
            verify,
            "--orchestrator",
            orchestrator,
            "--workload",
            workload,
            "--contract",
            bondingManager);
    assertThat(otherContract.process().exitValue())
        .as(otherContract.stdout() + otherContract.stderr())
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(otherContract.stdout())
        .contains("FAIL contract: the API serves SlaOracle")
        .contains("FAIL verifyScore (" + workload + ")")
        .containsPattern("(?m)^INVALID: \\d+ checks failed$");
    String nobody = "0x00000000000000000000000000000000000000aa";
    LaunchedNaap noLeaf = launchAndWait(verify, "--orchestrator", nobody);
    assertThat(noLeaf.process().exitValue()).isEqualTo(ExitCodes.FAILURE);
    assertThat(noLeaf.stderr())
        .contains(
            "has no leaf of " + EvmAddress.fromHex(nobody).checksummed() + " in epoch " + epoch);

    HttpResponse<String> missing = get("http://127.0.0.1:" + apiPort + "/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).at("/error/code").asText()).isEqualTo("not_found");

    // A second naap up on the same ports fails fast and names the busy port.
    LaunchedNaap second =
        launch(
            "up",
            "--ephemeral",
            "--port",
            "" + apiPort,
            "--rpc-port",
            "" + LaunchedNaap.freePort());
    assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.process().exitValue()).isEqualTo(ExitCodes.FAILURE);
    assertThat(second.stderr()).contains("port " + apiPort).contains("already in use");

    long anvilPid = report.at("/chain/pid").asLong();
    long postgresPid = report.at("/database/pid").asLong();
    List<ProcessHandle> children = up.process().descendants().toList();
    assertThat(ProcessHandle.of(anvilPid)).isPresent();
    assertThat(ProcessHandle.of(postgresPid)).isPresent();

    up.signal("INT");
    assertThat(up.process().waitFor(60, TimeUnit.SECONDS)).as("naap up exits on SIGINT").isTrue();
    assertThat(up.stderr()).contains("stopped");
    assertGone(anvilPid, "anvil");
    assertGone(postgresPid, "postgres");
    children.forEach(
        child -> assertGone(child.pid(), "child " + child.info().command().orElse("?")));

    // The home keeps its state: a restart reuses the deployed contracts on the saved chain.
    LaunchedNaap again =
        launch("up", "--home", home.toString(), "--port", "" + apiPort, "--rpc-port", "" + rpcPort);
    JsonNode restarted = again.awaitReady(home.resolve("up.json"));
    assertThat(restarted.at("/contracts/BondingManager/address").asText())
        .isEqualTo(bondingManager);
    // new dev keys; those of the first run were revoked when it stopped
    String newGatewayKey = restarted.at("/keys/gateway").asText();
    assertThat(newGatewayKey).isNotEqualTo(gatewayKey);
    assertThat(post(events, Optional.of(newGatewayKey)).statusCode()).isEqualTo(200);
    HttpResponse<String> stale = post(events, Optional.of(gatewayKey));
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(stale.body()).at("/error/message").asText()).contains("was revoked");
    again.signal("TERM");
    assertThat(again.process().waitFor(60, TimeUnit.SECONDS))
        .as("naap up exits on SIGTERM")
        .isTrue();
    assertGone(restarted.at("/chain/pid").asLong(), "anvil");
    assertGone(restarted.at("/database/pid").asLong(), "postgres");
  }

  @Test
  void ephemeralRunLeavesNothingBehind() throws Exception {
    int apiPort = LaunchedNaap.freePort();
    LaunchedNaap up =
        launch(
            "up",
            "--ephemeral",
            "--no-loadgen",
            "--port",
            "" + apiPort,
            "--rpc-port",
            "" + LaunchedNaap.freePort());
    String reportLine = up.awaitStdout("written to ");
    Path reportFile =
        Path.of(
            reportLine
                .substring(reportLine.indexOf("written to ") + "written to ".length())
                .trim());
    JsonNode report = JSON.readTree(Files.readString(reportFile));
    Path home = Path.of(report.at("/home").asText());
    assertThat(report.at("/ephemeral").asBoolean()).isTrue();
    assertThat(report.at("/loadgen").isNull()).as("--no-loadgen").isTrue();
    assertThat(up.stdout()).contains("loadgen    off");
    assertThat(get("http://127.0.0.1:" + apiPort + "/health").statusCode()).isEqualTo(200);

    up.signal("INT");
    assertThat(up.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertGone(report.at("/chain/pid").asLong(), "anvil");
    assertGone(report.at("/database/pid").asLong(), "postgres");
    assertThat(home).doesNotExist();
  }

  /** Polls a count until it is positive (or the ready timeout passes) and returns it. */
  private static long awaitCount(String jdbcUrl, String sql) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    long count = 0;
    while (count == 0 && System.nanoTime() < deadline) {
      try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        count = rows.getLong(1);
      }
      if (count == 0) {
        Thread.sleep(500);
      }
    }
    return count;
  }

  private static String statusOf(JsonNode health, String check) {
    for (JsonNode node : health.path("checks")) {
      if (check.equals(node.path("name").asText())) {
        return node.path("status").asText();
      }
    }
    return "absent";
  }

  private static void assertGone(long pid, String what) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    process.ifPresent(
        handle ->
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> handle).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as(what + " (pid " + pid + ") is gone")
        .isFalse();
  }

  /** Posts one new gateway event, with the key as bearer token if there is one. */
  private HttpResponse<String> post(String url, Optional<String> key)
      throws IOException, InterruptedException {
    String event =
        "{\"id\":\""
            + UUID.randomUUID()
            + "\",\"type\":\"stream_trace\",\"timestamp\":\"1767908945298\",\"gateway\":\"\","
            + "\"data\":{\"type\":\"gateway_receive_stream_request\",\"timestamp\":1767908945298,"
            + "\"stream_id\":\"up-it\",\"request_id\":\"r-1\",\"pipeline_id\":\"\","
            + "\"orchestrator_info\":{\"address\":\"\",\"url\":\"\"}}}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(event));
    key.ifPresent(text -> request.header("Authorization", "Bearer " + text));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Launches the command with {@code first} and {@code more} as arguments, and waits for its exit.
   */
  private LaunchedNaap launchAndWait(List<String> first, String... more) throws Exception {
    List<String> args = new ArrayList<>(first);
    args.addAll(List.of(more));
    LaunchedNaap launched = launch(args.toArray(String[]::new));
    assertThat(launched.process().waitFor(60, TimeUnit.SECONDS))
        .as("naap %s exits", String.join(" ", args))
        .isTrue();
    return launched;
  }

  private LaunchedNaap launch(String... args) throws IOException {
    LaunchedNaap started = LaunchedNaap.launch(temp, List.of(args));
    launched.add(started.process());
    return started;
  }
}
