package io.naap.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 20-byte Ethereum address as stored (a contract, an orchestrator's on-chain or local signing
 * address). Parses {@code 0x}-prefixed hex of either case (an EIP-55 checksum is the caller's to
 * check) and prints lower-case {@code 0x} hex. Ordered as its hex is (bytes compared unsigned).
 */
public record EthereumAddress(byte[] bytes) implements Comparable<EthereumAddress> {
  public static final int LENGTH = 20;
  private static final HexFormat HEX = HexFormat.of();

  public EthereumAddress {
    Objects.requireNonNull(bytes, "address");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "an address must be exactly " + LENGTH + " bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  @Override
  public int compareTo(EthereumAddress other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  /** Parses {@code 0x} followed by 40 hex digits of either case. */
  public static EthereumAddress fromHex(String hex) {
    Objects.requireNonNull(hex, "address");
    if (!hex.startsWith("0x") || hex.length() != 2 + 2 * LENGTH) {
      throw new IllegalArgumentException(
          "an address must be 0x and " + 2 * LENGTH + " hex digits, got '" + hex + "'");
    }
    try {
      return new EthereumAddress(HEX.parseHex(hex, 2, hex.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an address has a non-hex digit: '" + hex + "'", e);
    }
  }

  /** A copy of the 20 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The EIP-55 mixed-case form: each hex letter upper-case where the matching nibble of the
   * Keccak-256 of the lower-case hex is 8 or more. How the API prints every address.
   */
  public String toChecksumHex() {
    String lower = HEX.formatHex(bytes);
    byte[] hash =
        new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256()
            .digest(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(2 + lower.length()).append("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /** Lower-case {@code 0x} hex, 42 characters. */
  public String toHex() {
    return "0x" + HEX.formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EthereumAddress that && Arrays.equals(bytes, that.bytes);
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
