package io.naap.attestations;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Keys;

/**
 * A 20-byte account address. Parsed from {@code 0x} hex in any case (a mixed-case address must
 * carry a valid EIP-55 checksum); printed checksummed.
 */
public final class EvmAddress {
  private final byte[] bytes;

  private EvmAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of exactly 20 bytes. */
  public static EvmAddress of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != 20) {
      throw new IllegalArgumentException("an address has 20 bytes, got " + bytes.length);
    }
    return new EvmAddress(bytes.clone());
  }

  /** {@code 0x} and 40 hex digits; all lower, all upper, or EIP-55 checksummed. */
  public static EvmAddress fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 42 || !hex.startsWith("0x")) {
      throw new IllegalArgumentException("an address is 0x and 40 hex digits: " + hex);
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex, 2, 42);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an address is 0x and 40 hex digits: " + hex, e);
    }
    String digits = hex.substring(2);
    boolean mixed =
        !digits.equals(digits.toLowerCase(Locale.ROOT))
            && !digits.equals(digits.toUpperCase(Locale.ROOT));
    EvmAddress address = new EvmAddress(bytes);
    if (mixed && !address.checksummed().equals(hex)) {
      throw new IllegalArgumentException("the address's EIP-55 checksum is wrong: " + hex);
    }
    return address;
  }

  /** A copy of the 20 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, 20);
  }

  /** {@code 0x} and the EIP-55 checksummed hex digits. */
  public String checksummed() {
    return Keys.toChecksumAddress(HexFormat.of().formatHex(bytes));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EvmAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return checksummed();
  }
}
