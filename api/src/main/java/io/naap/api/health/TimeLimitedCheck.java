package io.naap.api.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a readiness check on its own virtual thread and answers DOWN when it throws, returns nothing
 * or ERROR, or does not finish within the timeout, so a stuck dependency cannot hang the health
 * endpoint.
 *
 * <p>Probes that arrive while an earlier run is still going wait for that run instead of starting
 * another, so a check that hangs forever holds one thread, not one per probe.
 */
final class TimeLimitedCheck implements HealthCheck {
  private static final System.Logger LOGGER = System.getLogger(TimeLimitedCheck.class.getName());

  private final HealthCheck check;
  private final Duration timeout;
  private final AtomicReference<FutureTask<HealthCheckResponse>> latestRun =
      new AtomicReference<>();

  TimeLimitedCheck(HealthCheck check, Duration timeout) {
    this.check = check;
    this.timeout = timeout;
  }

  @Override
  public HealthCheckType type() {
    return HealthCheckType.READINESS;
  }

  @Override
  public String name() {
    return check.name();
  }

  @Override
  public String path() {
    return check.path();
  }

  @Override
  public HealthCheckResponse call() {
    try {
      HealthCheckResponse response = currentRun().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (response == null) {
        return down("the check returned no response");
      }
      return response.status() == HealthCheckResponse.Status.ERROR ? asDown(response) : response;
    } catch (TimeoutException e) {
      LOGGER.log(
          Level.WARNING, () -> "Health check '" + name() + "' did not answer within " + timeout);
      return down("no answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      LOGGER.log(Level.WARNING, "Health check '" + name() + "' failed", e.getCause());
      return down("the check failed with " + e.getCause().getClass().getName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down("interrupted while waiting for the check");
    }
  }

  private FutureTask<HealthCheckResponse> currentRun() {
    while (true) {
      FutureTask<HealthCheckResponse> latest = latestRun.get();
      if (latest != null && !latest.isDone()) {
        return latest;
      }
      FutureTask<HealthCheckResponse> next = new FutureTask<>(check::call);
      if (latestRun.compareAndSet(latest, next)) {
        Thread.ofVirtual().name("health-check-" + name()).start(next);
        return next;
      }
    }
  }

  /**
   * Helidon answers 500 for ERROR; for the API a failing dependency is DOWN (503), like any other.
   */
  private static HealthCheckResponse asDown(HealthCheckResponse response) {
    HealthCheckResponse.Builder down =
        HealthCheckResponse.builder().status(HealthCheckResponse.Status.DOWN);
    response.details().forEach(down::detail);
    return down.build();
  }

  private static HealthCheckResponse down(String reason) {
    return HealthCheckResponse.builder()
        .status(HealthCheckResponse.Status.DOWN)
        .detail("error", reason)
        .build();
  }
}
