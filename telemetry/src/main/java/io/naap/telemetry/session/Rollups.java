package io.naap.telemetry.session;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.StartupKind;
import io.naap.storage.StoreTransaction;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.kpi.RollupKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns observations into KPI aggregate deltas per rollup key (minute, hour and day buckets of the
 * observation's time, and its dimensions resolved through the directory), then merges them into the
 * stored rollups in one round trip.
 */
final class Rollups {
  /** The bucket sizes every observation is added to. */
  static final Map<String, ChronoUnit> BUCKETS =
      Map.of("minute", ChronoUnit.MINUTES, "hour", ChronoUnit.HOURS, "day", ChronoUnit.DAYS);

  /** A bucket size by name and length. */
  private record BucketSize(String name, long millis) {}

  private static final List<BucketSize> BUCKET_SIZES =
      BUCKETS.entrySet().stream()
          .map(e -> new BucketSize(e.getKey(), e.getValue().getDuration().toMillis()))
          .toList();

  private final Directory directory;
  private final RegionConfig regions;
  private final Map<RollupKey, KpiAggregate> deltas = new HashMap<>();
  private int observations;

  Rollups(Directory directory, RegionConfig regions) {
    this.directory = directory;
    this.regions = regions;
  }

  /** What an observation's dimensions are resolved from. */
  private record Source(String orchestrator, String url, String model, String gateway) {}

  /** An observation's dimensions as stored. */
  private record Dimensions(
      String orchestrator, String workload, String gpu, String region, String gatewayRegion) {}

  /** Dimensions resolved once per source in a batch: a batch has thousands of observations. */
  private final Map<Source, Dimensions> resolved = new HashMap<>();

  /**
   * The aggregate the previous observation went to, per bucket size: a stream's observations come
   * in event-time order with the same dimensions, so most land where the previous one did.
   */
  private record Target(
      Dimensions dimensions, String traffic, long start, KpiAggregate aggregate) {}

  private final Target[] previous = new Target[BUCKET_SIZES.size()];

  void add(Observation observation, String gateway, String traffic, String model) {
    observations++;
    Dimensions dimensions =
        resolved.computeIfAbsent(
            new Source(observation.orchestrator(), observation.url(), model, gateway),
            this::resolve);
    for (int i = 0; i < previous.length; i++) {
      BucketSize size = BUCKET_SIZES.get(i);
      // buckets start at multiples of their length since the epoch (UTC minutes, hours, days)
      long start = Math.floorDiv(observation.at(), size.millis()) * size.millis();
      Target target = previous[i];
      if (target == null
          || target.start() != start
          || target.dimensions() != dimensions
          || !target.traffic().equals(traffic)) {
        RollupKey key =
            new RollupKey(
                size.name(),
                Instant.ofEpochMilli(start),
                dimensions.orchestrator(),
                dimensions.workload(),
                dimensions.gpu(),
                dimensions.region(),
                dimensions.gatewayRegion(),
                traffic);
        target =
            new Target(
                dimensions, traffic, start, deltas.computeIfAbsent(key, k -> KpiAggregate.empty()));
        previous[i] = target;
      }
      apply(target.aggregate(), observation);
    }
  }

  private Dimensions resolve(Source source) {
    String orchestrator = directory.key(source.orchestrator(), Optional.ofNullable(source.url()));
    return new Dimensions(
        dimension(orchestrator),
        dimension(source.model()),
        dimension(directory.gpu(orchestrator, Optional.ofNullable(source.model()))),
        dimension(directory.region(orchestrator)),
        dimension(regions.gatewayRegion(Optional.ofNullable(source.gateway())).orElse(null)));
  }

  /** A dimension value as stored: {@code unknown} when absent, at most 256 characters. */
  static String dimension(String value) {
    if (value == null || value.isEmpty()) {
      return RollupKey.UNKNOWN;
    }
    return value.length() <= 256 ? value : value.substring(0, 253) + "...";
  }

  private static void apply(KpiAggregate aggregate, Observation o) {
    switch (o.kind()) {
      case SESSION -> aggregate.addSession();
      case SEGMENT -> aggregate.addSegment();
      case STARTUP ->
          aggregate.addStartup(
              o.a(),
              o.b() == 2 ? StartupKind.WARM : o.b() == 1 ? StartupKind.COLD : StartupKind.UNKNOWN);
      case END_TO_END -> aggregate.addEndToEnd(o.a());
      case PROMPT_TO_FIRST_FRAME -> aggregate.addPromptToFirstFrame(o.a());
      case FPS -> aggregate.addFps(o.a(), o.b());
      case INFERENCE -> aggregate.addInferenceSeconds(o.a());
      case TRANSFER -> aggregate.addTransfer((long) o.a(), (long) o.b(), o.c());
      case SWAP -> aggregate.addSwap();
      case FAILURE -> aggregate.addFailure(o.a() == 1);
      case RESTARTS -> aggregate.addRestarts((long) o.a());
      case GPU -> aggregate.addGpu(o.a(), o.b());
      case PAYMENT ->
          aggregate.addPayment(
              (long) o.a(),
              Optional.ofNullable(o.fees()).map(BigDecimal::new),
              Double.isNaN(o.b()) ? Optional.empty() : Optional.of(BigDecimal.valueOf(o.b())));
    }
  }

  /** Merges the deltas into the stored rollups; returns the number of observations. */
  int store(StoreTransaction tx, Instant now) {
    SortedMap<RollupKey, byte[]> bytes = new TreeMap<>();
    deltas.forEach((key, aggregate) -> bytes.put(key, aggregate.toBytes()));
    KpiRollupStore.merge(tx, bytes, KpiAggregate::mergeBytes, now);
    return observations;
  }
}
