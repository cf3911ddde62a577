package io.naap.telemetry.loadgen;

/**
 * How a synthetic orchestrator behaves: the ground truth naap's KPIs must make visible (startup;
 * mean fps against what the GPU and workload would give; fps variation per sample as a coefficient
 * of variation; share of streams swapped away; share of streams failing at startup; warm flag).
 *
 * <ul>
 *   <li>{@code healthy}: 1.5-3 s, 1.00, 0.03, 1%, none, warm
 *   <li>{@code slow_cold_start}: 10-25 s, 0.97, 0.03, 3%, none, not warm
 *   <li>{@code swap_prone}: 2-6 s, 0.95, 0.05, 70%, none, warm
 *   <li>{@code jittery}: 2-5 s, 0.75, 0.40, 5%, none, warm
 *   <li>{@code failing}: 1.5-3.5 s, 0.90, 0.05, 2%, 40% (a CUDA error, no output), warm
 *   <li>{@code offline}: listed in {@code network_capabilities}, absent from every {@code
 *       discovery_results}; test streams pinned to it end in {@code
 *       gateway_no_orchestrators_available}
 * </ul>
 */
public enum BehaviourProfile {
  HEALTHY("healthy", 1_500, 3_000, 1.0, 0.03, 0.01, 0.0, 0.92, true),
  SLOW_COLD_START("slow_cold_start", 10_000, 25_000, 0.97, 0.03, 0.03, 0.0, 0.90, false),
  SWAP_PRONE("swap_prone", 2_000, 6_000, 0.95, 0.05, 0.70, 0.0, 0.88, true),
  JITTERY("jittery", 2_000, 5_000, 0.75, 0.40, 0.05, 0.0, 0.70, true),
  FAILING("failing", 1_500, 3_500, 0.90, 0.05, 0.02, 0.40, 0.80, true),
  OFFLINE("offline", 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, true);

  private final String code;
  private final int startupMinMillis;
  private final int startupMaxMillis;
  private final double fpsFactor;
  private final double fpsVariation;
  private final double swapProbability;
  private final double startupFailureProbability;
  private final double utilisation;
  private final boolean warm;

  BehaviourProfile(
      String code,
      int startupMinMillis,
      int startupMaxMillis,
      double fpsFactor,
      double fpsVariation,
      double swapProbability,
      double startupFailureProbability,
      double utilisation,
      boolean warm) {
    this.code = code;
    this.startupMinMillis = startupMinMillis;
    this.startupMaxMillis = startupMaxMillis;
    this.fpsFactor = fpsFactor;
    this.fpsVariation = fpsVariation;
    this.swapProbability = swapProbability;
    this.startupFailureProbability = startupFailureProbability;
    this.utilisation = utilisation;
    this.warm = warm;
  }

  /** The profile's name, e.g. {@code swap_prone}. */
  public String code() {
    return code;
  }

  /** Shortest gateway startup latency (stream request to first processed segment). */
  public int startupMinMillis() {
    return startupMinMillis;
  }

  /** Longest gateway startup latency. */
  public int startupMaxMillis() {
    return startupMaxMillis;
  }

  /** Mean output fps as a fraction of what the GPU and workload would give. */
  public double fpsFactor() {
    return fpsFactor;
  }

  /** Standard deviation of each fps sample relative to the mean (coefficient of variation). */
  public double fpsVariation() {
    return fpsVariation;
  }

  /** Probability that a stream on this orchestrator is swapped away from it. */
  public double swapProbability() {
    return swapProbability;
  }

  /** Probability that a stream fails at startup with an inference error and no output. */
  public double startupFailureProbability() {
    return startupFailureProbability;
  }

  /** Mean GPU utilisation (busy fraction) while a stream runs. */
  public double utilisation() {
    return utilisation;
  }

  /** The {@code warm} flag the orchestrator advertises for its model. */
  public boolean warm() {
    return warm;
  }

  /** Whether the orchestrator answers discovery and serves streams at all. */
  public boolean reachable() {
    return this != OFFLINE;
  }
}
