package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code ai_stream_events} event: a parameter update, an error, or a runner event passed
 * through.
 *
 * @param rawType {@code data.type} as received; empty when the runner sent an event without a type
 *     (the gateway forwards those too)
 * @param capability for errors, the capability that failed
 * @param message for errors, the error text
 * @param params for {@code params_update}, the new parameters as compact JSON
 */
public record AiStreamEvent(
    EventHeader header,
    AiStreamEventType type,
    Optional<String> rawType,
    Optional<String> streamId,
    Optional<String> requestId,
    Optional<String> pipelineId,
    OrchestratorInfo orchestratorInfo,
    Optional<String> pipeline,
    Optional<String> capability,
    Optional<String> message,
    Optional<String> params)
    implements GatewayEvent {

  public AiStreamEvent {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rawType, "rawType");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(pipelineId, "pipelineId");
    Objects.requireNonNull(orchestratorInfo, "orchestratorInfo");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(params, "params");
  }

  @Override
  public Optional<String> subtype() {
    return rawType;
  }

  @Override
  public Optional<EthAddress> orchestrator() {
    return orchestratorInfo.address();
  }
}
