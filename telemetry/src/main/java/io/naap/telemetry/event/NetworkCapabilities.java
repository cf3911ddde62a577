package io.naap.telemetry.event;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@code network_capabilities} event: the gateway's view of the orchestrators on the network
 * (supply: identities, capabilities, capacity, prices, GPUs).
 */
public record NetworkCapabilities(EventHeader header, List<OrchestratorCapabilities> orchestrators)
    implements GatewayEvent {

  private static final Comparator<EthAddress> BY_VALUE = Comparator.comparing(EthAddress::value);

  public NetworkCapabilities {
    Objects.requireNonNull(header, "header");
    orchestrators = List.copyOf(orchestrators);
  }

  /**
   * The on-chain addresses each local (hot) signing address stands for, from the entries that name
   * both. One operator can run several orchestrators with one local address (five local addresses
   * of the real answer kept in the tests do), so a local address alone does not always identify an
   * orchestrator: see {@link #onChainAddress(OrchestratorInfo)}. Sorted by local address, then
   * on-chain address.
   */
  public Map<EthAddress, Set<EthAddress>> onChainByLocalAddress() {
    Map<EthAddress, Set<EthAddress>> mapping = new TreeMap<>(BY_VALUE);
    for (OrchestratorCapabilities orchestrator : orchestrators) {
      if (orchestrator.localAddress().isPresent() && orchestrator.address().isPresent()) {
        mapping
            .computeIfAbsent(orchestrator.localAddress().get(), local -> new TreeSet<>(BY_VALUE))
            .add(orchestrator.address().get());
      }
    }
    mapping.replaceAll((local, onChain) -> Collections.unmodifiableSet(onChain));
    return Collections.unmodifiableMap(mapping);
  }

  /**
   * The on-chain address of the orchestrator a stream event names: the entry whose local address
   * and service URL both match, else the only on-chain address the local address stands for. Empty
   * when the address is unknown, not in this event, or ambiguous without a matching URL.
   */
  public Optional<EthAddress> onChainAddress(OrchestratorInfo named) {
    if (named.address().isEmpty()) {
      return Optional.empty();
    }
    EthAddress local = named.address().get();
    Set<EthAddress> candidates = new TreeSet<>(BY_VALUE);
    for (OrchestratorCapabilities orchestrator : orchestrators) {
      if (orchestrator.address().isEmpty()
          || !orchestrator.localAddress().equals(named.address())) {
        continue;
      }
      if (named.url().isPresent() && orchestrator.uri().equals(named.url())) {
        return orchestrator.address();
      }
      candidates.add(orchestrator.address().get());
    }
    return candidates.size() == 1 ? Optional.of(candidates.iterator().next()) : Optional.empty();
  }
}
