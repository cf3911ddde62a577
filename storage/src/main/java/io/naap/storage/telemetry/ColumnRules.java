package io.naap.storage.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What PostgreSQL can store exactly, checked before a row is written: text without NUL and with
 * every surrogate paired (so that UTF-8 encoding loses nothing), lengths in code points as {@code
 * char_length} counts them, instants between the years 1 and 9999 at microsecond precision, and the
 * source code format of the tables' {@code check} constraints.
 */
final class ColumnRules {
  /** The earliest instant stored; before it, dates need an era and JDBC conversions get lossy. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private ColumnRules() {}

  /** A source code: a lower-case letter, then up to 31 of {@code a-z 0-9 _ -}. */
  static String source(String source) {
    Objects.requireNonNull(source, "source");
    if (!isSourceCode(source)) {
      throw new IllegalArgumentException(
          "source must be a lower-case letter then up to 31 of a-z, 0-9, '_' or '-' (e.g. kafka),"
              + " got '"
              + source
              + "'");
    }
    return source;
  }

  /** {@code [a-z][a-z0-9_-]{0,31}}, checked by hand: it runs for every row. */
  private static boolean isSourceCode(String source) {
    int length = source.length();
    if (length < 1 || length > 32 || source.charAt(0) < 'a' || source.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = source.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** The instant truncated to microseconds, PostgreSQL's precision; years 1 to 9999 only. */
  static Instant instant(Instant value, String what) {
    Objects.requireNonNull(value, what);
    Instant truncated = value.truncatedTo(ChronoUnit.MICROS);
    if (truncated.isBefore(EARLIEST) || truncated.isAfter(LATEST)) {
      throw new IllegalArgumentException(
          what + " must lie between the years 1 and 9999, got " + value);
    }
    return truncated;
  }

  /**
   * Requires text PostgreSQL stores exactly, of {@code minLength} to {@code maxLength} code points.
   *
   * @throws IllegalArgumentException naming {@code what} and the offending index, never echoing the
   *     (possibly long) text
   */
  static String text(String value, String what, int minLength, int maxLength) {
    Objects.requireNonNull(value, what);
    int length = value.length();
    int pairs = 0;
    // NUL and surrogates are rare: a fast pass rules them out, the exact one finds and counts them
    for (int index = hasNulOrSurrogate(value) ? 0 : length; index < length; index++) {
      char c = value.charAt(index);
      if (c == 0 || Character.isSurrogate(c)) {
        if (c == 0) {
          throw new IllegalArgumentException(
              what
                  + " contains U+0000 (NUL) at index "
                  + index
                  + ", which PostgreSQL text cannot hold; reject or replace it before storing");
        }
        if (Character.isHighSurrogate(c)
            && index + 1 < length
            && Character.isLowSurrogate(value.charAt(index + 1))) {
          index++;
          pairs++;
        } else {
          throw new IllegalArgumentException(
              what + " contains an unpaired UTF-16 surrogate at index " + index);
        }
      }
    }
    int codePoints = length - pairs;
    if (codePoints < minLength || codePoints > maxLength) {
      throw new IllegalArgumentException(
          what
              + " must have "
              + (minLength == 0 ? "at most " + maxLength : minLength + " to " + maxLength)
              + " characters, got "
              + codePoints);
    }
    return value;
  }

  private static final int BLOCK = 256;

  /**
   * Whether the text has a NUL or a surrogate: blocks of characters copied out (which the JDK does
   * with vector instructions) and tested without a branch per character, several times faster than
   * {@link String#charAt} one by one on the payloads of a busy ingest.
   */
  private static boolean hasNulOrSurrogate(String value) {
    int length = value.length();
    char[] block = new char[Math.min(BLOCK, length)];
    for (int from = 0; from < length; from += BLOCK) {
      int count = Math.min(BLOCK, length - from);
      value.getChars(from, from + count, block, 0);
      int suspicious = 0;
      for (int i = 0; i < count; i++) {
        char c = block[i];
        suspicious |= (c == 0 ? 1 : 0) | ((c & 0xF800) == 0xD800 ? 1 : 0);
      }
      if (suspicious != 0) {
        return true;
      }
    }
    return false;
  }

  /** An optional text column: absent, or present with 1 to {@code maxLength} characters. */
  static Optional<String> optionalText(Optional<String> value, String what, int maxLength) {
    Objects.requireNonNull(value, what + " must be an Optional");
    value.ifPresent(
        text -> {
          if (text.isEmpty()) {
            throw new IllegalArgumentException(
                what + " must be absent rather than empty (empty means unknown)");
          }
          text(text, what, 1, maxLength);
        });
    return value;
  }
}
