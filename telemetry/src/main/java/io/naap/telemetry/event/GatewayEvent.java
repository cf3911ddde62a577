package io.naap.telemetry.event;

import io.naap.storage.telemetry.JsonText;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One decoded gateway telemetry event. The accessors declared here are the ones every family
 * answers (what the raw event store and the session builder need); switch over the permitted
 * records for the family's own fields.
 */
public sealed interface GatewayEvent
    permits StreamTrace,
        AiStreamStatus,
        AiStreamEvent,
        StreamIngestMetrics,
        NetworkCapabilities,
        DiscoveryResults,
        CreateNewPayment,
        GpuMetrics,
        OtherEvent {

  EventHeader header();

  /** The event's UUID: the deduplication key. */
  default UUID id() {
    return header().id();
  }

  /** The envelope's {@code type}, e.g. {@code stream_trace}. */
  default String family() {
    return header().family();
  }

  /**
   * The kind of event within its family: the {@code stream_trace} type, the {@code
   * ai_stream_events} type, or {@code data.type} where the family has one.
   */
  default Optional<String> subtype() {
    return Optional.empty();
  }

  /** {@code data.timestamp} where present, else the envelope's timestamp. */
  default Instant occurredAt() {
    return header().occurredAt();
  }

  default Optional<String> gateway() {
    return header().gateway();
  }

  /** The stream the event belongs to; empty for families that name no stream. */
  default Optional<String> streamId() {
    return Optional.empty();
  }

  /** The request the event belongs to; empty for families that name none. */
  default Optional<String> requestId() {
    return Optional.empty();
  }

  /**
   * The orchestrator the event names as it names it: {@code orchestrator_info.address} (which can
   * be the orchestrator's local signing address) or a payment's on-chain {@code recipient}.
   * Resolving local addresses to on-chain ones is done with {@link
   * NetworkCapabilities#onChainAddress(OrchestratorInfo)}.
   */
  default Optional<EthAddress> orchestrator() {
    return Optional.empty();
  }

  /**
   * The envelope as received, without whitespace between tokens (and without a Kafka record around
   * it): what the raw event store keeps, as its UTF-8 bytes.
   */
  default JsonText payload() {
    return header().payload();
  }

  /** The text of {@link #payload()}, decoded. */
  default String json() {
    return payload().toString();
  }
}
