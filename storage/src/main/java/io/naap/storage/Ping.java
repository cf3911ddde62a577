package io.naap.storage;

import java.time.Duration;
import java.util.Objects;

/** The answer of {@link Database#ping(Duration)}: for readiness checks such as {@code /health}. */
public sealed interface Ping {

  default boolean isReachable() {
    return this instanceof Reachable;
  }

  /** The database answered a validation query within the timeout. */
  record Reachable(Duration roundTrip) implements Ping {
    public Reachable {
      Objects.requireNonNull(roundTrip, "roundTrip");
    }
  }

  /**
   * The database did not answer in time, or refused.
   *
   * @param reason why, for operators: the driver's message or the timeout; never a secret
   */
  record Unreachable(String reason) implements Ping {
    public Unreachable {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
