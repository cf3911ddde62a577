package io.naap.api.kpi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.QuantileSketch;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The JSON form of KPI figures: one shape for every endpoint; unknown figures are null. {@link
 * #demand} is public: the protocol rounds answer their demand in the same shape.
 */
public final class KpiJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KpiJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Every KPI of an aggregate, against the workload's target when there is one. */
  static ObjectNode kpis(KpiAggregate kpis, Optional<WorkloadTarget> target) {
    ObjectNode node = object();
    node.put("streams", kpis.sessions());
    node.put("segments", kpis.segments());
    ObjectNode fps = distribution(kpis.outputFps());
    target.ifPresentOrElse(t -> fps.put("target", t.targetFps()), () -> fps.putNull("target"));
    OptionalDouble mean = kpis.outputFps().mean();
    if (target.isPresent() && mean.isPresent()) {
      fps.put("meanOverTarget", mean.getAsDouble() / target.get().targetFps());
    } else {
      fps.putNull("meanOverTarget");
    }
    node.set("outputFps", fps);
    put(node, "jitterCoefficient", kpis.jitterCoefficient());
    node.set("startupMs", distribution(kpis.startupMs()));
    node.set("coldStartupMs", distribution(kpis.coldStartupMs()));
    node.set("warmStartupMs", distribution(kpis.warmStartupMs()));
    node.set("endToEndMs", distribution(kpis.endToEndMs()));
    node.set("promptToFirstFrameMs", distribution(kpis.promptToFirstFrameMs()));
    ObjectNode bandwidth = node.putObject("bandwidth");
    put(bandwidth, "upKbps", kpis.bandwidthUpKbps());
    put(bandwidth, "downKbps", kpis.bandwidthDownKbps());
    bandwidth.put("bytesUp", kpis.bytesUp());
    bandwidth.put("bytesDown", kpis.bytesDown());
    put(node, "failureRate", kpis.failureRate());
    node.put("failures", kpis.failures());
    node.put("excusedFailures", kpis.excusedFailures());
    put(node, "swapRate", kpis.swapRate());
    node.put("swaps", kpis.swaps());
    node.put("restarts", kpis.restarts());
    ObjectNode cuda = node.putObject("cudaEfficiency");
    put(cuda, "value", kpis.cudaEfficiency());
    cuda.put("status", kpis.cudaEfficiency().isPresent() ? "measured" : "unknown");
    cuda.put("samples", kpis.gpuSamples());
    node.set("demand", demand(kpis));
    return node;
  }

  /** The demand figures of an aggregate. */
  public static ObjectNode demand(KpiAggregate kpis) {
    ObjectNode node = object();
    node.put("streams", kpis.sessions());
    node.put("inferenceMinutes", kpis.inferenceSeconds() / 60.0);
    node.put("payments", kpis.payments());
    node.put("tickets", kpis.tickets());
    node.put("expectedFeesWei", wei(kpis.expectedFeesWei()));
    kpis.meanPricePerPixel()
        .ifPresentOrElse(
            price -> node.put("meanPriceWeiPerPixel", wei(price)),
            () -> node.putNull("meanPriceWeiPerPixel"));
    return node;
  }

  static ObjectNode distribution(QuantileSketch sketch) {
    ObjectNode node = object();
    node.put("count", sketch.count());
    put(node, "mean", sketch.mean());
    put(node, "p50", sketch.quantile(0.50));
    put(node, "p95", sketch.quantile(0.95));
    put(node, "p99", sketch.quantile(0.99));
    put(node, "min", sketch.min());
    put(node, "max", sketch.max());
    return node;
  }

  static ObjectNode target(WorkloadTarget target) {
    ObjectNode node = object();
    node.put("model", target.model());
    node.put("pipeline", target.pipeline());
    node.put("targetFps", target.targetFps());
    node.put("maxStartupMs", target.maxStartupMs());
    node.put("maxEndToEndMs", target.maxEndToEndMs());
    node.put("maxJitterCoefficient", target.maxJitterCoefficient());
    node.put("maxFailureRate", target.maxFailureRate());
    node.put("maxSwapRate", target.maxSwapRate());
    node.put("minVramBytes", target.minVramBytes());
    return node;
  }

  static void put(ObjectNode node, String name, OptionalDouble value) {
    if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
      node.put(name, value.getAsDouble());
    } else {
      node.putNull(name);
    }
  }

  static void put(ObjectNode node, String name, OptionalLong value) {
    if (value.isPresent()) {
      node.put(name, value.getAsLong());
    } else {
      node.putNull(name);
    }
  }

  static void put(ObjectNode node, String name, Optional<?> value) {
    if (value.isPresent()) {
      node.put(name, value.get().toString());
    } else {
      node.putNull(name);
    }
  }

  /** Wei as a plain decimal text (exact; fees carry the win probability's decimals). */
  static String wei(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /** An orchestrator key as the API shows it: checksummed when it is an address. */
  static String address(String key) {
    if (key.startsWith("0x") && key.length() == 42) {
      try {
        return EthereumAddress.fromHex(key).toChecksumHex();
      } catch (IllegalArgumentException e) {
        return key;
      }
    }
    return key;
  }
}
