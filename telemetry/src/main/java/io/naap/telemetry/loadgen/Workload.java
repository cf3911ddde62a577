package io.naap.telemetry.loadgen;

import java.util.Optional;

/**
 * The live-video-to-video models the load generator runs; the model id is what events carry in
 * {@code pipeline} (statuses, stream events) and in payments' {@code manifestID} ({@code
 * 35_<model>}).
 *
 * @see GpuClass for how a GPU scales the target
 */
public enum Workload {
  /** Turbo model: about 20 fps on an RTX 4090. */
  STREAMDIFFUSION_SDXL("streamdiffusion-sdxl", 20.0, 2.0, 9_663_676_416L),
  /** Turbo model with face identity: about 16 fps on an RTX 4090. */
  STREAMDIFFUSION_SDXL_FACEID("streamdiffusion-sdxl-faceid", 16.0, 2.6, 12_884_901_888L),
  /** Heavy model: about 8 fps on an RTX 4090. */
  LIVEPORTRAIT("liveportrait", 8.0, 3.5, 6_442_450_944L);

  /** The pipeline every workload belongs to. */
  public static final String PIPELINE = "live-video-to-video";

  /** Livepeer's capability id of live video to video. */
  public static final int CAPABILITY = 35;

  private final String modelId;
  private final double targetFps;
  private final double teraflopPerFrame;
  private final long memoryBytes;

  Workload(String modelId, double targetFps, double teraflopPerFrame, long memoryBytes) {
    this.modelId = modelId;
    this.targetFps = targetFps;
    this.teraflopPerFrame = teraflopPerFrame;
    this.memoryBytes = memoryBytes;
  }

  public String modelId() {
    return modelId;
  }

  /** Output fps on the reference GPU (RTX 4090, relative speed 1.0) of a healthy orchestrator. */
  public double targetFps() {
    return targetFps;
  }

  /** Floating point work per output frame (TFLOP), for the {@code gpu_metrics} extension event. */
  public double teraflopPerFrame() {
    return teraflopPerFrame;
  }

  /** VRAM one stream of the model holds. */
  public long memoryBytes() {
    return memoryBytes;
  }

  public static Optional<Workload> fromModelId(String modelId) {
    for (Workload workload : values()) {
      if (workload.modelId.equals(modelId)) {
        return Optional.of(workload);
      }
    }
    return Optional.empty();
  }
}
