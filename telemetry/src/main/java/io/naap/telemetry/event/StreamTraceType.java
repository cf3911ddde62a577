package io.naap.telemetry.event;

import java.util.HashMap;
import java.util.Map;

/** The subtypes of {@code stream_trace} events, with {@link #UNKNOWN} for any other. */
public enum StreamTraceType {
  /** Stream accepted by the gateway; no orchestrator yet. */
  GATEWAY_RECEIVE_STREAM_REQUEST("gateway_receive_stream_request"),
  /** First segment sent to the chosen orchestrator. */
  GATEWAY_SEND_FIRST_INGEST_SEGMENT("gateway_send_first_ingest_segment"),
  /** First AI output back at the gateway. */
  GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT("gateway_receive_first_processed_segment"),
  /** Three outputs back: the stream is playable. */
  GATEWAY_RECEIVE_FEW_PROCESSED_SEGMENTS("gateway_receive_few_processed_segments"),
  GATEWAY_RECEIVE_FIRST_DATA_SEGMENT("gateway_receive_first_data_segment"),
  RUNNER_RECEIVE_FIRST_INGEST_SEGMENT("runner_receive_first_ingest_segment"),
  RUNNER_SEND_FIRST_PROCESSED_SEGMENT("runner_send_first_processed_segment"),
  GATEWAY_NO_ORCHESTRATORS_AVAILABLE("gateway_no_orchestrators_available"),
  /** Names the orchestrator being abandoned; {@code message} is the reason. */
  ORCHESTRATOR_SWAP("orchestrator_swap"),
  /** Ingest ended. */
  GATEWAY_INGEST_STREAM_CLOSED("gateway_ingest_stream_closed"),
  /**
   * A subtype this version does not know (other producers, e.g. apps and clients, publish their
   * own); the event keeps the subtype as received in {@link StreamTrace#rawType()}.
   */
  UNKNOWN("");

  private static final Map<String, StreamTraceType> BY_WIRE_NAME = new HashMap<>();

  static {
    for (StreamTraceType type : values()) {
      if (type != UNKNOWN) {
        BY_WIRE_NAME.put(type.wireName, type);
      }
    }
  }

  private final String wireName;

  StreamTraceType(String wireName) {
    this.wireName = wireName;
  }

  /** The subtype as the producer spells it; empty for {@link #UNKNOWN}. */
  public String wireName() {
    return wireName;
  }

  public static StreamTraceType fromWireName(String wireName) {
    return BY_WIRE_NAME.getOrDefault(wireName, UNKNOWN);
  }
}
