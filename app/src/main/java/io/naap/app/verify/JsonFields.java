package io.naap.app.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;

/**
 * Required fields of the API's JSON answers, read strictly: a missing field or one of the wrong
 * shape is an {@link IllegalArgumentException} naming it.
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode node(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("'" + field + "' is missing");
    }
    return node;
  }

  static String text(JsonNode parent, String field) {
    JsonNode node = node(parent, field);
    if (!node.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' is not a string: " + node);
    }
    return node.asText();
  }

  static long integer(JsonNode parent, String field) {
    JsonNode node = node(parent, field);
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new IllegalArgumentException("'" + field + "' is not an integer: " + node);
    }
    return node.asLong();
  }

  static int smallInteger(JsonNode parent, String field) {
    long value = integer(parent, field);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + field + "' is out of range: " + value);
    }
    return (int) value;
  }

  static Bytes32 bytes32(JsonNode parent, String field) {
    return bytes32(text(parent, field), field);
  }

  static Bytes32 bytes32(String text, String field) {
    try {
      return Bytes32.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "' is not 0x and 64 hex digits: " + text, e);
    }
  }

  static EvmAddress address(JsonNode parent, String field) {
    String text = text(parent, field);
    try {
      return EvmAddress.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "' is not an address: " + text, e);
    }
  }

  static JsonNode array(JsonNode parent, String field) {
    JsonNode node = node(parent, field);
    if (!node.isArray()) {
      throw new IllegalArgumentException("'" + field + "' is not an array");
    }
    return node;
  }
}
