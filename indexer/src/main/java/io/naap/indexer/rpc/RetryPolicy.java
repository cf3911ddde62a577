package io.naap.indexer.rpc;

import io.naap.indexer.chain.ChainSourceException;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides, after a failed attempt, whether another one is made and after how long: exponential
 * backoff with full jitter (a uniform pause between 0 and {@code min(maxDelay, baseDelay *
 * 2^(failures-1))}, so that clients that failed together do not retry together), at most {@link
 * RetrySettings#maxAttempts()} attempts of one request, and a token bucket shared by all requests
 * that a retry drains and a success refills, so that during an outage retries stop instead of
 * multiplying. A provider's {@code Retry-After} lengthens the pause (up to the maximum). When no
 * retry is left it throws a {@link ChainSourceException} naming the last error.
 *
 * <p>Randomness and sleeping come in as parameters so that tests are deterministic and instant.
 * Thread-safe.
 */
final class RetryPolicy {
  private final RetrySettings settings;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final RpcErrorCounts counts;
  private double tokens;

  RetryPolicy(
      RetrySettings settings, RandomGenerator random, Sleeper sleeper, RpcErrorCounts counts) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.counts = Objects.requireNonNull(counts, "counts");
    this.tokens = settings.budgetCapacity();
  }

  /** One attempt at a request. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws RpcException;
  }

  /**
   * Runs {@code attempt} until it succeeds or no retry is left.
   *
   * @param what the request, for the exception's message
   * @throws ChainSourceException naming the last error once no retry is left
   */
  <T> T call(String what, Attempt<T> attempt) {
    int failures = 0;
    while (true) {
      try {
        T result = attempt.run();
        succeeded();
        return result;
      } catch (RpcException e) {
        failures++;
        failed(what, failures, e);
      }
    }
  }

  /** A request succeeded: the retry budget earns {@link RetrySettings#budgetPerSuccess()}. */
  synchronized void succeeded() {
    tokens = Math.min(settings.budgetCapacity(), tokens + settings.budgetPerSuccess());
  }

  /**
   * Request {@code what} has failed {@code failures} times in a row, the last time with {@code
   * error}: returns after the backoff pause if it may be tried again.
   *
   * @throws ChainSourceException naming the error when it may not: the error is permanent, the
   *     request had all its attempts, or the shared retry budget is spent
   */
  void failed(String what, int failures, RpcException error) {
    if (!error.retryable()) {
      throw new ChainSourceException(what + " failed: " + error.getMessage(), error);
    }
    if (failures >= settings.maxAttempts()) {
      throw new ChainSourceException(
          what
              + " failed "
              + failures
              + (failures == 1 ? " time" : " times in a row")
              + ", the last time with "
              + error.getMessage(),
          error);
    }
    if (!takeToken()) {
      throw new ChainSourceException(
          what
              + " failed with "
              + error.getMessage()
              + "; not retried: the retry budget is spent (too many retries lately)",
          error);
    }
    counts.retried();
    Duration pause = backoff(failures);
    if (error.retryAfter().isPresent()) {
      Duration asked = min(error.retryAfter().get(), settings.maxDelay());
      pause = pause.compareTo(asked) < 0 ? asked : pause;
    }
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainSourceException("interrupted while waiting to retry " + what, e);
    }
  }

  /** The pause after the {@code failures}-th failure: uniform in [0, the capped exponential]. */
  Duration backoff(int failures) {
    long base = settings.baseDelay().toNanos();
    long max = settings.maxDelay().toNanos();
    int doublings = Math.min(failures - 1, 62);
    long cap = base > (max >> doublings) ? max : Math.min(max, base << doublings);
    long nanos;
    synchronized (random) {
      nanos = random.nextLong(cap + 1);
    }
    return Duration.ofNanos(nanos);
  }

  /** Retries the shared budget still allows now. */
  synchronized double budget() {
    return tokens;
  }

  private synchronized boolean takeToken() {
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
