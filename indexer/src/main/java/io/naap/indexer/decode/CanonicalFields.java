package io.naap.indexer.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  /** Thread-safe once configured; never reconfigured. */
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** The fields as one JSON object, keys in the map's order. */
  static String json(SequencedMap<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fields of strings, numbers and lists always serialise", e);
    }
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
