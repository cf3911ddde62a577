package io.naap.sla.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** The exact nearest-rank quantiles of a data set, and the sketch's accuracy check against them. */
final class ExactQuantiles {

  /** Slack for the floating-point rounding of the bucket bounds. */
  private static final double ROUNDING = 1e-12;

  private ExactQuantiles() {}

  static QuantileSketch sketchOf(List<Double> values) {
    QuantileSketch sketch = QuantileSketch.create();
    values.forEach(sketch::add);
    return sketch;
  }

  static QuantileSketch sketchOf(double... values) {
    QuantileSketch sketch = QuantileSketch.create();
    for (double value : values) {
      sketch.add(value);
    }
    return sketch;
  }

  /** The sum of the values, computed exactly and rounded once. */
  static double exactSum(double... values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double value : values) {
      sum = sum.add(new BigDecimal(value));
    }
    return sum.doubleValue();
  }

  /** The value at rank {@code max(1, ceil(q n))} of the values in ascending order. */
  static double nearestRank(double[] sorted, double q) {
    long rank = Math.min(sorted.length, Math.max(1, (long) Math.ceil(q * sorted.length)));
    return sorted[(int) rank - 1];
  }

  static double[] sorted(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /**
   * The estimate is within the relative accuracy of the exact value (within {@link
   * QuantileSketch#ZERO_THRESHOLD} when the exact value is counted as zero).
   */
  static void assertAccurate(double estimate, double exact, double q) {
    double bound =
        Math.abs(exact) < QuantileSketch.ZERO_THRESHOLD
            ? QuantileSketch.ZERO_THRESHOLD
            : Math.abs(exact) * (QuantileSketch.RELATIVE_ACCURACY + ROUNDING);
    assertThat(Math.abs(estimate - exact))
        .as("quantile %s: estimate %s, exact %s", q, estimate, exact)
        .isLessThanOrEqualTo(bound);
  }
}
