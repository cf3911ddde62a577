package io.naap.sla.workload;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The workloads naap knows targets for, by model id. */
public final class WorkloadCatalogue {
  private static final long GIB = 1L << 30;

  private final Map<String, WorkloadTarget> byModel;

  public WorkloadCatalogue(Collection<WorkloadTarget> targets) {
    Map<String, WorkloadTarget> map = new TreeMap<>();
    for (WorkloadTarget target : targets) {
      if (map.putIfAbsent(target.model(), target) != null) {
        throw new IllegalArgumentException("workload " + target.model() + " is listed twice");
      }
    }
    this.byModel = Map.copyOf(map);
  }

  /**
   * The live video workloads of the network today, with the targets operators quote (EVENTS.md:
   * jitter <= 0.1, e2e <= 3000 ms, failure rate < 1%) and per-model fps: a turbo model near 20 fps,
   * the face-id variant near 16 (the real capture runs at ~17), a heavy model near 8.
   */
  public static WorkloadCatalogue defaults() {
    return new WorkloadCatalogue(
        List.of(
            live("streamdiffusion-sdxl", 20, 8 * GIB),
            live("streamdiffusion-sdxl-faceid", 16, 12 * GIB),
            live("liveportrait", 8, 16 * GIB)));
  }

  private static WorkloadTarget live(String model, double fps, long vram) {
    return new WorkloadTarget(
        model, "live-video-to-video", fps, 5_000, 3_000, 0.1, 0.01, 0.05, vram, java.util.Set.of());
  }

  public Optional<WorkloadTarget> target(String model) {
    return Optional.ofNullable(byModel.get(model));
  }

  /** Every workload, by model id. */
  public Collection<WorkloadTarget> targets() {
    return new TreeMap<>(byModel).values();
  }
}
