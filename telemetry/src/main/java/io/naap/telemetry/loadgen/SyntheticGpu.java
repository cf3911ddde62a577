package io.naap.telemetry.loadgen;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One GPU of a synthetic orchestrator, as its {@code hardware[].gpu_info} entry describes it.
 *
 * @param id the device UUID ({@code GPU-...}): the real one from the capabilities answer, or a
 *     generated one for an orchestrator that reported no hardware
 * @param name e.g. {@code NVIDIA GeForce RTX 4090}
 * @param major CUDA compute capability, major part, when reported
 * @param minor CUDA compute capability, minor part, when reported
 * @param memoryTotal bytes of VRAM
 */
public record SyntheticGpu(
    String id, String name, OptionalInt major, OptionalInt minor, long memoryTotal) {

  public SyntheticGpu {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(minor, "minor");
    if (memoryTotal <= 0) {
      throw new IllegalArgumentException("memoryTotal must be > 0: " + memoryTotal);
    }
  }

  /** The GPU's speed and peak throughput. */
  public GpuClass gpuClass() {
    return GpuClass.of(name);
  }
}
