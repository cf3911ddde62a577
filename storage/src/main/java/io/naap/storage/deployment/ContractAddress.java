package io.naap.storage.deployment;

import java.util.Arrays;

/**
 * A 20-byte contract address. Parses {@code 0x}-prefixed hex of either case (the EIP-55 checksum is
 * the caller's to check) and prints lower-case {@code 0x} hex.
 */
public record ContractAddress(byte[] bytes) {
  public static final int LENGTH = 20;

  public ContractAddress {
    bytes = HexBytes.requireLength(bytes, LENGTH, "contract address");
  }

  /** Parses {@code 0x} followed by 40 hex digits. */
  public static ContractAddress fromHex(String hex) {
    return new ContractAddress(HexBytes.parse(hex, LENGTH, "contract address"));
  }

  /** A copy of the 20 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case {@code 0x} hex, 42 characters. */
  public String toHex() {
    return HexBytes.format(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContractAddress that && Arrays.equals(bytes, that.bytes);
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
