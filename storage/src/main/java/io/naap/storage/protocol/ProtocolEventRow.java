package io.naap.storage.protocol;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One mirrored log ({@code protocol_event}).
 *
 * @param blockHash 32 bytes
 * @param blockTime when the block was made (whole seconds), or null when unknown: the node did not
 *     send it with the log, and the indexer reads it from the header only for the events that need
 *     it ({@code NewRound})
 * @param transactionHash 32 bytes
 * @param contract the configured name of the emitting contract
 * @param event the event's declared name, or {@code unknown}
 * @param fields a JSON object: the decoded arguments by declared name (uint256 as decimal strings),
 *     or an unknown log's topics and data; stored as {@code jsonb}, so read back with PostgreSQL's
 *     key order and spacing
 */
public record ProtocolEventRow(
    long blockNumber,
    int logIndex,
    byte[] blockHash,
    Instant blockTime,
    byte[] transactionHash,
    String contract,
    EthereumAddress address,
    String event,
    String fields) {
  public ProtocolEventRow {
    if (blockNumber < 0 || logIndex < 0) {
      throw new IllegalArgumentException(
          "block " + blockNumber + " and log index " + logIndex + " must be >= 0");
    }
    if (blockHash == null || blockHash.length != 32) {
      throw new IllegalArgumentException("blockHash must be 32 bytes");
    }
    if (transactionHash == null || transactionHash.length != 32) {
      throw new IllegalArgumentException("transactionHash must be 32 bytes");
    }
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(fields, "fields");
  }

  /** A row whose block's time is unknown. */
  public ProtocolEventRow(
      long blockNumber,
      int logIndex,
      byte[] blockHash,
      byte[] transactionHash,
      String contract,
      EthereumAddress address,
      String event,
      String fields) {
    this(blockNumber, logIndex, blockHash, null, transactionHash, contract, address, event, fields);
  }

  /** This row with {@code time} as its block's time. */
  public ProtocolEventRow withBlockTime(Instant time) {
    return new ProtocolEventRow(
        blockNumber, logIndex, blockHash, time, transactionHash, contract, address, event, fields);
  }
}
