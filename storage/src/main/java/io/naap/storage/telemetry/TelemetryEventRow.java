package io.naap.storage.telemetry;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One accepted gateway event, as the store keeps it (a record in a {@code telemetry_event_block},
 * whose {@code ids} hold its id): the producer's envelope as received plus the fields the pipeline
 * reads by. Construction enforces the store's rules and everything else PostgreSQL would refuse, so
 * a row that exists can always be stored and one bad event never aborts a batch.
 *
 * <p>Text cannot contain U+0000 (NUL) or unpaired UTF-16 surrogates: PostgreSQL {@code text} cannot
 * hold NUL, and an unpaired surrogate would not survive UTF-8. An event that has either is the
 * caller's to quarantine; so is one whose indexed fields exceed {@value #MAX_FIELD_LENGTH}
 * characters or whose payload exceeds {@link JsonText#MAX_BYTES} bytes. The producer's empty
 * strings ("unknown") are given as {@link Optional#empty()}.
 *
 * @param id the producer's event id (envelope {@code id}); the key that deduplicates
 * @param family event family, the envelope {@code type}; 1 to 256 characters
 * @param subtype subtype within the family (e.g. the {@code stream_trace} {@code data.type})
 * @param occurredAt event time ({@code data.timestamp} where present, else the envelope's),
 *     truncated to microseconds; years 1 to 9999
 * @param receivedAt when naap received the event, truncated to microseconds; years 1 to 9999
 * @param gateway the emitting gateway ({@code host:port})
 * @param streamId the stream the event belongs to
 * @param requestId the request the event belongs to
 * @param orchestrator the orchestrator address the event names, as named (possibly local)
 * @param source how the event reached naap: a lower-case code such as {@code http}, {@code file},
 *     {@code kafka}, {@code loadgen}
 * @param payload the whole envelope as received: a JSON object, read back exactly as given, checked
 *     storable when made (see {@link JsonText})
 */
public record TelemetryEventRow(
    UUID id,
    String family,
    Optional<String> subtype,
    Instant occurredAt,
    Instant receivedAt,
    Optional<String> gateway,
    Optional<String> streamId,
    Optional<String> requestId,
    Optional<EthereumAddress> orchestrator,
    String source,
    JsonText payload) {
  /** Longest family, subtype, gateway, stream id and request id, in characters (code points). */
  public static final int MAX_FIELD_LENGTH = 256;

  public TelemetryEventRow {
    Objects.requireNonNull(id, "id");
    ColumnRules.text(family, "family", 1, MAX_FIELD_LENGTH);
    ColumnRules.optionalText(subtype, "subtype", MAX_FIELD_LENGTH);
    occurredAt = ColumnRules.instant(occurredAt, "occurredAt");
    receivedAt = ColumnRules.instant(receivedAt, "receivedAt");
    ColumnRules.optionalText(gateway, "gateway", MAX_FIELD_LENGTH);
    ColumnRules.optionalText(streamId, "streamId", MAX_FIELD_LENGTH);
    ColumnRules.optionalText(requestId, "requestId", MAX_FIELD_LENGTH);
    Objects.requireNonNull(orchestrator, "orchestrator must be an Optional");
    ColumnRules.source(source);
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * A row whose payload is given as a string.
   *
   * @throws IllegalArgumentException also when the payload is not storable (see {@link JsonText})
   */
  public TelemetryEventRow(
      UUID id,
      String family,
      Optional<String> subtype,
      Instant occurredAt,
      Instant receivedAt,
      Optional<String> gateway,
      Optional<String> streamId,
      Optional<String> requestId,
      Optional<EthereumAddress> orchestrator,
      String source,
      String payloadJson) {
    this(
        id,
        family,
        subtype,
        occurredAt,
        receivedAt,
        gateway,
        streamId,
        requestId,
        orchestrator,
        source,
        payload(id, payloadJson));
  }

  private static JsonText payload(UUID id, String json) {
    try {
      return JsonText.of(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("payload of event " + id + ": " + e.getMessage(), e);
    }
  }

  /** The payload's text. */
  public String payloadJson() {
    return payload.toString();
  }
}
