package io.naap.telemetry.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** The rollup bucket sizes. */
public enum Bucket {
  MINUTE(ChronoUnit.MINUTES),
  HOUR(ChronoUnit.HOURS),
  DAY(ChronoUnit.DAYS);

  private final ChronoUnit unit;

  Bucket(ChronoUnit unit) {
    this.unit = unit;
  }

  /** The name stored and used in the API: {@code minute}, {@code hour}, {@code day}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Duration length() {
    return unit.getDuration();
  }

  /** The start of the bucket holding {@code at}. */
  public Instant start(Instant at) {
    return at.truncatedTo(unit);
  }

  public static Optional<Bucket> fromWireName(String text) {
    for (Bucket bucket : values()) {
      if (bucket.wireName().equals(text)) {
        return Optional.of(bucket);
      }
    }
    return Optional.empty();
  }
}
