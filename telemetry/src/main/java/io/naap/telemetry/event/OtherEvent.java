package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed event of a family without a family record: the batch and BYOC families ({@code
 * job_gateway}, {@code ai_llm_request}, ...) and families this version has never heard of. The
 * envelope is validated; {@code data} is kept as received for the raw store and later decoding.
 *
 * @param subtype {@code data.type} when {@code data} is an object with a string {@code type}
 * @param streamId {@code data.stream_id} when it is a string (read leniently: the family's schema
 *     is not known)
 * @param requestId {@code data.request_id} when it is a string (read leniently)
 * @param data {@code data} as compact JSON
 */
public record OtherEvent(
    EventHeader header,
    Optional<String> subtype,
    Optional<String> streamId,
    Optional<String> requestId,
    String data)
    implements GatewayEvent {

  public OtherEvent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(subtype, "subtype");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(data, "data");
  }

  /** The family when it is one of the known families, empty for a family never heard of. */
  public Optional<EventFamily> knownFamily() {
    return EventFamily.fromWireName(family());
  }
}
