package io.naap.indexer.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.naap.indexer.chain.RawLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads an {@code eth_getLogs} result, an array of log objects, into {@link RawLog}s. One reader
 * per answer: it remembers the previous log's strings to reuse them (see {@link HexText}).
 *
 * <p>A log marked {@code removed: true} makes the whole answer malformed. {@code eth_getLogs} over
 * a fixed range reads the node's canonical chain, where no log is removed; such a log only appears
 * when a node answers from a filter or in the middle of a reorg, and then the answer may also lack
 * the logs that replaced it. Dropping the log silently could lose data, and handing it on would
 * store an event that never happened: the request is retried instead, and the retry reads the
 * settled chain.
 *
 * <p>{@code blockTimestamp} (current nodes send it with each log; older ones do not, or send null)
 * is kept when present.
 */
final class LogsReader implements JsonRpcResponse.ResultReader<List<RawLog>> {
  private static final int MAX_TOPICS = 4;

  private String blockHash;
  private String transactionHash;
  private String address;
  private List<String> topics = List.of();
  private OptionalLong blockTimestamp = OptionalLong.empty();

  @Override
  public List<RawLog> read(JsonParser parser) throws IOException, RpcException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw RpcException.malformed("the logs are not an array but " + parser.currentToken());
    }
    List<RawLog> logs = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
      logs.add(log(parser));
    }
    if (token != JsonToken.END_ARRAY) {
      throw RpcException.malformed("a log is not an object but " + token);
    }
    return logs;
  }

  private RawLog log(JsonParser parser) throws IOException, RpcException {
    long blockNumber = -1;
    long timestamp = -1;
    long transactionIndex = -1;
    long logIndex = -1;
    String logBlockHash = null;
    String logTransactionHash = null;
    String logAddress = null;
    List<String> logTopics = null;
    String data = null;
    String field;
    while ((field = parser.nextFieldName()) != null) {
      JsonToken token = parser.nextToken();
      switch (field) {
        case "blockNumber" -> blockNumber = HexText.quantity(parser, field);
        case "blockTimestamp" -> {
          if (token != JsonToken.VALUE_NULL) {
            timestamp = HexText.quantity(parser, field);
          }
        }
        case "transactionIndex" -> transactionIndex = HexText.quantity(parser, field);
        case "logIndex" -> logIndex = HexText.quantity(parser, field);
        case "blockHash" ->
            logBlockHash = HexText.string(parser, field, HexText.HASH_LENGTH, blockHash);
        case "transactionHash" ->
            logTransactionHash =
                HexText.string(parser, field, HexText.HASH_LENGTH, transactionHash);
        case "address" ->
            logAddress = HexText.string(parser, field, HexText.ADDRESS_LENGTH, address);
        case "topics" -> logTopics = topics(parser);
        case "data" -> data = HexText.string(parser, field, HexText.ANY_LENGTH, null);
        case "removed" -> {
          if (token == JsonToken.VALUE_TRUE) {
            throw RpcException.malformed(
                "eth_getLogs returned a removed log (the node is in a reorg)");
          }
          if (token != JsonToken.VALUE_FALSE && token != JsonToken.VALUE_NULL) {
            throw RpcException.malformed("removed is not a boolean but " + token);
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (blockNumber < 0
        || transactionIndex < 0
        || logIndex < 0
        || logBlockHash == null
        || logTransactionHash == null
        || logAddress == null
        || logTopics == null
        || data == null) {
      throw RpcException.malformed("a log lacks one of its fields (a pending log?)");
    }
    if (transactionIndex > Integer.MAX_VALUE || logIndex > Integer.MAX_VALUE) {
      throw RpcException.malformed("a log's transaction or log index is too large");
    }
    blockHash = logBlockHash;
    transactionHash = logTransactionHash;
    address = logAddress;
    topics = logTopics;
    if (timestamp < 0) {
      blockTimestamp = OptionalLong.empty();
    } else if (blockTimestamp.isEmpty() || blockTimestamp.getAsLong() != timestamp) {
      blockTimestamp = OptionalLong.of(timestamp);
    }
    return new RawLog(
        blockNumber,
        logBlockHash,
        blockTimestamp,
        logTransactionHash,
        (int) transactionIndex,
        (int) logIndex,
        logAddress,
        logTopics,
        data,
        false);
  }

  /** The topics, each reusing the previous log's topic at the same place when equal. */
  private List<String> topics(JsonParser parser) throws IOException, RpcException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw RpcException.malformed("topics is not an array but " + parser.currentToken());
    }
    String[] read = new String[MAX_TOPICS];
    int count = 0;
    boolean sameAsPrevious = true;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null || count == MAX_TOPICS) {
        throw RpcException.malformed("a log's topics are not 0 to " + MAX_TOPICS + " hashes");
      }
      String previous = count < topics.size() ? topics.get(count) : null;
      read[count] = HexText.string(parser, "topic", HexText.HASH_LENGTH, previous);
      sameAsPrevious &= read[count] == previous;
      count++;
    }
    if (sameAsPrevious && count == topics.size()) {
      return topics;
    }
    return List.of(Arrays.copyOf(read, count));
  }
}
