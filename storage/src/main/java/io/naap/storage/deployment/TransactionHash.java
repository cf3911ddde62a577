package io.naap.storage.deployment;

import java.util.Arrays;

/** A 32-byte transaction hash; parses {@code 0x} hex of either case, prints lower-case. */
public record TransactionHash(byte[] bytes) {
  public static final int LENGTH = 32;

  public TransactionHash {
    bytes = HexBytes.requireLength(bytes, LENGTH, "transaction hash");
  }

  /** Parses {@code 0x} followed by 64 hex digits. */
  public static TransactionHash fromHex(String hex) {
    return new TransactionHash(HexBytes.parse(hex, LENGTH, "transaction hash"));
  }

  /** A copy of the 32 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case {@code 0x} hex, 66 characters. */
  public String toHex() {
    return HexBytes.format(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TransactionHash that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
