package io.naap.telemetry.loadgen;

import java.time.Duration;
import java.util.Objects;

/**
 * What the load scheduler keeps up, validated.
 *
 * @param minLoad the least share of each orchestrator's capacity kept busy with test streams, in
 *     (0, 1]; the target is {@code ceil(minLoad x capacity)}, at least one stream
 * @param shortestStream the shortest test stream
 * @param longestStream the longest test stream; durations are drawn uniformly in between
 * @param dataset which prompt dataset streams draw from
 */
public record LoadSettings(
    double minLoad, Duration shortestStream, Duration longestStream, DatasetChoice dataset) {

  /** Test load at 20% of each GPU's capacity or more (PRODUCT.md, milestone 1). */
  public static final double DEFAULT_MIN_LOAD = 0.20;

  /** Streams shorter than this cannot start up, run and be measured. */
  public static final Duration SHORTEST_ALLOWED = Duration.ofSeconds(10);

  public LoadSettings {
    Objects.requireNonNull(shortestStream, "shortestStream");
    Objects.requireNonNull(longestStream, "longestStream");
    Objects.requireNonNull(dataset, "dataset");
    if (!(minLoad > 0 && minLoad <= 1)) {
      throw new IllegalArgumentException("min-load must be in (0, 1], got " + minLoad);
    }
    if (shortestStream.compareTo(SHORTEST_ALLOWED) < 0) {
      throw new IllegalArgumentException(
          "streams must last at least "
              + SHORTEST_ALLOWED.toSeconds()
              + " s, got "
              + shortestStream);
    }
    if (longestStream.compareTo(shortestStream) < 0) {
      throw new IllegalArgumentException(
          "the longest stream ("
              + longestStream
              + ") is shorter than the shortest ("
              + shortestStream
              + ")");
    }
  }

  /** 20% minimum load, streams of 1 to 5 minutes, both datasets. */
  public static LoadSettings defaults() {
    return new LoadSettings(
        DEFAULT_MIN_LOAD, Duration.ofMinutes(1), Duration.ofMinutes(5), DatasetChoice.MIXED);
  }

  public LoadSettings withMinLoad(double value) {
    return new LoadSettings(value, shortestStream, longestStream, dataset);
  }

  public LoadSettings withStreamDurations(Duration shortest, Duration longest) {
    return new LoadSettings(minLoad, shortest, longest, dataset);
  }

  public LoadSettings withDataset(DatasetChoice value) {
    return new LoadSettings(minLoad, shortestStream, longestStream, value);
  }

  /** Concurrent test streams kept on an orchestrator of this capacity: at least one. */
  public int target(int capacity) {
    // the epsilon keeps 0.2 x 15 = 3.0000000000000004 at 3
    return Math.max(1, (int) Math.ceil(minLoad * capacity - 1e-9));
  }
}
