package io.naap.incentives.distribution;

import io.naap.attestations.EvmAddress;
import io.naap.sla.workload.GpuClass;
import java.util.Objects;

/**
 * What one orchestrator delivered on one workload during an epoch: its SLA score, the minimum the
 * workload asks for, and its volume.
 *
 * @param workload the workload (model id), as the pools name it
 * @param orchestrator who served it
 * @param scoreBps its SLA score for the workload at the end of the epoch, 0 to 10,000
 * @param minScoreBps the score at which it qualifies, 0 to 10,000
 * @param inferenceSeconds the inference time it delivered (finite, >= 0)
 * @param sessions the sessions it was selected for (>= 0)
 * @param swaps the sessions swapped away from it (>= 0; more than its sessions counts as all)
 * @param gpu the GPU class it served with ({@link GpuClass#UNKNOWN} when nobody reported one)
 */
public record Contribution(
    String workload,
    EvmAddress orchestrator,
    int scoreBps,
    int minScoreBps,
    double inferenceSeconds,
    long sessions,
    long swaps,
    GpuClass gpu) {
  /** The highest score: 100% in basis points. */
  public static final int MAX_BPS = 10_000;

  public Contribution {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(gpu, "gpu");
    if (workload.isBlank()) {
      throw new IllegalArgumentException("workload must not be blank");
    }
    if (scoreBps < 0 || scoreBps > MAX_BPS) {
      throw new IllegalArgumentException("scoreBps must be 0 to " + MAX_BPS + ": " + scoreBps);
    }
    if (minScoreBps < 0 || minScoreBps > MAX_BPS) {
      throw new IllegalArgumentException(
          "minScoreBps must be 0 to " + MAX_BPS + ": " + minScoreBps);
    }
    if (!(inferenceSeconds >= 0) || Double.isInfinite(inferenceSeconds)) {
      throw new IllegalArgumentException(
          "inferenceSeconds must be finite and >= 0: " + inferenceSeconds);
    }
    if (sessions < 0) {
      throw new IllegalArgumentException("sessions must be >= 0: " + sessions);
    }
    if (swaps < 0) {
      throw new IllegalArgumentException("swaps must be >= 0: " + swaps);
    }
  }

  /** Whether its score reaches the workload's minimum. */
  public boolean qualifies() {
    return scoreBps >= minScoreBps;
  }
}
