package io.naap.indexer.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.naap.indexer.chain.BlockHeader;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads an {@code eth_getBlockByNumber(n, false)} result: the header of block {@code n}, or nothing
 * when the node answers null (it has no such block). A block of another number is malformed.
 */
record BlockHeaderReader(long number)
    implements JsonRpcResponse.ResultReader<Optional<BlockHeader>> {
  @Override
  public Optional<BlockHeader> read(JsonParser parser) throws IOException, RpcException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw RpcException.malformed("the block is not an object but " + parser.currentToken());
    }
    long blockNumber = -1;
    long timestamp = -1;
    String hash = null;
    String parentHash = null;
    String field;
    while ((field = parser.nextFieldName()) != null) {
      parser.nextToken();
      switch (field) {
        case "number" -> blockNumber = HexText.quantity(parser, field);
        case "timestamp" -> timestamp = HexText.quantity(parser, field);
        case "hash" -> hash = HexText.string(parser, field, HexText.HASH_LENGTH, null);
        case "parentHash" -> parentHash = HexText.string(parser, field, HexText.HASH_LENGTH, null);
        default -> parser.skipChildren();
      }
    }
    if (blockNumber < 0 || timestamp < 0 || hash == null || parentHash == null) {
      throw RpcException.malformed(
          "block " + number + " lacks its number, hash, parent hash or timestamp");
    }
    if (blockNumber != number) {
      throw RpcException.malformed("asked for block " + number + ", got block " + blockNumber);
    }
    return Optional.of(new BlockHeader(blockNumber, hash, parentHash, timestamp));
  }
}
