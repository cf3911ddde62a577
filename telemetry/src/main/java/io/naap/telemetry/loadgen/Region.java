package io.naap.telemetry.loadgen;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a synthetic orchestrator or a load generator gateway runs. An orchestrator's region is
 * hidden ground truth: no event names it, naap has to re-derive it from discovery latencies (low,
 * under 40 ms, from a gateway in the same region; at least 65 ms from any other).
 */
public enum Region {
  EU_CENTRAL("eu-central"),
  US_EAST("us-east"),
  US_WEST("us-west"),
  AP_SOUTHEAST("ap-southeast");

  /**
   * The prefix of every load generator gateway's name ({@code loadgen-<region>:8935}): events whose
   * envelope {@code gateway} starts with it are test traffic.
   */
  public static final String GATEWAY_PREFIX = "loadgen-";

  /** The port in every load generator gateway's name, the go-livepeer default. */
  public static final int GATEWAY_PORT = 8935;

  /**
   * Base round-trip times in milliseconds between regions, in declaration order. Within a region
   * the base is 12 ms; an orchestrator adds a fixed 0-15 ms of its own and each measurement up to 8
   * ms of noise, so same-region latencies stay below 40 ms.
   */
  private static final int[][] ROUND_TRIP_MILLIS = {
    {12, 90, 150, 165},
    {90, 12, 65, 215},
    {150, 65, 12, 170},
    {165, 215, 170, 12},
  };

  private final String code;

  Region(String code) {
    this.code = code;
  }

  /** The region's name, e.g. {@code eu-central}. */
  public String code() {
    return code;
  }

  /** The name of the load generator's gateway in this region: {@code loadgen-<region>:8935}. */
  public String gateway() {
    return GATEWAY_PREFIX + code + ":" + GATEWAY_PORT;
  }

  /** The base round-trip time from a gateway in this region to an orchestrator in {@code other}. */
  public int baseRoundTripMillis(Region other) {
    return ROUND_TRIP_MILLIS[ordinal()][other.ordinal()];
  }

  /** Whether an envelope's {@code gateway} names a load generator gateway (test traffic). */
  public static boolean isTestGateway(String gateway) {
    return gateway != null && gateway.startsWith(GATEWAY_PREFIX);
  }

  public static Optional<Region> fromCode(String code) {
    for (Region region : values()) {
      if (region.code.equals(code.toLowerCase(Locale.ROOT))) {
        return Optional.of(region);
      }
    }
    return Optional.empty();
  }
}
