package io.naap.telemetry.session;

import io.naap.telemetry.event.CapabilityPrice;
import io.naap.telemetry.event.GpuInfo;
import io.naap.telemetry.event.Hardware;
import io.naap.telemetry.event.ModelCapability;
import io.naap.telemetry.event.OrchestratorCapabilities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What naap keeps of an orchestrator's latest {@code network_capabilities} entry (stored as JSON in
 * the directory): offers, capacities, prices and GPUs.
 *
 * @param capacities capability id to capacity
 */
public record DirectoryEntry(
    String uri,
    String localAddress,
    String version,
    Map<Integer, Integer> capacities,
    List<Offer> models,
    List<Price> prices,
    List<Gpu> gpus) {
  /** A model offered: per-capability constraint. */
  public record Offer(int capability, String model, Boolean warm, Integer capacity) {}

  /** A price, in wei per pixel (a decimal text). */
  public record Price(Integer capability, String constraint, String weiPerPixel) {}

  /** A GPU serving a pipeline and model. */
  public record Gpu(String pipeline, String model, String id, String name, Long memoryTotal) {}

  public DirectoryEntry {
    capacities = capacities == null ? Map.of() : Map.copyOf(capacities);
    models = models == null ? List.of() : List.copyOf(models);
    prices = prices == null ? List.of() : List.copyOf(prices);
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
  }

  static DirectoryEntry of(OrchestratorCapabilities orchestrator) {
    List<Offer> offers = new ArrayList<>();
    for (ModelCapability model : orchestrator.models()) {
      offers.add(
          new Offer(
              model.capability(),
              model.modelId(),
              model.warm().orElse(null),
              model.capacity().isPresent() ? model.capacity().getAsInt() : null));
    }
    List<Price> prices = new ArrayList<>();
    for (CapabilityPrice price : orchestrator.prices()) {
      prices.add(
          new Price(
              price.capability().isPresent() ? price.capability().getAsInt() : null,
              price.constraint().orElse(null),
              price.weiPerPixel().map(BigDecimal::toPlainString).orElse(null)));
    }
    List<Gpu> gpus = new ArrayList<>();
    for (Hardware hardware : orchestrator.hardware()) {
      for (GpuInfo gpu : hardware.gpus()) {
        gpus.add(
            new Gpu(
                hardware.pipeline().orElse(null),
                hardware.modelId().orElse(null),
                gpu.id().orElse(null),
                gpu.name().orElse(null),
                gpu.memoryTotal().isPresent() ? gpu.memoryTotal().getAsLong() : null));
      }
    }
    return new DirectoryEntry(
        orchestrator.uri().orElse(null),
        orchestrator.localAddress().map(a -> a.value()).orElse(null),
        orchestrator.version().orElse(null),
        orchestrator.capacities(),
        offers,
        prices,
        gpus);
  }
}
