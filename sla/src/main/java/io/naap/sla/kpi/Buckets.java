package io.naap.sla.kpi;

import java.util.Arrays;

/**
 * Counts by bucket index, for the indices of one sign of a {@link QuantileSketch}. Held densely
 * between the lowest and the highest non-empty index (bucket indices of real KPIs span a few
 * hundred), within [{@link LogarithmicMapping#MIN_INDEX}, {@link LogarithmicMapping#MAX_INDEX}].
 * Mutable, not thread-safe.
 */
final class Buckets {

  /** Room added on either side when the array grows, so that a run of adds grows it rarely. */
  private static final int SLACK = 32;

  private long[] counts = new long[0];

  /** The bucket index of {@code counts[0]}. */
  private int offset;

  private int lowest = Integer.MAX_VALUE;
  private int highest = Integer.MIN_VALUE;
  private long total;

  Buckets() {}

  Buckets(Buckets other) {
    counts = other.counts.clone();
    offset = other.offset;
    lowest = other.lowest;
    highest = other.highest;
    total = other.total;
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** The sum of the counts. */
  long total() {
    return total;
  }

  /** The lowest non-empty index; only meaningful when not empty. */
  int lowest() {
    return lowest;
  }

  /** The highest non-empty index; only meaningful when not empty. */
  int highest() {
    return highest;
  }

  long count(int index) {
    int at = index - offset;
    return at < 0 || at >= counts.length ? 0 : counts[at];
  }

  /**
   * Adds {@code count} to the bucket at {@code index}. The caller has checked that the index is
   * within the mapping's range, that the count is positive and that no total overflows.
   */
  void add(int index, long count) {
    ensureCovers(index, index);
    counts[index - offset] += count;
    total += count;
    lowest = Math.min(lowest, index);
    highest = Math.max(highest, index);
  }

  /** Adds every count of {@code other}; the caller has checked that no total overflows. */
  void addAll(Buckets other) {
    if (other.isEmpty()) {
      return;
    }
    ensureCovers(other.lowest, other.highest);
    for (int index = other.lowest; index <= other.highest; index++) {
      counts[index - offset] += other.counts[index - other.offset];
    }
    total += other.total;
    lowest = Math.min(lowest, other.lowest);
    highest = Math.max(highest, other.highest);
  }

  private void ensureCovers(int from, int to) {
    int start = offset;
    int end = offset + counts.length - 1;
    if (counts.length > 0 && from >= start && to <= end) {
      return;
    }
    int newStart =
        counts.length == 0
            ? Math.max(LogarithmicMapping.MIN_INDEX, from - SLACK)
            : Math.max(LogarithmicMapping.MIN_INDEX, Math.min(start, from - SLACK));
    int newEnd =
        counts.length == 0
            ? Math.min(LogarithmicMapping.MAX_INDEX, to + SLACK)
            : Math.min(LogarithmicMapping.MAX_INDEX, Math.max(end, to + SLACK));
    long[] grown = new long[newEnd - newStart + 1];
    if (counts.length > 0) {
      System.arraycopy(counts, 0, grown, start - newStart, counts.length);
    }
    counts = grown;
    offset = newStart;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Buckets that) || total != that.total) {
      return false;
    }
    if (total == 0) {
      return true;
    }
    if (lowest != that.lowest || highest != that.highest) {
      return false;
    }
    for (int index = lowest; index <= highest; index++) {
      if (count(index) != that.count(index)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    if (total == 0) {
      return 0;
    }
    return Arrays.hashCode(Arrays.copyOfRange(counts, lowest - offset, highest - offset + 1)) * 31
        + lowest;
  }
}
