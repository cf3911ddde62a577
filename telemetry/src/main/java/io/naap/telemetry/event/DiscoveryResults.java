package io.naap.telemetry.event;

import java.util.List;
import java.util.Objects;

/**
 * A {@code discovery_results} event: the orchestrators a gateway discovered, in its preference
 * order, with the discovery latency of each.
 */
public record DiscoveryResults(EventHeader header, List<DiscoveredOrchestrator> orchestrators)
    implements GatewayEvent {

  public DiscoveryResults {
    Objects.requireNonNull(header, "header");
    orchestrators = List.copyOf(orchestrators);
  }
}
