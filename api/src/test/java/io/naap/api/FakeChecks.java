package io.naap.api;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import java.util.concurrent.CountDownLatch;

/**
 * Readiness checks with a fixed outcome, standing in for the database and chain checks of the app.
 */
final class FakeChecks {
  private FakeChecks() {}

  static HealthCheck up(String name) {
    return named(name, () -> HealthCheckResponse.builder().status(true).build());
  }

  static HealthCheck down(String name, String reason) {
    return named(
        name, () -> HealthCheckResponse.builder().status(false).detail("reason", reason).build());
  }

  static HealthCheck failing(String name) {
    return named(
        name,
        () -> {
          throw new IllegalStateException("connection refused by secret-host:5432");
        });
  }

  /** Blocks until {@code release} opens, like a dependency that stopped answering. */
  static HealthCheck hanging(String name, CountDownLatch release) {
    return named(
        name,
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return HealthCheckResponse.builder().status(true).build();
        });
  }

  private static HealthCheck named(String name, HealthCheck check) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthCheckResponse call() {
        return check.call();
      }
    };
  }
}
