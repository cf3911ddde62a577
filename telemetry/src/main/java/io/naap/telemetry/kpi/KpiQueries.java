package io.naap.telemetry.kpi;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.storage.Database;
import io.naap.storage.kpi.DirectoryRow;
import io.naap.storage.kpi.DirectoryStore;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.kpi.RollupQuery;
import io.naap.storage.kpi.RollupRow;
import io.naap.storage.kpi.SessionStore;
import io.naap.telemetry.session.Directory;
import io.naap.telemetry.session.DirectoryEntry;
import io.naap.telemetry.session.SessionSettings;
import io.naap.telemetry.session.StreamReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what the session engine derived: streams, KPI series and windows, demand, supply and the
 * gap between them. Every KPI figure is a merge of stored rollups (exact for counters and sketch
 * buckets). Thread-safe.
 */
public final class KpiQueries {
  /** The Livepeer capability id of live video-to-video (capabilities_names "35"). */
  public static final int LIVE_VIDEO_TO_VIDEO = 35;

  private final KpiRollupStore rollups;
  private final SessionStore sessions;
  private final DirectoryStore directoryStore;
  private final SessionSettings settings;

  public KpiQueries(Database database, SessionSettings settings) {
    this.rollups = new KpiRollupStore(database);
    this.sessions = new SessionStore(database);
    this.directoryStore = new DirectoryStore(database);
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** A dimension demand can be grouped by. */
  public enum Dimension {
    ORCHESTRATOR,
    WORKLOAD,
    /** The region of the gateway the demand came from. */
    REGION,
    GPU
  }

  /** A bucket's merged KPIs. */
  public record Point(Instant bucketStart, KpiAggregate kpis) {}

  /** Demand of one group: the group's dimension values, real and test traffic apart. */
  public record DemandGroup(Map<Dimension, String> key, KpiAggregate real, KpiAggregate test) {}

  /** One orchestrator of the supply, from its latest capabilities entry. */
  public record SuppliedOrchestrator(
      String address, String region, DirectoryEntry entry, int liveCapacity, Instant seenAt) {}

  /** Supply and demand of one workload in one region over a range. */
  public record Gap(
      String workload,
      String region,
      int orchestrators,
      int capacity,
      double demandConcurrency,
      long streams,
      double inferenceMinutes) {
    /** Demanded concurrent streams minus capacity: positive is a shortage. */
    public double gap() {
      return demandConcurrency - capacity;
    }

    /** Demand / capacity; empty without capacity. */
    public java.util.OptionalDouble utilisation() {
      return capacity == 0
          ? java.util.OptionalDouble.empty()
          : java.util.OptionalDouble.of(demandConcurrency / capacity);
    }
  }

  public Directory directory() {
    return directory(directoryStore.entries());
  }

  private Directory directory(List<DirectoryRow> entries) {
    return Directory.of(entries, directoryStore.discoveries(), settings.regions());
  }

  public Optional<StreamReport> stream(String streamId) {
    return sessions
        .session(streamId)
        .map(row -> StreamReport.of(row, directory(), settings.regions()));
  }

  /** The KPIs of each bucket in {@code [from, to)} that has any, oldest first. */
  public List<Point> series(KpiFilter filter, Instant from, Instant to, Bucket bucket) {
    SortedMap<Instant, KpiAggregate> points = new TreeMap<>();
    for (RollupRow row : rows(filter, from, to, bucket)) {
      points
          .computeIfAbsent(row.key().bucketStart(), start -> KpiAggregate.empty())
          .merge(KpiAggregate.fromBytes(row.stats()));
    }
    List<Point> series = new ArrayList<>(points.size());
    points.forEach((start, kpis) -> series.add(new Point(start, kpis)));
    return series;
  }

  /** The KPIs of {@code [from, to)} merged, per workload (sorted). */
  public SortedMap<String, KpiAggregate> byWorkload(
      KpiFilter filter, Instant from, Instant to, Bucket bucket) {
    return byWorkload(directory(), filter, from, to, bucket);
  }

  /** {@link #byWorkload(KpiFilter, Instant, Instant, Bucket)} with a directory already read. */
  public SortedMap<String, KpiAggregate> byWorkload(
      Directory directory, KpiFilter filter, Instant from, Instant to, Bucket bucket) {
    SortedMap<String, KpiAggregate> merged = new TreeMap<>();
    for (RollupRow row : rows(directory, filter, from, to, bucket)) {
      merged
          .computeIfAbsent(row.key().workload(), workload -> KpiAggregate.empty())
          .merge(KpiAggregate.fromBytes(row.stats()));
    }
    return merged;
  }

  /** Demand in {@code [from, to)} grouped by the dimensions asked for, from hour rollups. */
  public List<DemandGroup> demand(Set<Dimension> groupBy, Instant from, Instant to, Bucket bucket) {
    Map<Map<Dimension, String>, KpiAggregate[]> groups = new LinkedHashMap<>();
    for (RollupRow row : rows(KpiFilter.ALL, from, to, bucket)) {
      Map<Dimension, String> key = new EnumMap<>(Dimension.class);
      for (Dimension dimension : groupBy) {
        key.put(
            dimension,
            switch (dimension) {
              case ORCHESTRATOR -> row.key().orchestrator();
              case WORKLOAD -> row.key().workload();
              case REGION -> row.key().gatewayRegion();
              case GPU -> row.key().gpu();
            });
      }
      KpiAggregate[] pair =
          groups.computeIfAbsent(
              key, k -> new KpiAggregate[] {KpiAggregate.empty(), KpiAggregate.empty()});
      pair["test".equals(row.key().traffic()) ? 1 : 0].merge(KpiAggregate.fromBytes(row.stats()));
    }
    List<DemandGroup> result = new ArrayList<>();
    groups.forEach((key, pair) -> result.add(new DemandGroup(key, pair[0], pair[1])));
    result.sort((left, right) -> String.valueOf(left.key()).compareTo(String.valueOf(right.key())));
    return result;
  }

  /** Every orchestrator of the latest capabilities, with its region and live capacity. */
  public List<SuppliedOrchestrator> supply() {
    List<DirectoryRow> entries = directoryStore.entries();
    Directory directory = directory(entries);
    List<SuppliedOrchestrator> supply = new ArrayList<>();
    for (DirectoryRow row : entries) {
      String address = row.address().toHex();
      Optional<DirectoryEntry> entry = directory.entry(address);
      if (entry.isEmpty()) {
        continue;
      }
      supply.add(
          new SuppliedOrchestrator(
              address,
              directory.region(address),
              entry.get(),
              entry.get().capacities().getOrDefault(LIVE_VIDEO_TO_VIDEO, 0),
              row.seenAt()));
    }
    return supply;
  }

  /**
   * Supply against demand per workload and region over {@code [from, to)}: capacity is the sum of
   * the per-model capacity (else the live video capacity) of the orchestrators offering the model
   * in the region; demand is the mean number of concurrent streams (inference seconds / range
   * seconds) from gateways in the region, test traffic included (tests are real load).
   */
  public List<Gap> gap(Instant from, Instant to) {
    Map<String, int[]> supplied = new TreeMap<>();
    for (SuppliedOrchestrator orchestrator : supply()) {
      Set<String> models = new TreeSet<>();
      for (DirectoryEntry.Offer offer : orchestrator.entry().models()) {
        if (offer.capability() != LIVE_VIDEO_TO_VIDEO || !models.add(offer.model())) {
          continue;
        }
        int capacity = offer.capacity() != null ? offer.capacity() : orchestrator.liveCapacity();
        int[] totals =
            supplied.computeIfAbsent(
                offer.model() + "\u0000" + orchestrator.region(), k -> new int[2]);
        totals[0]++;
        totals[1] += capacity;
      }
    }
    double seconds = Duration.between(from, to).toMillis() / 1000.0;
    Map<String, KpiAggregate> demanded = new TreeMap<>();
    for (DemandGroup group :
        demand(Set.of(Dimension.WORKLOAD, Dimension.REGION), from, to, Bucket.MINUTE)) {
      KpiAggregate both = KpiAggregate.empty().merge(group.real()).merge(group.test());
      demanded.put(
          group.key().get(Dimension.WORKLOAD) + "\u0000" + group.key().get(Dimension.REGION), both);
    }
    Set<String> keys = new TreeSet<>(supplied.keySet());
    keys.addAll(demanded.keySet());
    List<Gap> gaps = new ArrayList<>();
    for (String key : keys) {
      String[] parts = key.split("\u0000", 2);
      int[] supply = supplied.getOrDefault(key, new int[2]);
      KpiAggregate demand = demanded.getOrDefault(key, KpiAggregate.empty());
      gaps.add(
          new Gap(
              parts[0],
              parts[1],
              supply[0],
              supply[1],
              seconds <= 0 ? 0 : demand.inferenceSeconds() / seconds,
              demand.sessions(),
              demand.inferenceSeconds() / 60.0));
    }
    return gaps;
  }

  private List<RollupRow> rows(KpiFilter filter, Instant from, Instant to, Bucket bucket) {
    return rows(filter.orchestrator().isPresent() ? directory() : null, filter, from, to, bucket);
  }

  /** The rows a filter selects; {@code directory} resolves an orchestrator filter's keys. */
  private List<RollupRow> rows(
      Directory directory, KpiFilter filter, Instant from, Instant to, Bucket bucket) {
    Set<String> orchestrators =
        filter.orchestrator().map(address -> directory.keysOf(address.toHex())).orElse(Set.of());
    return rollups.rows(
        new RollupQuery(
            bucket.wireName(),
            from,
            to,
            orchestrators,
            filter.workload(),
            filter.gpu(),
            filter.region(),
            filter.gatewayRegion(),
            filter.traffic()));
  }
}
