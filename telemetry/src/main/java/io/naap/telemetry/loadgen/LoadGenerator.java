package io.naap.telemetry.loadgen;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LoadScheduler} in real time: every tick (1 s by default) it advances the scheduler
 * to the clock's instant and hands the events to an {@link EventSink}, on one daemon thread of its
 * own. A delivery that fails stops it: {@link #stopped()} completes exceptionally with a {@link
 * LoadGenerationException}.
 */
public final class LoadGenerator implements AutoCloseable {
  /** The default interval between ticks. */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where the generator is.
   *
   * @param ticks ticks run
   * @param events events generated and delivered
   * @param accepted events the sink stored as new
   * @param duplicate events the sink already had
   * @param quarantined events the sink rejected
   * @param activeStreams test streams open now
   * @param streamsStarted test streams requested since the start
   */
  public record Progress(
      long ticks,
      long events,
      long accepted,
      long duplicate,
      long quarantined,
      int activeStreams,
      long streamsStarted) {}

  private final LoadScheduler scheduler;
  private final EventSink sink;
  private final Clock clock;
  private final Duration tick;
  private final CompletableFuture<Progress> stopped = new CompletableFuture<>();
  private volatile Progress progress = new Progress(0, 0, 0, 0, 0, 0, 0);
  private ScheduledExecutorService executor;

  public LoadGenerator(LoadScheduler scheduler, EventSink sink, Clock clock, Duration tick) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tick = Objects.requireNonNull(tick, "tick");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("the tick must be > 0, got " + tick);
    }
  }

  /** Starts ticking on a thread of its own; the first tick runs at once. */
  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("the load generator has started already");
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("naap-loadgen").daemon().factory());
    executor.scheduleWithFixedDelay(this::tickOrStop, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The counts so far; safe to call from any thread. */
  public Progress progress() {
    return progress;
  }

  /** Completes when the generator stops: normally on {@link #close()}, exceptionally on failure. */
  public CompletableFuture<Progress> stopped() {
    return stopped;
  }

  public LoadScheduler scheduler() {
    return scheduler;
  }

  /** Stops ticking and waits for a running tick to finish. Idempotent. */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      running = executor;
    }
    if (running != null) {
      running.shutdown();
      try {
        if (!running.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          running.shutdownNow();
        }
      } catch (InterruptedException e) {
        running.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    stopped.complete(progress);
  }

  private void tickOrStop() {
    try {
      tick();
    } catch (RuntimeException e) {
      stopped.completeExceptionally(e);
      executor.shutdown();
    }
  }

  /**
   * One step: advance the scheduler to now and deliver what happened.
   *
   * @throws LoadGenerationException when the sink fails
   */
  void tick() {
    List<String> events = scheduler.advance(clock.instant());
    Delivery delivery = new Delivery(0, 0, 0);
    if (!events.isEmpty()) {
      try {
        delivery = sink.deliver(events);
      } catch (RuntimeException e) {
        throw new LoadGenerationException(
            "the load generator could not deliver "
                + events.size()
                + " events: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
            e);
      }
    }
    Progress before = progress;
    progress =
        new Progress(
            before.ticks() + 1,
            before.events() + events.size(),
            before.accepted() + delivery.accepted(),
            before.duplicate() + delivery.duplicate(),
            before.quarantined() + delivery.quarantined(),
            scheduler.activeStreams(),
            scheduler.streamsStarted());
  }
}
