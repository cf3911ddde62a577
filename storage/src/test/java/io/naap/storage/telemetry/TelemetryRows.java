package io.naap.storage.telemetry;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Rows for tests: valid by default, varied by the test. */
final class TelemetryRows {
  static final Instant OCCURRED_AT = Instant.parse("2026-01-08T10:15:30.123456Z");
  static final Instant RECEIVED_AT = Instant.parse("2026-01-08T10:15:31.654321Z");
  static final EthereumAddress ORCHESTRATOR =
      EthereumAddress.fromHex("0x52cf00000000000000000000000000000000595f");
  static final String PAYLOAD = "{\"id\": \"x\", \"data\": {\"stream_id\": \"s\"}}";

  private TelemetryRows() {}

  static UUID id(long n) {
    return new UUID(0x0123456789abcdefL, n);
  }

  static TelemetryEventRow event(UUID id, String source) {
    return new TelemetryEventRow(
        id,
        "stream_trace",
        Optional.of("gateway_receive_stream_request"),
        OCCURRED_AT,
        RECEIVED_AT,
        Optional.of("gateway.example:8935"),
        Optional.of("stream-1"),
        Optional.of("request-1"),
        Optional.of(ORCHESTRATOR),
        source,
        PAYLOAD);
  }

  static TelemetryEventRow streamEvent(UUID id, String streamId, Instant occurredAt) {
    return new TelemetryEventRow(
        id,
        "stream_trace",
        Optional.empty(),
        occurredAt,
        RECEIVED_AT,
        Optional.empty(),
        Optional.of(streamId),
        Optional.empty(),
        Optional.empty(),
        "http",
        "{\"id\": \"" + id + "\"}");
  }

  static QuarantineRow quarantined(String source, String reason, Instant receivedAt) {
    return new QuarantineRow(
        receivedAt,
        source,
        reason,
        "field data.timestamp: 'soon'",
        Optional.of("not-a-uuid"),
        "{}");
  }
}
