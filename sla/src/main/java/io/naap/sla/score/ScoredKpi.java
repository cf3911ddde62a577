package io.naap.sla.score;

/** The KPIs a score is made of, each in its group. */
public enum ScoredKpi {
  /** Failures (not excused) per segment: at most the target. */
  FAILURE_RATE(Group.RELIABILITY, Direction.AT_MOST),
  /** Swaps charged to the orchestrator per segment: at most the target. */
  SWAP_RATE(Group.RELIABILITY, Direction.AT_MOST),
  /** p95 startup latency, ms: at most the target. */
  STARTUP_P95_MS(Group.RELIABILITY, Direction.AT_MOST),
  /** Mean output fps: at least the workload's target fps. */
  OUTPUT_FPS(Group.QUALITY, Direction.AT_LEAST),
  /** p95 end-to-end latency, ms: at most the target. */
  END_TO_END_P95_MS(Group.QUALITY, Direction.AT_MOST),
  /** Jitter coefficient std(fps) / mean(fps): at most the target. */
  JITTER(Group.QUALITY, Direction.AT_MOST);

  /** Reliability (does the stream start and keep going) or quality (how good it is). */
  public enum Group {
    RELIABILITY,
    QUALITY
  }

  /** Whether lower values (latencies, rates) or higher ones (fps) are better. */
  public enum Direction {
    AT_MOST,
    AT_LEAST
  }

  private final Group group;
  private final Direction direction;

  ScoredKpi(Group group, Direction direction) {
    this.group = group;
    this.direction = direction;
  }

  public Group group() {
    return group;
  }

  public Direction direction() {
    return direction;
  }
}
