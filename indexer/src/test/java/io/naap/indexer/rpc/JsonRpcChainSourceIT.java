package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.bindings.deploy.DeployedContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.RoundsManager;
import io.naap.bindings.generated.ServiceRegistry;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FaultProxy;
import io.naap.testkit.FaultProxy.Fault;
import io.naap.testkit.FaultProxy.RangeFormat;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The JSON-RPC source against a real anvil holding a few thousand protocol events spread over a few
 * thousand blocks, dense and sparse: read directly it returns what web3j returns; read through a
 * {@link FaultProxy} that refuses ranges in Alchemy's and Infura's words, rate-limits, times out,
 * truncates, answers HTML and resets connections, it returns the same logs, log for log, with every
 * injected failure counted by kind and each retried once; and an endpoint that keeps failing ends
 * the fetch with an exception within the retry budget.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonRpcChainSourceIT {
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(100_000_000_000L);
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(150_000);
  private static final int CLUSTERS = 80;
  private static final int MAX_LOGS_PER_BLOCK = 149;

  /**
   * The longest run of empty blocks between clusters: anvil takes longer to mine each block the
   * longer its chain, so the chain stays a few thousand blocks long.
   */
  private static final int EMPTY_RUN = 100;

  /** The proxy's block cap: several times below the history's length. */
  private static final long PROXY_MAX_BLOCKS = 200;

  private Web3j web3j;
  private List<String> addresses;
  private long from;
  private long head;
  private int emitted;

  @BeforeAll
  void emitAHistory(AnvilNode anvil) throws Exception {
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    ProtocolDeployment deployment =
        ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), new DefaultGasProvider());
    addresses = deployment.contracts().stream().map(DeployedContract::addressHex).toList();
    from = deployment.bondingManager().deploymentBlock();
    emitted = new History(anvil, web3j, deployer, deployment, new Random(20261129)).emit();
    head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  @AfterAll
  void closeClient() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  @Test
  void aDirectFetchReadsWhatWeb3jReads(AnvilNode anvil) throws Exception {
    List<RawLog> direct;
    try (JsonRpcChainSource source = direct(anvil)) {
      long started = System.nanoTime();
      direct = fetch(source, from, head);
      long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
      System.out.printf(
          "direct fetch: %d logs of blocks %d..%d in %d ms, %d requests, range now %s%n",
          direct.size(), from, head, millis, source.errors().snapshot().requests(), source.range());
      for (long number : new long[] {0, from, head / 2, head}) {
        EthBlock.Block block =
            web3j
                .ethGetBlockByNumber(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                .send()
                .getBlock();
        var header = source.header(number);
        assertThat(header.hash()).isEqualTo(block.getHash());
        assertThat(header.parentHash()).isEqualTo(block.getParentHash());
        assertThat(header.timestamp()).isEqualTo(block.getTimestamp().longValueExact());
      }
      // anvil sends each log's block timestamp: the header's
      for (RawLog log :
          List.of(direct.getFirst(), direct.get(direct.size() / 2), direct.getLast())) {
        assertThat(log.blockTimestamp()).hasValue(source.header(log.blockNumber()).timestamp());
      }
      assertThatThrownBy(() -> source.header(head + 1_000))
          .isInstanceOf(ChainSourceException.class)
          .hasMessage("no block " + (head + 1_000));
      assertThat(source.chainId()).isEqualTo(anvil.chainId());
      assertThat(source.head()).isEqualTo(head);
      // by block hash: the same logs as the range read, block by block
      Random pick = new Random(3);
      for (int i = 0; i < 20; i++) {
        RawLog some = direct.get(pick.nextInt(direct.size()));
        assertThat(
                source.logs(
                    addresses, some.blockHash().toUpperCase(Locale.ROOT).replace("0X", "0x")))
            .isEqualTo(
                direct.stream().filter(log -> log.blockNumber() == some.blockNumber()).toList());
      }
      String unknown = "0x" + "12".repeat(32);
      assertThatThrownBy(() -> source.logs(addresses, unknown))
          .isInstanceOf(ChainSourceException.class)
          .hasMessage("no block with hash " + unknown);
    }

    EthLog answer =
        web3j
            .ethGetLogs(
                new EthFilter(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(head)),
                    addresses))
            .send();
    List<RawLog> expected = new ArrayList<>();
    for (EthLog.LogResult<?> result : answer.getLogs()) {
      Log log = (Log) result.get();
      expected.add(
          new RawLog(
              log.getBlockNumber().longValueExact(),
              log.getBlockHash(),
              log.getTransactionHash(),
              log.getTransactionIndex().intValueExact(),
              log.getLogIndex().intValueExact(),
              log.getAddress().toLowerCase(Locale.ROOT),
              log.getTopics(),
              log.getData(),
              log.isRemoved()));
    }
    // web3j's logs have no block timestamp
    assertThat(direct).hasSize(emitted).allMatch(log -> log.blockTimestamp().isPresent());
    assertThat(direct.stream().map(log -> log.withBlockTimestamp(OptionalLong.empty())).toList())
        .isEqualTo(expected);
  }

  @Test
  void throughEveryKindOfFaultTheLogsEqualADirectFetch(AnvilNode anvil) throws Exception {
    List<RawLog> direct;
    try (JsonRpcChainSource source = direct(anvil)) {
      direct = fetch(source, from, head);
    }
    assertThat(direct).hasSize(emitted);

    FaultProxy.Schedule schedule =
        new FaultProxy.Schedule(
            List.of(
                Fault.PASS,
                Fault.HTTP_429,
                Fault.PASS,
                Fault.TIMEOUT,
                Fault.TRUNCATED,
                Fault.PASS,
                Fault.HTTP_503,
                Fault.NOT_JSON,
                Fault.PASS,
                Fault.RESET,
                Fault.RPC_RATE_LIMIT,
                Fault.PASS,
                Fault.TIMEOUT),
            0.1,
            List.of(
                Fault.HTTP_429,
                Fault.RPC_RATE_LIMIT,
                Fault.HTTP_503,
                Fault.TRUNCATED,
                Fault.NOT_JSON,
                Fault.RESET),
            7,
            PROXY_MAX_BLOCKS,
            MAX_LOGS_PER_BLOCK + 1,
            Duration.ofSeconds(30));
    RpcSettings settings =
        RpcSettings.defaults()
            .withRequestTimeout(Duration.ofSeconds(2))
            .withRange(new RangeSettings(40, 2_000, 300))
            .withRetry(
                new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(200), 6, 100, 0.2));
    try (FaultProxy proxy = FaultProxy.start(URI.create(anvil.rpcUrl()), schedule);
        JsonRpcChainSource source =
            new JsonRpcChainSource(proxy.uri(), settings, new Random(11), Sleeper.SYSTEM)) {
      assertThat(source.chainId()).isEqualTo(anvil.chainId());
      assertThat(source.head()).isEqualTo(head);
      assertThat(source.header(from).hash())
          .isEqualTo(
              web3j
                  .ethGetBlockByNumber(
                      DefaultBlockParameter.valueOf(BigInteger.valueOf(from)), false)
                  .send()
                  .getBlock()
                  .getHash());

      List<RawLog> proxied = fetch(source, from, head);

      assertThat(proxied).isEqualTo(direct);
      RpcErrorCounts.Snapshot counts = source.errors().snapshot();
      Map<RpcErrorKind, Long> injected = new EnumMap<>(RpcErrorKind.class);
      // the proxy's kinds are named as RpcErrorKind's (valueOf fails on one that is not)
      proxy
          .injected()
          .forEach((kind, count) -> injected.put(RpcErrorKind.valueOf(kind.name()), count));
      System.out.printf(
          "through the fault proxy: %d requests, %d retries, errors %s; injected %s, refusals %s;"
              + " range now %s%n",
          counts.requests(),
          counts.retries(),
          counts.errors(),
          proxy.faults(),
          proxy.refusals(),
          source.range());
      // each injected kind was seen, and counted as what it is
      for (RpcErrorKind kind :
          List.of(
              RpcErrorKind.RANGE_LIMIT,
              RpcErrorKind.RATE_LIMITED,
              RpcErrorKind.HTTP_ERROR,
              RpcErrorKind.MALFORMED_RESPONSE,
              RpcErrorKind.CONNECTION)) {
        assertThat(injected.get(kind)).as("%s injected", kind).isPositive();
        assertThat(counts.errors(kind)).as("%s counted", kind).isEqualTo(injected.get(kind));
      }
      // a slow answer of the node itself would be a timeout too
      assertThat(injected.get(RpcErrorKind.TIMEOUT)).isEqualTo(2);
      assertThat(counts.errors(RpcErrorKind.TIMEOUT))
          .isGreaterThanOrEqualTo(injected.get(RpcErrorKind.TIMEOUT));
      assertThat(counts.errors(RpcErrorKind.RPC_ERROR)).isZero();
      // refusals in Alchemy's words and in Infura's (by data or message), and Infura's block cap
      Map<RangeFormat, Long> refusals = proxy.refusals();
      assertThat(refusals.get(RangeFormat.ALCHEMY)).isPositive();
      assertThat(refusals.get(RangeFormat.INFURA_DATA) + refusals.get(RangeFormat.INFURA_MESSAGE))
          .isPositive();
      // bounded: every failure but a range refusal retried exactly once, nothing else sent
      assertThat(counts.retries())
          .isEqualTo(counts.totalErrors() - counts.errors(RpcErrorKind.RANGE_LIMIT));
      assertThat(counts.requests()).isEqualTo(proxy.requests());
      // Infura's block cap was learned as the ceiling
      assertThat(refusals.get(RangeFormat.INFURA_BLOCK_CAP)).isPositive();
      assertThat(source.range())
          .isEqualTo(new RangeState(source.range().blocks(), PROXY_MAX_BLOCKS, true));
    }
  }

  @Test
  void anEndpointThatKeepsFailingMakesLogsThrowWithinTheBudget(AnvilNode anvil) throws Exception {
    RpcSettings settings =
        RpcSettings.defaults()
            .withRequestTimeout(Duration.ofSeconds(2))
            .withRetry(new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(20), 5, 6, 0.2));
    try (FaultProxy proxy =
            FaultProxy.start(
                URI.create(anvil.rpcUrl()),
                FaultProxy.Schedule.alwaysFailing(
                    3,
                    Fault.HTTP_429,
                    Fault.RPC_RATE_LIMIT,
                    Fault.HTTP_503,
                    Fault.TRUNCATED,
                    Fault.NOT_JSON,
                    Fault.RESET));
        JsonRpcChainSource source =
            new JsonRpcChainSource(proxy.uri(), settings, new Random(5), Sleeper.SYSTEM)) {
      List<long[]> chunks = new ArrayList<>();

      assertThatThrownBy(
              () ->
                  source.logs(
                      addresses,
                      from,
                      head,
                      (chunkFrom, chunkTo, logs) -> chunks.add(new long[] {chunkFrom, chunkTo})))
          .isInstanceOf(ChainSourceException.class)
          .hasMessageStartingWith(
              "eth_getLogs for blocks " + from + ".." + (from + 9) + " failed 5 times in a row");
      assertThat(chunks).isEmpty();
      assertThat(source.errors().snapshot().requests()).isEqualTo(5);
      assertThat(source.errors().snapshot().retries()).isEqualTo(4);

      // the budget has 2 retries left: the next call stops after 3 attempts
      assertThatThrownBy(() -> source.head())
          .isInstanceOf(ChainSourceException.class)
          .hasMessageContaining("retry budget is spent");
      RpcErrorCounts.Snapshot counts = source.errors().snapshot();
      assertThat(counts.requests()).isEqualTo(8).isEqualTo(proxy.requests());
      assertThat(counts.retries()).isEqualTo(6);
      assertThat(counts.totalErrors()).isEqualTo(8);
    }
  }

  private static JsonRpcChainSource direct(AnvilNode anvil) {
    return new JsonRpcChainSource(URI.create(anvil.rpcUrl()), RpcSettings.defaults());
  }

  /** Every log of blocks {@code from..to}, checking that the chunks cover the range in order. */
  private List<RawLog> fetch(JsonRpcChainSource source, long from, long to) {
    List<RawLog> logs = new ArrayList<>();
    long[] next = {from};
    source.logs(
        addresses,
        from,
        to,
        (chunkFrom, chunkTo, chunk) -> {
          assertThat(chunkFrom).isEqualTo(next[0]);
          assertThat(chunkTo).isBetween(chunkFrom, to);
          assertThat(chunk)
              .allSatisfy(log -> assertThat(log.blockNumber()).isBetween(chunkFrom, chunkTo));
          next[0] = chunkTo + 1;
          logs.addAll(chunk);
          return true;
        });
    assertThat(next[0]).isEqualTo(to + 1);
    return logs;
  }

  /**
   * Emits protocol events fast: automine off, transactions signed here with consecutive nonces and
   * sent without waiting, {@code evm_mine} for each block, {@code anvil_mine} for runs of empty
   * blocks between clusters. One log per transaction.
   */
  private record History(
      AnvilNode anvil,
      Web3j web3j,
      Credentials sender,
      ProtocolDeployment deployment,
      Random random) {
    int emit() throws Exception {
      var gas = new DefaultGasProvider();
      BondingManager bonding =
          BondingManager.load(deployment.bondingManager().addressHex(), web3j, sender, gas);
      TicketBroker broker =
          TicketBroker.load(deployment.ticketBroker().addressHex(), web3j, sender, gas);
      RoundsManager rounds =
          RoundsManager.load(deployment.roundsManager().addressHex(), web3j, sender, gas);
      ServiceRegistry registry =
          ServiceRegistry.load(deployment.aiServiceRegistry().addressHex(), web3j, sender, gas);
      long nonce =
          web3j
              .ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING)
              .send()
              .getTransactionCount()
              .longValueExact();
      int sent = 0;
      anvil.rpc("evm_setAutomine", "[false]");
      try {
        for (int cluster = 0; cluster < CLUSTERS; cluster++) {
          if (random.nextInt(3) > 0) {
            anvil.rpc(
                "anvil_mine", "[\"0x" + Long.toHexString(1 + random.nextInt(EMPTY_RUN)) + "\"]");
          }
          int blocks = 1 + random.nextInt(3);
          for (int block = 0; block < blocks; block++) {
            int roll = random.nextInt(100);
            int transactions =
                roll < 70
                    ? 1 + random.nextInt(10)
                    : roll < 95 ? 10 + random.nextInt(50) : 100 + random.nextInt(50);
            for (int i = 0; i < Math.min(transactions, MAX_LOGS_PER_BLOCK); i++) {
              String to;
              String data;
              switch (random.nextInt(5)) {
                case 0 -> {
                  to = deployment.bondingManager().addressHex();
                  data =
                      bonding
                          .emitReward(address(), new BigInteger(200, random))
                          .encodeFunctionCall();
                }
                case 1 -> {
                  to = deployment.bondingManager().addressHex();
                  data =
                      bonding
                          .emitBond(
                              address(),
                              address(),
                              address(),
                              new BigInteger(96, random),
                              new BigInteger(100, random))
                          .encodeFunctionCall();
                }
                case 2 -> {
                  to = deployment.ticketBroker().addressHex();
                  byte[] aux = new byte[64];
                  random.nextBytes(aux);
                  data =
                      broker
                          .emitWinningTicketRedeemed(
                              address(),
                              address(),
                              new BigInteger(80, random),
                              new BigInteger(256, random),
                              BigInteger.valueOf(random.nextInt(1_000_000)),
                              new BigInteger(256, random),
                              aux)
                          .encodeFunctionCall();
                }
                case 3 -> {
                  to = deployment.roundsManager().addressHex();
                  byte[] hash = new byte[32];
                  random.nextBytes(hash);
                  data =
                      rounds
                          .emitNewRound(BigInteger.valueOf(random.nextInt(5_000)), hash)
                          .encodeFunctionCall();
                }
                default -> {
                  to = deployment.aiServiceRegistry().addressHex();
                  data =
                      registry
                          .emitServiceURIUpdate(
                              address(),
                              "https://o" + "x".repeat(random.nextInt(40)) + ".example:8935")
                          .encodeFunctionCall();
                }
              }
              send(nonce++, to, data);
              sent++;
            }
            anvil.rpc("evm_mine", "[]");
          }
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
      return sent;
    }

    private void send(long nonce, String to, String data) throws Exception {
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

    private String address() {
      byte[] bytes = new byte[20];
      random.nextBytes(bytes);
      return "0x" + HexFormat.of().formatHex(bytes);
    }
  }
}
