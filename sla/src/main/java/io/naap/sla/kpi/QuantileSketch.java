package io.naap.sla.kpi;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A mergeable quantile sketch of a KPI's values (fps, latencies in ms): a log-bucketed histogram in
 * the manner of DDSketch, with exact count, min, max and sum. It stores the percentiles of one KPI
 * per minute, hour or day; an hour is the {@link #merge merge} of its minutes.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Accuracy.</b> {@link #quantile(double) quantile(q)} is within 1% relative error ({@link
 *       #RELATIVE_ACCURACY}) of the value of the data set at rank {@code max(1, ceil(q n))} of the
 *       {@code n} values in ascending order (the nearest-rank quantile), whatever the data and
 *       however the sketch was built, up to floating-point rounding of the bucket bounds (below
 *       1e-12 relative). Values of magnitude below {@link #ZERO_THRESHOLD} are counted as zero: for
 *       them the error is absolute, below that threshold. Ranks 1 and n give the exact min and max,
 *       and every estimate lies in [min, max].
 *   <li><b>Exact merge.</b> Values go to buckets by a fixed mapping and merging adds bucket counts,
 *       so the merge of the sketches of A and B, in either order and with any grouping, is equal
 *       ({@link #equals}) to the sketch of A followed by B, and encodes to the same bytes. The sum
 *       is held exactly too (as an integer times a power of two), so this holds for every field.
 *   <li><b>Determinism.</b> The mapping uses {@link StrictMath}, so every JVM builds the same
 *       sketch from the same values: encodings compare byte for byte across machines.
 *   <li><b>Size.</b> One bucket per 2% step of magnitude: fps in 1..120 spans at most about 240
 *       buckets, latencies in 1 ms..10 min about 670; the encoding takes two to four bytes per
 *       non-empty bucket plus about 30.
 * </ul>
 *
 * <p>Values are finite doubles; negatives are kept (clock skew can make a latency negative) in
 * their own buckets, and {@code -0.0} is held as {@code 0.0}. Mutable and not thread-safe: build
 * one per thread, or {@link #copy()} it.
 *
 * <h2>Encoding</h2>
 *
 * {@link #toBytes()} gives a compact, canonical binary encoding: a version byte (1, which fixes the
 * mapping), the count, min and max as IEEE 754 doubles, the exact sum, the zero count, then the
 * non-empty buckets of each sign as varint index gaps and varint counts. {@link #fromBytes(byte[])}
 * accepts exactly the encodings {@code toBytes} produces and rejects anything else.
 */
public final class QuantileSketch {

  /** The relative error bound of every quantile estimate: 1%. */
  public static final double RELATIVE_ACCURACY = LogarithmicMapping.RELATIVE_ACCURACY;

  /** Values of smaller magnitude are counted in the zero bucket (their estimate is 0). */
  public static final double ZERO_THRESHOLD = LogarithmicMapping.ZERO_THRESHOLD;

  private final Buckets negative;
  private final Buckets positive;
  private long zeroCount;
  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private final ExactSum sum;

  private QuantileSketch(Buckets negative, Buckets positive, ExactSum sum) {
    this.negative = negative;
    this.positive = positive;
    this.sum = sum;
  }

  /** An empty sketch with 1% relative accuracy ({@link #RELATIVE_ACCURACY}). */
  public static QuantileSketch create() {
    return new QuantileSketch(new Buckets(), new Buckets(), new ExactSum());
  }

  /** A sketch that {@link SketchFormat} has read and checked. */
  static QuantileSketch decoded(
      Buckets negative,
      long zeroCount,
      Buckets positive,
      long count,
      double min,
      double max,
      ExactSum sum) {
    QuantileSketch sketch = new QuantileSketch(negative, positive, sum);
    sketch.zeroCount = zeroCount;
    sketch.count = count;
    sketch.min = min;
    sketch.max = max;
    return sketch;
  }

  /**
   * Decodes an encoding made by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException when the bytes are not such an encoding: cut, followed by
   *     other bytes, of an unknown version, not in the one canonical form, or describing a sketch
   *     that could not exist (a count other than the sum of the bucket counts, a min or max outside
   *     the outer buckets, an impossible sum)
   */
  public static QuantileSketch fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return SketchFormat.decode(bytes);
  }

  /**
   * Adds one value.
   *
   * @throws IllegalArgumentException when the value is NaN or infinite
   * @throws ArithmeticException when the count would exceed {@link Long#MAX_VALUE}
   */
  public void add(double value) {
    add(value, 1);
  }

  /**
   * Adds {@code count} occurrences of a value: the same sketch as adding it {@code count} times.
   *
   * @throws IllegalArgumentException when the value is NaN or infinite, or the count is below 1
   * @throws ArithmeticException when the total count would exceed {@link Long#MAX_VALUE}
   */
  public void add(double value, long count) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a sketch holds finite values, not " + value);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    long total = Math.addExact(this.count, count);
    double v = value == 0 ? 0.0 : value;
    double magnitude = Math.abs(v);
    if (magnitude < ZERO_THRESHOLD) {
      zeroCount += count;
    } else if (v > 0) {
      positive.add(LogarithmicMapping.index(magnitude), count);
    } else {
      negative.add(LogarithmicMapping.index(magnitude), count);
    }
    this.count = total;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum.add(v, count);
  }

  /**
   * Adds every value of {@code other} to this sketch (which may be {@code other} itself); {@code
   * other} is unchanged. Exact: bucket counts, counts and sums add.
   *
   * @throws ArithmeticException when the total count would exceed {@link Long#MAX_VALUE}
   */
  public void merge(QuantileSketch other) {
    Objects.requireNonNull(other, "other");
    if (other.isEmpty()) {
      return;
    }
    long total = Math.addExact(count, other.count);
    QuantileSketch source = other == this ? copy() : other;
    negative.addAll(source.negative);
    positive.addAll(source.positive);
    zeroCount += source.zeroCount;
    count = total;
    min = Math.min(min, source.min);
    max = Math.max(max, source.max);
    sum.add(source.sum);
  }

  /** The number of values added. */
  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * The sum of the values, rounded once to the nearest double (0 when empty). The sketch holds the
   * sum exactly, so it does not depend on the order of adds and merges; it is infinite only when
   * the exact sum is beyond the range of a double.
   */
  public double sum() {
    return sum.toDouble();
  }

  /** The smallest value added, exactly; empty when the sketch is. */
  public OptionalDouble min() {
    return isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(min);
  }

  /** The largest value added, exactly; empty when the sketch is. */
  public OptionalDouble max() {
    return isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(max);
  }

  /** The mean: the exact sum divided by the count, rounded to a double; empty when empty. */
  public OptionalDouble mean() {
    if (isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.min(max, Math.max(min, sum.dividedBy(count))));
  }

  /**
   * The estimate of the {@code q}-quantile: within {@link #RELATIVE_ACCURACY} of the value at rank
   * {@code max(1, ceil(q * count))} in ascending order, and within [min, max]; {@code quantile(0)}
   * is the min and {@code quantile(1)} the max. Empty when the sketch is.
   *
   * @throws IllegalArgumentException when {@code q} is not in [0, 1]
   */
  public OptionalDouble quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("a quantile is in [0, 1], not " + q);
    }
    if (isEmpty()) {
      return OptionalDouble.empty();
    }
    long rank = Math.min(count, Math.max(1, (long) Math.ceil(q * count)));
    if (rank == 1) {
      return OptionalDouble.of(min);
    }
    if (rank == count) {
      return OptionalDouble.of(max);
    }
    return OptionalDouble.of(Math.min(max, Math.max(min, valueAtRank(rank))));
  }

  /** The representative value of the bucket holding the value of 1-based {@code rank}. */
  private double valueAtRank(long rank) {
    long seen = 0;
    if (!negative.isEmpty()) {
      for (int index = negative.highest(); index >= negative.lowest(); index--) {
        seen += negative.count(index);
        if (seen >= rank) {
          return -LogarithmicMapping.representative(index);
        }
      }
    }
    seen += zeroCount;
    if (seen >= rank) {
      return 0.0;
    }
    for (int index = positive.lowest(); index <= positive.highest(); index++) {
      seen += positive.count(index);
      if (seen >= rank) {
        return LogarithmicMapping.representative(index);
      }
    }
    throw new IllegalStateException("rank " + rank + " is beyond the count " + count);
  }

  /** An independent sketch with the same content. */
  public QuantileSketch copy() {
    QuantileSketch copy =
        new QuantileSketch(new Buckets(negative), new Buckets(positive), new ExactSum(sum));
    copy.zeroCount = zeroCount;
    copy.count = count;
    copy.min = min;
    copy.max = max;
    return copy;
  }

  /**
   * The canonical encoding (see the class comment and {@link #fromBytes(byte[])}): equal sketches
   * give equal bytes, different ones different bytes.
   */
  public byte[] toBytes() {
    return SketchFormat.encode(this);
  }

  // ---- for SketchFormat

  long zeroCount() {
    return zeroCount;
  }

  double minValue() {
    return min;
  }

  double maxValue() {
    return max;
  }

  ExactSum exactSum() {
    return sum;
  }

  Buckets negativeBuckets() {
    return negative;
  }

  Buckets positiveBuckets() {
    return positive;
  }

  /**
   * Where a value's bucket lies among all buckets, in ascending order of values: negative for the
   * negative buckets, 0 for the zero bucket, positive for the positive buckets.
   */
  long bucketKey(double value) {
    double magnitude = Math.abs(value);
    if (magnitude < ZERO_THRESHOLD) {
      return 0;
    }
    long key = (long) LogarithmicMapping.index(magnitude) - LogarithmicMapping.MIN_INDEX + 1;
    return value > 0 ? key : -key;
  }

  /** The {@link #bucketKey} of the lowest non-empty bucket; the sketch is not empty. */
  long firstBucketKey() {
    if (!negative.isEmpty()) {
      return -((long) negative.highest() - LogarithmicMapping.MIN_INDEX + 1);
    }
    if (zeroCount > 0) {
      return 0;
    }
    return (long) positive.lowest() - LogarithmicMapping.MIN_INDEX + 1;
  }

  /** The {@link #bucketKey} of the highest non-empty bucket; the sketch is not empty. */
  long lastBucketKey() {
    if (!positive.isEmpty()) {
      return (long) positive.highest() - LogarithmicMapping.MIN_INDEX + 1;
    }
    if (zeroCount > 0) {
      return 0;
    }
    return -((long) negative.lowest() - LogarithmicMapping.MIN_INDEX + 1);
  }

  // ---- Object

  /** Equal when the content is: count, zero count, every bucket count, min, max and exact sum. */
  @Override
  public boolean equals(Object other) {
    return other instanceof QuantileSketch that
        && count == that.count
        && zeroCount == that.zeroCount
        && (count == 0
            || (Double.doubleToLongBits(min) == Double.doubleToLongBits(that.min)
                && Double.doubleToLongBits(max) == Double.doubleToLongBits(that.max)))
        && sum.equals(that.sum)
        && negative.equals(that.negative)
        && positive.equals(that.positive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, zeroCount, min, max, sum, negative.hashCode(), positive.hashCode());
  }

  /** A short summary: count, min, median, p99 and max. */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "QuantileSketch[empty]";
    }
    return "QuantileSketch[count="
        + count
        + ", min="
        + min
        + ", p50="
        + quantile(0.5).getAsDouble()
        + ", p99="
        + quantile(0.99).getAsDouble()
        + ", max="
        + max
        + "]";
  }
}
