package io.naap.telemetry.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  @Override
  public Optional<String> subtype() {
    return Optional.empty();
  }

  @Override
  public Optional<String> streamId() {
    return Optional.empty();
  }

  @Override
  public Optional<String> requestId() {
    return Optional.empty();
  }

  /** Empty: the event names many orchestrators, see {@link #orchestrators()}. */
  @Override
  public Optional<EthAddress> orchestrator() {
    return Optional.empty();
  }
}
