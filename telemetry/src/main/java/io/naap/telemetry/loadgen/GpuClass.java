package io.naap.telemetry.loadgen;

import java.util.Map;

/**
 * How fast a GPU model runs the live video workloads, relative to an RTX 4090, and its peak dense
 * FP16 tensor throughput (FP32 accumulate where the vendor distinguishes; approximate data-sheet
 * figures). Output fps = workload target x relative speed x profile factor x prompt factor, capped
 * by the input fps.
 *
 * @param name the GPU's name as {@code nvidia-smi} and {@code gpu_info.name} give it
 * @param relativeSpeed speed on the live video models relative to an RTX 4090
 * @param peakTflops peak throughput, the denominator of CUDA utilisation efficiency
 */
public record GpuClass(String name, double relativeSpeed, double peakTflops) {

  /** Every GPU model of the bundled network capabilities answer. */
  private static final Map<String, GpuClass> KNOWN =
      Map.of(
          "NVIDIA GeForce RTX 5090", new GpuClass("NVIDIA GeForce RTX 5090", 1.25, 104.8),
          "NVIDIA GeForce RTX 4090", new GpuClass("NVIDIA GeForce RTX 4090", 1.0, 82.6),
          "NVIDIA RTX 6000 Ada Generation",
              new GpuClass("NVIDIA RTX 6000 Ada Generation", 0.95, 182.1),
          "NVIDIA A100-SXM4-40GB", new GpuClass("NVIDIA A100-SXM4-40GB", 0.9, 312.0),
          "NVIDIA GeForce RTX 4070 Ti SUPER",
              new GpuClass("NVIDIA GeForce RTX 4070 Ti SUPER", 0.65, 44.1),
          "NVIDIA GeForce RTX 3090", new GpuClass("NVIDIA GeForce RTX 3090", 0.6, 35.6),
          "NVIDIA RTX A4000", new GpuClass("NVIDIA RTX A4000", 0.4, 76.7),
          "Tesla P4", new GpuClass("Tesla P4", 0.12, 5.5));

  public GpuClass {
    if (!(relativeSpeed > 0) || !(peakTflops > 0)) {
      throw new IllegalArgumentException("speed and peak must be > 0: " + name);
    }
  }

  /** The class of a GPU by name; an unknown GPU runs at half an RTX 4090's speed, 50 TFLOPS. */
  public static GpuClass of(String name) {
    GpuClass known = KNOWN.get(name);
    return known != null ? known : new GpuClass(name, 0.5, 50.0);
  }
}
