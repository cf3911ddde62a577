package io.naap.indexer.decode;

import java.util.HexFormat;

/** Lower-case {@code 0x} hex as logs carry it: checks, parsing and formatting. */
final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Whether {@code text[from, to)} holds only hex digits, of either case. */
  static boolean isHex(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!HexFormat.isHexDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes of {@code 0x}-prefixed hex of whole bytes.
   *
   * @throws MalformedLogException naming {@code what} when it is not
   */
  static byte[] parse(String hex, String what) {
    if (hex.length() % 2 != 0 || !hex.startsWith("0x")) {
      throw new MalformedLogException(what + " is not 0x and an even number of hex digits");
    }
    try {
      return HEX.parseHex(hex, 2, hex.length());
    } catch (IllegalArgumentException e) {
      throw new MalformedLogException(what + " has a character that is not a hex digit");
    }
  }

  /** {@code 0x} and the lower-case hex of {@code bytes[from, from + length)}. */
  static String format(byte[] bytes, int from, int length) {
    return "0x" + HEX.formatHex(bytes, from, from + length);
  }
}
