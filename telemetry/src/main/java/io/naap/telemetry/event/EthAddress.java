package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A 20-byte Ethereum account address, held in its canonical form: {@code 0x} and 40 lower-case hex
 * digits. {@link #parse(String)} accepts any case of the hex digits (checksummed addresses
 * included, without verifying the checksum).
 */
public record EthAddress(String value) {

  private static final int TEXT_LENGTH = 42;

  public EthAddress {
    Objects.requireNonNull(value, "value");
    if (!hasAddressShape(value) || !isLowerCase(value)) {
      throw new IllegalArgumentException(
          "not a canonical address (0x and 40 lower-case hex digits): " + abbreviate(value));
    }
  }

  /**
   * Parses {@code 0x} followed by 40 hex digits in any case.
   *
   * @throws IllegalArgumentException when the text has another shape
   */
  public static EthAddress parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not a 0x-prefixed 20-byte hex address: " + abbreviate(text)));
  }

  /** Parses like {@link #parse(String)}, or returns empty when the text is not an address. */
  public static Optional<EthAddress> tryParse(String text) {
    if (text == null || !hasAddressShape(text)) {
      return Optional.empty();
    }
    return Optional.of(new EthAddress(isLowerCase(text) ? text : toLowerHex(text)));
  }

  @Override
  public String toString() {
    return value;
  }

  private static boolean hasAddressShape(String text) {
    if (text.length() != TEXT_LENGTH || text.charAt(0) != '0' || text.charAt(1) != 'x') {
      return false;
    }
    for (int i = 2; i < TEXT_LENGTH; i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerCase(String text) {
    for (int i = 2; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'F') {
        return false;
      }
    }
    return true;
  }

  private static String toLowerHex(String text) {
    char[] chars = text.toCharArray();
    for (int i = 2; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'F') {
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 64 ? '"' + text + '"' : '"' + text.substring(0, 64) + "...\"";
  }
}
