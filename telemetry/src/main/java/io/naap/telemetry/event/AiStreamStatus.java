package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code ai_stream_status} event: the runner's periodic status of a live stream (fps series,
 * restarts, errors).
 *
 * @param subtype {@code data.type} ({@code status} in the capture)
 * @param shape which producer layout the event used
 * @param pipeline {@code data.pipeline} (captured) or {@code inference_status.pipeline}
 *     (documented): the model the stream runs
 * @param state {@code data.state}, e.g. {@code ONLINE} (captured layout only)
 */
public record AiStreamStatus(
    EventHeader header,
    Optional<String> subtype,
    StatusShape shape,
    Optional<String> streamId,
    Optional<String> requestId,
    Optional<String> pipelineId,
    OrchestratorInfo orchestratorInfo,
    Optional<String> pipeline,
    Optional<String> state,
    InferenceStatus inference)
    implements GatewayEvent {

  public AiStreamStatus {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(subtype, "subtype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(pipelineId, "pipelineId");
    Objects.requireNonNull(orchestratorInfo, "orchestratorInfo");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(inference, "inference");
  }

  @Override
  public Optional<EthAddress> orchestrator() {
    return orchestratorInfo.address();
  }
}
