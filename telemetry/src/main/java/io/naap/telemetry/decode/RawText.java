package io.naap.telemetry.decode;

import java.nio.charset.StandardCharsets;

/** The text of a quarantined record as kept: a UTF-8 prefix of a bounded number of bytes. */
final class RawText {

  private RawText() {}

  /**
   * The record's first {@code maxBytes} bytes as UTF-8 text, cut at a character boundary (a
   * multi-byte character is never split; malformed bytes become U+FFFD).
   */
  static String of(byte[] buffer, int offset, int length, int maxBytes) {
    int end = offset + Math.min(length, maxBytes);
    if (end < offset + length) {
      // back off to the start of a character: UTF-8 continuation bytes are 10xxxxxx
      int cut = end;
      while (cut > offset && end - cut < 4 && (buffer[cut] & 0xC0) == 0x80) {
        cut--;
      }
      if ((buffer[cut] & 0xC0) != 0x80) {
        end = cut;
      }
    }
    return new String(buffer, offset, end - offset, StandardCharsets.UTF_8);
  }
}
