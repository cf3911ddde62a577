package io.naap.indexer.rpc;

import java.time.Duration;

/**
 * Waits between retries. A parameter rather than a {@code Thread.sleep} call so that tests of the
 * backoff run instantly and see every pause.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
