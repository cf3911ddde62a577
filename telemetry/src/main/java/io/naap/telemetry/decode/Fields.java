package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.QuarantineReason.INVALID_ADDRESS;
import static io.naap.telemetry.decode.QuarantineReason.INVALID_NUMBER;
import static io.naap.telemetry.decode.QuarantineReason.INVALID_TIMESTAMP;
import static io.naap.telemetry.decode.QuarantineReason.MISSING_FIELD;
import static io.naap.telemetry.decode.QuarantineReason.OUT_OF_RANGE;
import static io.naap.telemetry.decode.QuarantineReason.TOO_LARGE;
import static io.naap.telemetry.decode.QuarantineReason.WRONG_TYPE;

import io.naap.telemetry.event.EthAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Strict readers of the fields of a JSON object. Absent, {@code null} and {@code ""} mean unknown
 * (empty); anything else must have the field's type and format, or the reader throws {@link
 * RecordRejected} naming the field by its path (e.g. {@code data.stats.track_stats[1].jitter}).
 */
final class Fields {

  /** Bound of identifiers and short labels: ids, pipeline and model names, states, versions. */
  static final int IDENTIFIER_LENGTH = 256;

  /** Bound of event subtypes and family names' use as labels. */
  static final int SUBTYPE_LENGTH = 128;

  /** Bound of URLs. */
  static final int URL_LENGTH = 2048;

  /** Bound of free text (messages, errors): only the parser's string bound applies. */
  static final int FREE_TEXT = Integer.MAX_VALUE;

  /** Longest number accepted as a string, unit excluded. */
  private static final int MAX_NUMBER_TEXT = 100;

  /** Longest exponent accepted in a number given as a string. */
  private static final int MAX_EXPONENT_DIGITS = 4;

  /**
   * Integer fields hold at most 78 digits (2^256 has 78): a value with more integer digits is out
   * of range before it is ever converted (a guard against {@code 1e999999}).
   */
  private static final int MAX_INTEGER_DIGITS = 80;

  static final Instant EARLIEST = Instant.parse("2015-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final BigDecimal EARLIEST_SECONDS = BigDecimal.valueOf(EARLIEST.getEpochSecond());
  private static final BigDecimal LATEST_SECONDS = BigDecimal.valueOf(LATEST.getEpochSecond());
  private static final BigDecimal EARLIEST_MILLIS = BigDecimal.valueOf(EARLIEST.toEpochMilli());
  private static final BigDecimal LATEST_MILLIS = BigDecimal.valueOf(LATEST.toEpochMilli());
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Fields() {}

  /** The path of {@code name} inside the object at {@code parent} ("" for the record itself). */
  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** {@code at} itself when {@code name} is empty, else {@link #path}: for error details. */
  private static String pathOf(String at, String name) {
    return name.isEmpty() ? at : path(at, name);
  }

  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The field's value, or {@code null} when absent or JSON {@code null}. */
  static Object value(JsonObject object, String name) {
    Object node = object.get(name);
    return node == JsonTreeReader.NULL ? null : node;
  }

  static boolean present(JsonObject object, String name) {
    return value(object, name) != null;
  }

  // ---- strings

  static Optional<String> text(JsonObject object, String name, String at, int maxLength) {
    Object node = value(object, name);
    if (node == null) {
      return Optional.empty();
    }
    if (!(node instanceof String text)) {
      throw wrongType(path(at, name), "a string", node);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (text.length() > maxLength) {
      throw new RecordRejected(
          TOO_LARGE,
          path(at, name) + ": " + text.length() + " characters, the bound is " + maxLength);
    }
    return Optional.of(text);
  }

  static String requiredText(JsonObject object, String name, String at, int maxLength) {
    if (value(object, name) == null) {
      throw missing(path(at, name));
    }
    return text(object, name, at, maxLength)
        .orElseThrow(() -> new RecordRejected(MISSING_FIELD, path(at, name) + ": is empty"));
  }

  /** A string read leniently: empty when absent, not a string, empty or too long. */
  static Optional<String> lenientText(Object object, String name, int maxLength) {
    if (!(object instanceof JsonObject fields) || !(fields.get(name) instanceof String text)) {
      return Optional.empty();
    }
    return text.isEmpty() || text.length() > maxLength ? Optional.empty() : Optional.of(text);
  }

  // ---- structure

  static Optional<JsonObject> object(JsonObject object, String name, String at) {
    Object node = value(object, name);
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof JsonObject child) {
      return Optional.of(child);
    }
    throw wrongType(path(at, name), "an object", node);
  }

  static Optional<JsonArray> array(JsonObject object, String name, String at) {
    Object node = value(object, name);
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof JsonArray child) {
      return Optional.of(child);
    }
    throw wrongType(path(at, name), "an array", node);
  }

  static JsonObject elementObject(Object node, String at) {
    if (node instanceof JsonObject object) {
      return object;
    }
    throw wrongType(at, "an object", node);
  }

  static Optional<Boolean> bool(JsonObject object, String name, String at) {
    Object node = value(object, name);
    if (node == null) {
      return Optional.empty();
    }
    if (!(node instanceof Boolean value)) {
      throw wrongType(path(at, name), "a boolean", node);
    }
    return Optional.of(value);
  }

  // ---- numbers

  /** A finite number between min and max inclusive, as a double. */
  static OptionalDouble decimal(
      JsonObject object, String name, String at, BigDecimal min, BigDecimal max) {
    double nearest = nearestDouble(object.get(name));
    // Rounding to the nearest double keeps order: a double strictly inside the bounds' nearest
    // doubles comes from a number within the bounds, so the exact comparison is only needed near
    // (or beyond) a bound. (+ 0.0: a decimal has no negative zero.)
    if (nearest > min.doubleValue() && nearest < max.doubleValue()) {
      return OptionalDouble.of(nearest + 0.0);
    }
    Optional<BigDecimal> value = number(object, name, at, Unit.NONE, INVALID_NUMBER);
    if (value.isEmpty()) {
      return OptionalDouble.empty();
    }
    requireWithin(at, name, value.get(), min, max, OUT_OF_RANGE);
    return OptionalDouble.of(value.get().doubleValue());
  }

  /**
   * The nearest double of a JSON number or of a plain decimal string (no unit, no exponent beyond
   * {@value #MAX_EXPONENT_DIGITS} digits), else NaN: what {@link #decimal} can take without the
   * exact path.
   */
  private static double nearestDouble(Object node) {
    return switch (node) {
      case Long integer -> integer;
      case JsonNumber number -> number.doubleValue();
      case String text when text.length() <= MAX_NUMBER_TEXT && isDecimal(text) ->
          JsonNumber.nearestDouble(text);
      case null, default -> Double.NaN;
    };
  }

  /** A number between min and max inclusive, exactly. */
  static Optional<BigDecimal> exactDecimal(
      JsonObject object, String name, String at, Unit unit, BigDecimal min, BigDecimal max) {
    Optional<BigDecimal> value = number(object, name, at, unit, INVALID_NUMBER);
    if (value.isPresent()) {
      requireWithin(at, name, value.get(), min, max, OUT_OF_RANGE);
    }
    return value;
  }

  static OptionalLong integer(JsonObject object, String name, String at, long min, long max) {
    if (object.get(name) instanceof Long integer) {
      // fast path: a plain JSON integer, the common case
      long value = integer;
      if (value < min || value > max) {
        throw new RecordRejected(
            OUT_OF_RANGE,
            path(at, name) + ": " + value + " is out of range [" + min + ", " + max + "]");
      }
      return OptionalLong.of(value);
    }
    Optional<BigInteger> value =
        bigInteger(object, name, at, Unit.NONE, BigInteger.valueOf(min), BigInteger.valueOf(max));
    return value.isEmpty() ? OptionalLong.empty() : OptionalLong.of(value.get().longValueExact());
  }

  static OptionalInt smallInteger(JsonObject object, String name, String at, int min, int max) {
    OptionalLong value = integer(object, name, at, min, max);
    return value.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) value.getAsLong());
  }

  /** An integer between min and max inclusive. */
  static Optional<BigInteger> bigInteger(
      JsonObject object, String name, String at, Unit unit, BigInteger min, BigInteger max) {
    Optional<BigDecimal> value = number(object, name, at, unit, INVALID_NUMBER);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(toInteger(at, name, value.get(), min, max));
  }

  /** Parses an integer given as text (an object key, e.g. a GPU index). */
  static int integerKey(String key, String at, int min, int max) {
    BigDecimal value = parseNumberText(key, at, "", Unit.NONE, INVALID_NUMBER);
    return toInteger(at, "", value, BigInteger.valueOf(min), BigInteger.valueOf(max))
        .intValueExact();
  }

  /**
   * The integer {@code value} of the field {@code name} at {@code at} ("" for {@code at} itself).
   */
  private static BigInteger toInteger(
      String at, String name, BigDecimal value, BigInteger min, BigInteger max) {
    if (value.signum() != 0 && value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
      throw new RecordRejected(
          OUT_OF_RANGE,
          pathOf(at, name) + ": " + abbreviate(value.toString()) + " is out of range");
    }
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      throw new RecordRejected(
          INVALID_NUMBER,
          pathOf(at, name) + ": " + abbreviate(value.toString()) + " is not an integer");
    }
    BigInteger integer = value.toBigInteger();
    if (integer.compareTo(min) < 0 || integer.compareTo(max) > 0) {
      throw new RecordRejected(
          OUT_OF_RANGE,
          pathOf(at, name)
              + ": "
              + abbreviate(integer.toString())
              + " is out of range ["
              + min
              + ", "
              + max
              + "]");
    }
    return integer;
  }

  private static void requireWithin(
      String at,
      String name,
      BigDecimal value,
      BigDecimal min,
      BigDecimal max,
      QuarantineReason reason) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new RecordRejected(
          reason,
          pathOf(at, name)
              + ": "
              + abbreviate(value.toString())
              + " is out of range ["
              + min.toPlainString()
              + ", "
              + max.toPlainString()
              + "]");
    }
  }

  /**
   * A number given as a JSON number or as a string (strictly: an optional sign, digits, an optional
   * fraction and exponent; for fields with a unit, optionally followed by a space and the unit in
   * any case).
   */
  static Optional<BigDecimal> number(
      JsonObject object, String name, String at, Unit unit, QuarantineReason unparseable) {
    Object node = value(object, name);
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof Long || node instanceof JsonNumber) {
      return Optional.of(JsonTreeReader.decimalValue(node));
    }
    if (!(node instanceof String text)) {
      throw wrongType(path(at, name), "a number", node);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parseNumberText(text, at, name, unit, unparseable));
  }

  private static BigDecimal parseNumberText(
      String text, String at, String name, Unit unit, QuarantineReason unparseable) {
    String number = text;
    int space = text.indexOf(' ');
    if (space >= 0) {
      number = text.substring(0, space);
      int unitStart = space;
      while (unitStart < text.length() && text.charAt(unitStart) == ' ') {
        unitStart++;
      }
      String given = text.substring(unitStart);
      if (unit == Unit.NONE) {
        throw new RecordRejected(
            unparseable,
            pathOf(at, name) + ": " + quote(text) + " is not a number (no unit is expected)");
      }
      if (!given.equalsIgnoreCase(unit.symbol())) {
        throw new RecordRejected(
            unparseable,
            pathOf(at, name)
                + ": "
                + quote(text)
                + " has unit "
                + quote(given)
                + ", expected "
                + unit.symbol());
      }
    }
    if (isNonFinite(number)) {
      throw new RecordRejected(
          unparseable, pathOf(at, name) + ": " + quote(text) + " is not a finite number");
    }
    if (number.length() > MAX_NUMBER_TEXT) {
      throw new RecordRejected(
          unparseable,
          pathOf(at, name)
              + ": "
              + quote(text)
              + " is not a number of at most "
              + MAX_NUMBER_TEXT
              + " digits");
    }
    if (!isDecimal(number)) {
      throw new RecordRejected(
          unparseable, pathOf(at, name) + ": " + quote(text) + " is not a number");
    }
    return new BigDecimal(number);
  }

  private static boolean isNonFinite(String number) {
    int start = !number.isEmpty() && (number.charAt(0) == '-' || number.charAt(0) == '+') ? 1 : 0;
    String magnitude = number.substring(start);
    return magnitude.equalsIgnoreCase("nan")
        || magnitude.equalsIgnoreCase("inf")
        || magnitude.equalsIgnoreCase("infinity");
  }

  /** [+-]? digits ('.' digits)? ([eE] [+-]? digits{1,4})? */
  private static boolean isDecimal(String text) {
    int i = 0;
    int length = text.length();
    if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      i++;
    }
    int digits = skipDigits(text, i);
    if (digits == i) {
      return false;
    }
    i = digits;
    if (i < length && text.charAt(i) == '.') {
      digits = skipDigits(text, i + 1);
      if (digits == i + 1) {
        return false;
      }
      i = digits;
    }
    if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      digits = skipDigits(text, i);
      if (digits == i || digits - i > MAX_EXPONENT_DIGITS) {
        return false;
      }
      i = digits;
    }
    return i == length;
  }

  private static int skipDigits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  // ---- times

  /**
   * A unix time in the given scale, within [2015-01-01, 2100-01-01). With {@code zeroIsUnknown}, 0
   * means "never" (the runner's unset times) and gives empty.
   */
  static Optional<Instant> time(
      JsonObject object, String name, String at, TimeScale scale, boolean zeroIsUnknown) {
    // fast path: a plain integer, as a JSON number or a string of digits (the producer writes the
    // envelope's time as a string), within the accepted years; anything else takes the exact path
    long integer =
        switch (object.get(name)) {
          case Long number -> number;
          case String text when isShortDigits(text) -> Long.parseLong(text);
          case null, default -> -1;
        };
    if (integer >= 0) {
      if (integer == 0 && zeroIsUnknown) {
        return Optional.empty();
      }
      boolean seconds = integer >= EARLIEST.getEpochSecond() && integer < LATEST.getEpochSecond();
      boolean millis = integer >= EARLIEST.toEpochMilli() && integer < LATEST.toEpochMilli();
      if (millis && scale != TimeScale.SECONDS) {
        return Optional.of(Instant.ofEpochMilli(integer));
      }
      if (seconds && scale != TimeScale.MILLISECONDS) {
        return Optional.of(Instant.ofEpochSecond(integer));
      }
    }
    Optional<BigDecimal> value = number(object, name, at, Unit.NONE, INVALID_TIMESTAMP);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal v = value.get();
    if (v.signum() == 0 && zeroIsUnknown) {
      return Optional.empty();
    }
    boolean seconds = within(v, EARLIEST_SECONDS, LATEST_SECONDS);
    boolean millis = within(v, EARLIEST_MILLIS, LATEST_MILLIS);
    return switch (scale) {
      case SECONDS -> {
        if (!seconds) {
          throw badTime(path(at, name), v, "seconds");
        }
        yield Optional.of(instant(v, 9));
      }
      case MILLISECONDS -> {
        if (!millis) {
          throw badTime(path(at, name), v, "milliseconds");
        }
        yield Optional.of(instant(v, 6));
      }
      case SECONDS_OR_MILLISECONDS -> {
        if (!seconds && !millis) {
          throw badTime(path(at, name), v, "seconds or milliseconds");
        }
        yield Optional.of(instant(v, seconds ? 9 : 6));
      }
    };
  }

  /** 1 to 18 ASCII digits: a non-negative long, whatever the digits. */
  private static boolean isShortDigits(String text) {
    int length = text.length();
    if (length == 0 || length > 18) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A time read leniently: empty unless it is a valid unix millisecond time. */
  static Optional<Instant> lenientMillis(Object object, String name) {
    if (!(object instanceof JsonObject fields)) {
      return Optional.empty();
    }
    try {
      return time(fields, name, "", TimeScale.MILLISECONDS, false);
    } catch (RecordRejected e) {
      return Optional.empty();
    }
  }

  private static boolean within(BigDecimal value, BigDecimal min, BigDecimal maxExclusive) {
    return value.compareTo(min) >= 0 && value.compareTo(maxExclusive) < 0;
  }

  private static Instant instant(BigDecimal value, int nanosShift) {
    long nanos = value.movePointRight(nanosShift).setScale(0, RoundingMode.FLOOR).longValueExact();
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  private static RecordRejected badTime(String at, BigDecimal value, String unit) {
    return new RecordRejected(
        INVALID_TIMESTAMP,
        at
            + ": "
            + abbreviate(value.toString())
            + " is not a unix time in "
            + unit
            + " within ["
            + EARLIEST
            + ", "
            + LATEST
            + ")");
  }

  // ---- addresses

  static Optional<EthAddress> address(JsonObject object, String name, String at) {
    Optional<String> text = text(object, name, at, IDENTIFIER_LENGTH);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<EthAddress> address = EthAddress.tryParse(text.get());
    if (address.isEmpty()) {
      throw new RecordRejected(
          INVALID_ADDRESS,
          path(at, name) + ": " + quote(text.get()) + " is not 0x and 40 hex digits");
    }
    return address;
  }

  // ---- errors

  static RecordRejected missing(String at) {
    return new RecordRejected(MISSING_FIELD, at + ": required field is missing");
  }

  static RecordRejected wrongType(String at, String expected, Object actual) {
    return new RecordRejected(
        WRONG_TYPE, at + ": expected " + expected + ", got " + JsonTreeReader.kind(actual));
  }

  /** The text as a JSON string literal, cut to 64 characters. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(Math.min(text.length(), 64) + 8).append('"');
    int end = Math.min(text.length(), 64);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    if (end < text.length()) {
      quoted.append("...");
    }
    return quoted.append('"').toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
