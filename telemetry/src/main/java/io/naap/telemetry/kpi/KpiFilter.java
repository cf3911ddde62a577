package io.naap.telemetry.kpi;

import io.naap.storage.EthereumAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Which streams' KPIs to merge: any dimension left empty matches every value ({@code unknown}
 * included); a dimension given matches exactly, and {@code unknown} is a value that can be asked
 * for.
 *
 * @param traffic {@code real} or {@code test}; empty for both
 */
public record KpiFilter(
    Optional<EthereumAddress> orchestrator,
    Optional<String> workload,
    Optional<String> gpu,
    Optional<String> region,
    Optional<String> gatewayRegion,
    Optional<String> traffic) {
  public static final KpiFilter ALL =
      new KpiFilter(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  public KpiFilter {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(gatewayRegion, "gatewayRegion");
    Objects.requireNonNull(traffic, "traffic");
  }

  public KpiFilter withOrchestrator(EthereumAddress address) {
    return new KpiFilter(Optional.of(address), workload, gpu, region, gatewayRegion, traffic);
  }
}
