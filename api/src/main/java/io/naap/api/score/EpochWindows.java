package io.naap.api.score;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The oracle's epoch schedule as one stored snapshot reveals it: epochs follow each other without
 * gap, all of one length, so epoch {@code n} covers {@code [startsAt + (n - epoch) x length,
 * startsAt + (n - epoch + 1) x length)} (the schedule is fixed by the oracle's first run against a
 * contract).
 *
 * @param epoch a known epoch
 * @param startsAt its start
 * @param length the length of every epoch, > 0
 */
record EpochWindows(long epoch, Instant startsAt, Duration length) {
  EpochWindows {
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("an epoch lasts more than nothing: " + length);
    }
  }

  /** The first epoch that ends after {@code from} (it may start before), at least 1. */
  long firstEndingAfter(Instant from) {
    return Math.max(1, epoch + floorDiv(Duration.between(startsAt, from)));
  }

  /** The last epoch that starts before {@code to}; 0 when none does. */
  long lastStartingBefore(Instant to) {
    Duration since = Duration.between(startsAt, to);
    long whole = floorDiv(since);
    boolean exact = length.multipliedBy(whole).equals(since);
    return Math.max(0, epoch + (exact ? whole - 1 : whole));
  }

  /** {@code floor(duration / length)}. */
  private long floorDiv(Duration duration) {
    long quotient = duration.dividedBy(length); // truncated toward zero
    if (duration.isNegative() && !length.multipliedBy(quotient).equals(duration)) {
      quotient--;
    }
    return quotient;
  }
}
