package io.naap.oracle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a service's tick ({@link OracleService#tick()}, {@code PayoutService#tick()}) on one thread,
 * a fixed delay after each tick ends; a failed tick (the node or the database away) is reported and
 * the next one tries again.
 */
public final class OracleLoop implements AutoCloseable {
  private final Runnable tick;
  private final Duration period;
  private final Consumer<RuntimeException> onFailure;
  private final ScheduledExecutorService executor;

  public OracleLoop(OracleService service, Duration period, Consumer<RuntimeException> onFailure) {
    this("naap-oracle", Objects.requireNonNull(service, "service")::tick, period, onFailure);
  }

  /**
   * @param name the thread's name
   * @param tick one pass of the service
   */
  public OracleLoop(
      String name, Runnable tick, Duration period, Consumer<RuntimeException> onFailure) {
    Objects.requireNonNull(name, "name");
    this.tick = Objects.requireNonNull(tick, "tick");
    this.period = Objects.requireNonNull(period, "period");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the loop's period must be > 0: " + period);
    }
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      tick.run();
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
