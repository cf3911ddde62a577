package io.naap.indexer.chain;

import java.util.Collection;
import java.util.List;

/**
 * What the indexer reads from a chain: its id, its head, block headers and the logs of some
 * contracts. Implementations retry what can be retried within their budget and throw {@link
 * ChainSourceException} once it is spent; none returns partial answers.
 */
public interface ChainSource {
  /** The chain id the node answers ({@code eth_chainId}). */
  long chainId();

  /** The number of the newest block ({@code eth_blockNumber}). */
  long head();

  /**
   * The header of block {@code number} on the node's canonical chain now.
   *
   * @throws ChainSourceException when the node has no such block (yet) or cannot answer
   */
  BlockHeader header(long number);

  /**
   * The logs the contracts at {@code addresses} (0x and 40 hex digits, any case) emitted in blocks
   * {@code from..to} (inclusive), handed to {@code handler} in consecutive chunks that together
   * cover the range exactly, in block order, each chunk's logs sorted by block and log index. Chunk
   * sizes are the implementation's (it adapts them to the provider's limits). Stops early when the
   * handler returns false.
   */
  void logs(Collection<String> addresses, long from, long to, ChunkHandler handler);

  /**
   * The logs the contracts at {@code addresses} emitted in the block with hash {@code blockHash}
   * ({@code eth_getLogs} by block hash, EIP-234): the logs of exactly that block, whichever chain
   * is canonical when asked, sorted by log index.
   *
   * @throws ChainSourceException when the node does not know the block
   */
  List<RawLog> logs(Collection<String> addresses, String blockHash);

  /** Receives the logs of one chunk. */
  @FunctionalInterface
  interface ChunkHandler {
    /**
     * @param from the chunk's first block
     * @param to the chunk's last block, {@code >= from}
     * @param logs its logs, by block and log index
     * @return false to stop fetching
     */
    boolean accept(long from, long to, List<RawLog> logs);
  }
}
