package io.naap.sla.score;

/**
 * An orchestrator's score for a workload at the end of an epoch.
 *
 * @param bps the score in basis points, 0 to 10,000
 * @param provisional whether it rests on too few sessions to be more than its prior's echo
 * @param state what the next epoch's score starts from
 * @param explanation how it was made
 */
public record Score(int bps, boolean provisional, ScoreState state, ScoreExplanation explanation) {
  public Score {
    if (bps < 0 || bps > 10_000) {
      throw new IllegalArgumentException("bps must be in [0, 10000]: " + bps);
    }
  }
}
