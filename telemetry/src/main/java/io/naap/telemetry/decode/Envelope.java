package io.naap.telemetry.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.storage.telemetry.JsonText;
import io.naap.telemetry.event.EventHeader;
import java.time.Instant;
import java.util.Optional;

/** A validated envelope, before its family's {@code data} is decoded. */
record Envelope(
    String id,
    String family,
    Instant envelopeTime,
    Optional<String> gateway,
    JsonNode data,
    JsonText payload) {

  static final String DATA = "data";

  EventHeader header(Optional<Instant> dataTime) {
    return new EventHeader(id, family, envelopeTime, dataTime, gateway, payload);
  }

  ObjectNode objectData() {
    if (data instanceof ObjectNode object) {
      return object;
    }
    throw Fields.wrongType(DATA, "an object", data);
  }

  ArrayNode arrayData() {
    if (data instanceof ArrayNode array) {
      return array;
    }
    throw Fields.wrongType(DATA, "an array", data);
  }
}
