package io.naap.telemetry.decode;

import io.naap.storage.telemetry.JsonText;
import io.naap.telemetry.event.EventHeader;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A validated envelope, before its family's {@code data} is decoded. */
record Envelope(
    UUID id,
    String family,
    Instant envelopeTime,
    Optional<String> gateway,
    Object data,
    JsonText payload) {

  static final String DATA = "data";

  EventHeader header(Optional<Instant> dataTime) {
    return new EventHeader(id, family, envelopeTime, dataTime, gateway, payload);
  }

  JsonObject objectData() {
    if (data instanceof JsonObject object) {
      return object;
    }
    throw Fields.wrongType(DATA, "an object", data);
  }

  JsonArray arrayData() {
    if (data instanceof JsonArray array) {
      return array;
    }
    throw Fields.wrongType(DATA, "an array", data);
  }
}
