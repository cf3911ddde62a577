package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code stream_trace} event: one step of a live stream's lifecycle.
 *
 * @param type the subtype, {@link StreamTraceType#UNKNOWN} for one this version does not know
 * @param rawType {@code data.type} as received (never empty)
 * @param message the reason, for {@code orchestrator_swap}
 */
public record StreamTrace(
    EventHeader header,
    StreamTraceType type,
    String rawType,
    Optional<String> streamId,
    Optional<String> requestId,
    Optional<String> pipelineId,
    OrchestratorInfo orchestratorInfo,
    Optional<String> pipeline,
    Optional<String> message)
    implements GatewayEvent {

  public StreamTrace {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rawType, "rawType");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(pipelineId, "pipelineId");
    Objects.requireNonNull(orchestratorInfo, "orchestratorInfo");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(message, "message");
    if (rawType.isEmpty()) {
      throw new IllegalArgumentException("a stream_trace event needs its type");
    }
  }

  @Override
  public Optional<String> subtype() {
    return Optional.of(rawType);
  }

  @Override
  public Optional<EthAddress> orchestrator() {
    return orchestratorInfo.address();
  }
}
