package io.naap.app.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.app.ExitCodes;
import io.naap.app.up.LaunchedNaap;
import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.indexer.rpc.RetrySettings;
import io.naap.indexer.rpc.RpcErrorKind;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FaultProxy;
import io.naap.testkit.FaultProxy.Fault;
import io.naap.testkit.FaultProxy.Kind;
import io.naap.testkit.FaultProxy.RangeFormat;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The RPC fault acceptance test of the indexer, end to end: the packaged {@code naap up --rpc}
 * indexes a real anvil holding a few thousand protocol events through a {@link FaultProxy} that
 * refuses {@code eth_getLogs} ranges in Alchemy's and Infura's words (too wide, too many logs),
 * answers HTTP 429 and 503 and JSON-RPC rate-limit errors, stays silent until the request times
 * out, truncates answers, answers HTML and resets connections. The mirror then equals, row for row,
 * a fault-free index of the same chain by {@code naap indexer run}; every failure but a range
 * refusal was retried exactly once, within the retry budget; and {@code GET /v1/indexer/status}
 * counts each injected kind exactly as injected. Nothing is timed.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class IndexerRpcFaultIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int BLOCKS = 40;
  private static final int REWARDS_PER_BLOCK = 120;
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(100_000_000_000L);
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(150_000);

  /** Wider ranges are refused; sparse stretches of the history are several times as long. */
  private static final long PROXY_MAX_BLOCKS = 200;

  /**
   * Answers with more logs are refused: below the indexer's target of 500 a request, above the most
   * logs a block holds (one burst), so that every block can be read.
   */
  private static final int PROXY_MAX_LOGS = 300;

  private static final int FINALITY_DEPTH = 4;

  private static final Duration CONVERGED_WITHIN = Duration.ofMinutes(5);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<LaunchedNaap> launched = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void killLeftovers() {
    launched.forEach(LaunchedNaap::kill);
  }

  @Test
  void throughEveryKindOfProviderFaultNaapUpIndexesWhatAFaultFreeRunIndexes(
      AnvilNode anvil, PostgresDatabase clean) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    List<String> contracts;
    long head;
    try {
      contracts = emitHistory(anvil, web3j);
      head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } finally {
      web3j.shutdown();
    }
    long expectedEvents = (long) BLOCKS * (REWARDS_PER_BLOCK + 1);

    FaultProxy.Schedule schedule =
        new FaultProxy.Schedule(
                // each kind early, whatever the seeded draws bring later
                List.of(
                    Fault.PASS,
                    Fault.HTTP_429,
                    Fault.PASS,
                    Fault.TIMEOUT,
                    Fault.PASS,
                    Fault.NOT_JSON,
                    Fault.PASS,
                    Fault.TRUNCATED,
                    Fault.PASS,
                    Fault.RPC_RATE_LIMIT,
                    Fault.PASS,
                    Fault.HTTP_503,
                    Fault.PASS,
                    Fault.RESET,
                    Fault.PASS,
                    Fault.TIMEOUT),
                0.05,
                List.of(
                    Fault.HTTP_429,
                    Fault.RPC_RATE_LIMIT,
                    Fault.HTTP_503,
                    Fault.TRUNCATED,
                    Fault.NOT_JSON,
                    Fault.RESET),
                20261130,
                PROXY_MAX_BLOCKS,
                PROXY_MAX_LOGS,
                Duration.ofSeconds(30))
            // the indexer's reads only: naap up's start-up calls pass, and nothing else sends
            // eth_getLogs through the proxy, so the proxy's counts are the indexer's
            .onlyFor("eth_getLogs");
    try (FaultProxy proxy = FaultProxy.start(URI.create(anvil.rpcUrl()), schedule)) {
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
                  proxy.uri().toString(),
                  "--rpc-timeout",
                  "2s",
                  "--finality-depth",
                  Integer.toString(FINALITY_DEPTH)));
      contracts.forEach(contract -> args.addAll(List.of("--contract", contract)));
      LaunchedNaap up = LaunchedNaap.launch(temp, args);
      launched.add(up);
      JsonNode report = up.awaitReady(home.resolve("up.json"));

      // the node is not naap up's; no SlaOracle was given or deployed, so no oracle publisher
      assertThat(report.at("/chain/external").asBoolean()).isTrue();
      assertThat(report.at("/chain/chainId").asLong()).isEqualTo(anvil.chainId());
      assertThat(report.at("/chain/pid").isMissingNode()).isTrue();
      assertThat(report.at("/oracle/running").asBoolean()).isFalse();
      assertThat(report.at("/oracle/reason").asText()).startsWith("no SlaOracle on chain 31337");
      assertThat(up.stdout()).contains("oracle     off: no SlaOracle");
      assertThat(up.stderr()).contains("the oracle publisher does not run: no SlaOracle");
      assertThat(report.at("/indexer/finalityDepth").asInt()).isEqualTo(FINALITY_DEPTH);
      assertThat(report.at("/loadgen").isNull()).as("no load generator with --rpc").isTrue();
      assertThat(report.at("/contracts").size()).isEqualTo(contracts.size());

      String statusUrl = report.at("/api/url").asText() + "/v1/indexer/status";
      JsonNode chain = awaitConverged(statusUrl, head, proxy, up);

      // row for row what a fault-free run indexes from the node directly
      List<String> faulty;
      try (Database database = connect(report.at("/database/jdbcUrl").asText())) {
        faulty = new ProtocolMirrorStore(database).dump(anvil.chainId());
      }
      List<String> cleanArgs =
          new ArrayList<>(
              List.of(
                  "indexer",
                  "run",
                  "--database-url",
                  clean.jdbcUrl(),
                  "--rpc",
                  anvil.rpcUrl(),
                  "--finality-depth",
                  Integer.toString(FINALITY_DEPTH),
                  "--until-caught-up"));
      contracts.forEach(contract -> cleanArgs.addAll(List.of("--contract", contract)));
      LaunchedNaap reference = LaunchedNaap.launch(temp, cleanArgs);
      launched.add(reference);
      assertThat(reference.awaitExit(Duration.ofMinutes(5)))
          .as(reference.stdout() + reference.stderr())
          .isEqualTo(ExitCodes.OK);
      List<String> expected;
      try (Database database = connect(clean.jdbcUrl())) {
        expected = new ProtocolMirrorStore(database).dump(anvil.chainId());
      }
      assertThat(expected.size()).isGreaterThanOrEqualTo((int) expectedEvents);
      assertThat(faulty).isEqualTo(expected);

      // every injected kind shows on the status, counted exactly as injected
      Map<Kind, Long> injected = proxy.injected();
      Map<RangeFormat, Long> refusals = proxy.refusals();
      System.out.printf(
          "IndexerRpcFaultIT: %d events; proxy: %d requests, faults %s, refusals %s; status: %d"
              + " requests, %d retries, errors %s, range now %s blocks%n",
          faulty.size(),
          proxy.requests(),
          proxy.faults(),
          refusals,
          chain.at("/rpcRequests").asLong(),
          chain.at("/rpcRetries").asLong(),
          chain.at("/rpcErrors"),
          chain.at("/currentRangeBlocks"));
      JsonNode errors = chain.at("/rpcErrors");
      for (Kind kind : Kind.values()) {
        assertThat(injected.get(kind)).as("%s injected", kind).isPositive();
        // the status names the kinds as the indexer does
        RpcErrorKind.valueOf(kind.name());
        if (kind == Kind.TIMEOUT) {
          // a slow answer of the node itself would be one too
          assertThat(errors.path(kind.name()).asLong())
              .as("%s on the status", kind)
              .isGreaterThanOrEqualTo(injected.get(kind));
        } else {
          assertThat(errors.path(kind.name()).asLong())
              .as("%s on the status", kind)
              .isEqualTo(injected.get(kind));
        }
      }
      assertThat(errors.path(RpcErrorKind.RPC_ERROR.name()).asLong()).isZero();
      // range refusals in both providers' words: Alchemy's, and Infura's (by data or message)
      assertThat(refusals.get(RangeFormat.ALCHEMY)).isPositive();
      assertThat(refusals.get(RangeFormat.INFURA_DATA) + refusals.get(RangeFormat.INFURA_MESSAGE))
          .isPositive();
      // Infura's block cap was learned as the ceiling of the range
      assertThat(refusals.get(RangeFormat.INFURA_BLOCK_CAP)).isPositive();
      assertThat(chain.at("/currentRangeBlocks").asLong()).isBetween(1L, PROXY_MAX_BLOCKS);

      // bounded: every failure but a range refusal retried exactly once (none ran out of
      // attempts), and within naap up's retry budget (its capacity, plus what successes earned)
      long requests = chain.at("/rpcRequests").asLong();
      long retries = chain.at("/rpcRetries").asLong();
      long failures = 0;
      for (JsonNode count : errors) {
        failures += count.asLong();
      }
      long rangeRefusals = errors.path(RpcErrorKind.RANGE_LIMIT.name()).asLong();
      assertThat(retries).isEqualTo(failures - rangeRefusals);
      RetrySettings budget = RetrySettings.defaults();
      assertThat(retries)
          .isLessThanOrEqualTo(
              budget.budgetCapacity() + (long) (budget.budgetPerSuccess() * (requests - failures)));
      assertThat(requests).isLessThanOrEqualTo(proxy.requests());
      assertThat(chain.at("/lastFailure").isNull()).as(chain.toString()).isTrue();

      // stopping naap up leaves the node it did not start running
      up.signal("TERM");
      up.awaitExit(Duration.ofSeconds(60));
      assertThat(up.stderr()).contains("stopped");
      assertThat(anvil.isAlive()).as("the external node still runs").isTrue();
    }
  }

  /**
   * Deploys the protocol doubles and mines {@value #BLOCKS} blocks of {@value #REWARDS_PER_BLOCK}
   * Reward events and a DepositFunded each, with runs of empty blocks between some of them
   * (automine off, transactions signed here with consecutive nonces); returns the contracts to
   * index as {@code --contract} values.
   */
  private static List<String> emitHistory(AnvilNode anvil, Web3j web3j) throws Exception {
    Credentials sender = Credentials.create(anvil.accounts().getFirst().privateKey());
    ProtocolDeployment doubles =
        ProtocolDoubles.deploy(web3j, sender, anvil.chainId(), new DefaultGasProvider());
    DefaultGasProvider gas = new DefaultGasProvider();
    BondingManager bonding =
        BondingManager.load(
            doubles.get(ProtocolContract.BONDING_MANAGER).addressHex(), web3j, sender, gas);
    TicketBroker broker =
        TicketBroker.load(
            doubles.get(ProtocolContract.TICKET_BROKER).addressHex(), web3j, sender, gas);
    List<String> transcoders = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      transcoders.add(String.format("0x%040x", i * 0x2222L));
    }
    long nonce =
        web3j
            .ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount()
            .longValueExact();
    Random random = new Random(20261130);
    anvil.rpc("evm_setAutomine", "[false]");
    try {
      for (int block = 0; block < BLOCKS; block++) {
        if (random.nextBoolean()) {
          anvil.rpc("anvil_mine", "[\"0x" + Long.toHexString(1 + random.nextInt(400)) + "\"]");
        }
        for (int i = 0; i < REWARDS_PER_BLOCK; i++) {
          // amounts of LPT a round's reward can be (at most about a million LPT, in wei)
          String data =
              bonding
                  .emitReward(transcoders.get(i % 5), new BigInteger(80, random))
                  .encodeFunctionCall();
          send(anvil, web3j, sender, nonce++, bonding.getContractAddress(), data);
        }
        String deposit =
            broker
                .emitDepositFunded(transcoders.get(block % 5), BigInteger.valueOf(block))
                .encodeFunctionCall();
        send(anvil, web3j, sender, nonce++, broker.getContractAddress(), deposit);
        anvil.rpc("evm_mine", "[]");
      }
    } finally {
      anvil.rpc("evm_setAutomine", "[true]");
    }
    long mined =
        web3j
            .ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST)
            .send()
            .getTransactionCount()
            .longValueExact();
    assertThat(mined).as("transactions mined").isEqualTo(nonce);
    List<String> contracts = new ArrayList<>();
    for (ProtocolContract contract :
        List.of(
            ProtocolContract.BONDING_MANAGER,
            ProtocolContract.TICKET_BROKER,
            ProtocolContract.ROUNDS_MANAGER)) {
      var deployed = doubles.get(contract);
      contracts.add(
          contract.protocolName() + "=" + deployed.addressHex() + "@" + deployed.deploymentBlock());
    }
    return contracts;
  }

  private static void send(
      AnvilNode anvil, Web3j web3j, Credentials sender, long nonce, String to, String data)
      throws Exception {
    RawTransaction transaction =
        RawTransaction.createTransaction(
            BigInteger.valueOf(nonce), GAS_PRICE, GAS_LIMIT, to, BigInteger.ZERO, data);
    byte[] signed = TransactionEncoder.signMessage(transaction, anvil.chainId(), sender);
    EthSendTransaction answer = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    if (answer.hasError()) {
      throw new IllegalStateException(
          "transaction " + nonce + " refused: " + answer.getError().getMessage());
    }
  }

  /**
   * Polls the status until every contract is indexed through {@code head} and the status counts at
   * least what the proxy injected (it is recorded after each pass), then returns the chain's
   * status.
   */
  private JsonNode awaitConverged(String url, long head, FaultProxy proxy, LaunchedNaap up)
      throws Exception {
    long deadline = System.nanoTime() + CONVERGED_WITHIN.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      assertThat(up.process().isAlive()).as("naap up runs: %s", up.stderr()).isTrue();
      JsonNode answer = JSON.readTree(get(url));
      if (answer.at("/chains").size() == 1) {
        last = answer.at("/chains/0");
        if (converged(last, head) && countsCaughtUp(last, proxy.injected())) {
          return last;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "naap up did not converge on block "
            + head
            + " within "
            + CONVERGED_WITHIN
            + "; last status: "
            + last
            + "\nstderr:\n"
            + up.stderr());
  }

  private static boolean converged(JsonNode chain, long head) {
    if (chain.at("/contracts").isEmpty()) {
      return false;
    }
    for (JsonNode contract : chain.at("/contracts")) {
      if (contract.at("/indexedThrough").asLong() < head) {
        return false;
      }
    }
    return true;
  }

  private static boolean countsCaughtUp(JsonNode chain, Map<Kind, Long> injected) {
    Map<Kind, Long> counted = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counted.put(kind, chain.at("/rpcErrors").path(kind.name()).asLong());
    }
    return injected.entrySet().stream()
        .allMatch(entry -> counted.get(entry.getKey()) >= entry.getValue());
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static Database connect(String jdbcUrl) {
    return Database.connect(
        new DatabaseSettings(jdbcUrl, LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }
}
