package io.naap.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A UTC clock that stands still until the test moves it: the stub clock of time-driven tests. */
public final class SteppedClock extends Clock {
  private volatile Instant now;

  public SteppedClock(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
  }

  /** Moves the clock to {@code instant} (backwards too). */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
