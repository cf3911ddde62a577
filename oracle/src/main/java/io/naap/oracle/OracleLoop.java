package io.naap.oracle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@link OracleService#tick()} on one thread, a fixed delay after each tick ends; a failed
 * tick (the node or the database away) is reported and the next one tries again.
 */
public final class OracleLoop implements AutoCloseable {
  private final OracleService service;
  private final Duration period;
  private final Consumer<RuntimeException> onFailure;
  private final ScheduledExecutorService executor;

  public OracleLoop(OracleService service, Duration period, Consumer<RuntimeException> onFailure) {
    this.service = Objects.requireNonNull(service, "service");
    this.period = Objects.requireNonNull(period, "period");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the oracle period must be > 0: " + period);
    }
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "naap-oracle");
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      service.tick();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  /** Stops after the tick under way, waiting for it up to 30 s. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
