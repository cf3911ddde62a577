package io.naap.storage.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/** A block the indexer saw and keeps while it may still be reorganised away. */
public record StoredBlock(long number, byte[] hash, byte[] parentHash) {
  public StoredBlock {
    if (number < 0) {
      throw new IllegalArgumentException("a block number is >= 0: " + number);
    }
    hash = bytes32(hash, "hash");
    parentHash = bytes32(parentHash, "parentHash");
  }

  private static byte[] bytes32(byte[] value, String what) {
    if (value == null || value.length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes");
    }
    return value.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public byte[] parentHash() {
    return parentHash.clone();
  }

  /** Whether {@code other} (32 bytes) is this block's hash. */
  public boolean hasHash(byte[] other) {
    return Arrays.equals(hash, other);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredBlock block
        && block.number == number
        && Arrays.equals(block.hash, hash)
        && Arrays.equals(block.parentHash, parentHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number) * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "StoredBlock[" + number + ", 0x" + HexFormat.of().formatHex(hash) + "]";
  }
}
