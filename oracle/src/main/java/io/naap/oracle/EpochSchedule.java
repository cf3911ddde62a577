package io.naap.oracle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When epochs begin and when each may be scored: epoch {@code n >= 1} covers {@code [genesis + (n -
 * 1) x length, genesis + n x length)} and is final, so its snapshot can be built, {@code
 * finalisationDelay} after it ends (late events land in its KPIs meanwhile). Epoch numbers follow
 * from time alone, so operators with the same schedule build the same epochs.
 *
 * @param genesis the start of epoch 1, on a whole minute (KPIs are rolled up by the minute)
 * @param length a whole number of minutes
 * @param finalisationDelay >= 0
 */
public record EpochSchedule(Instant genesis, Duration length, Duration finalisationDelay) {
  private static final long MINUTE_SECONDS = 60;

  public EpochSchedule {
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(finalisationDelay, "finalisationDelay");
    if (genesis.getNano() != 0 || genesis.getEpochSecond() % MINUTE_SECONDS != 0) {
      throw new IllegalArgumentException("the genesis must be on a whole minute: " + genesis);
    }
    if (length.isNegative()
        || length.isZero()
        || length.getNano() != 0
        || length.getSeconds() % MINUTE_SECONDS != 0) {
      throw new IllegalArgumentException(
          "an epoch lasts a whole number of minutes, at least one: " + length);
    }
    if (finalisationDelay.isNegative()) {
      throw new IllegalArgumentException("the finalisation delay is >= 0: " + finalisationDelay);
    }
  }

  /** The genesis for a schedule started at {@code now}: the start of the current minute. */
  public static Instant genesisAt(Instant now) {
    return Instant.ofEpochSecond(
        Math.floorDiv(now.getEpochSecond(), MINUTE_SECONDS) * MINUTE_SECONDS);
  }

  public Instant start(long epoch) {
    requireEpoch(epoch);
    return genesis.plus(length.multipliedBy(epoch - 1));
  }

  public Instant end(long epoch) {
    requireEpoch(epoch);
    return genesis.plus(length.multipliedBy(epoch));
  }

  /** When the epoch's snapshot may be built. */
  public Instant finalAt(long epoch) {
    return end(epoch).plus(finalisationDelay);
  }

  /** The last epoch final at {@code now}, 0 when none is. */
  public long lastFinal(Instant now) {
    Duration since = Duration.between(genesis, now.minus(finalisationDelay));
    if (since.isNegative()) {
      return 0;
    }
    return since.getSeconds() / length.getSeconds();
  }

  /** The epoch {@code at} falls in, 0 before the genesis. */
  public long epochAt(Instant at) {
    Duration since = Duration.between(genesis, at);
    if (since.isNegative()) {
      return 0;
    }
    return since.getSeconds() / length.getSeconds() + 1;
  }

  private static void requireEpoch(long epoch) {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs start at 1: " + epoch);
    }
  }
}
