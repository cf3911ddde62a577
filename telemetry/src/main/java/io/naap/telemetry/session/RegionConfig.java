package io.naap.telemetry.session;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where gateways and orchestrators are: configured regions, and the discovery latency below which
 * an orchestrator is taken to be in the region of the gateway that measured it.
 *
 * <p>An orchestrator's region is, in order: its configured region; else the region of the
 * configured gateway that measured the lowest discovery latency to it, if that latency is at most
 * {@link #discoveryLatencyMs}; else {@code unknown}. A gateway's region is its configured region
 * (by {@code host:port}, else by host), else {@code unknown}.
 *
 * @param gateways region by gateway {@code host:port} or host
 * @param orchestrators region by orchestrator address (lower-case hex, on-chain or local)
 * @param discoveryLatencyMs the highest latency that still places an orchestrator in the measuring
 *     gateway's region
 */
public record RegionConfig(
    Map<String, String> gateways, Map<String, String> orchestrators, int discoveryLatencyMs) {
  /**
   * The load generator's gateways, one per region (whose same-region discovery latencies stay below
   * 40 ms), and no other configured place.
   */
  public static final RegionConfig DEFAULT =
      new RegionConfig(
          java.util.Arrays.stream(io.naap.telemetry.loadgen.Region.values())
              .collect(
                  java.util.stream.Collectors.toMap(
                      io.naap.telemetry.loadgen.Region::gateway,
                      io.naap.telemetry.loadgen.Region::code)),
          Map.of(),
          40);

  public RegionConfig {
    gateways = Map.copyOf(new TreeMap<>(gateways));
    Map<String, String> lower = new TreeMap<>();
    orchestrators.forEach((address, region) -> lower.put(address.toLowerCase(), region));
    orchestrators = Map.copyOf(lower);
    if (discoveryLatencyMs < 0) {
      throw new IllegalArgumentException("discoveryLatencyMs must be >= 0: " + discoveryLatencyMs);
    }
    for (String region : gateways.values()) {
      Objects.requireNonNull(region, "region");
    }
  }

  /** The configured region of a gateway ({@code host:port}), by full name then by host. */
  public Optional<String> gatewayRegion(Optional<String> gateway) {
    if (gateway.isEmpty() || gateway.get().isEmpty()) {
      return Optional.empty();
    }
    String name = gateway.get();
    String region = gateways.get(name);
    if (region == null) {
      int colon = name.lastIndexOf(':');
      region = colon > 0 ? gateways.get(name.substring(0, colon)) : null;
    }
    return Optional.ofNullable(region);
  }
}
