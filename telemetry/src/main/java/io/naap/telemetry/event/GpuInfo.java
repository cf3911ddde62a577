package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One GPU of an orchestrator's hardware entry ({@code gpu_info}, keyed by device index).
 *
 * @param index the device index, the key of {@code gpu_info}
 * @param id the device UUID, e.g. {@code GPU-a8d1...}
 * @param major CUDA compute capability, major part
 * @param minor CUDA compute capability, minor part
 * @param memoryTotal bytes of VRAM
 * @param memoryFree bytes of VRAM free when reported
 */
public record GpuInfo(
    int index,
    Optional<String> id,
    Optional<String> name,
    OptionalInt major,
    OptionalInt minor,
    OptionalLong memoryTotal,
    OptionalLong memoryFree) {

  public GpuInfo {
    if (index < 0) {
      throw new IllegalArgumentException("GPU index must be >= 0: " + index);
    }
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(minor, "minor");
    Objects.requireNonNull(memoryTotal, "memoryTotal");
    Objects.requireNonNull(memoryFree, "memoryFree");
  }
}
