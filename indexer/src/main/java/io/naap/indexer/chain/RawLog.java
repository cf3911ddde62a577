package io.naap.indexer.chain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One log as {@code eth_getLogs} returns it, its hex fields as the node wrote them (lower-cased):
 * what the fetcher hands on and the decoder reads.
 *
 * @param blockNumber the block it was emitted in
 * @param blockHash 0x and 64 hex digits
 * @param blockTimestamp when the block was made, in seconds since the epoch, as the node says in
 *     the log ({@code blockTimestamp}: current nodes, anvil included, send it; older ones do not)
 * @param transactionHash 0x and 64 hex digits
 * @param transactionIndex the transaction's index in its block
 * @param logIndex the log's index in its block
 * @param address the emitting contract, 0x and 40 hex digits
 * @param topics topic 0 (the event's signature hash) first, each 0x and 64 hex digits
 * @param data the non-indexed arguments, 0x and an even number of hex digits
 * @param removed true when the node says a reorg removed it
 */
public record RawLog(
    long blockNumber,
    String blockHash,
    OptionalLong blockTimestamp,
    String transactionHash,
    int transactionIndex,
    int logIndex,
    String address,
    List<String> topics,
    String data,
    boolean removed) {
  public RawLog {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(blockTimestamp, "blockTimestamp");
    Objects.requireNonNull(transactionHash, "transactionHash");
    Objects.requireNonNull(address, "address");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
    if (blockNumber < 0 || transactionIndex < 0 || logIndex < 0) {
      throw new IllegalArgumentException(
          "a log's block, transaction index and log index are >= 0: "
              + blockNumber
              + ", "
              + transactionIndex
              + ", "
              + logIndex);
    }
    if (blockTimestamp.isPresent() && blockTimestamp.getAsLong() < 0) {
      throw new IllegalArgumentException(
          "a block's timestamp is >= 0: " + blockTimestamp.getAsLong());
    }
  }

  /** A log whose node did not say when its block was made. */
  public RawLog(
      long blockNumber,
      String blockHash,
      String transactionHash,
      int transactionIndex,
      int logIndex,
      String address,
      List<String> topics,
      String data,
      boolean removed) {
    this(
        blockNumber,
        blockHash,
        OptionalLong.empty(),
        transactionHash,
        transactionIndex,
        logIndex,
        address,
        topics,
        data,
        removed);
  }

  /** This log with {@code timestamp} as its block's timestamp (read from the block's header). */
  public RawLog withBlockTimestamp(OptionalLong timestamp) {
    return new RawLog(
        blockNumber,
        blockHash,
        timestamp,
        transactionHash,
        transactionIndex,
        logIndex,
        address,
        topics,
        data,
        removed);
  }

  /** Topic 0, the event's signature hash; empty for an anonymous event without topics. */
  public Optional<String> signature() {
    return topics.isEmpty() ? Optional.empty() : Optional.of(topics.getFirst());
  }
}
