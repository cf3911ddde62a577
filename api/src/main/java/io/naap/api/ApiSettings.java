package io.naap.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP API server.
 *
 * @param host address to bind, {@value #DEFAULT_HOST} by default (loopback only)
 * @param port port to bind; 0 picks a free port (see {@link ApiServer#start()})
 * @param healthCheckTimeout how long one readiness check may take before it counts as DOWN
 */
public record ApiSettings(String host, int port, Duration healthCheckTimeout) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(2);

  public ApiSettings {
    Objects.requireNonNull(host, "api.host");
    Objects.requireNonNull(healthCheckTimeout, "api.health-check-timeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException(
          "api.host must name an address to bind, such as " + DEFAULT_HOST);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "api.port must be between 0 and 65535 (0 picks a free port), was " + port);
    }
    if (healthCheckTimeout.isNegative() || healthCheckTimeout.isZero()) {
      throw new IllegalArgumentException(
          "api.health-check-timeout must be positive, such as 2s, was " + healthCheckTimeout);
    }
  }

  /** Loopback on {@code port}, with the default health check timeout. */
  public static ApiSettings onLoopback(int port) {
    return new ApiSettings(DEFAULT_HOST, port, DEFAULT_HEALTH_CHECK_TIMEOUT);
  }
}
