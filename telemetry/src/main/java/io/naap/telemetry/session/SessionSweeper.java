package io.naap.telemetry.session;

import io.naap.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@link SessionEngine#sweep} on a schedule so that idle sessions close and closed ones become
 * final even when no event arrives. One daemon thread; {@link #close()} stops it.
 */
public final class SessionSweeper implements AutoCloseable {
  private static final int SESSIONS_PER_SWEEP = 1_000;

  private final Database database;
  private final SessionEngine engine;
  private final Clock clock;
  private final Duration period;
  private final Consumer<RuntimeException> onFailure;
  private ScheduledExecutorService executor;

  public SessionSweeper(
      Database database,
      SessionEngine engine,
      Clock clock,
      Duration period,
      Consumer<RuntimeException> onFailure) {
    this.database = Objects.requireNonNull(database, "database");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.period = Objects.requireNonNull(period, "period");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /** Starts sweeping every period. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable ->
                Thread.ofPlatform().daemon().name("naap-session-sweep").unstarted(runnable));
    executor.scheduleWithFixedDelay(
        this::sweepSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One sweep now, until nothing is due; returns the sessions changed. */
  public int sweep() {
    int total = 0;
    int changed;
    do {
      changed = database.inTransaction(tx -> engine.sweep(tx, clock.instant(), SESSIONS_PER_SWEEP));
      total += changed;
    } while (changed == SESSIONS_PER_SWEEP);
    return total;
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }
}
