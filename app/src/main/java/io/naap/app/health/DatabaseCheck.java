package io.naap.app.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.naap.storage.Database;
import io.naap.storage.Ping;
import java.time.Duration;

/** Readiness: the database answers a query within the timeout. */
public final class DatabaseCheck implements HealthCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final Database database;

  public DatabaseCheck(Database database) {
    this.database = database;
  }

  @Override
  public HealthCheckType type() {
    return HealthCheckType.READINESS;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public HealthCheckResponse call() {
    return switch (database.ping(TIMEOUT)) {
      case Ping.Reachable reachable ->
          HealthCheckResponse.builder()
              .status(true)
              .detail("roundTripMillis", reachable.roundTrip().toMillis())
              .build();
      case Ping.Unreachable unreachable ->
          HealthCheckResponse.builder().status(false).detail("error", unreachable.reason()).build();
    };
  }
}
