package io.naap.sla.kpi;

import static io.naap.sla.kpi.ExactQuantiles.assertAccurate;
import static io.naap.sla.kpi.ExactQuantiles.nearestRank;
import static io.naap.sla.kpi.ExactQuantiles.sketchOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the sketch over generated KPI-like data: frame rates, latencies, negatives from
 * clock skew, zeros, tiny and extreme magnitudes (fixed seeds: repeatable).
 */
class QuantileSketchPropertiesTest {

  private static final double[] PERCENTILES = {0, 0.01, 0.25, 0.5, 0.75, 0.95, 0.99, 1};

  @Property(seed = "20260108")
  void mergeIsCommutative(@ForAll("values") List<Double> a, @ForAll("values") List<Double> b) {
    QuantileSketch ab = sketchOf(a);
    ab.merge(sketchOf(b));
    QuantileSketch ba = sketchOf(b);
    ba.merge(sketchOf(a));

    assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    assertThat(ab.toBytes()).isEqualTo(ba.toBytes());
  }

  @Property(seed = "20260108")
  void mergeIsAssociative(
      @ForAll("values") List<Double> a,
      @ForAll("values") List<Double> b,
      @ForAll("values") List<Double> c) {
    QuantileSketch left = sketchOf(a);
    left.merge(sketchOf(b));
    left.merge(sketchOf(c));
    QuantileSketch bc = sketchOf(b);
    bc.merge(sketchOf(c));
    QuantileSketch right = sketchOf(a);
    right.merge(bc);

    assertThat(left).isEqualTo(right);
    assertThat(left.toBytes()).isEqualTo(right.toBytes());
  }

  @Property(seed = "20260108")
  void mergingSketchesIsSketchingTheConcatenation(
      @ForAll("values") List<Double> a, @ForAll("values") List<Double> b) {
    QuantileSketch merged = sketchOf(a);
    merged.merge(sketchOf(b));
    List<Double> both = new ArrayList<>(a);
    both.addAll(b);
    QuantileSketch whole = sketchOf(both);

    assertThat(merged.count()).isEqualTo(whole.count()).isEqualTo(both.size());
    assertThat(merged.min()).isEqualTo(whole.min());
    assertThat(merged.max()).isEqualTo(whole.max());
    assertThat(merged.sum()).as("the sum is exact, not only close").isEqualTo(whole.sum());
    assertThat(merged).isEqualTo(whole);
    assertThat(merged.toBytes()).isEqualTo(whole.toBytes());
    for (double q : PERCENTILES) {
      assertThat(merged.quantile(q)).isEqualTo(whole.quantile(q));
    }
  }

  @Property(seed = "20260108")
  void theOrderOfTheValuesDoesNotMatter(@ForAll("values") List<Double> values, @ForAll long seed) {
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, new SplittableRandom(seed));

    assertThat(sketchOf(shuffled).toBytes()).isEqualTo(sketchOf(values).toBytes());
  }

  @Property(seed = "20260108")
  void anHourOfMinutesIsTheSketchOfTheHourWhateverTheGrouping(
      @ForAll("minutes") List<List<Double>> minutes, @ForAll long seed) {
    List<Double> hour = new ArrayList<>();
    minutes.forEach(hour::addAll);
    List<QuantileSketch> partials = new ArrayList<>();
    minutes.forEach(minute -> partials.add(sketchOf(minute)));
    // merge random pairs until one sketch is left: any tree of merges
    SplittableRandom random = new SplittableRandom(seed);
    while (partials.size() > 1) {
      QuantileSketch a = partials.remove(random.nextInt(partials.size()));
      QuantileSketch b = partials.remove(random.nextInt(partials.size()));
      a.merge(b);
      partials.add(a);
    }
    QuantileSketch merged = partials.isEmpty() ? QuantileSketch.create() : partials.get(0);

    assertThat(merged.toBytes()).isEqualTo(sketchOf(hour).toBytes());
  }

  @Property(seed = "20260108")
  void everyQuantileIsWithinTheRelativeAccuracyOfTheExactOne(
      @ForAll("values") List<Double> values, @ForAll @DoubleRange(min = 0, max = 1) double q) {
    QuantileSketch sketch = sketchOf(values);
    if (values.isEmpty()) {
      assertThat(sketch.quantile(q)).isEmpty();
      return;
    }
    double[] sorted = ExactQuantiles.sorted(values);
    assertAccurate(sketch.quantile(q).getAsDouble(), nearestRank(sorted, q), q);
    for (double p : PERCENTILES) {
      double estimate = sketch.quantile(p).getAsDouble();
      assertAccurate(estimate, nearestRank(sorted, p), p);
      assertThat(estimate).isBetween(sorted[0], sorted[sorted.length - 1]);
    }
  }

  @Property(seed = "20260108")
  void countMinMaxAndSumAreExact(@ForAll("values") List<Double> values) {
    QuantileSketch sketch = sketchOf(values);
    double[] sorted = ExactQuantiles.sorted(values);

    assertThat(sketch.count()).isEqualTo(values.size());
    assertThat(sketch.sum()).isEqualTo(ExactQuantiles.exactSum(sorted));
    if (!values.isEmpty()) {
      assertThat(sketch.min().getAsDouble()).isEqualTo(sorted[0] == 0 ? 0.0 : sorted[0]);
      double last = sorted[sorted.length - 1];
      assertThat(sketch.max().getAsDouble()).isEqualTo(last == 0 ? 0.0 : last);
      assertThat(sketch.mean().getAsDouble())
          .isBetween(sketch.min().getAsDouble(), sketch.max().getAsDouble());
    }
  }

  @Property(seed = "20260108")
  void everySketchRoundTripsThroughItsBytes(@ForAll("values") List<Double> values) {
    QuantileSketch sketch = sketchOf(values);
    byte[] bytes = sketch.toBytes();
    QuantileSketch decoded = QuantileSketch.fromBytes(bytes);

    assertThat(decoded).isEqualTo(sketch);
    assertThat(decoded.toBytes()).isEqualTo(bytes);
  }

  @Property(seed = "20260108")
  void aWeightedAddIsRepeatedAdds(
      @ForAll("values") List<Double> values, @ForAll @LongRange(min = 1, max = 40) long weight) {
    QuantileSketch weighted = QuantileSketch.create();
    QuantileSketch repeated = QuantileSketch.create();
    for (double value : values) {
      weighted.add(value, weight);
      for (long i = 0; i < weight; i++) {
        repeated.add(value);
      }
    }

    assertThat(weighted.toBytes()).isEqualTo(repeated.toBytes());
  }

  @Property(seed = "20260108")
  void arbitraryBytesAreRejectedOrDecodeToTheSketchTheyEncode(@ForAll byte[] bytes) {
    QuantileSketchEncodingTest.decodesCanonicallyOrIsRejected(bytes);
  }

  @Property(seed = "20260108")
  void aCorruptedEncodingIsRejectedOrIsTheEncodingOfItsSketch(
      @ForAll("values") List<Double> values,
      @ForAll("corruption") Tuple.Tuple2<Integer, Integer> at) {
    byte[] bytes = sketchOf(values).toBytes();
    bytes[at.get1() % bytes.length] ^= (byte) (1 << at.get2());

    QuantileSketchEncodingTest.decodesCanonicallyOrIsRejected(bytes);
  }

  @Provide
  Arbitrary<List<Double>> values() {
    return value().list().ofMaxSize(150);
  }

  @Provide
  Arbitrary<List<List<Double>>> minutes() {
    return value().list().ofMaxSize(20).list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Integer, Integer>> corruption() {
    return Arbitraries.integers()
        .between(0, Integer.MAX_VALUE)
        .tuple2()
        .map(t -> Tuple.of(t.get1(), t.get2() % 8));
  }

  private static Arbitrary<Double> value() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.doubles().between(0, 120).ofScale(3)),
        Tuple.of(6, Arbitraries.doubles().between(0, 600_000).ofScale(6)),
        Tuple.of(3, Arbitraries.integers().between(0, 60).map(Integer::doubleValue)),
        Tuple.of(2, Arbitraries.doubles().between(-5_000, 0).ofScale(2)),
        Tuple.of(
            1, Arbitraries.of(0.0, -0.0, 1e-10, -1e-12, 1e-9, -1e-9, Double.MIN_VALUE, 0.1, 1e300)),
        Tuple.of(1, Arbitraries.doubles().between(-Double.MAX_VALUE, Double.MAX_VALUE)));
  }
}
