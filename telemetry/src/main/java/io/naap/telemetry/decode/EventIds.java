package io.naap.telemetry.decode;

import java.util.Optional;

/** Event ids: UUIDs in the 8-4-4-4-12 hex form, any case, kept in lower case. */
final class EventIds {

  private static final int LENGTH = 36;

  private EventIds() {}

  /** The canonical (lower-case) form of a UUID, or empty when the text is not one. */
  static Optional<String> canonical(String text) {
    if (text.length() != LENGTH) {
      return Optional.empty();
    }
    boolean lowerCase = true;
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return Optional.empty();
        }
      } else if (c >= 'A' && c <= 'F') {
        lowerCase = false;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return Optional.empty();
      }
    }
    return Optional.of(lowerCase ? text : toLowerCase(text));
  }

  private static String toLowerCase(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'F') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
