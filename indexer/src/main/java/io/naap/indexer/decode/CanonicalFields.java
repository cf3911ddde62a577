package io.naap.indexer.decode;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * An event's arguments as JSON-ready values, by their declared names in declaration order:
 * addresses as lower-case {@code 0x} hex, uint256 as decimal strings (JSON numbers would round
 * them), uint64 and uint32 as numbers, bytes as lower-case {@code 0x} hex, strings as themselves,
 * arrays as lists.
 */
final class CanonicalFields {
  private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

  private CanonicalFields() {}

  /** An unmodifiable map of alternating names and values, each value made JSON-ready. */
  static SequencedMap<String, Object> of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs");
    }
    LinkedHashMap<String, Object> fields =
        LinkedHashMap.newLinkedHashMap(namesAndValues.length / 2);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], value(namesAndValues[i + 1]));
    }
    return Collections.unmodifiableSequencedMap(fields);
  }

  /**
   * The fields (as {@link #of} makes them) as one JSON object, keys in the map's order, written as
   * Jackson writes it: no spaces, strings escaped only where JSON requires it (quote, backslash and
   * the control characters, as {@code \b \t \n \f \r} or a backslash, {@code u00} and two
   * upper-case hex digits). Written directly rather than by Jackson: a backfill writes one a log
   * (measured, docs/BENCHMARKS.md).
   */
  static String json(SequencedMap<String, Object> fields) {
    StringBuilder json = new StringBuilder(32 + 48 * fields.size()).append('{');
    for (var field : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      string(json, field.getKey());
      json.append(':');
      write(json, field.getValue());
    }
    return json.append('}').toString();
  }

  private static void write(StringBuilder json, Object value) {
    switch (value) {
      case String text -> string(json, text);
      case Long number -> json.append(number.longValue());
      case List<?> list -> {
        json.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            json.append(',');
          }
          write(json, list.get(i));
        }
        json.append(']');
      }
      default ->
          throw new IllegalArgumentException(
              "not a canonical JSON value: a " + value.getClass().getName());
    }
  }

  private static void string(StringBuilder json, String text) {
    json.append('"');
    int plain = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      json.append(text, plain, i);
      plain = i + 1;
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\b' -> json.append("\\b");
        case '\t' -> json.append("\\t");
        case '\n' -> json.append("\\n");
        case '\f' -> json.append("\\f");
        case '\r' -> json.append("\\r");
        default -> json.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
      }
    }
    json.append(text, plain, text.length()).append('"');
  }

  private static Object value(Object value) {
    return switch (value) {
      case EthereumAddress address -> address.toHex();
      case BigInteger integer -> integer.toString();
      case Long number -> number;
      case String text -> text;
      case List<?> list -> list.stream().map(CanonicalFields::value).toList();
      default ->
          throw new IllegalArgumentException(
              "no canonical JSON form for a " + value.getClass().getName());
    };
  }
}
