package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.indexer.chain.BlockHeader;
import io.naap.indexer.chain.RawLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The streaming parse of JSON-RPC answers: results, errors and every way an answer is unusable. */
class JsonRpcResponseTest {
  private static final String BLOCK_HASH =
      "0x9a2cfa5b0e4c4e6e8f0b1a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60";
  private static final String TX_HASH =
      "0x1111111111111111111111111111111111111111111111111111111111111111";
  private static final String OTHER_TX_HASH =
      "0x2222222222222222222222222222222222222222222222222222222222222222";
  private static final String ADDRESS = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  private static final String TOPIC0 =
      "0x619caafabdd75649b302ba8419e48cccf64f37f1983ac4727cfb38b57703ffc9";
  private static final OptionalLong BLOCK_TIMESTAMP = OptionalLong.of(0x6743a1b0L);
  private static final String TOPIC1 =
      "0x0000000000000000000000005be44e23041e93cdf9bcd5a0968524e104e38ae1";

  private static String log(
      String blockNumber, String txHash, String txIndex, String logIndex, String data) {
    return """
        {"address":"%s","topics":["%s","%s"],"data":"%s","blockHash":"%s","blockNumber":"%s",\
        "blockTimestamp":"0x6743a1b0","transactionHash":"%s","transactionIndex":"%s",\
        "logIndex":"%s","removed":false}"""
        .formatted(
            ADDRESS, TOPIC0, TOPIC1, data, BLOCK_HASH, blockNumber, txHash, txIndex, logIndex);
  }

  private static byte[] answer(long id, String result) {
    return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<RawLog> logs(byte[] body, long id) throws RpcException {
    return switch (JsonRpcResponse.parse(body, id, new LogsReader())) {
      case JsonRpcResponse.Result<List<RawLog>>(List<RawLog> value) -> value;
      case JsonRpcResponse.Failure<List<RawLog>> failure ->
          throw new AssertionError("unexpected error " + failure.error());
    };
  }

  @Test
  void parsesLogsWithTheirNumbersAndHexAsSent() throws Exception {
    byte[] body =
        answer(
            7,
            "["
                + log("0x2a", TX_HASH, "0x0", "0x0", "0x")
                + ","
                + log("0x2a", OTHER_TX_HASH, "0x1", "0x1", "0x00000000000000000000000000000001")
                + "]");

    List<RawLog> logs = logs(body, 7);

    assertThat(logs)
        .containsExactly(
            new RawLog(
                42,
                BLOCK_HASH,
                BLOCK_TIMESTAMP,
                TX_HASH,
                0,
                0,
                ADDRESS,
                List.of(TOPIC0, TOPIC1),
                "0x",
                false),
            new RawLog(
                42,
                BLOCK_HASH,
                BLOCK_TIMESTAMP,
                OTHER_TX_HASH,
                1,
                1,
                ADDRESS,
                List.of(TOPIC0, TOPIC1),
                "0x00000000000000000000000000000001",
                false));
    // repeated strings are one instance each
    assertThat(logs.get(1).blockHash()).isSameAs(logs.get(0).blockHash());
    assertThat(logs.get(1).address()).isSameAs(logs.get(0).address());
    assertThat(logs.get(1).topics()).isSameAs(logs.get(0).topics());
    assertThat(logs.get(1).blockTimestamp()).isSameAs(logs.get(0).blockTimestamp());
  }

  @Test
  void aLogWithoutItsBlocksTimestampHasNone() throws Exception {
    String sent = log("0x2a", TX_HASH, "0x0", "0x0", "0x");
    String withNull = sent.replace("\"0x6743a1b0\"", "null");
    String without = sent.replace("\"blockTimestamp\":\"0x6743a1b0\",", "");

    List<RawLog> logs = logs(answer(2, "[" + sent + "," + withNull + "," + without + "]"), 2);

    assertThat(logs)
        .extracting(RawLog::blockTimestamp)
        .containsExactly(BLOCK_TIMESTAMP, OptionalLong.empty(), OptionalLong.empty());
  }

  @Test
  void lowerCasesHexAndReadsFieldsInAnyOrder() throws Exception {
    String upper = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    byte[] body =
        answer(
            1,
            "[{\"logIndex\":\"0xA\",\"removed\":false,\"data\":\"0xABcd\",\"topics\":[],"
                + "\"transactionIndex\":\"0x3\",\"transactionHash\":\""
                + TX_HASH.toUpperCase().replace("0X", "0x")
                + "\",\"blockNumber\":\"0xFF\",\"blockHash\":\""
                + BLOCK_HASH
                + "\",\"address\":\""
                + upper
                + "\"}]");

    RawLog log = logs(body, 1).getFirst();

    assertThat(log.address()).isEqualTo(ADDRESS);
    assertThat(log.data()).isEqualTo("0xabcd");
    assertThat(log.transactionHash()).isEqualTo(TX_HASH);
    assertThat(log.blockNumber()).isEqualTo(255);
    assertThat(log.logIndex()).isEqualTo(10);
    assertThat(log.topics()).isEmpty();
    assertThat(log.blockTimestamp()).isEmpty();
  }

  @Test
  void anEmptyArrayIsNoLogs() throws Exception {
    assertThat(logs(answer(3, "[]"), 3)).isEmpty();
  }

  @Test
  void aRemovedLogMakesTheAnswerMalformed() {
    byte[] body =
        answer(
            1,
            "["
                + log("0x1", TX_HASH, "0x0", "0x0", "0x")
                    .replace("\"removed\":false", "\"removed\":true")
                + "]");
    assertMalformed(body, 1, "removed");
  }

  @Test
  void refusesAnswersThatAreNotTheResponseAskedFor() {
    String good = "[" + log("0x1", TX_HASH, "0x0", "0x0", "0x") + "]";
    byte[] full = answer(5, good);
    assertMalformed(java.util.Arrays.copyOf(full, full.length / 2), 5, "not valid JSON");
    assertMalformed("<html><body>502 Bad Gateway</body></html>".getBytes(), 5, "not");
    assertMalformed(new byte[0], 5, "not");
    assertMalformed(answer(6, good), 5, "another request");
    assertMalformed("{\"jsonrpc\":\"2.0\",\"result\":[]}".getBytes(), 5, "does not name");
    assertMalformed("{\"jsonrpc\":\"2.0\",\"id\":5}".getBytes(), 5, "neither result nor error");
    assertMalformed(
        "[{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":[]}]".getBytes(), 5, "not a JSON object");
    assertMalformed((new String(full) + "{}").getBytes(), 5, "goes on");
    assertMalformed(answer(5, "{}"), 5, "not an array");
    assertMalformed(answer(5, "[\"0x1\"]"), 5, "not an object");
    assertMalformed(answer(5, "[" + log("0x1", TX_HASH, "0x0", "0x0", "0x0") + "]"), 5, "data");
    assertMalformed(answer(5, "[" + log("0x1", TX_HASH, "0x0", "0x0", "0xzz") + "]"), 5, "not hex");
    assertMalformed(answer(5, "[" + log("1", TX_HASH, "0x0", "0x0", "0x") + "]"), 5, "blockNumber");
    assertMalformed(
        answer(5, "[" + log("0x1", "0x12", "0x0", "0x0", "0x") + "]"), 5, "transactionHash");
    assertMalformed(
        answer(
            5,
            "["
                + log("0x1", TX_HASH, "0x0", "0x0", "0x")
                    .replace("\"blockHash\":\"" + BLOCK_HASH + "\"", "\"blockHash\":null")
                + "]"),
        5,
        "blockHash");
    assertMalformed(
        answer(
            5,
            "["
                + log("0x1", TX_HASH, "0x0", "0x0", "0x").replace(",\"logIndex\":\"0x0\"", "")
                + "]"),
        5,
        "lacks");
    assertMalformed(
        answer(5, "[" + log("0x10000000000000000", TX_HASH, "0x0", "0x0", "0x") + "]"),
        5,
        "blockNumber");
  }

  @Test
  void readsErrorObjectsWithTheirDataAsText() throws Exception {
    byte[] body =
        ("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32005,\"message\":\"query returned"
                + " more than 10000 results\",\"data\":{\"from\":\"0x1cb7e3a\",\"to\":\"0x1cb80a6\"}}}")
            .getBytes();

    JsonRpcResponse<List<RawLog>> response = JsonRpcResponse.parse(body, 9, new LogsReader());

    assertThat(response)
        .isEqualTo(
            new JsonRpcResponse.Failure<List<RawLog>>(
                new JsonRpcError(
                    -32005,
                    "query returned more than 10000 results",
                    Optional.of("{\"from\":\"0x1cb7e3a\",\"to\":\"0x1cb80a6\"}"))));
    // a string's data is its content; an error without id (a parse error) is still an error
    byte[] withoutId =
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32602,\"message\":\"Invalid params\",\"data\":\"range 9009594 is bigger than range limit 2000\"}}"
            .getBytes();
    assertThat(JsonRpcResponse.parse(withoutId, 4, new LogsReader()))
        .isEqualTo(
            new JsonRpcResponse.Failure<List<RawLog>>(
                new JsonRpcError(
                    -32602,
                    "Invalid params",
                    Optional.of("range 9009594 is bigger than range limit 2000"))));
  }

  @Test
  void readsBlockHeadersAndNullForAMissingBlock() throws Exception {
    String parent = "0x" + "ab".repeat(32);
    byte[] body =
        answer(
            2,
            "{\"hash\":\""
                + BLOCK_HASH
                + "\",\"parentHash\":\""
                + parent.toUpperCase().replace("0X", "0x")
                + "\",\"number\":\"0x10\",\"timestamp\":\"0x6743a1b0\",\"transactions\":[\""
                + TX_HASH
                + "\"],\"uncles\":[],\"logsBloom\":\"0x00\",\"withdrawals\":[{\"index\":\"0x0\"}]}");

    assertThat(JsonRpcResponse.parse(body, 2, new BlockHeaderReader(16)))
        .isEqualTo(
            new JsonRpcResponse.Result<>(
                Optional.of(new BlockHeader(16, BLOCK_HASH, parent, 0x6743a1b0L))));
    assertThat(JsonRpcResponse.parse(answer(2, "null"), 2, new BlockHeaderReader(16)))
        .isEqualTo(new JsonRpcResponse.Result<>(Optional.<BlockHeader>empty()));
    assertThatThrownBy(() -> JsonRpcResponse.parse(body, 2, new BlockHeaderReader(17)))
        .isInstanceOf(RpcException.class)
        .hasMessageContaining("asked for block 17, got block 16");
  }

  @Test
  void readsQuantities() throws Exception {
    JsonRpcResponse.ResultReader<Long> quantity = parser -> HexText.quantity(parser, "result");
    assertThat(JsonRpcResponse.parse(answer(1, "\"0x7a69\""), 1, quantity))
        .isEqualTo(new JsonRpcResponse.Result<>(31337L));
    assertThat(JsonRpcResponse.parse(answer(1, "\"0x0\""), 1, quantity))
        .isEqualTo(new JsonRpcResponse.Result<>(0L));
    assertMalformed(answer(1, "\"0x\""), 1, quantity, "not a hex quantity");
    assertMalformed(answer(1, "\"12\""), 1, quantity, "not a hex quantity");
    assertMalformed(answer(1, "null"), 1, quantity, "not a hex quantity");
  }

  private static void assertMalformed(byte[] body, long id, String messagePart) {
    assertMalformed(body, id, new LogsReader(), messagePart);
  }

  private static void assertMalformed(
      byte[] body, long id, JsonRpcResponse.ResultReader<?> reader, String messagePart) {
    assertThatThrownBy(() -> JsonRpcResponse.parse(body, id, reader))
        .as(new String(body, StandardCharsets.UTF_8))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> assertThat(e.kind()).isEqualTo(RpcErrorKind.MALFORMED_RESPONSE))
        .hasMessageContaining(messagePart);
  }
}
