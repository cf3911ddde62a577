package io.naap.telemetry.event;

import io.naap.storage.telemetry.JsonText;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What every event carries, whatever its family.
 *
 * @param id the envelope's {@code id}, a UUID: the deduplication key
 * @param family the envelope's {@code type}, e.g. {@code stream_trace}
 * @param envelopeTime the envelope's {@code timestamp} (unix milliseconds)
 * @param dataTime {@code data.timestamp} (unix milliseconds) when the event has one
 * @param gateway the envelope's {@code gateway} ({@code host:port}); empty when the producer sent
 *     an empty string, as it does today
 * @param payload the envelope as received, without whitespace between tokens (and without the Kafka
 *     record around it): the text the raw event store keeps
 */
public record EventHeader(
    UUID id,
    String family,
    Instant envelopeTime,
    Optional<Instant> dataTime,
    Optional<String> gateway,
    JsonText payload) {

  public EventHeader {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(envelopeTime, "envelopeTime");
    Objects.requireNonNull(dataTime, "dataTime");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(payload, "payload");
    if (family.isEmpty()) {
      throw new IllegalArgumentException("an event needs a family");
    }
  }

  /**
   * When the event happened: {@code data.timestamp} where present, else the envelope's timestamp
   * (Kafka offset order is not event order).
   */
  public Instant occurredAt() {
    return dataTime.orElse(envelopeTime);
  }
}
