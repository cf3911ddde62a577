package io.naap.storage.deployment;

import java.util.HexFormat;
import java.util.Objects;

/** {@code 0x}-prefixed hex of a fixed number of bytes, as Ethereum prints addresses and hashes. */
final class HexBytes {
  private static final HexFormat HEX = HexFormat.of();

  private HexBytes() {}

  /** Parses {@code 0x} and exactly {@code length * 2} hex digits of either case. */
  static byte[] parse(String hex, int length, String what) {
    Objects.requireNonNull(hex, what);
    if (!hex.startsWith("0x") || hex.length() != 2 + 2 * length) {
      throw new IllegalArgumentException(
          what + " must be 0x and " + 2 * length + " hex digits, got '" + hex + "'");
    }
    try {
      return HEX.parseHex(hex, 2, hex.length());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " has a non-hex digit: '" + hex + "'", e);
    }
  }

  static String format(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  static byte[] requireLength(byte[] bytes, int length, String what) {
    Objects.requireNonNull(bytes, what);
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          what + " must be exactly " + length + " bytes, got " + bytes.length);
    }
    return bytes.clone();
  }
}
