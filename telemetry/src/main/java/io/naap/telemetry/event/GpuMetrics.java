package io.naap.telemetry.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A {@code gpu_metrics} event, naap's extension family (no gateway emits FLOPS today): the
 * floating-point throughput one orchestrator GPU achieved over a window, against its peak, from
 * which the CUDA utilisation efficiency KPI is computed. Without these events that KPI is unknown,
 * never 0.
 *
 * @param pipeline {@code data.pipeline}: the model the GPU ran, e.g. {@code streamdiffusion-sdxl}
 * @param orchestratorInfo {@code data.orchestrator_info}; its address is always known
 * @param gpuId {@code gpu_info.id}, the device UUID, e.g. {@code GPU-a8d1...}
 * @param gpuName {@code gpu_info.name}, e.g. {@code NVIDIA GeForce RTX 4090}
 * @param memoryTotalBytes {@code gpu_info.memory_total}, bytes of VRAM
 * @param memoryUsedBytes {@code gpu_info.memory_used}, bytes of VRAM in use
 * @param window {@code data.window_ms}: the span the figures are measured over, positive
 * @param achievedTflops {@code data.achieved_tflops}: the throughput achieved over the window, in
 *     TFLOPS (10^12 floating-point operations per second), {@code >= 0} and at most {@link
 *     #MEASUREMENT_TOLERANCE} above the peak
 * @param peakTflops {@code data.peak_tflops}: the device's peak throughput at the precision the
 *     pipeline uses, in TFLOPS, {@code > 0}
 * @param utilizationPct {@code data.utilization_pct}: the driver's GPU utilisation over the window,
 *     in percent, 0..100
 */
public record GpuMetrics(
    EventHeader header,
    Optional<String> streamId,
    Optional<String> requestId,
    Optional<String> pipeline,
    OrchestratorInfo orchestratorInfo,
    Optional<String> gpuId,
    Optional<String> gpuName,
    OptionalLong memoryTotalBytes,
    OptionalLong memoryUsedBytes,
    Optional<Duration> window,
    double achievedTflops,
    double peakTflops,
    OptionalDouble utilizationPct)
    implements GatewayEvent {

  /**
   * How far the achieved throughput may exceed the peak, as a fraction of the peak: measurement
   * noise (clock boost, sampling) makes a fully loaded GPU report slightly more than its nominal
   * peak.
   */
  public static final double MEASUREMENT_TOLERANCE = 0.05;

  public GpuMetrics {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(orchestratorInfo, "orchestratorInfo");
    Objects.requireNonNull(gpuId, "gpuId");
    Objects.requireNonNull(gpuName, "gpuName");
    Objects.requireNonNull(memoryTotalBytes, "memoryTotalBytes");
    Objects.requireNonNull(memoryUsedBytes, "memoryUsedBytes");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(utilizationPct, "utilizationPct");
    if (orchestratorInfo.address().isEmpty()) {
      throw new IllegalArgumentException("a gpu_metrics event names its orchestrator");
    }
    if (!Double.isFinite(peakTflops) || peakTflops <= 0) {
      throw new IllegalArgumentException("peak TFLOPS must be finite and > 0: " + peakTflops);
    }
    if (!Double.isFinite(achievedTflops)
        || achievedTflops < 0
        || achievedTflops > peakTflops * (1 + MEASUREMENT_TOLERANCE)) {
      throw new IllegalArgumentException(
          "achieved TFLOPS must be in [0, peak + 5%]: " + achievedTflops + " of " + peakTflops);
    }
    if (window.isPresent() && (window.get().isNegative() || window.get().isZero())) {
      throw new IllegalArgumentException("the window must be positive: " + window.get());
    }
    if (utilizationPct.isPresent()
        && !(utilizationPct.getAsDouble() >= 0 && utilizationPct.getAsDouble() <= 100)) {
      throw new IllegalArgumentException(
          "utilisation must be in [0, 100] percent: " + utilizationPct.getAsDouble());
    }
    requireNonNegative(memoryTotalBytes, "memoryTotalBytes");
    requireNonNegative(memoryUsedBytes, "memoryUsedBytes");
  }

  /**
   * The CUDA utilisation efficiency over the window: achieved / peak FLOPS, clamped to [0, 1] (an
   * achieved figure within the measurement tolerance above the peak counts as 1).
   */
  public double efficiency() {
    return Math.min(1.0, Math.max(0.0, achievedTflops / peakTflops));
  }

  @Override
  public Optional<EthAddress> orchestrator() {
    return orchestratorInfo.address();
  }

  private static void requireNonNegative(OptionalLong bytes, String name) {
    if (bytes.isPresent() && bytes.getAsLong() < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + bytes.getAsLong());
    }
  }
}
