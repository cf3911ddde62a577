package io.naap.sla.score;

import java.util.List;

/**
 * Everything a score was made of, for anyone to check by hand.
 *
 * @param rulesVersion the rules that scored it
 * @param subScores each KPI's sub-score, value, target, share and samples
 * @param reliability the reliability group's score this epoch
 * @param quality the quality group's score this epoch
 * @param coverage the share of the score whose KPIs were measured this epoch, in [0, 1]
 * @param epochScore this epoch's score before history and shrinkage
 * @param epochSessions the sessions this epoch measured
 * @param historyMean the moving mean of the epochs' scores, this one included
 * @param evidenceSessions the sessions of evidence behind it, after decay
 * @param prior the score the evidence is shrunk toward
 * @param score the final score in [0, 1] ({@code prior + w / (w + priorSessions) x (historyMean -
 *     prior)}, {@code w} the evidence)
 */
public record ScoreExplanation(
    String rulesVersion,
    List<SubScore> subScores,
    double reliability,
    double quality,
    double coverage,
    double epochScore,
    long epochSessions,
    double historyMean,
    double evidenceSessions,
    double prior,
    double score) {
  public ScoreExplanation {
    subScores = List.copyOf(subScores);
  }
}
