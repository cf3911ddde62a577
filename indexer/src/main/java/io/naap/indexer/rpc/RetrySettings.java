package io.naap.indexer.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed requests are retried: exponential backoff with full jitter between {@code baseDelay}
 * and {@code maxDelay}, at most {@code maxAttempts} attempts of one request, and a retry budget
 * shared by all requests (a token bucket of {@code budgetCapacity} tokens; a retry takes one, a
 * successful request gives back {@code budgetPerSuccess}), so that a provider outage cannot turn
 * into a retry storm.
 *
 * @param baseDelay the backoff cap after the first failure; it doubles with each failure
 * @param maxDelay the longest pause between two attempts
 * @param maxAttempts attempts of one request before it fails (1 = no retry)
 * @param budgetCapacity retries available in a burst
 * @param budgetPerSuccess tokens a successful request earns: in the long run at most this fraction
 *     of successful requests is retried
 */
public record RetrySettings(
    Duration baseDelay,
    Duration maxDelay,
    int maxAttempts,
    int budgetCapacity,
    double budgetPerSuccess) {
  public RetrySettings {
    Objects.requireNonNull(baseDelay, "retry baseDelay");
    Objects.requireNonNull(maxDelay, "retry maxDelay");
    if (baseDelay.isNegative() || baseDelay.isZero()) {
      throw new IllegalArgumentException("retry baseDelay must be > 0: " + baseDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "retry maxDelay (" + maxDelay + ") must be >= baseDelay (" + baseDelay + ")");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("retry maxAttempts must be >= 1: " + maxAttempts);
    }
    if (budgetCapacity < 0) {
      throw new IllegalArgumentException("retry budgetCapacity must be >= 0: " + budgetCapacity);
    }
    if (!(budgetPerSuccess >= 0 && budgetPerSuccess <= 1)) {
      throw new IllegalArgumentException(
          "retry budgetPerSuccess must be 0..1: " + budgetPerSuccess);
    }
  }

  /** 200 ms doubling up to 30 s, 8 attempts, a budget of 100 retries refilled at 0.2 a success. */
  public static RetrySettings defaults() {
    return new RetrySettings(Duration.ofMillis(200), Duration.ofSeconds(30), 8, 100, 0.2);
  }
}
