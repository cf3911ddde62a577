package io.naap.sla.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The workloads naap knows targets for, by model id. */
public final class WorkloadCatalogue {
  /** The shipped targets, next to this class on the class path. */
  static final String DEFAULTS_RESOURCE = "workloads.conf";

  private final Map<String, WorkloadTarget> byModel;

  public WorkloadCatalogue(Collection<WorkloadTarget> targets) {
    Map<String, WorkloadTarget> map = new TreeMap<>();
    for (WorkloadTarget target : targets) {
      if (map.putIfAbsent(target.model(), target) != null) {
        throw new IllegalArgumentException("workload " + target.model() + " is listed twice");
      }
    }
    this.byModel = Map.copyOf(map);
  }

  /**
   * The shipped targets ({@code io/naap/sla/workload/workloads.conf} on the class path): the live
   * video workloads of the network today, with the targets operators quote (jitter <= 0.1, e2e <=
   * 3000 ms, failure rate < 1%) and per-model fps: a turbo model near 20 fps, the face-id variant
   * near 16 (the real capture runs at ~17), a heavy model near 8.
   *
   * @throws IllegalStateException when the resource is missing from the class path
   * @throws WorkloadConfigException when it is not valid (a build that ships it is broken)
   */
  public static WorkloadCatalogue defaults() {
    String source = "classpath:io/naap/sla/workload/" + DEFAULTS_RESOURCE;
    try (InputStream in = WorkloadCatalogue.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(source + " is missing: the sla jar is incomplete");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /**
   * The workloads of a config text (format: sla/README.md and the shipped {@code workloads.conf}).
   *
   * @param text the config
   * @param sourceName where it came from (a file name), for the error messages
   * @throws WorkloadConfigException {@code sourceName:line: problem} for the first problem of the
   *     format (a bad section header or line, an unknown or repeated key, a workload twice), else
   *     the first problem of a workload (a missing key, a value that is not a number or is out of
   *     the target's range), or no workload at all
   */
  public static WorkloadCatalogue parse(String text, String sourceName) {
    return new WorkloadCatalogue(WorkloadConfig.parse(text, sourceName));
  }

  /**
   * This catalogue in the config format, workloads by model id, every key written: {@link #parse}
   * reads it back to an equal catalogue.
   *
   * @throws IllegalArgumentException when a target has a model, pipeline or GPU name the format
   *     cannot hold (an id with spaces; a GPU name with a comma, {@code #} or line break)
   */
  public String toText() {
    return WorkloadConfig.write(byModel.values());
  }

  public Optional<WorkloadTarget> target(String model) {
    return Optional.ofNullable(byModel.get(model));
  }

  /** Every workload, by model id. */
  public Collection<WorkloadTarget> targets() {
    return new TreeMap<>(byModel).values();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WorkloadCatalogue catalogue && byModel.equals(catalogue.byModel);
  }

  @Override
  public int hashCode() {
    return byModel.hashCode();
  }

  @Override
  public String toString() {
    return "WorkloadCatalogue" + byModel.keySet();
  }
}
