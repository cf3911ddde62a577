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
 * @param minScoreBps the SLA score, in basis points (0 to 10,000), at which an orchestrator
 *     qualifies for the workload when a gateway asks for no other minimum
 * @param minVramBytes the least GPU memory the model runs in
 * @param supportedGpus GPU names known to run the model at target, compared by {@link GpuClass};
 *     empty means any GPU with the memory
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
    int minScoreBps,
    long minVramBytes,
    Set<String> supportedGpus) {
  public WorkloadTarget {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(pipeline, "pipeline");
    if (model.isBlank()) {
      throw new InvalidTargetException("model", "a workload needs a model and a pipeline");
    }
    if (pipeline.isBlank()) {
      throw new InvalidTargetException("pipeline", "a workload needs a model and a pipeline");
    }
    positive(targetFps, "targetFps");
    positive(maxStartupMs, "maxStartupMs");
    positive(maxEndToEndMs, "maxEndToEndMs");
    positive(maxJitterCoefficient, "maxJitterCoefficient");
    fraction(maxFailureRate, "maxFailureRate");
    fraction(maxSwapRate, "maxSwapRate");
    // -0.0 is 0: one value, one way to write it
    maxFailureRate += 0.0;
    maxSwapRate += 0.0;
    if (minScoreBps < 0 || minScoreBps > 10_000) {
      throw new InvalidTargetException(
          "minScoreBps", "minScoreBps must be in [0, 10000]: " + minScoreBps);
    }
    if (minVramBytes < 0) {
      throw new InvalidTargetException(
          "minVramBytes", "minVramBytes must be >= 0: " + minVramBytes);
    }
    supportedGpus = Set.copyOf(supportedGpus);
    for (String gpu : supportedGpus) {
      if (!GpuClass.of(gpu).isKnown()) {
        throw new InvalidTargetException(
            "supportedGpus", "supportedGpus: \"" + gpu + "\" names no GPU");
      }
    }
  }

  /**
   * Whether a GPU meets the minimum requirements: enough memory, and a supported type when the
   * workload names any.
   */
  public boolean fits(String gpuName, long vramBytes) {
    return vramBytes >= minVramBytes && supports(gpuName);
  }

  /**
   * Whether the workload accepts the GPU type: it names none, or one of the GPU's class ({@link
   * GpuClass#of}, so {@code GeForce RTX 4090} matches {@code NVIDIA GeForce RTX 4090}).
   */
  public boolean supports(String gpuName) {
    if (supportedGpus.isEmpty()) {
      return true;
    }
    GpuClass gpu = GpuClass.of(gpuName);
    for (String supported : supportedGpus) {
      if (GpuClass.of(supported).equals(gpu)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a score, in basis points, meets the workload's default minimum. */
  public boolean qualifies(int scoreBps) {
    return scoreBps >= minScoreBps;
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidTargetException(name, name + " must be finite and > 0: " + value);
    }
  }

  private static void fraction(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidTargetException(name, name + " must be in [0, 1]: " + value);
    }
  }
}
