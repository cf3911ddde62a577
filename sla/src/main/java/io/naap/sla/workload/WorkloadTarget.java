package io.naap.sla.workload;

import java.util.Objects;
import java.util.Set;

/**
 * What a workload (pipeline + model) must deliver, and what hardware it needs.
 *
 * @param model the model id as the events name it (the {@code pipeline} field of live streams)
 * @param pipeline the Livepeer pipeline, e.g. {@code live-video-to-video}
 * @param targetFps output fps the model should sustain
 * @param maxStartupMs startup latency target
 * @param maxEndToEndMs end-to-end latency target
 * @param maxJitterCoefficient std(fps) / mean(fps) target
 * @param maxFailureRate failure rate target, in [0, 1]
 * @param maxSwapRate swap rate target, in [0, 1]
 * @param minVramBytes the least GPU memory the model runs in
 * @param supportedGpus GPU names known to run the model at target; empty means any GPU with the
 *     memory
 */
public record WorkloadTarget(
    String model,
    String pipeline,
    double targetFps,
    double maxStartupMs,
    double maxEndToEndMs,
    double maxJitterCoefficient,
    double maxFailureRate,
    double maxSwapRate,
    long minVramBytes,
    Set<String> supportedGpus) {
  public WorkloadTarget {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(pipeline, "pipeline");
    if (model.isBlank() || pipeline.isBlank()) {
      throw new IllegalArgumentException("a workload needs a model and a pipeline");
    }
    positive(targetFps, "targetFps");
    positive(maxStartupMs, "maxStartupMs");
    positive(maxEndToEndMs, "maxEndToEndMs");
    positive(maxJitterCoefficient, "maxJitterCoefficient");
    fraction(maxFailureRate, "maxFailureRate");
    fraction(maxSwapRate, "maxSwapRate");
    if (minVramBytes < 0) {
      throw new IllegalArgumentException("minVramBytes must be >= 0: " + minVramBytes);
    }
    supportedGpus = Set.copyOf(supportedGpus);
  }

  /**
   * Whether a GPU meets the minimum requirements: enough memory, and a supported type when the
   * workload names any.
   */
  public boolean fits(String gpuName, long vramBytes) {
    return vramBytes >= minVramBytes
        && (supportedGpus.isEmpty() || supportedGpus.contains(gpuName));
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0: " + value);
    }
  }

  private static void fraction(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
    }
  }
}
