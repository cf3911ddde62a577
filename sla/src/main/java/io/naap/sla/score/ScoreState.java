package io.naap.sla.score;

/**
 * What a score carries from one epoch to the next: the evidence-weighted moving mean of the epochs'
 * raw scores, and how many sessions of evidence it rests on after decay.
 *
 * @param mean in [0, 1]
 * @param sessions effective sessions behind the mean, >= 0
 */
public record ScoreState(double mean, double sessions) {
  public ScoreState {
    if (!(mean >= 0 && mean <= 1)) {
      throw new IllegalArgumentException("mean must be in [0, 1]: " + mean);
    }
    if (!(sessions >= 0) || Double.isInfinite(sessions)) {
      throw new IllegalArgumentException("sessions must be finite and >= 0: " + sessions);
    }
  }
}
