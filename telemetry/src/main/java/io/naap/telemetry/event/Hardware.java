package io.naap.telemetry.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an orchestrator's {@code hardware}: the GPUs serving one pipeline and model.
 *
 * @param gpus sorted by device index
 */
public record Hardware(Optional<String> pipeline, Optional<String> modelId, List<GpuInfo> gpus) {

  public Hardware {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(modelId, "modelId");
    gpus = List.copyOf(gpus);
  }
}
