package io.naap.telemetry.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a {@code discovery_results} event.
 *
 * @param address the address the gateway knows the orchestrator by
 * @param latency {@code latency_ms}: the discovery round trip
 */
public record DiscoveredOrchestrator(
    Optional<EthAddress> address, Optional<String> url, Optional<Duration> latency) {

  public DiscoveredOrchestrator {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(latency, "latency");
  }
}
