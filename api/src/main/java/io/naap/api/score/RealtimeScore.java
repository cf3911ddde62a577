package io.naap.api.score;

import java.time.Instant;
import java.util.Objects;

/**
 * An orchestrator's running score for one workload in the epoch in progress.
 *
 * @param workload the workload's model id
 * @param epoch the epoch in progress, >= 1
 * @param asOf the end of the KPIs the score was computed from
 * @param scoreBps the score so far, 0 to 10,000 basis points
 * @param provisional whether it rests on too few sessions to be more than its prior's echo
 * @param sessions the sessions measured so far in the epoch, >= 0
 */
public record RealtimeScore(
    String workload, long epoch, Instant asOf, int scoreBps, boolean provisional, long sessions) {
  public RealtimeScore {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(asOf, "asOf");
    if (workload.isBlank()) {
      throw new IllegalArgumentException("a realtime score names its workload");
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1: " + epoch);
    }
    if (scoreBps < 0 || scoreBps > 10_000) {
      throw new IllegalArgumentException("scoreBps must be in [0, 10000]: " + scoreBps);
    }
    if (sessions < 0) {
      throw new IllegalArgumentException("sessions must be >= 0: " + sessions);
    }
  }
}
