package io.naap.incentives.gpu;

import io.naap.sla.workload.GpuClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an hour of each GPU class costs: the basis of the incentive rules' cost factor, which pays
 * an SLA-minute on expensive hardware more than one on cheap hardware. A GPU the table does not
 * list (or nobody reported) costs what its {@code unknown} entry says, and that entry is the
 * cheapest of the table, so that naming an unlisted or unverifiable GPU never earns more.
 * Immutable.
 */
public final class GpuCostTable {
  /** The shipped table, next to this class on the class path. */
  static final String DEFAULTS_RESOURCE = "gpu-costs.conf";

  private final Map<GpuClass, GpuCost> byGpu;
  private final List<GpuCost> entries;
  private final GpuCost unknown;

  private GpuCostTable(List<GpuCost> parsed) {
    Map<GpuClass, GpuCost> map = new HashMap<>();
    for (GpuCost entry : parsed) {
      map.put(entry.gpu(), entry);
    }
    List<GpuCost> sorted = new ArrayList<>(parsed);
    sorted.sort(Comparator.comparing(entry -> entry.gpu().name()));
    this.byGpu = Map.copyOf(map);
    this.entries = List.copyOf(sorted);
    this.unknown = Objects.requireNonNull(map.get(GpuClass.UNKNOWN), "unknown entry");
  }

  /**
   * The shipped table ({@code io/naap/incentives/gpu/gpu-costs.conf} on the class path): estimates
   * of a typical purchase price amortised over 3 years of 24/7 use and of NVIDIA's board power, for
   * the GPUs of the network and the common data-centre, workstation and consumer cards. Operators
   * replace it with their own through {@link #parse}.
   *
   * @throws IllegalStateException when the resource is missing from the class path
   * @throws GpuCostTableException when it is not valid (a build that ships it is broken)
   */
  public static GpuCostTable defaults() {
    String source = "classpath:io/naap/incentives/gpu/" + DEFAULTS_RESOURCE;
    try (InputStream in = GpuCostTable.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(source + " is missing: the incentives jar is incomplete");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /**
   * The table of a text (format: incentives/README.md and the shipped {@code gpu-costs.conf}).
   *
   * @param text the table
   * @param source where it came from (a file name), for the error messages
   * @throws GpuCostTableException {@code source:line: problem} for the first problem of the format
   *     (a bad section header or line, an unknown or repeated key, a GPU twice), else the first
   *     problem of an entry (a GPU name not in normal form, a missing key, a value that is not a
   *     number or out of range), else no {@code unknown} section or one that is not the cheapest
   */
  public static GpuCostTable parse(String text, String source) {
    return new GpuCostTable(GpuCostFormat.parse(text, source));
  }

  /** The cost of a GPU class; the {@code unknown} entry's for a class the table does not list. */
  public GpuCost of(GpuClass gpu) {
    return byGpu.getOrDefault(Objects.requireNonNull(gpu, "gpu"), unknown);
  }

  /**
   * The cost of an hour of the GPU class at an energy price: {@code hardwareUsdPerHour + powerWatts
   * / 1000 x energyUsdPerKwh}, computed exactly and rounded once to a double.
   *
   * @throws IllegalArgumentException when the energy price is negative
   */
  public double hourlyCostUsd(GpuClass gpu, BigDecimal energyUsdPerKwh) {
    return of(gpu).hourlyCostUsd(energyUsdPerKwh).doubleValue();
  }

  /** Every entry, {@code unknown} included, by GPU class name. */
  public List<GpuCost> entries() {
    return entries;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GpuCostTable table && byGpu.equals(table.byGpu);
  }

  @Override
  public int hashCode() {
    return byGpu.hashCode();
  }

  @Override
  public String toString() {
    return "GpuCostTable" + entries.stream().map(entry -> entry.gpu().name()).toList();
  }
}
