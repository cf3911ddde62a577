package io.naap.api.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.observe.health.HealthObserver;
import java.time.Duration;
import java.util.List;

/**
 * The health endpoint: Helidon's health observer with details, fed with the readiness checks the
 * composition root supplies, each limited in time.
 */
public final class HealthEndpoint {
  private HealthEndpoint() {}

  /**
   * An observer answering at {@code endpoint} (and its {@code /ready} and {@code /live} children)
   * with a JSON report: 200 when every check is UP, 503 when one is DOWN. A check that throws,
   * returns nothing or takes longer than {@code timeout} counts as DOWN.
   */
  public static HealthObserver observer(
      String endpoint, List<HealthCheck> readinessChecks, Duration timeout) {
    var builder =
        HealthObserver.builder().endpoint(endpoint).details(true).useSystemServices(false);
    readinessChecks.forEach(
        check -> builder.addCheck(new TimeLimitedCheck(check, timeout), HealthCheckType.READINESS));
    return builder.build();
  }
}
