package io.naap.telemetry.decode;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses one record's UTF-8 JSON text (RFC 8259, strictly) into the decoder's light tree ({@link
 * JsonObject}, {@link JsonArray}, scalars as plain Java values), the only form of a record the
 * decoders see.
 *
 * <p>One pass over the bytes does what a general parser, a tree builder and three checks of the
 * text did in turn: strings of ASCII become {@link String}s by a straight copy (no UTF-16 round
 * trip), integers become {@code long}s as their digits go by, field names come from a small shared
 * cache of the names seen before (producers repeat them), and the pass notes what the store's
 * checks need (whether a container holds whitespace between tokens, whether the text is all ASCII,
 * the first escape PostgreSQL cannot hold). Strict where general parsers are lenient: a repeated
 * field name is an error (readers would disagree on its value), and so is a number whose exponent
 * no decimal can hold.
 *
 * <p>One instance reads one record; not thread-safe. The name cache is shared by all threads: its
 * entries are immutable and replaced whole, so a racing reader sees a complete entry or another.
 */
final class JsonTreeReader {

  /** JSON {@code null}. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Longest number literal accepted, in digits (the bound general parsers apply by default). */
  static final int MAX_NUMBER_DIGITS = 1000;

  /** Fields of an object checked for repeats by a scan; a larger object uses a set. */
  private static final int SCANNED_FIELDS = 16;

  /** Integers of at most this many digits are accumulated in a {@code long} without overflow. */
  private static final int SAFE_LONG_DIGITS = 18;

  /** Field names cached: ASCII without escapes, at most this long. */
  private static final int CACHED_NAME_LENGTH = 32;

  private static final int NAME_CACHE_BITS = 10;

  /** A cached field name: its bytes, the first two words of them (as read), and its text. */
  private record Name(byte[] bytes, long first, long second, String text) {
    /** Given equal first two words: whether the rest and the length match too. */
    boolean matches(byte[] buffer, int from, int length) {
      if (bytes.length != length) {
        return false;
      }
      for (int i = 2 * Long.BYTES; i < length; i++) {
        if (bytes[i] != buffer[from + i]) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Name[] NAMES = new Name[1 << NAME_CACHE_BITS];

  private final byte[] buffer;
  private final int start;
  private final int end;
  private final int maxDepth;
  private final int maxStringLength;
  private int pos;
  private int depth;

  /** Index of the last whitespace byte between tokens seen so far, or -1. */
  private int lastWhitespace = -1;

  private boolean nonAscii;
  private RecordRejected firstUnstorable;

  /** Reads the record in {@code buffer[offset, offset + length)}. */
  JsonTreeReader(byte[] buffer, int offset, int length, int maxDepth, int maxStringLength) {
    this.buffer = buffer;
    this.start = offset;
    this.end = offset + length;
    this.maxDepth = maxDepth;
    this.maxStringLength = maxStringLength;
    this.pos = offset;
  }

  /**
   * The record's one JSON value, or null when the record is only whitespace.
   *
   * @throws MalformedJson when the text is not one JSON value, or breaks a bound
   * @throws NumberFormatException when a number's exponent is out of any decimal's range
   */
  Object read() {
    skipWhitespace();
    if (pos == end) {
      return null;
    }
    Object root = value();
    skipWhitespace();
    if (pos < end) {
      String token = tokenType(buffer[pos]);
      throw malformed(
          token == null
              ? unexpected(buffer[pos]) + ": expected nothing after the record's value"
              : "Trailing token (of type " + token + ") found after the record's value");
    }
    return root;
  }

  /** Reads {@code text} whole with generous bounds (tests and tools). */
  static Object read(byte[] text) {
    return new JsonTreeReader(text, 0, text.length, 1000, Integer.MAX_VALUE).read();
  }

  /**
   * After {@link #read}: the first rule of the store the text breaks, or null. PostgreSQL's {@code
   * text} refuses U+0000 and unpaired UTF-16 surrogates, which JSON can spell as escapes (the first
   * such escape is reported); and the text must be valid UTF-8 (overlong and out-of-range sequences
   * would change meaning once stored), checked strictly only for text that is not ASCII.
   */
  RecordRejected storeRule() {
    if (firstUnstorable != null) {
      return firstUnstorable;
    }
    if (nonAscii) {
      try {
        RecordText.checkUtf8(buffer, start, end - start);
      } catch (RecordRejected rejected) {
        return rejected;
      }
    }
    return null;
  }

  private Object value() {
    byte b = next();
    return switch (b) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string(false);
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
      default ->
          throw malformed(
              unexpected(b)
                  + ": expected a JSON value (a string, a number, an array, an object, true, false"
                  + " or null)");
    };
  }

  private JsonObject object() {
    int open = pos++;
    enter(open);
    String[] names = new String[8];
    int[] hashes = new int[8];
    Object[] values = new Object[8];
    int size = 0;
    Set<String> seen = null;
    skipWhitespace();
    if (next() == '}') {
      pos++;
    } else {
      while (true) {
        if (next() != '"') {
          throw malformed(unexpected(buffer[pos]) + ": expected '\"' to start a field name");
        }
        int nameAt = pos;
        String name = string(true);
        int hash = name.hashCode();
        if (size < SCANNED_FIELDS) {
          for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && names[i].equals(name)) {
              throw duplicate(nameAt, name);
            }
          }
        } else {
          if (seen == null) {
            seen = new HashSet<>(Arrays.asList(names).subList(0, size));
          }
          if (!seen.add(name)) {
            throw duplicate(nameAt, name);
          }
        }
        skipWhitespace();
        if (next() != ':') {
          throw malformed(unexpected(buffer[pos]) + ": expected ':' after a field name");
        }
        pos++;
        skipWhitespace();
        Object value = value();
        if (size == names.length) {
          names = Arrays.copyOf(names, size * 2);
          hashes = Arrays.copyOf(hashes, size * 2);
          values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        hashes[size] = hash;
        values[size] = value;
        size++;
        skipWhitespace();
        byte b = next();
        pos++;
        if (b == '}') {
          break;
        }
        if (b != ',') {
          pos--;
          throw malformed(unexpected(b) + ": expected ',' or '}' after an object's field");
        }
        skipWhitespace();
      }
    }
    depth--;
    return new JsonObject(names, hashes, values, size, span(open));
  }

  private JsonArray array() {
    int open = pos++;
    enter(open);
    Object[] elements = new Object[4];
    int size = 0;
    skipWhitespace();
    if (next() == ']') {
      pos++;
    } else {
      while (true) {
        Object element = value();
        if (size == elements.length) {
          elements = Arrays.copyOf(elements, size * 2);
        }
        elements[size++] = element;
        skipWhitespace();
        byte b = next();
        pos++;
        if (b == ']') {
          break;
        }
        if (b != ',') {
          pos--;
          throw malformed(unexpected(b) + ": expected ',' or ']' after an array's element");
        }
        skipWhitespace();
      }
    }
    depth--;
    return new JsonArray(elements, size, span(open));
  }

  private void enter(int open) {
    if (++depth > maxDepth) {
      throw new MalformedJson(
          MalformedJson.Kind.TOO_DEEP,
          open - start,
          "Document nesting depth (" + depth + ") exceeds the maximum allowed (" + maxDepth + ")");
    }
  }

  /** The span of the container opened at {@code open}, which ends before {@code pos}. */
  private JsonSpan span(int open) {
    // every whitespace byte inside the container was seen before its end: none at or after open
    // means none inside
    return new JsonSpan(buffer, open, pos - open, lastWhitespace < open);
  }

  /** The string whose opening quote is at {@code pos}; a field name when {@code name}. */
  private String string(boolean name) {
    int from = pos + 1;
    if (name) {
      return name(from);
    }
    int special = ByteWords.indexOfStringSpecial(buffer, from, end);
    if (special < 0) {
      pos = end;
      throw malformed("Unexpected end of input in a string");
    }
    if (buffer[special] != '"') { // an escape, a control character or a byte above ASCII
      return slowString(from, special, false);
    }
    int length = special - from;
    pos = special + 1;
    checkLength(from, length, false);
    return new String(buffer, from, length, StandardCharsets.ISO_8859_1);
  }

  /** A field name from {@code from} (after its opening quote). */
  private String name(int from) {
    int close = ByteWords.indexOfStringSpecial(buffer, from, end);
    if (close < 0) {
      pos = end;
      throw malformed("Unexpected end of input in a field name");
    }
    if (buffer[close] != '"') { // an escape, a control character or a byte above ASCII
      return slowString(from, close, true);
    }
    int length = close - from;
    pos = close + 1;
    checkLength(from, length, true);
    if (length > CACHED_NAME_LENGTH) {
      return new String(buffer, from, length, StandardCharsets.ISO_8859_1);
    }
    long first = ByteWords.word(buffer, from, length);
    long second = length > Long.BYTES ? ByteWords.word(buffer, from + 8, length - 8) : 0;
    long mixed = (first * 0x9E3779B97F4A7C15L + second) * 0xC2B2AE3D27D4EB4FL + length;
    int slot = (int) (mixed >>> (Long.SIZE - NAME_CACHE_BITS));
    Name cached = NAMES[slot];
    if (cached != null
        && cached.first == first
        && cached.second == second
        && cached.matches(buffer, from, length)) {
      return cached.text;
    }
    // the JVM's own copy: the decoders ask for fields by literal names, the same instances, so a
    // lookup's comparison is settled by identity
    String text = new String(buffer, from, length, StandardCharsets.ISO_8859_1).intern();
    NAMES[slot] = new Name(Arrays.copyOfRange(buffer, from, close), first, second, text);
    return text;
  }

  /**
   * The rest of a string from {@code special} (an escape, a control character or a byte above
   * ASCII), decoded from {@code from}.
   */
  private String slowString(int from, int special, boolean name) {
    StringBuilder decoded = null;
    int segment = from;
    int i = special;
    while (true) {
      if (i >= end) {
        pos = i;
        throw malformed("Unexpected end of input in a string");
      }
      byte b = buffer[i];
      if (b == '"') {
        break;
      }
      if (b < 0) {
        nonAscii = true;
        i++;
      } else if (b < 0x20) {
        pos = i;
        throw malformed(
            "Illegal unquoted character (code "
                + b
                + "): a control character must be escaped in a string");
      } else if (b == '\\') {
        if (decoded == null) {
          decoded = new StringBuilder(i - from + 16);
        }
        decoded.append(new String(buffer, segment, i - segment, StandardCharsets.UTF_8));
        i = escape(i, decoded);
        segment = i;
      } else {
        i++;
      }
    }
    String text;
    if (decoded == null) {
      text = new String(buffer, from, i - from, StandardCharsets.UTF_8);
    } else {
      decoded.append(new String(buffer, segment, i - segment, StandardCharsets.UTF_8));
      text = decoded.toString();
    }
    pos = i + 1;
    checkLength(from, text.length(), name);
    return text;
  }

  /** Appends the escape at {@code at} (a backslash) to {@code decoded}; returns the index after. */
  private int escape(int at, StringBuilder decoded) {
    if (at + 1 >= end) {
      pos = at + 1;
      throw malformed("Unexpected end of input in an escape");
    }
    byte kind = buffer[at + 1];
    char c =
        switch (kind) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '/' -> '/';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'u' -> 0;
          default -> {
            pos = at + 1;
            throw malformed("Unrecognized character escape " + unexpected(kind));
          }
        };
    if (kind != 'u') {
      decoded.append(c);
      return at + 2;
    }
    int code = hex4(at + 2);
    if (code < 0) {
      pos = at + 2;
      throw malformed("Invalid escape: '\\u' must be followed by 4 hex digits");
    }
    decoded.append((char) code);
    if (firstUnstorable == null) {
      noteUnstorable(at, code);
    }
    return at + 6;
  }

  /**
   * Notes the first escape the store cannot hold: U+0000, or a surrogate that is not one half of a
   * high-low pair of escapes.
   */
  private void noteUnstorable(int at, int code) {
    if (code == 0) {
      firstUnstorable =
          RecordText.unstorable(
              at - start, "the escape \\u0000 (PostgreSQL text cannot hold U+0000)");
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      boolean paired =
          at - 6 >= start
              && buffer[at - 6] == '\\'
              && buffer[at - 5] == 'u'
              && isHighSurrogate(hex4(at - 4))
              && !escapedBackslashBefore(at - 6);
      if (!paired) {
        firstUnstorable =
            RecordText.unstorable(
                at - start, "an unpaired low surrogate escape \\u" + RecordText.hex(code));
      }
    } else if (isHighSurrogate(code)) {
      int low =
          at + 11 < end && buffer[at + 6] == '\\' && buffer[at + 7] == 'u' ? hex4(at + 8) : -1;
      if (low < 0xDC00 || low > 0xDFFF) {
        firstUnstorable =
            RecordText.unstorable(
                at - start, "an unpaired high surrogate escape \\u" + RecordText.hex(code));
      }
    }
  }

  private static boolean isHighSurrogate(int code) {
    return code >= 0xD800 && code <= 0xDBFF;
  }

  /**
   * Whether the backslash at {@code at} is itself escaped (preceded by an odd run of backslashes),
   * that is, not the start of an escape.
   */
  private boolean escapedBackslashBefore(int at) {
    int run = 0;
    for (int i = at - 1; i >= start && buffer[i] == '\\'; i--) {
      run++;
    }
    return run % 2 == 1;
  }

  /** The value of the 4 hex digits at {@code from}, or -1. */
  private int hex4(int from) {
    if (from + 4 > end) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(buffer[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private void checkLength(int from, int length, boolean name) {
    if (length > maxStringLength) {
      throw new MalformedJson(
          MalformedJson.Kind.TOO_LARGE,
          from - 1 - start,
          (name ? "Name" : "String value")
              + " length ("
              + length
              + ") exceeds the maximum allowed ("
              + maxStringLength
              + ")");
    }
  }

  private Object literal(String word, Object value) {
    int length = word.length();
    for (int i = 0; i < length; i++) {
      if (pos + i >= end || buffer[pos + i] != word.charAt(i)) {
        throw malformed("Unrecognized token: expected " + word);
      }
    }
    pos += length;
    return value;
  }

  private Object number() {
    int from = pos;
    boolean negative = buffer[pos] == '-';
    if (negative) {
      pos++;
    }
    int digitsFrom = pos;
    long value = 0;
    while (pos < end && isDigit(buffer[pos])) {
      value = value * 10 + (buffer[pos] - '0'); // exact while at most SAFE_LONG_DIGITS digits
      pos++;
    }
    int integerDigits = pos - digitsFrom;
    if (integerDigits == 0) {
      throw malformed(
          (pos < end ? unexpected(buffer[pos]) : "End of input")
              + ": a minus sign must be followed by a digit");
    }
    if (integerDigits > 1 && buffer[digitsFrom] == '0') {
      pos = digitsFrom;
      throw malformed("Invalid numeric value: leading zeroes are not allowed");
    }
    int fractionDigits = 0;
    int exponentDigits = 0;
    boolean integer = true;
    if (pos < end && buffer[pos] == '.') {
      integer = false;
      pos++;
      fractionDigits = digits("a decimal point");
    }
    if (pos < end && (buffer[pos] == 'e' || buffer[pos] == 'E')) {
      integer = false;
      pos++;
      if (pos < end && (buffer[pos] == '+' || buffer[pos] == '-')) {
        pos++;
      }
      exponentDigits = digits("an exponent indicator");
    }
    int digits = integerDigits + fractionDigits + exponentDigits;
    if (digits > MAX_NUMBER_DIGITS) {
      throw new MalformedJson(
          MalformedJson.Kind.TOO_LARGE,
          from - start,
          "Number value length ("
              + digits
              + ") exceeds the maximum allowed ("
              + MAX_NUMBER_DIGITS
              + ")");
    }
    if (integer && integerDigits <= SAFE_LONG_DIGITS) {
      return negative ? -value : value;
    }
    String literal = new String(buffer, from, pos - from, StandardCharsets.ISO_8859_1);
    if (integer) {
      if (integerDigits == SAFE_LONG_DIGITS + 1) {
        try {
          return Long.parseLong(literal);
        } catch (NumberFormatException beyondLong) {
          return new JsonNumber(literal);
        }
      }
      return new JsonNumber(literal);
    }
    return decimal(literal, exponentDigits > 0);
  }

  /** At least one digit, after {@code what}; returns how many. */
  private int digits(String what) {
    int from = pos;
    while (pos < end && isDigit(buffer[pos])) {
      pos++;
    }
    if (pos == from) {
      throw malformed(
          (pos < end ? unexpected(buffer[pos]) : "End of input")
              + ": "
              + what
              + " must be followed by a digit");
    }
    return pos - from;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /**
   * A number with a fraction or an exponent. Its conversion waits until a field asks for it, but an
   * exponent beyond any decimal's scale (e.g. {@code 1e-2147483649}) is refused now, wherever the
   * number is.
   */
  private static JsonNumber decimal(String literal, boolean exponent) {
    JsonNumber number = new JsonNumber(literal);
    if (exponent) {
      try {
        number.decimalValue();
      } catch (NumberFormatException e) {
        throw new NumberFormatException(
            (literal.length() <= 64 ? literal : literal.substring(0, 64) + "...")
                + " has an exponent out of range");
      }
    }
    return number;
  }

  /** The byte at {@code pos}, which must exist. */
  private byte next() {
    if (pos >= end) {
      throw malformed("Unexpected end of input" + (depth > 0 ? " inside a container" : ""));
    }
    return buffer[pos];
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = buffer[pos];
      if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
        return;
      }
      lastWhitespace = pos++;
    }
  }

  /** The token a byte starts, as general parsers name it, or null when it starts none. */
  private static String tokenType(byte b) {
    return switch (b) {
      case '{' -> "START_OBJECT";
      case '[' -> "START_ARRAY";
      case '"' -> "VALUE_STRING";
      case 't' -> "VALUE_TRUE";
      case 'f' -> "VALUE_FALSE";
      case 'n' -> "VALUE_NULL";
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> "VALUE_NUMBER";
      default -> null;
    };
  }

  private static String unexpected(byte b) {
    int code = b & 0xff;
    return code >= 0x20 && code < 0x7f
        ? "Unexpected character ('" + (char) code + "' (code " + code + "))"
        : "Unexpected byte 0x" + Integer.toHexString(code);
  }

  private MalformedJson malformed(String message) {
    return new MalformedJson(MalformedJson.Kind.SYNTAX, pos - start, message);
  }

  private MalformedJson duplicate(int at, String name) {
    return new MalformedJson(
        MalformedJson.Kind.SYNTAX, at - start, "Duplicate field '" + name + "'");
  }

  /**
   * The text is not one JSON value ({@link Kind#SYNTAX}), or breaks a bound. Without a stack trace:
   * bad input is routine, and the offset says where.
   */
  static final class MalformedJson extends RuntimeException {
    enum Kind {
      SYNTAX,
      TOO_DEEP,
      TOO_LARGE
    }

    private final Kind kind;
    private final int byteOffset;

    MalformedJson(Kind kind, int byteOffset, String message) {
      super(message, null, false, false);
      this.kind = kind;
      this.byteOffset = byteOffset;
    }

    Kind kind() {
      return kind;
    }

    /** Where in the record, in bytes from its start. */
    int byteOffset() {
      return byteOffset;
    }
  }

  /** The value as compact JSON text: containers as received, scalars written. */
  static String text(Object value) {
    return switch (value) {
      case JsonObject object -> object.span().compactText();
      case JsonArray array -> array.span().compactText();
      case String string ->
          '"' + new String(JsonStringEncoder.getInstance().quoteAsString(string)) + '"';
      case JsonNumber number -> number.literal();
      default -> value.toString();
    };
  }

  /** What the value is, for error messages: "an object", "a string", ..., "null". */
  static String kind(Object value) {
    return switch (value) {
      case JsonObject object -> "an object";
      case JsonArray array -> "an array";
      case String string -> "a string";
      case Long integer -> "a number";
      case JsonNumber number -> "a number";
      case Boolean bool -> "a boolean";
      default -> "null";
    };
  }

  /** The exact value of a JSON number ({@link Long} or {@link JsonNumber}). */
  static BigDecimal decimalValue(Object number) {
    return number instanceof Long integer
        ? BigDecimal.valueOf(integer)
        : ((JsonNumber) number).decimalValue();
  }
}
