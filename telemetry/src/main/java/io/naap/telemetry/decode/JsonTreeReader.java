package io.naap.telemetry.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one JSON value from a parser into the decoder's light tree ({@link JsonObject}, {@link
 * JsonArray}, scalars as plain Java values), the only form of a record the decoders see.
 *
 * <p>Strict where the parser is lenient: a repeated field name in an object is an error (readers
 * would disagree on its value), and so is a number whose exponent no decimal can hold.
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

  /** Fields of an object checked for repeats by a scan; a larger object uses a set. */
  private static final int SCANNED_FIELDS = 16;

  private JsonTreeReader() {}

  /**
   * The value that starts at the parser's current token {@code first}; {@code buffer} is the
   * parser's input and {@code offset} where the parser started in it.
   *
   * @throws NumberFormatException when a number's exponent is out of any decimal's range
   */
  static Object read(JsonParser parser, JsonToken first, byte[] buffer, int offset)
      throws IOException {
    return switch (first) {
      case START_OBJECT -> object(parser, buffer, offset);
      case START_ARRAY -> array(parser, buffer, offset);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? new JsonNumber(parser.getText())
              : (Object) parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> decimal(parser.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> NULL;
      default -> throw new JsonParseException(parser, "unexpected token " + first);
    };
  }

  private static JsonObject object(JsonParser parser, byte[] buffer, int offset)
      throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    String[] names = new String[8];
    int[] hashes = new int[8];
    Object[] values = new Object[8];
    int size = 0;
    Set<String> seen = null;
    String name;
    while ((name = parser.nextFieldName()) != null) {
      int hash = name.hashCode();
      if (size < SCANNED_FIELDS) {
        for (int i = 0; i < size; i++) {
          if (hashes[i] == hash && names[i].equals(name)) {
            throw duplicate(parser, name);
          }
        }
      } else {
        if (seen == null) {
          seen = new HashSet<>(Arrays.asList(names).subList(0, size));
        }
        if (!seen.add(name)) {
          throw duplicate(parser, name);
        }
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        hashes = Arrays.copyOf(hashes, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      hashes[size] = hash;
      values[size] = read(parser, parser.nextToken(), buffer, offset);
      size++;
    }
    return new JsonObject(names, hashes, values, size, span(parser, buffer, offset, start));
  }

  private static JsonArray array(JsonParser parser, byte[] buffer, int offset) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    Object[] elements = new Object[4];
    int size = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (size == elements.length) {
        elements = Arrays.copyOf(elements, size * 2);
      }
      elements[size++] = read(parser, token, buffer, offset);
    }
    return new JsonArray(elements, size, span(parser, buffer, offset, start));
  }

  /** The span from {@code start} to the end of the parser's current (closing) token. */
  private static JsonSpan span(JsonParser parser, byte[] buffer, int offset, int start) {
    int end = (int) parser.currentLocation().getByteOffset();
    return new JsonSpan(buffer, offset + start, end - start);
  }

  /**
   * A number with a fraction or an exponent. Its conversion waits until a field asks for it, but an
   * exponent beyond any decimal's scale (e.g. {@code 1e-2147483649}) is refused now, wherever the
   * number is.
   */
  private static JsonNumber decimal(String literal) {
    JsonNumber number = new JsonNumber(literal);
    if (literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0) {
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

  private static JsonParseException duplicate(JsonParser parser, String name) {
    return new JsonParseException(parser, "Duplicate field '" + name + "'");
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
