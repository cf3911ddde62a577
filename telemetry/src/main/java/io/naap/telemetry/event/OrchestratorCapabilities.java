package io.naap.telemetry.event;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One orchestrator of a {@code network_capabilities} event: identity, what it offers, at what
 * price, on which GPUs.
 *
 * @param address the on-chain address (scores and payouts are keyed by it)
 * @param localAddress the local (hot) signing address that stream events may name instead
 * @param uri {@code orch_uri}, the service URL
 * @param version {@code capabilities.version}, the node's software version
 * @param capacities {@code capabilities.capacities}: capability id to capacity, sorted by id
 * @param models per-model offers from {@code capabilities.constraints.PerCapability}, sorted by
 *     capability then model
 * @param prices {@code capabilities_prices} in the order received (empty when {@code null})
 * @param hardware {@code hardware} in the order received (empty when {@code null})
 */
public record OrchestratorCapabilities(
    Optional<EthAddress> address,
    Optional<EthAddress> localAddress,
    Optional<String> uri,
    Optional<String> version,
    Map<Integer, Integer> capacities,
    List<ModelCapability> models,
    List<CapabilityPrice> prices,
    List<Hardware> hardware) {

  public OrchestratorCapabilities {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(version, "version");
    capacities = Collections.unmodifiableMap(new TreeMap<>(capacities));
    models = List.copyOf(models);
    prices = List.copyOf(prices);
    hardware = List.copyOf(hardware);
  }
}
