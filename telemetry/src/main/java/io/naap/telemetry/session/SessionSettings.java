package io.naap.telemetry.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How sessions are reconstructed.
 *
 * @param inactivity an open session that receives no event for this long is closed
 * @param lateness how long a closed session still takes events (out-of-order, late deliveries)
 *     before it becomes final; events of a final session are stored but no longer applied
 * @param testGatewayPrefix gateways whose name starts with this are naap's load generator: their
 *     streams are test traffic
 * @param maxPendingObservations observations a session keeps while its workload is unknown; past it
 *     they are counted under workload {@code unknown}
 */
public record SessionSettings(
    Duration inactivity,
    Duration lateness,
    RegionConfig regions,
    String testGatewayPrefix,
    int maxPendingObservations) {
  public SessionSettings {
    Objects.requireNonNull(inactivity, "inactivity");
    Objects.requireNonNull(lateness, "lateness");
    Objects.requireNonNull(regions, "regions");
    Objects.requireNonNull(testGatewayPrefix, "testGatewayPrefix");
    if (inactivity.isNegative() || inactivity.isZero()) {
      throw new IllegalArgumentException("inactivity must be > 0: " + inactivity);
    }
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("lateness must be >= 0: " + lateness);
    }
    if (maxPendingObservations < 0) {
      throw new IllegalArgumentException(
          "maxPendingObservations must be >= 0: " + maxPendingObservations);
    }
  }

  /** Two minutes of inactivity, two minutes of lateness, the default regions. */
  public static SessionSettings defaults() {
    return new SessionSettings(
        Duration.ofMinutes(2),
        Duration.ofMinutes(2),
        RegionConfig.DEFAULT,
        io.naap.telemetry.loadgen.Region.GATEWAY_PREFIX,
        1_000);
  }
}
