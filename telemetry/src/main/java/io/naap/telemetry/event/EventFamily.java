package io.naap.telemetry.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event families the gateway is known to publish (the envelope's {@code type}), and naap's
 * extension {@code gpu_metrics}. The typed ones (the first eight) are decoded into family records;
 * the others (batch and BYOC work) are accepted as {@link OtherEvent}, as is a family that is not
 * listed here.
 */
public enum EventFamily {
  STREAM_TRACE("stream_trace", true),
  AI_STREAM_STATUS("ai_stream_status", true),
  AI_STREAM_EVENTS("ai_stream_events", true),
  STREAM_INGEST_METRICS("stream_ingest_metrics", true),
  NETWORK_CAPABILITIES("network_capabilities", true),
  DISCOVERY_RESULTS("discovery_results", true),
  CREATE_NEW_PAYMENT("create_new_payment", true),
  /** naap's extension: achieved and peak FLOPS of an orchestrator GPU ({@link GpuMetrics}). */
  GPU_METRICS("gpu_metrics", true),
  CREATE_SIGNED_TICKET("create_signed_ticket", false),
  JOB_GATEWAY("job_gateway", false),
  JOB_PAYMENT("job_payment", false),
  AI_BATCH_REQUEST("ai_batch_request", false),
  AI_LLM_REQUEST("ai_llm_request", false),
  WORKER_LIFECYCLE("worker_lifecycle", false);

  private static final Map<String, EventFamily> BY_WIRE_NAME = new HashMap<>();

  static {
    for (EventFamily family : values()) {
      BY_WIRE_NAME.put(family.wireName, family);
    }
  }

  private final String wireName;
  private final boolean typed;

  EventFamily(String wireName, boolean typed) {
    this.wireName = wireName;
    this.typed = typed;
  }

  /** The family as the envelope's {@code type} names it, e.g. {@code stream_trace}. */
  public String wireName() {
    return wireName;
  }

  /** Whether events of this family decode into a family record rather than {@link OtherEvent}. */
  public boolean typed() {
    return typed;
  }

  public static Optional<EventFamily> fromWireName(String wireName) {
    return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
  }
}
