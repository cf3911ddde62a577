package io.naap.storage.kpi;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of one KPI rollup row: a bucket (size and start) and the dimensions. Unknown
 * dimensions are {@link #UNKNOWN}, never null or empty.
 *
 * @param bucket {@code minute}, {@code hour} or {@code day}
 * @param orchestrator the on-chain address in lower-case hex where it is known, else the address as
 *     the events name it, else {@link #UNKNOWN}
 * @param region the orchestrator's region
 * @param gatewayRegion the region of the gateway the demand came from
 * @param traffic {@code real} or {@code test}
 */
public record RollupKey(
    String bucket,
    Instant bucketStart,
    String orchestrator,
    String workload,
    String gpu,
    String region,
    String gatewayRegion,
    String traffic)
    implements Comparable<RollupKey> {
  public static final String UNKNOWN = "unknown";

  private static final Comparator<RollupKey> ORDER =
      Comparator.comparing(RollupKey::bucket)
          .thenComparing(RollupKey::bucketStart)
          .thenComparing(RollupKey::orchestrator)
          .thenComparing(RollupKey::workload)
          .thenComparing(RollupKey::gpu)
          .thenComparing(RollupKey::region)
          .thenComparing(RollupKey::gatewayRegion)
          .thenComparing(RollupKey::traffic);

  public RollupKey {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(bucketStart, "bucketStart");
    dimension(orchestrator, "orchestrator");
    dimension(workload, "workload");
    dimension(gpu, "gpu");
    dimension(region, "region");
    dimension(gatewayRegion, "gatewayRegion");
    Objects.requireNonNull(traffic, "traffic");
  }

  private static void dimension(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > 256) {
      throw new IllegalArgumentException(name + " must be 1 to 256 characters: '" + value + "'");
    }
  }

  @Override
  public int compareTo(RollupKey other) {
    return ORDER.compare(this, other);
  }
}
