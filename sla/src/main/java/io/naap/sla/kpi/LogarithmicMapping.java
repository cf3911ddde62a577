package io.naap.sla.kpi;

/**
 * The bucket mapping of encoding version 1: relative accuracy {@code a} = 1%, {@code gamma = (1 +
 * a) / (1 - a)}, and a magnitude {@code m >= ZERO_THRESHOLD} goes to bucket {@code i = ceil(ln(m) /
 * ln(gamma))}, which holds the magnitudes in {@code (gamma^(i-1), gamma^i]}. Every magnitude of a
 * bucket is within {@code a} of the bucket's representative value {@code 2 gamma^i / (gamma + 1)}.
 *
 * <p>The logarithm is {@link StrictMath#log}: every JVM puts a value in the same bucket, so
 * sketches built on different machines merge and encode identically. The mapping is monotone: a
 * larger magnitude never lands in a lower bucket.
 */
final class LogarithmicMapping {

  static final double RELATIVE_ACCURACY = 0.01;

  /** Magnitudes below this are counted in the zero bucket. */
  static final double ZERO_THRESHOLD = 1e-9;

  static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);

  private static final double LN_GAMMA = StrictMath.log(GAMMA);

  /** The bucket of {@link #ZERO_THRESHOLD}: the lowest index a non-zero bucket can have. */
  static final int MIN_INDEX = index(ZERO_THRESHOLD);

  /** The bucket of {@link Double#MAX_VALUE}: the highest index a bucket can have. */
  static final int MAX_INDEX = index(Double.MAX_VALUE);

  private static final double REPRESENTATIVE_FACTOR = 2 / (1 + GAMMA);

  private LogarithmicMapping() {}

  /** The bucket of a finite magnitude {@code >= ZERO_THRESHOLD}. */
  static int index(double magnitude) {
    return (int) Math.ceil(StrictMath.log(magnitude) / LN_GAMMA);
  }

  /**
   * The value that stands for every magnitude of bucket {@code index}: within the relative accuracy
   * of each of them (infinite for the top bucket, whose estimates the sketch clamps to its max).
   */
  static double representative(int index) {
    return StrictMath.exp(index * LN_GAMMA) * REPRESENTATIVE_FACTOR;
  }
}
