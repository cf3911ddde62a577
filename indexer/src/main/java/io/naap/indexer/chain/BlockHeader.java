package io.naap.indexer.chain;

import java.util.Objects;

/**
 * The part of a block the indexer keeps to see reorgs: its number, hash and parent's hash (0x and
 * 64 lower-case hex digits) and its timestamp (seconds since the epoch).
 */
public record BlockHeader(long number, String hash, String parentHash, long timestamp) {
  public BlockHeader {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    if (number < 0) {
      throw new IllegalArgumentException("a block number is >= 0: " + number);
    }
  }
}
