package io.naap.telemetry.decode;

import java.util.Optional;
import java.util.UUID;

/** Event ids: UUIDs in the 8-4-4-4-12 hex form, any case. */
final class EventIds {

  private static final int LENGTH = 36;

  private EventIds() {}

  /**
   * The UUID the text spells in the 8-4-4-4-12 hex form (either case), or empty when it spells
   * none. One pass: checks the form and reads the digits together ({@link UUID#fromString} accepts
   * other forms, such as shorter groups, and would need the check first).
   */
  static Optional<UUID> parse(String text) {
    if (text.length() != LENGTH
        || text.charAt(8) != '-'
        || text.charAt(13) != '-'
        || text.charAt(18) != '-'
        || text.charAt(23) != '-') {
      return Optional.empty();
    }
    long first = hex(text, 0, 8);
    long second = hex(text, 9, 13);
    long third = hex(text, 14, 18);
    long fourth = hex(text, 19, 23);
    long fifth = hex(text, 24, 36);
    if ((first | second | third | fourth | fifth) < 0) {
      return Optional.empty();
    }
    return Optional.of(new UUID(first << 32 | second << 16 | third, fourth << 48 | fifth));
  }

  /**
   * The value of the hex digits in {@code [from, to)} (at most 12), or -1 if one is not a digit.
   */
  private static long hex(String text, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }
}
