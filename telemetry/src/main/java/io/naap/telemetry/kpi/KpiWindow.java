package io.naap.telemetry.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The trailing windows of {@code GET /v1/orchestrators/{address}/kpis}: each reads whole buckets,
 * from the bucket holding {@code now - length} through the bucket holding {@code now}, so a window
 * covers at least its length and at most one bucket more.
 */
public enum KpiWindow {
  /** The last five minutes: "now". */
  NOW(Duration.ofMinutes(5), Bucket.MINUTE),
  ONE_HOUR(Duration.ofHours(1), Bucket.MINUTE),
  ONE_DAY(Duration.ofDays(1), Bucket.HOUR),
  SEVEN_DAYS(Duration.ofDays(7), Bucket.HOUR);

  private final Duration length;
  private final Bucket bucket;

  KpiWindow(Duration length, Bucket bucket) {
    this.length = length;
    this.bucket = bucket;
  }

  public Bucket bucket() {
    return bucket;
  }

  /** The first bucket start of the window ending at {@code now}. */
  public Instant from(Instant now) {
    return bucket.start(now.minus(length));
  }

  /** The end (exclusive) of the window's last bucket. */
  public Instant to(Instant now) {
    return bucket.start(now).plus(bucket.length());
  }

  /** {@code now}, {@code 1h}, {@code 24h}, {@code 7d}. */
  public String wireName() {
    return switch (this) {
      case NOW -> "now";
      case ONE_HOUR -> "1h";
      case ONE_DAY -> "24h";
      case SEVEN_DAYS -> "7d";
    };
  }

  public static Optional<KpiWindow> fromWireName(String text) {
    for (KpiWindow window : values()) {
      if (window.wireName().equals(text.toLowerCase(Locale.ROOT))) {
        return Optional.of(window);
      }
    }
    return Optional.empty();
  }
}
