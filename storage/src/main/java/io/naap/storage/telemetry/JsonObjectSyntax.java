package io.naap.storage.telemetry;

/**
 * Checks that a text is a JSON object (RFC 8259) that PostgreSQL's {@code jsonb} accepts, so that a
 * bad payload fails when its row is built instead of aborting the whole ingestion transaction.
 * Beyond RFC 8259, {@code jsonb} rejects the escape {@code \u0000}, escaped surrogates that are not
 * a high-low pair, and numbers outside {@code numeric} (more than 131072 digits before the decimal
 * point or 16383 after it, or an exponent beyond ±(2^30 - 1)); nesting is limited to {@value
 * #MAX_DEPTH} levels, far below the server's stack limit. A linear scan without allocation.
 */
final class JsonObjectSyntax {
  static final int MAX_DEPTH = 256;

  private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
  private static final int NUMERIC_MAX_SCALE = 16_383;
  private static final long NUMERIC_MAX_EXPONENT = Integer.MAX_VALUE / 2;

  private final String text;
  private int position;

  private JsonObjectSyntax(String text) {
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException naming {@code what}, the problem and its index
   */
  static void requireObject(String text, String what) {
    JsonObjectSyntax syntax = new JsonObjectSyntax(text);
    try {
      syntax.document();
    } catch (Malformed e) {
      throw new IllegalArgumentException(
          what + " is not a JSON object PostgreSQL accepts: " + e.getMessage());
    }
  }

  private void document() {
    skipWhitespace();
    if (position >= text.length() || text.charAt(position) != '{') {
      throw malformed("a JSON object must start here");
    }
    object(1);
    skipWhitespace();
    if (position < text.length()) {
      throw malformed("nothing may follow the object");
    }
  }

  private void value(int depth) {
    skipWhitespace();
    if (position >= text.length()) {
      throw malformed("a value is missing");
    }
    char c = text.charAt(position);
    switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || isDigit(c)) {
          number();
        } else {
          throw malformed("unexpected character");
        }
      }
    }
  }

  private void object(int depth) {
    requireDepth(depth);
    position++;
    skipWhitespace();
    if (peek('}')) {
      position++;
      return;
    }
    while (true) {
      skipWhitespace();
      if (!peek('"')) {
        throw malformed("a member name (a string) is expected");
      }
      string();
      skipWhitespace();
      expect(':');
      value(depth);
      skipWhitespace();
      if (peek(',')) {
        position++;
      } else if (peek('}')) {
        position++;
        return;
      } else {
        throw malformed("',' or '}' is expected");
      }
    }
  }

  private void array(int depth) {
    requireDepth(depth);
    position++;
    skipWhitespace();
    if (peek(']')) {
      position++;
      return;
    }
    while (true) {
      value(depth);
      skipWhitespace();
      if (peek(',')) {
        position++;
      } else if (peek(']')) {
        position++;
        return;
      } else {
        throw malformed("',' or ']' is expected");
      }
    }
  }

  private void requireDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void string() {
    position++;
    int length = text.length();
    while (position < length) {
      char c = text.charAt(position);
      if (c == '"') {
        position++;
        return;
      } else if (c == '\\') {
        escape();
      } else if (c < 0x20) {
        throw malformed("a control character must be escaped inside a string");
      } else if (Character.isHighSurrogate(c)
          && position + 1 < length
          && Character.isLowSurrogate(text.charAt(position + 1))) {
        position += 2;
      } else if (Character.isSurrogate(c)) {
        throw malformed("an unpaired UTF-16 surrogate");
      } else {
        position++;
      }
    }
    throw malformed("a string is not terminated");
  }

  private void escape() {
    int start = position;
    position++;
    if (position >= text.length()) {
      throw malformed("an escape is not terminated");
    }
    char c = text.charAt(position);
    switch (c) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> position++;
      case 'u' -> {
        int unit = unicodeEscape(start);
        if (unit == 0) {
          position = start;
          throw malformed("the escape \\u0000 cannot be stored in jsonb");
        }
        if (Character.isHighSurrogate((char) unit)) {
          int next = position;
          if (!(peek('\\') && position + 1 < text.length() && text.charAt(position + 1) == 'u')
              || !Character.isLowSurrogate((char) unicodeEscape(next))) {
            position = start;
            throw malformed("an escaped high surrogate must be followed by an escaped low one");
          }
        } else if (Character.isLowSurrogate((char) unit)) {
          position = start;
          throw malformed("an escaped low surrogate must follow an escaped high one");
        }
      }
      default -> throw malformed("an invalid escape");
    }
  }

  /** Reads {@code \}{@code uXXXX} at {@code start}; returns the code unit. */
  private int unicodeEscape(int start) {
    position = start + 2;
    if (position + 4 > text.length()) {
      throw malformed("\\u must be followed by four hex digits");
    }
    int unit = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(position + i), 16);
      if (digit < 0 || text.charAt(position + i) > 'f') {
        throw malformed("\\u must be followed by four hex digits");
      }
      unit = unit * 16 + digit;
    }
    position += 4;
    return unit;
  }

  private void number() {
    if (peek('-')) {
      position++;
    }
    int integerStart = position;
    if (peek('0')) {
      position++;
    } else if (position < text.length() && isDigit(text.charAt(position))) {
      skipDigits();
    } else {
      throw malformed("a digit is expected");
    }
    int integerDigits = position - integerStart;
    int leadingZeros = countZeros(integerStart, position);
    boolean zeroSoFar = leadingZeros == integerDigits;
    int fractionDigits = 0;
    if (peek('.')) {
      position++;
      int fractionStart = position;
      skipDigits();
      fractionDigits = position - fractionStart;
      if (fractionDigits == 0) {
        throw malformed("a digit must follow the decimal point");
      }
      if (zeroSoFar) {
        leadingZeros += countZeros(fractionStart, position);
      }
    }
    long exponent = 0;
    if (peek('e') || peek('E')) {
      position++;
      boolean negative = false;
      if (peek('+') || peek('-')) {
        negative = text.charAt(position) == '-';
        position++;
      }
      int exponentStart = position;
      while (position < text.length() && isDigit(text.charAt(position))) {
        exponent =
            Math.min(exponent * 10 + (text.charAt(position) - '0'), NUMERIC_MAX_EXPONENT + 1);
        position++;
      }
      if (position == exponentStart) {
        throw malformed("a digit must follow the exponent marker");
      }
      exponent = negative ? -exponent : exponent;
    }
    if (Math.abs(exponent) > NUMERIC_MAX_EXPONENT
        || fractionDigits - exponent > NUMERIC_MAX_SCALE
        || (leadingZeros < integerDigits + fractionDigits
            && integerDigits - leadingZeros + exponent > NUMERIC_MAX_INTEGER_DIGITS)) {
      throw malformed("a number outside PostgreSQL's numeric range");
    }
  }

  private int countZeros(int from, int to) {
    int zeros = 0;
    while (from + zeros < to && text.charAt(from + zeros) == '0') {
      zeros++;
    }
    return zeros;
  }

  private void skipDigits() {
    while (position < text.length() && isDigit(text.charAt(position))) {
      position++;
    }
  }

  private void literal(String literal) {
    if (!text.startsWith(literal, position)) {
      throw malformed("unexpected character");
    }
    position += literal.length();
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw malformed("'" + c + "' is expected");
    }
    position++;
  }

  private boolean peek(char c) {
    return position < text.length() && text.charAt(position) == c;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Malformed malformed(String problem) {
    return new Malformed(problem + " at index " + position);
  }

  /** Unwinds the descent; turned into an {@link IllegalArgumentException} at the top. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
