package io.naap.api.kpi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.JsonReplies;
import io.naap.api.http.QueryParameters;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import io.naap.telemetry.kpi.Bucket;
import io.naap.telemetry.kpi.KpiFilter;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.kpi.KpiQueries.Dimension;
import io.naap.telemetry.kpi.KpiWindow;
import io.naap.telemetry.session.Directory;
import io.naap.telemetry.session.DirectoryEntry;
import io.naap.telemetry.session.StreamReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Streams, KPIs, demand and supply: {@code GET /v1/streams/{streamId}}, {@code GET /v1/kpis},
 * {@code GET /v1/orchestrators/{address}/kpis}, {@code GET /v1/demand}, {@code GET /v1/supply} and
 * {@code GET /v1/demand/gap}. Addresses are accepted in any case and answered checksummed (EIP-55);
 * unknown dimensions are the value {@code unknown}; unknown figures are null.
 */
public final class KpiEndpoints {
  /** The most buckets one series answers. */
  static final int MAX_BUCKETS = 10_000;

  private final KpiQueries queries;
  private final WorkloadCatalogue workloads;
  private final Clock clock;

  public KpiEndpoints(KpiQueries queries, WorkloadCatalogue workloads, Clock clock) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.workloads = Objects.requireNonNull(workloads, "workloads");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public List<Endpoint> endpoints() {
    return List.of(
        Endpoint.get("/v1/streams/{streamId}", this::stream),
        Endpoint.get("/v1/kpis", this::kpis),
        Endpoint.get("/v1/orchestrators/{address}/kpis", this::orchestrator),
        Endpoint.get("/v1/demand", this::demand),
        Endpoint.get("/v1/demand/gap", this::gap),
        Endpoint.get("/v1/supply", this::supply));
  }

  private void stream(ServerRequest request, ServerResponse response) {
    String streamId = request.path().pathParameters().get("streamId");
    StreamReport report =
        queries.stream(streamId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND,
                        "no stream '" + streamId + "' has been seen",
                        Map.of("streamId", streamId)));
    JsonReplies.send(response, streamJson(report));
  }

  private ObjectNode streamJson(StreamReport report) {
    ObjectNode node = KpiJson.object();
    node.put("streamId", report.streamId());
    KpiJson.put(node, "requestId", report.requestId());
    KpiJson.put(node, "gateway", report.gateway());
    node.put("gatewayRegion", report.gatewayRegion());
    node.put("traffic", report.traffic());
    node.put("workload", report.workload());
    node.put("status", report.status());
    KpiJson.put(node, "closeReason", report.closeReason());
    node.put("startedAt", report.startedAt().toString());
    node.put("lastEventAt", report.lastEventAt().toString());
    KpiJson.put(node, "closedAt", report.closedAt());
    ObjectNode kpis = node.putObject("kpis");
    KpiJson.put(kpis, "startupLatencyMs", report.startupLatencyMs());
    kpis.put("startupKind", report.startupKind());
    KpiJson.put(kpis, "endToEndLatencyMs", report.endToEndLatencyMs());
    KpiJson.put(kpis, "promptToFirstFrameMs", report.promptToFirstFrameMs());
    ObjectNode fps = kpis.putObject("outputFps");
    fps.put("samples", report.fpsSamples());
    KpiJson.put(fps, "mean", report.meanFps());
    KpiJson.put(fps, "min", report.minFps());
    KpiJson.put(fps, "max", report.maxFps());
    Optional<WorkloadTarget> target = workloads.target(report.workload());
    target.ifPresentOrElse(t -> fps.put("target", t.targetFps()), () -> fps.putNull("target"));
    KpiJson.put(kpis, "jitterCoefficient", report.jitterCoefficient());
    ObjectNode bandwidth = kpis.putObject("bandwidth");
    KpiJson.put(bandwidth, "upKbps", report.bandwidthUpKbps());
    KpiJson.put(bandwidth, "downKbps", report.bandwidthDownKbps());
    bandwidth.put("bytesUp", report.bytesUp());
    bandwidth.put("bytesDown", report.bytesDown());
    KpiJson.put(bandwidth, "seconds", report.transferSeconds());
    kpis.put("swaps", report.swaps());
    kpis.put("failures", report.failures());
    ArrayNode served = node.putArray("orchestrators");
    for (StreamReport.Served segment : report.orchestrators()) {
      ObjectNode item = served.addObject();
      item.put("address", KpiJson.address(segment.orchestrator()));
      item.put("namedAs", KpiJson.address(segment.named()));
      KpiJson.put(item, "url", segment.url());
      item.put("gpu", segment.gpu());
      item.put("region", segment.region());
      item.put("from", segment.from().toString());
      KpiJson.put(item, "to", segment.to());
      item.put("producedOutput", segment.producedOutput());
      item.put("swappedAway", segment.swappedAway());
      KpiJson.put(item, "swapReason", segment.swapReason());
      item.put("failed", segment.failed());
      item.put("excused", segment.excused());
      item.put("fpsSamples", segment.fpsSamples());
      KpiJson.put(item, "meanFps", segment.meanFps());
      KpiJson.put(item, "jitterCoefficient", segment.jitterCoefficient());
      item.put("restarts", segment.restarts());
    }
    ObjectNode payments = node.putObject("payments");
    payments.put("count", report.payments());
    payments.put("tickets", report.tickets());
    payments.put("expectedFeesWei", KpiJson.wei(report.expectedFeesWei()));
    ArrayNode errors = node.putArray("errors");
    report.errors().forEach(errors::add);
    node.put("events", report.events());
    node.put("lateEvents", report.lateEvents());
    return node;
  }

  private void kpis(ServerRequest request, ServerResponse response) {
    Parameters query = request.query();
    Bucket bucket = bucket(query);
    Instant now = clock.instant();
    Instant to = QueryParameters.instant(query, "to", now);
    Instant from = QueryParameters.instant(query, "from", to.minus(Duration.ofHours(24)));
    QueryParameters.requireOrdered(from, to);
    Instant first = bucket.start(from);
    Instant end = bucket.start(to).equals(to) ? to : bucket.start(to).plus(bucket.length());
    long buckets = Duration.between(first, end).dividedBy(bucket.length());
    if (buckets > MAX_BUCKETS) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "the range holds "
              + buckets
              + " "
              + bucket.wireName()
              + " buckets; ask for at most "
              + MAX_BUCKETS
              + " (a larger bucket or a shorter range)",
          Map.of("buckets", buckets, "max", MAX_BUCKETS));
    }
    KpiFilter filter =
        new KpiFilter(
            QueryParameters.text(query, "orchestrator")
                .map(value -> QueryParameters.address("orchestrator", value)),
            QueryParameters.text(query, "workload"),
            QueryParameters.text(query, "gpu"),
            QueryParameters.text(query, "region"),
            QueryParameters.text(query, "gatewayRegion"),
            traffic(query));
    List<KpiQueries.Point> series = queries.series(filter, first, end, bucket);
    Optional<WorkloadTarget> target = filter.workload().flatMap(workloads::target);
    KpiAggregate total = KpiAggregate.empty();
    ObjectNode body = KpiJson.object();
    body.put("bucket", bucket.wireName());
    body.put("from", first.toString());
    body.put("to", end.toString());
    ObjectNode applied = body.putObject("filter");
    filter
        .orchestrator()
        .ifPresentOrElse(
            address -> applied.put("orchestrator", address.toChecksumHex()),
            () -> applied.putNull("orchestrator"));
    KpiJson.put(applied, "workload", filter.workload());
    KpiJson.put(applied, "gpu", filter.gpu());
    KpiJson.put(applied, "region", filter.region());
    KpiJson.put(applied, "gatewayRegion", filter.gatewayRegion());
    KpiJson.put(applied, "traffic", filter.traffic());
    ArrayNode points = body.putArray("series");
    for (KpiQueries.Point point : series) {
      ObjectNode item = points.addObject();
      item.put("bucketStart", point.bucketStart().toString());
      item.setAll(KpiJson.kpis(point.kpis(), target));
      total.merge(point.kpis());
    }
    body.set("total", KpiJson.kpis(total, target));
    JsonReplies.send(response, body);
  }

  private void orchestrator(ServerRequest request, ServerResponse response) {
    EthereumAddress address =
        QueryParameters.address("address", request.path().pathParameters().get("address"));
    Parameters query = request.query();
    String windowText = QueryParameters.text(query, "window").orElse("now");
    KpiWindow window =
        KpiWindow.fromWireName(windowText)
            .orElseThrow(() -> QueryParameters.invalid("window", "now, 1h, 24h or 7d", windowText));
    Instant now = clock.instant();
    Instant from = window.from(now);
    Instant to = window.to(now);
    KpiFilter filter = KpiFilter.ALL.withOrchestrator(address);
    Directory directory = queries.directory();
    SortedMap<String, KpiAggregate> byWorkload =
        queries.byWorkload(directory, filter, from, to, window.bucket());
    Optional<DirectoryEntry> entry = directory.entry(address.toHex());
    ObjectNode body = KpiJson.object();
    body.put("address", address.toChecksumHex());
    body.put("window", window.wireName());
    body.put("from", from.toString());
    body.put("to", to.toString());
    body.put("region", directory.region(address.toHex()));
    body.put("known", entry.isPresent());
    KpiAggregate total = KpiAggregate.empty();
    ArrayNode items = body.putArray("workloads");
    for (Map.Entry<String, KpiAggregate> workload : byWorkload.entrySet()) {
      Optional<WorkloadTarget> target = workloads.target(workload.getKey());
      ObjectNode item = items.addObject();
      item.put("workload", workload.getKey());
      target.ifPresentOrElse(
          t -> item.set("target", KpiJson.target(t)), () -> item.putNull("target"));
      item.set("gpuFit", gpuFit(entry, workload.getKey(), target));
      item.setAll(KpiJson.kpis(workload.getValue(), target));
      total.merge(workload.getValue());
    }
    body.set("total", KpiJson.kpis(total, Optional.empty()));
    JsonReplies.send(response, body);
  }

  /** Whether the orchestrator's GPUs for a workload meet its minimum type and memory. */
  private static ObjectNode gpuFit(
      Optional<DirectoryEntry> entry, String model, Optional<WorkloadTarget> target) {
    ObjectNode fit = KpiJson.object();
    List<DirectoryEntry.Gpu> gpus = new ArrayList<>();
    entry.ifPresent(
        e -> e.gpus().stream().filter(gpu -> model.equals(gpu.model())).forEach(gpus::add));
    if (gpus.isEmpty()) {
      entry.ifPresent(e -> gpus.addAll(e.gpus()));
    }
    ArrayNode list = fit.putArray("gpus");
    Boolean meets = null;
    for (DirectoryEntry.Gpu gpu : gpus) {
      ObjectNode item = list.addObject();
      item.put("name", gpu.name());
      if (gpu.memoryTotal() != null) {
        item.put("vramBytes", gpu.memoryTotal());
      } else {
        item.putNull("vramBytes");
      }
      if (target.isPresent() && gpu.name() != null && gpu.memoryTotal() != null) {
        boolean fits = target.get().fits(gpu.name(), gpu.memoryTotal());
        item.put("meets", fits);
        meets = meets == null ? fits : meets || fits;
      } else {
        item.putNull("meets");
      }
    }
    if (meets == null) {
      fit.putNull("meets");
      fit.put("status", "unknown");
    } else {
      fit.put("meets", meets);
      fit.put("status", meets ? "met" : "not_met");
    }
    return fit;
  }

  private void demand(ServerRequest request, ServerResponse response) {
    Parameters query = request.query();
    Set<Dimension> groupBy = groupBy(query);
    Instant now = clock.instant();
    Instant to = QueryParameters.instant(query, "to", now);
    Instant from = QueryParameters.instant(query, "from", to.minus(Duration.ofHours(24)));
    QueryParameters.requireOrdered(from, to);
    Bucket bucket = demandBucket(from, to);
    Instant first = bucket.start(from);
    Instant end = bucket.start(to).equals(to) ? to : bucket.start(to).plus(bucket.length());
    ObjectNode body = KpiJson.object();
    ArrayNode dimensions = body.putArray("groupBy");
    groupBy.forEach(dimension -> dimensions.add(dimension.name().toLowerCase(Locale.ROOT)));
    body.put("from", first.toString());
    body.put("to", end.toString());
    body.put("bucket", bucket.wireName());
    ArrayNode groups = body.putArray("groups");
    for (KpiQueries.DemandGroup group : queries.demand(groupBy, first, end, bucket)) {
      ObjectNode item = groups.addObject();
      group
          .key()
          .forEach(
              (dimension, value) ->
                  item.put(
                      dimension.name().toLowerCase(Locale.ROOT),
                      dimension == Dimension.ORCHESTRATOR ? KpiJson.address(value) : value));
      item.set("real", KpiJson.demand(group.real()));
      item.set("test", KpiJson.demand(group.test()));
      item.set(
          "total", KpiJson.demand(KpiAggregate.empty().merge(group.real()).merge(group.test())));
    }
    JsonReplies.send(response, body);
  }

  private void gap(ServerRequest request, ServerResponse response) {
    Parameters query = request.query();
    Instant now = clock.instant();
    Instant to = QueryParameters.instant(query, "to", now);
    Instant from = QueryParameters.instant(query, "from", to.minus(Duration.ofHours(1)));
    QueryParameters.requireOrdered(from, to);
    if (Duration.between(from, to).compareTo(Duration.ofDays(7)) > 0) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "the gap is computed over at most 7 days of minute buckets; shorten the range",
          Map.of("from", from.toString(), "to", to.toString()));
    }
    Instant first = Bucket.MINUTE.start(from);
    Instant end = Bucket.MINUTE.start(to).equals(to) ? to : Bucket.MINUTE.start(to).plusSeconds(60);
    ObjectNode body = KpiJson.object();
    body.put("from", first.toString());
    body.put("to", end.toString());
    ArrayNode items = body.putArray("items");
    for (KpiQueries.Gap gap : queries.gap(first, end)) {
      ObjectNode item = items.addObject();
      item.put("workload", gap.workload());
      item.put("region", gap.region());
      item.put("orchestrators", gap.orchestrators());
      item.put("capacity", gap.capacity());
      item.put("demandConcurrency", gap.demandConcurrency());
      item.put("streams", gap.streams());
      item.put("inferenceMinutes", gap.inferenceMinutes());
      item.put("gap", gap.gap());
      KpiJson.put(item, "utilisation", gap.utilisation());
    }
    JsonReplies.send(response, body);
  }

  private void supply(ServerRequest request, ServerResponse response) {
    List<KpiQueries.SuppliedOrchestrator> supply = queries.supply();
    ObjectNode body = KpiJson.object();
    long gpus = 0;
    long vram = 0;
    long capacity = 0;
    SortedMap<String, long[]> byModel = new TreeMap<>();
    ArrayNode items = KpiJson.object().arrayNode();
    for (KpiQueries.SuppliedOrchestrator orchestrator : supply) {
      DirectoryEntry entry = orchestrator.entry();
      ObjectNode item = items.addObject();
      item.put("address", KpiJson.address(orchestrator.address()));
      if (entry.localAddress() != null) {
        item.put("localAddress", KpiJson.address(entry.localAddress()));
      } else {
        item.putNull("localAddress");
      }
      item.put("uri", entry.uri());
      item.put("region", orchestrator.region());
      item.put("version", entry.version());
      item.put("liveCapacity", orchestrator.liveCapacity());
      item.put("seenAt", orchestrator.seenAt().toString());
      ArrayNode gpuList = item.putArray("gpus");
      for (DirectoryEntry.Gpu gpu : entry.gpus()) {
        ObjectNode g = gpuList.addObject();
        g.put("name", gpu.name());
        g.put("pipeline", gpu.pipeline());
        g.put("model", gpu.model());
        if (gpu.memoryTotal() != null) {
          g.put("vramBytes", gpu.memoryTotal());
          vram += gpu.memoryTotal();
        } else {
          g.putNull("vramBytes");
        }
        gpus++;
      }
      ArrayNode models = item.putArray("models");
      for (DirectoryEntry.Offer offer : entry.models()) {
        ObjectNode m = models.addObject();
        m.put("capability", offer.capability());
        m.put("model", offer.model());
        if (offer.warm() != null) {
          m.put("warm", offer.warm());
        } else {
          m.putNull("warm");
        }
        if (offer.capacity() != null) {
          m.put("capacity", offer.capacity());
        } else {
          m.putNull("capacity");
        }
        long[] totals = byModel.computeIfAbsent(offer.model(), k -> new long[3]);
        totals[0]++;
        totals[1] += Boolean.TRUE.equals(offer.warm()) ? 1 : 0;
        totals[2] += offer.capacity() != null ? offer.capacity() : 0;
      }
      ArrayNode prices = item.putArray("prices");
      for (DirectoryEntry.Price price : entry.prices()) {
        ObjectNode p = prices.addObject();
        if (price.capability() != null) {
          p.put("capability", price.capability());
        } else {
          p.putNull("capability");
        }
        p.put("constraint", price.constraint());
        p.put("weiPerPixel", price.weiPerPixel());
      }
      capacity += orchestrator.liveCapacity();
    }
    body.put("orchestrators", supply.size());
    body.put("gpus", gpus);
    body.put("vramBytes", vram);
    body.put("liveCapacity", capacity);
    ArrayNode models = body.putArray("models");
    byModel.forEach(
        (model, totals) ->
            models
                .addObject()
                .put("model", model)
                .put("orchestrators", totals[0])
                .put("warm", totals[1])
                .put("capacity", totals[2]));
    body.set("items", items);
    JsonReplies.send(response, body);
  }

  private static Bucket bucket(Parameters query) {
    String text = QueryParameters.text(query, "bucket").orElse("hour");
    return Bucket.fromWireName(text)
        .orElseThrow(() -> QueryParameters.invalid("bucket", "minute, hour or day", text));
  }

  private static Optional<String> traffic(Parameters query) {
    Optional<String> traffic = QueryParameters.text(query, "traffic");
    if (traffic.isPresent() && !Set.of("real", "test").contains(traffic.get())) {
      throw QueryParameters.invalid("traffic", "real or test", traffic.get());
    }
    return traffic;
  }

  private static Set<Dimension> groupBy(Parameters query) {
    Set<Dimension> groupBy = EnumSet.noneOf(Dimension.class);
    Optional<String> text = QueryParameters.text(query, "groupBy");
    if (text.isEmpty()) {
      return EnumSet.of(Dimension.WORKLOAD);
    }
    for (String part : text.get().split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      try {
        groupBy.add(Dimension.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw QueryParameters.invalid(
            "groupBy", "a comma-separated list of orchestrator, workload, region, gpu", text.get());
      }
    }
    return groupBy;
  }

  /** Minute rows up to 6 hours, hour rows up to 31 days, day rows beyond. */
  static Bucket demandBucket(Instant from, Instant to) {
    Duration range = Duration.between(from, to);
    if (range.compareTo(Duration.ofHours(6)) <= 0) {
      return Bucket.MINUTE;
    }
    return range.compareTo(Duration.ofDays(31)) <= 0 ? Bucket.HOUR : Bucket.DAY;
  }
}
