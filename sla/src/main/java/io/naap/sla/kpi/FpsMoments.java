package io.naap.sla.kpi;

/**
 * The running count, mean and sum of squared deviations of one stream's fps samples (Welford's
 * method), for the jitter coefficient: each added sample says how much the sum of squared
 * deviations grew, which is what {@link KpiAggregate#addFps} adds up across streams. The deltas of
 * a stream sum to its final sum of squared deviations whatever the order of its samples.
 *
 * @param count samples so far
 * @param mean their mean
 * @param deviationSquares sum of squared deviations from the mean
 */
public record FpsMoments(long count, double mean, double deviationSquares) {
  public static final FpsMoments NONE = new FpsMoments(0, 0, 0);

  public FpsMoments {
    if (count < 0 || !Double.isFinite(mean) || !(deviationSquares >= 0)) {
      throw new IllegalArgumentException(
          "bad moments: " + count + ", " + mean + ", " + deviationSquares);
    }
  }

  /** These moments with one more sample. */
  public FpsMoments add(double sample) {
    if (!Double.isFinite(sample)) {
      throw new IllegalArgumentException("sample must be finite: " + sample);
    }
    long n = count + 1;
    double delta = sample - mean;
    double newMean = mean + delta / n;
    double squares = deviationSquares + delta * (sample - newMean);
    return new FpsMoments(n, newMean, Math.max(0, squares));
  }

  /** Population standard deviation / mean; NaN without samples or with a zero mean. */
  public double coefficientOfVariation() {
    return count == 0 || mean <= 0 ? Double.NaN : Math.sqrt(deviationSquares / count) / mean;
  }
}
