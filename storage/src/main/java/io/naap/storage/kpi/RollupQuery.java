package io.naap.storage.kpi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which rollup rows to read: one bucket size, buckets starting in {@code [from, to)}, and optional
 * filters on the dimensions (an empty set or empty optional means any value).
 *
 * @param orchestrators the orchestrator keys to include (an on-chain address and the local
 *     addresses it is known by, for example); empty means every orchestrator
 */
public record RollupQuery(
    String bucket,
    Instant from,
    Instant to,
    Set<String> orchestrators,
    Optional<String> workload,
    Optional<String> gpu,
    Optional<String> region,
    Optional<String> gatewayRegion,
    Optional<String> traffic) {
  public RollupQuery {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    orchestrators = Set.copyOf(orchestrators);
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(gatewayRegion, "gatewayRegion");
    Objects.requireNonNull(traffic, "traffic");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to: " + from + " >= " + to);
    }
  }
}
