package io.naap.storage.kpi;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest capabilities entry of one orchestrator.
 *
 * @param address on-chain address
 * @param localAddress the local (hot) signing address stream events may name instead
 * @param entry the entry as the telemetry module encodes it, a JSON object
 */
public record DirectoryRow(
    EthereumAddress address,
    Optional<EthereumAddress> localAddress,
    Optional<String> uri,
    String entry,
    Instant seenAt) {
  public DirectoryRow {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(seenAt, "seenAt");
  }
}
