package io.naap.app.up;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything {@code naap up} has started, stopped in reverse order exactly once: by the shutdown
 * hook on SIGINT/SIGTERM (even in the middle of start-up: it waits for a server being started to
 * come up, then stops it too), or after a failed start.
 */
final class Teardown {
  private static final Duration WAIT_FOR_STARTING = Duration.ofSeconds(90);

  private record Step(String name, AutoCloseable resource) {}

  private final Deque<Step> steps = new ArrayDeque<>();
  private final Consumer<String> log;
  private int starting;
  private boolean done;

  Teardown(Consumer<String> log) {
    this.log = log;
  }

  /** Starts a resource and registers it for teardown; fails if the teardown has begun. */
  <T extends AutoCloseable> T start(String name, Supplier<T> starter) {
    synchronized (this) {
      if (done) {
        throw new UpException("naap up is stopping");
      }
      starting++;
    }
    T resource = null;
    try {
      resource = starter.get();
      return resource;
    } finally {
      boolean stopping;
      synchronized (this) {
        if (resource != null) {
          steps.push(new Step(name, resource));
        }
        starting--;
        stopping = done;
        notifyAll();
      }
      if (stopping && resource != null) {
        throw new UpException("naap up is stopping");
      }
    }
  }

  /** Stops everything registered, newest first; every step runs even if one fails. */
  void run() {
    Deque<Step> toStop;
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      long deadline = System.nanoTime() + WAIT_FOR_STARTING.toNanos();
      while (starting > 0 && System.nanoTime() < deadline) {
        try {
          wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      toStop = new ArrayDeque<>(steps);
      steps.clear();
    }
    for (Step step : toStop) {
      try {
        step.resource().close();
      } catch (Exception e) {
        log.accept("could not stop " + step.name() + ": " + e.getMessage());
      }
    }
  }
}
