package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import io.naap.indexer.rpc.CannedServer.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt over real HTTP: each way an answer fails is classified and counted. */
class JsonRpcClientTest {
  private static final String ADDRESSES = "[\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"]";
  private static final String HASH = "0x" + "ab".repeat(32);

  private CannedServer server;
  private HttpClient http;
  private final RpcErrorCounts counts = new RpcErrorCounts();

  @BeforeEach
  void start() throws Exception {
    server = CannedServer.start();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  private JsonRpcClient client(URI uri, Duration timeout) {
    return new JsonRpcClient(http, uri, timeout, counts);
  }

  private JsonRpcClient client() {
    return client(server.uri(), Duration.ofSeconds(10));
  }

  private static String log(long block, int logIndex) {
    return ("{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":[],\"data\":\"0x\","
            + "\"blockHash\":\"%s\",\"blockNumber\":\"0x%x\",\"transactionHash\":\"%s\","
            + "\"transactionIndex\":\"0x0\",\"logIndex\":\"0x%x\",\"removed\":false}")
        .formatted(HASH, block, HASH, logIndex);
  }

  private static String result(String json) {
    return "{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":" + json + "}";
  }

  @Test
  void sendsAJsonRpcRequestAndReadsItsResult() throws Exception {
    server.then(Answer.json(result("\"0x7a69\"")));

    assertThat(client().quantity("eth_chainId")).isEqualTo(31337);
    assertThat(server.requests())
        .containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}");
    assertThat(counts.snapshot().requests()).isEqualTo(1);
    assertThat(counts.snapshot().totalErrors()).isZero();
  }

  @Test
  void asksForLogsOfTheAddressesAndRangeAndSortsThem() throws Exception {
    server.then(Answer.json(result("[" + log(12, 3) + "," + log(11, 0) + "," + log(12, 1) + "]")));

    List<RawLog> logs = client().logs(ADDRESSES, 10, 12);

    assertThat(logs)
        .extracting(log -> log.blockNumber() + ":" + log.logIndex())
        .containsExactly("11:0", "12:1", "12:3");
    assertThat(server.requests().getFirst())
        .contains(
            "\"method\":\"eth_getLogs\",\"params\":[{\"address\":"
                + ADDRESSES
                + ",\"fromBlock\":\"0xa\",\"toBlock\":\"0xc\"}]");
  }

  @Test
  void asksForTheLogsOfABlockByItsHash() throws Exception {
    server.then(
        Answer.json(result("[" + log(12, 3) + "," + log(12, 1) + "]")),
        Answer.json(
            "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{\"code\":-32000,\"message\":\"unknown"
                + " block\"}}"),
        Answer.json(result("[" + log(12, 3).replace(HASH, "0x" + "cd".repeat(32)) + "]")));

    assertThat(client().logsOfBlock(ADDRESSES, HASH))
        .hasValueSatisfying(
            logs -> assertThat(logs).extracting(RawLog::logIndex).containsExactly(1, 3));
    assertThat(server.requests().getFirst())
        .contains("\"params\":[{\"address\":" + ADDRESSES + ",\"blockHash\":\"" + HASH + "\"}]");
    // a block the node does not know is an answer, not an error
    assertThat(client().logsOfBlock(ADDRESSES, HASH)).isEmpty();
    assertThat(counts.snapshot().totalErrors()).isZero();
    assertFailure(
        () -> client().logsOfBlock(ADDRESSES, HASH),
        RpcErrorKind.MALFORMED_RESPONSE,
        "a log of block 0xcdcd");
  }

  @Test
  void theSourceSaysWhenItDoesNotKnowABlockHash() {
    server.then(
        Answer.json(
            "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{\"code\":-32000,\"message\":\"unknown"
                + " block\"}}"));
    try (JsonRpcChainSource source = new JsonRpcChainSource(server.uri(), RpcSettings.defaults())) {
      assertThatThrownBy(
              () -> source.logs(List.of("0x5fbdb2315678afecb367f032d93f642f64180aa3"), HASH))
          .isInstanceOf(ChainSourceException.class)
          .hasMessage("no block with hash " + HASH);
      assertThatThrownBy(
              () -> source.logs(List.of("0x5fbdb2315678afecb367f032d93f642f64180aa3"), "0x12"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(source.errors().snapshot().requests()).isEqualTo(1);
    }
  }

  @Test
  void logsOutsideTheRangeOrTwiceAreMalformed() {
    server.then(
        Answer.json(result("[" + log(13, 0) + "]")),
        Answer.json(result("[" + log(11, 2) + "," + log(11, 2) + "]")));

    assertFailure(
        () -> client().logs(ADDRESSES, 10, 12), RpcErrorKind.MALFORMED_RESPONSE, "block 13");
    assertFailure(() -> client().logs(ADDRESSES, 10, 12), RpcErrorKind.MALFORMED_RESPONSE, "twice");
    assertThat(counts.snapshot().errors(RpcErrorKind.MALFORMED_RESPONSE)).isEqualTo(2);
  }

  @Test
  void http429IsARateLimitWithItsRetryAfter() {
    server.then(Answer.status(429, "slow down", "Retry-After: 2"));

    RpcException e = failure(() -> client().quantity("eth_blockNumber"));

    assertThat(e.kind()).isEqualTo(RpcErrorKind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(counts.snapshot().errors(RpcErrorKind.RATE_LIMITED)).isEqualTo(1);
  }

  @Test
  void aJsonRpcRateLimitIsARateLimitToo() {
    server.then(
        Answer.json(
            "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{\"code\":-32005,\"message\":\"project ID"
                + " request rate exceeded\"}}"));

    assertFailure(() -> client().quantity("eth_blockNumber"), RpcErrorKind.RATE_LIMITED, "-32005");
  }

  @Test
  void otherStatusesAreHttpErrorsUnlessTheirBodyIsARangeLimit() {
    server.then(
        Answer.status(503, "<html>Service Unavailable</html>"),
        Answer.status(
            400,
            "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{\"code\":-32602,\"message\":\"range 20000"
                + " exceeds limit of 10000\"}}"),
        Answer.status(
            400,
            "{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{\"code\":-32602,\"message\":\"invalid"
                + " argument\"}}"));

    assertFailure(() -> client().logs(ADDRESSES, 0, 19_999), RpcErrorKind.HTTP_ERROR, "HTTP 503");
    RpcException limit = failure(() -> client().logs(ADDRESSES, 0, 19_999));
    assertThat(limit.kind()).isEqualTo(RpcErrorKind.RANGE_LIMIT);
    assertThat(limit.rangeLimit()).contains(new RangeLimit.BlockCap(10_000));
    assertFailure(() -> client().logs(ADDRESSES, 0, 19_999), RpcErrorKind.HTTP_ERROR, "HTTP 400");
  }

  @Test
  void truncatedOrNonJsonAnswersAreMalformed() {
    String full = result("[" + log(11, 0) + "]");
    server.then(
        Answer.json(full.substring(0, full.length() / 2)),
        Answer.json("<html><body>Bad gateway</body></html>"));

    assertFailure(
        () -> client().logs(ADDRESSES, 10, 12), RpcErrorKind.MALFORMED_RESPONSE, "not valid JSON");
    assertFailure(
        () -> client().logs(ADDRESSES, 10, 12), RpcErrorKind.MALFORMED_RESPONSE, "Bad gateway");
  }

  @Test
  void noAnswerWithinTheTimeoutIsATimeout() {
    server.then(Answer.silence());

    assertFailure(
        () -> client(server.uri(), Duration.ofMillis(300)).quantity("eth_blockNumber"),
        RpcErrorKind.TIMEOUT,
        "eth_blockNumber");
    assertThat(counts.snapshot().errors(RpcErrorKind.TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aRefusedConnectionIsAConnectionError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertFailure(
        () ->
            client(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(5))
                .quantity("eth_chainId"),
        RpcErrorKind.CONNECTION,
        "eth_chainId");
  }

  @Test
  void theSourceRetriesAndThenNamesTheLastError() {
    server.then(
        Answer.status(429, "slow down"),
        Answer.json("garbage"),
        Answer.json(result("\"0x10\"")),
        Answer.json(result("null")));
    RpcSettings settings =
        RpcSettings.defaults()
            .withRetry(new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(5), 3, 10, 0.2));
    try (JsonRpcChainSource source =
        new JsonRpcChainSource(server.uri(), settings, new java.util.Random(1), pause -> {})) {
      assertThat(source.head()).isEqualTo(16);
      assertThatThrownBy(() -> source.header(16))
          .isInstanceOf(ChainSourceException.class)
          .hasMessage("no block 16");
      RpcErrorCounts.Snapshot snapshot = source.errors().snapshot();
      assertThat(snapshot.requests()).isEqualTo(4);
      assertThat(snapshot.retries()).isEqualTo(2);
      assertThat(snapshot.errors(RpcErrorKind.RATE_LIMITED)).isEqualTo(1);
      assertThat(snapshot.errors(RpcErrorKind.MALFORMED_RESPONSE)).isEqualTo(1);
    }
  }

  @Test
  void theSourceRefusesWhatIsNotAnAddressOrAnEndpoint() {
    assertThat(
            JsonRpcChainSource.addressesJson(
                List.of(
                    "0x5FBDB2315678afecb367f032d93F642f64180aa3",
                    "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "0x0000000000000000000000000000000000000001")))
        .isEqualTo(
            "[\"0x0000000000000000000000000000000000000001\","
                + "\"0x5fbdb2315678afecb367f032d93f642f64180aa3\"]");
    assertThatThrownBy(() -> JsonRpcChainSource.addressesJson(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonRpcChainSource.addressesJson(List.of("0x12\",\"x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new JsonRpcChainSource(URI.create("ws://localhost:8545"), RpcSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https");
  }

  private interface Call {
    Object run() throws RpcException;
  }

  private static RpcException failure(Call call) {
    try {
      Object result = call.run();
      throw new AssertionError("expected a failure, got " + result);
    } catch (RpcException e) {
      return e;
    }
  }

  private static void assertFailure(Call call, RpcErrorKind kind, String messagePart) {
    RpcException e = failure(call);
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e).hasMessageContaining(messagePart);
  }
}
