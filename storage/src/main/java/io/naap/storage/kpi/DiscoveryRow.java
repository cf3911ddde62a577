package io.naap.storage.kpi;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest discovery latency a gateway measured to an orchestrator.
 *
 * @param gateway the gateway as the envelope names it ({@code host:port}); empty text when the
 *     producer left it empty
 * @param address the orchestrator as the gateway names it (often its local address)
 */
public record DiscoveryRow(
    String gateway,
    EthereumAddress address,
    Optional<String> url,
    int latencyMs,
    Instant observedAt) {
  public DiscoveryRow {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(observedAt, "observedAt");
    if (latencyMs < 0) {
      throw new IllegalArgumentException("latency must be >= 0 ms: " + latencyMs);
    }
  }
}
