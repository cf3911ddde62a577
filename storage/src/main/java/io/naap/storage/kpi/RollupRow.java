package io.naap.storage.kpi;

import java.util.Objects;

/** One stored KPI rollup: its key and the aggregate in binary form. */
public record RollupRow(RollupKey key, byte[] stats) {
  public RollupRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stats, "stats");
  }
}
