package io.naap.api.score;

import java.util.List;
import java.util.Optional;

/**
 * The port through which the API reads an orchestrator's scores for the epoch still in progress,
 * scored from the KPIs measured so far (not signed, not in any snapshot). The oracle provides it;
 * the composition root adapts it. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RealtimeScores {
  /**
   * The running scores of one orchestrator, one per workload it has a score for.
   *
   * @param orchestratorLowerHex the orchestrator's on-chain address, {@code 0x} and 40 lower-case
   *     hex digits
   * @param workload only this workload (a model id of the catalogue); empty for every workload
   */
  List<RealtimeScore> scores(String orchestratorLowerHex, Optional<String> workload);
}
