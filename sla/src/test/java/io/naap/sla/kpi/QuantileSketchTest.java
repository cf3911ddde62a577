package io.naap.sla.kpi;

import static io.naap.sla.kpi.ExactQuantiles.assertAccurate;
import static io.naap.sla.kpi.ExactQuantiles.nearestRank;
import static io.naap.sla.kpi.ExactQuantiles.sketchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sketch's statistics, accuracy and merging on known data. */
class QuantileSketchTest {

  private static final double[] QUANTILES = {
    0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1
  };

  @Test
  void anEmptySketchHasACountOfZeroAndNoStatistics() {
    QuantileSketch empty = QuantileSketch.create();

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.count()).isZero();
    assertThat(empty.sum()).isZero();
    assertThat(empty.min()).isEmpty();
    assertThat(empty.max()).isEmpty();
    assertThat(empty.mean()).isEmpty();
    assertThat(empty.quantile(0.5)).isEmpty();
    assertThat(empty).isEqualTo(QuantileSketch.create()).hasToString("QuantileSketch[empty]");
  }

  @Test
  void aSketchOfOneValueAnswersThatValueForEveryStatistic() {
    QuantileSketch one = sketchOf(77.3);

    assertThat(one.count()).isEqualTo(1);
    assertThat(one.sum()).isEqualTo(77.3);
    assertThat(one.min()).hasValue(77.3);
    assertThat(one.max()).hasValue(77.3);
    assertThat(one.mean()).hasValue(77.3);
    for (double q : QUANTILES) {
      assertThat(one.quantile(q)).as("q = %s", q).hasValue(77.3);
    }
  }

  @Test
  void countsZeroAndValuesBelowTheThresholdInTheZeroBucket() {
    QuantileSketch sketch = sketchOf(0.0, 1e-10, -5e-10, 0.0, 3.0);

    assertThat(sketch.quantile(0.5)).hasValue(0.0);
    assertThat(sketch.min()).as("min and max are the values as given").hasValue(-5e-10);
    assertThat(sketch.max()).hasValue(3.0);
    assertThat(sketch.quantile(0.8)).hasValue(0.0);
    assertThat(sketch.quantile(0.81)).hasValue(3.0);
  }

  @Test
  void holdsNegativeZeroAsZero() {
    QuantileSketch negativeZero = sketchOf(-0.0);

    assertThat(negativeZero).isEqualTo(sketchOf(0.0));
    assertThat(Double.doubleToRawLongBits(negativeZero.min().getAsDouble())).isZero();
    assertThat(negativeZero.toBytes()).isEqualTo(sketchOf(0.0).toBytes());
  }

  @Test
  void ordersNegativeValuesBeforeZeroAndPositiveOnes() {
    // clock skew makes a few latencies negative
    double[] latencies = {-120, -3.5, -3.4, 0, 2, 45, 45, 600_000};
    QuantileSketch sketch = sketchOf(latencies);
    double[] sorted = latencies.clone();
    Arrays.sort(sorted);

    for (double q : QUANTILES) {
      assertAccurate(sketch.quantile(q).getAsDouble(), nearestRank(sorted, q), q);
    }
    assertThat(sketch.quantile(0.25).getAsDouble()).isNegative();
    assertThat(sketch.quantile(0.5)).hasValue(0.0);
    assertThat(sketch.min()).hasValue(-120.0);
    assertThat(sketch.sum()).isEqualTo(ExactQuantiles.exactSum(latencies));
  }

  @Test
  void estimatesTheQuantilesOfFrameRatesWithinOnePercent() {
    List<Double> fps = new ArrayList<>();
    for (int tenth = 0; tenth <= 1200; tenth++) {
      fps.add(tenth / 10.0);
    }
    assertAccurateEverywhere(fps);
  }

  @Test
  void estimatesTheQuantilesOfLatenciesWithinOnePercent() {
    List<Double> latencies = new ArrayList<>();
    for (double ms = 0.5; ms <= 600_000; ms *= 1.003) {
      latencies.add(ms);
    }
    assertAccurateEverywhere(latencies);
  }

  @Test
  void estimatesP50P95AndP99OfOneToOneThousand() {
    QuantileSketch sketch = QuantileSketch.create();
    for (int i = 1000; i >= 1; i--) {
      sketch.add(i);
    }

    assertThat(sketch.quantile(0.5).getAsDouble()).isCloseTo(500, withinOnePercentOf(500));
    assertThat(sketch.quantile(0.95).getAsDouble()).isCloseTo(950, withinOnePercentOf(950));
    assertThat(sketch.quantile(0.99).getAsDouble()).isCloseTo(990, withinOnePercentOf(990));
    assertThat(sketch.quantile(0)).hasValue(1.0);
    assertThat(sketch.quantile(1)).hasValue(1000.0);
    assertThat(sketch.mean()).hasValue(500.5);
  }

  @Test
  void keepsTheAccuracyAtTheEdgesOfTheDoubleRange() {
    double[] extremes = {
      -Double.MAX_VALUE,
      -1e300,
      -1e-9,
      Double.MIN_VALUE,
      1e-9,
      1.0000001e-9,
      1e300,
      Double.MAX_VALUE
    };
    QuantileSketch sketch = sketchOf(extremes);
    double[] sorted = extremes.clone();
    Arrays.sort(sorted);

    for (double q : QUANTILES) {
      double estimate = sketch.quantile(q).getAsDouble();
      assertThat(estimate).isFinite();
      assertAccurate(estimate, nearestRank(sorted, q), q);
    }
    assertThat(QuantileSketch.fromBytes(sketch.toBytes())).isEqualTo(sketch);
  }

  @Test
  void keepsTheSumExactWhateverTheOrderOfAdds() {
    QuantileSketch tenths = QuantileSketch.create();
    double naive = 0;
    for (int i = 0; i < 10; i++) {
      tenths.add(0.1);
      naive += 0.1;
    }
    assertThat(naive).as("a double accumulator drifts").isNotEqualTo(1.0);
    assertThat(tenths.sum()).as("ten times the double nearest 0.1, rounded once").isEqualTo(1.0);

    QuantileSketch cancelling = sketchOf(1e16, 1.0, -1e16);
    assertThat(cancelling.sum()).isEqualTo(1.0);
    assertThat(sketchOf(-1e16, 1e16, 1.0)).isEqualTo(cancelling);
  }

  @Test
  void meanDoesNotOverflowWhenTheSumLeavesTheDoubleRange() {
    QuantileSketch huge = sketchOf(Double.MAX_VALUE, Double.MAX_VALUE);

    assertThat(huge.sum()).isInfinite();
    assertThat(huge.mean()).hasValue(Double.MAX_VALUE);
  }

  @Test
  void aWeightedAddIsTheSameAsRepeatedAdds() {
    QuantileSketch weighted = QuantileSketch.create();
    weighted.add(16.7, 5);
    weighted.add(-2.0, 2);
    QuantileSketch repeated = sketchOf(16.7, 16.7, -2.0, 16.7, 16.7, -2.0, 16.7);

    assertThat(weighted).isEqualTo(repeated).hasSameHashCodeAs(repeated);
    assertThat(weighted.toBytes()).isEqualTo(repeated.toBytes());
  }

  @Test
  void rejectsValuesThatAreNotFiniteAndCountsBelowOne() {
    QuantileSketch sketch = sketchOf(1.0);

    assertThatThrownBy(() -> sketch.add(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> sketch.add(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sketch.add(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sketch.add(1.0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sketch.add(1.0, -3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(sketch).as("a rejected add changes nothing").isEqualTo(sketchOf(1.0));
  }

  @Test
  void rejectsQuantilesOutsideZeroToOne() {
    QuantileSketch sketch = sketchOf(1.0);

    for (double q : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> sketch.quantile(q))
          .as("q = %s", q)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> QuantileSketch.create().quantile(2))
        .as("also on an empty sketch")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesACountBeyondTheRangeOfALongAndStaysUnchanged() {
    QuantileSketch full = QuantileSketch.create();
    full.add(1.0, Long.MAX_VALUE);
    QuantileSketch before = full.copy();

    assertThatThrownBy(() -> full.add(2.0)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> full.merge(sketchOf(3.0))).isInstanceOf(ArithmeticException.class);
    assertThat(full).isEqualTo(before);
    assertThat(full.quantile(0.5)).hasValue(1.0);
  }

  @Test
  void mergingAddsTheOtherSketchAndLeavesItUnchanged() {
    QuantileSketch minute = sketchOf(30, 29.5, 31);
    QuantileSketch next = sketchOf(12, 30);
    QuantileSketch nextBefore = next.copy();

    minute.merge(next);

    assertThat(minute).isEqualTo(sketchOf(30, 29.5, 31, 12, 30));
    assertThat(next).isEqualTo(nextBefore);
    minute.merge(QuantileSketch.create());
    assertThat(minute).isEqualTo(sketchOf(30, 29.5, 31, 12, 30));
  }

  @Test
  void mergingASketchWithItselfDoublesEveryCount() {
    QuantileSketch sketch = sketchOf(1, 2, 2, -7);

    sketch.merge(sketch);

    assertThat(sketch).isEqualTo(sketchOf(1, 2, 2, -7, 1, 2, 2, -7));
  }

  @Test
  void aCopyIsIndependentOfItsOriginal() {
    QuantileSketch original = sketchOf(5, 6);
    QuantileSketch copy = original.copy();

    copy.add(700);

    assertThat(original).isEqualTo(sketchOf(5, 6));
    assertThat(copy).isEqualTo(sketchOf(5, 6, 700));
  }

  @Test
  void equalityIsByContent() {
    QuantileSketch a = sketchOf(1, 2, 3);

    assertThat(a).isEqualTo(sketchOf(3, 2, 1)).hasSameHashCodeAs(sketchOf(3, 2, 1));
    assertThat(a).isNotEqualTo(sketchOf(1, 2, 3, 3));
    assertThat(a).as("same buckets, other max").isNotEqualTo(sketchOf(1, 2, Math.nextUp(3.0)));
    assertThat(a).isNotEqualTo(sketchOf(-1, 2, 3));
    assertThat(a).isNotEqualTo(null).isNotEqualTo("a sketch");
  }

  @Test
  void toStringIsAShortSummary() {
    assertThat(sketchOf(1, 2, 3).toString())
        .startsWith("QuantileSketch[count=3, min=1.0, p50=")
        .endsWith(", max=3.0]");
  }

  private static void assertAccurateEverywhere(List<Double> values) {
    QuantileSketch sketch = sketchOf(values);
    double[] sorted = ExactQuantiles.sorted(values);
    for (int permille = 0; permille <= 1000; permille++) {
      double q = permille / 1000.0;
      assertAccurate(sketch.quantile(q).getAsDouble(), nearestRank(sorted, q), q);
    }
  }

  private static org.assertj.core.data.Offset<Double> withinOnePercentOf(double value) {
    return org.assertj.core.data.Offset.offset(value * QuantileSketch.RELATIVE_ACCURACY);
  }
}
