package io.naap.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.embedded.AnvilNode;
import io.naap.testkit.AnvilExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import picocli.CommandLine;

/**
 * {@code naap up --rpc} against a local node it did not start (an anvil with its unlocked dev
 * accounts, as a developer runs one): the packaged command indexes the contracts it is given,
 * deploys SlaOracle when asked (its account funded from the node's dev account), publishes scores
 * of the load generator's fleet there, leaves the node running when it stops, and on a restart
 * finds the SlaOracle it deployed; bad input stops it before anything starts, with the reason.
 */
@ExtendWith(AnvilExtension.class)
class UpRpcIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<LaunchedNaap> launched = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void killLeftovers() {
    launched.forEach(LaunchedNaap::kill);
  }

  @Test
  void againstALocalNodeItIndexesTheGivenContractsDeploysSlaOracleAndPublishes(AnvilNode anvil)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    ProtocolDeployment doubles;
    try {
      doubles =
          ProtocolDoubles.deploy(
              web3j,
              Credentials.create(anvil.accounts().getFirst().privateKey()),
              anvil.chainId(),
              new DefaultGasProvider());
    } finally {
      web3j.shutdown();
    }
    List<String> contracts = new ArrayList<>();
    for (ProtocolContract contract :
        List.of(
            ProtocolContract.BONDING_MANAGER,
            ProtocolContract.TICKET_BROKER,
            ProtocolContract.ROUNDS_MANAGER)) {
      contracts.add("--contract");
      contracts.add(
          contract.protocolName()
              + "="
              + doubles.get(contract).addressHex()
              + "@"
              + doubles.get(contract).deploymentBlock());
    }
    Path home = temp.resolve("home");
    int apiPort = LaunchedNaap.freePort();
    List<String> args =
        new ArrayList<>(
            List.of(
                "up",
                "--home",
                home.toString(),
                "--port",
                Integer.toString(apiPort),
                "--rpc",
                anvil.rpcUrl(),
                "--deploy-contracts",
                "--loadgen"));
    args.addAll(contracts);
    LaunchedNaap up = launch(args);
    JsonNode report = up.awaitReady(home.resolve("up.json"));

    assertThat(report.at("/chain/rpcUrl").asText()).isEqualTo(anvil.rpcUrl());
    assertThat(report.at("/chain/chainId").asLong()).isEqualTo(anvil.chainId());
    assertThat(report.at("/chain/external").asBoolean()).isTrue();
    assertThat(report.at("/chain/pid").isMissingNode()).as("no anvil of naap up's").isTrue();
    assertThat(up.stdout()).contains("(chain id 31337, not started by naap up)");
    String bondingManager = doubles.get(ProtocolContract.BONDING_MANAGER).addressHex();
    assertThat(report.at("/contracts/BondingManager/address").asText())
        .isEqualToIgnoringCase(bondingManager);
    assertThat(report.at("/contracts/BondingManager/block").asLong())
        .isEqualTo(doubles.get(ProtocolContract.BONDING_MANAGER).deploymentBlock());
    assertThat(report.at("/contracts").size()).as("3 given and SlaOracle").isEqualTo(4);
    String slaOracle = report.at("/contracts/SlaOracle/address").asText();
    assertThat(slaOracle).matches("0x[0-9a-fA-F]{40}");
    // its publisher's account was funded from the node's first unlocked account
    assertThat(up.stderr()).contains("with 10 ETH from the dev chain's unlocked account");
    assertThat(report.at("/oracle/running").asBoolean()).isTrue();
    assertThat(report.at("/oracle/contract").asText()).isEqualTo(slaOracle);
    assertThat(report.at("/oracle/epochLength").asText()).isEqualTo("PT1M");
    assertThat(report.at("/oracle/signers").asInt()).isEqualTo(3);
    assertThat(report.at("/oracle/threshold").asInt()).isEqualTo(2);
    assertThat(report.at("/indexer/profile").asText()).isEqualTo("local");
    assertThat(report.at("/indexer/finalityDepth").asInt()).isEqualTo(12);
    assertThat(report.at("/loadgen/seed").isIntegralNumber()).as("--loadgen").isTrue();
    // the operator keys it made are kept for its owner only, never printed
    Path keys = home.resolve("oracle").resolve("operator-keys");
    assertThat(Files.getPosixFilePermissions(keys))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    for (String key : Files.readAllLines(keys)) {
      assertThat(up.stdout() + up.stderr() + Files.readString(home.resolve("up.json")))
          .doesNotContain(key.substring(2));
    }

    String api = report.at("/api/url").asText();
    JsonNode health = awaitHealthy(api + "/health", up);
    assertThat(statusOf(health, "chain")).isEqualTo("UP");
    assertThat(statusOf(health, "indexer")).isEqualTo("UP");

    // the oracle publishes the load generator's fleet's scores on the SlaOracle it deployed
    HttpResponse<String> attestation = get(api + "/v1/attestations/latest");
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (attestation.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      attestation = get(api + "/v1/attestations/latest");
    }
    assertThat(attestation.statusCode()).as(attestation.body() + up.stderr()).isEqualTo(200);
    JsonNode published = JSON.readTree(attestation.body());
    assertThat(published.at("/status").asText()).isEqualTo("published");
    assertThat(published.at("/contract").asText()).isEqualTo(slaOracle);
    long publishedIn = published.at("/transaction/blockNumber").asLong();

    // and indexes it with the contracts it was given
    JsonNode chain = null;
    long indexDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < indexDeadline) {
      JsonNode answer = JSON.readTree(get(api + "/v1/indexer/status").body());
      chain = answer.at("/chains/0");
      if (indexedThrough(chain, "SlaOracle") >= publishedIn) {
        break;
      }
      Thread.sleep(1_000);
    }
    assertThat(indexedThrough(chain, "SlaOracle"))
        .as("%s", chain)
        .isGreaterThanOrEqualTo(publishedIn);
    List<String> indexed = new ArrayList<>();
    chain.at("/contracts").forEach(contract -> indexed.add(contract.at("/name").asText()));
    assertThat(indexed)
        .containsExactlyInAnyOrder("BondingManager", "TicketBroker", "RoundsManager", "SlaOracle");

    up.signal("TERM");
    up.awaitExit(Duration.ofSeconds(60));
    assertThat(up.stderr()).contains("stopped");
    assertThat(anvil.isAlive()).as("the node naap up did not start still runs").isTrue();

    // restarted on the same home without --deploy-contracts: the SlaOracle it deployed, again
    List<String> again =
        new ArrayList<>(
            List.of(
                "up",
                "--home",
                home.toString(),
                "--port",
                Integer.toString(apiPort),
                "--rpc",
                anvil.rpcUrl()));
    again.addAll(contracts);
    LaunchedNaap restarted = launch(again);
    JsonNode second = restarted.awaitReady(home.resolve("up.json"));
    assertThat(second.at("/contracts/SlaOracle/address").asText()).isEqualTo(slaOracle);
    assertThat(second.at("/oracle/running").asBoolean()).isTrue();
    assertThat(second.at("/loadgen").isNull()).as("no load generator without --loadgen").isTrue();
    assertThat(restarted.stderr()).contains("using the SlaOracle this home deployed");
    restarted.signal("INT");
    restarted.awaitExit(Duration.ofSeconds(60));
    assertThat(anvil.isAlive()).isTrue();
  }

  @Test
  void badInputStopsItBeforeAnythingStartsWithTheReason(AnvilNode anvil) throws Exception {
    String port = Integer.toString(LaunchedNaap.freePort());
    String nowhere = "http://127.0.0.1:" + LaunchedNaap.freePort();

    Run unreachable = run("up", "--ephemeral", "--port", port, "--rpc", nowhere);
    assertThat(unreachable.exit()).as(unreachable.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unreachable.err())
        .contains("naap: cannot reach the chain at " + nowhere)
        .contains("check --rpc");

    Run otherChain =
        run("up", "--ephemeral", "--port", port, "--rpc", anvil.rpcUrl(), "--profile", "mainnet");
    assertThat(otherChain.exit()).as(otherChain.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(otherChain.err())
        .contains(
            "profile mainnet is for chain 42161, but the node at "
                + anvil.rpcUrl()
                + " is chain 31337");

    String address = "0x" + "ab".repeat(20);
    Run beyondHead =
        run(
            "up",
            "--ephemeral",
            "--port",
            port,
            "--rpc",
            anvil.rpcUrl(),
            "--contract",
            "BondingManager=" + address + "@999999999");
    assertThat(beyondHead.exit()).as(beyondHead.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(beyondHead.err())
        .contains("BondingManager starts at block 999999999, beyond the head of chain 31337");
    assertThat(beyondHead.out()).isEmpty();
  }

  private record Run(int exit, String out, String err) {}

  /** {@code naap args...} in this JVM, as far as it gets before starting anything. */
  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = NaapCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private LaunchedNaap launch(List<String> args) throws Exception {
    LaunchedNaap naap = LaunchedNaap.launch(temp, args);
    launched.add(naap);
    return naap;
  }

  private static long indexedThrough(JsonNode chain, String name) {
    if (chain == null) {
      return -1;
    }
    for (JsonNode contract : chain.at("/contracts")) {
      if (contract.at("/name").asText().equals(name)) {
        return contract.at("/indexedThrough").asLong();
      }
    }
    return -1;
  }

  private JsonNode awaitHealthy(String url, LaunchedNaap up) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    HttpResponse<String> health = get(url);
    while (health.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      health = get(url);
    }
    assertThat(health.statusCode()).as(health.body() + up.stderr()).isEqualTo(200);
    return JSON.readTree(health.body());
  }

  private static String statusOf(JsonNode health, String check) {
    for (JsonNode node : health.path("checks")) {
      if (check.equals(node.path("name").asText())) {
        return node.path("status").asText();
      }
    }
    return "absent";
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
