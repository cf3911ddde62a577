package io.naap.api.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.JsonReplies;
import io.naap.api.http.QueryParameters;
import io.naap.storage.Database;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.telemetry.QuarantineCursor;
import io.naap.storage.telemetry.QuarantineQuery;
import io.naap.storage.telemetry.StoredQuarantine;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.MalformedInputException;
import io.naap.telemetry.ingest.IngestReport;
import io.naap.telemetry.ingest.QuarantineNotice;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.session.SessionEngine;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/telemetry/events} (gateway events in, every record accounted for; needs a gateway
 * API key) and {@code GET /v1/telemetry/quarantine} (what was rejected, and why; open).
 */
public final class TelemetryEndpoints {
  /** The default largest body accepted: 16 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BODY_TYPES =
      Set.of(
          "application/json",
          "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/gzip",
          "application/octet-stream",
          "text/plain");
  private static final String SOURCE = "http";

  private final TelemetryIngestion ingestion;
  private final TelemetryStore store;
  private final MeterRegistry meters;
  private final long maxBodyBytes;

  /**
   * @param meters where the records ingested over HTTP are counted: {@code
   *     naap_telemetry_records_total{outcome}} and {@code naap_telemetry_quarantined_total{reason}}
   */
  public TelemetryEndpoints(
      TelemetryIngestion ingestion, TelemetryStore store, MeterRegistry meters, long maxBodyBytes) {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException(
          "telemetry.max-body-bytes must be >= 1, got " + maxBodyBytes);
    }
    this.ingestion = ingestion;
    this.store = store;
    this.meters = meters;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The endpoints over {@code database}, with the standard decoder and chunking; every stored event
   * is applied to sessions and KPIs by {@code sessions} in the same transaction.
   */
  public static TelemetryEndpoints over(
      Database database,
      Clock clock,
      MeterRegistry meters,
      long maxBodyBytes,
      SessionEngine sessions) {
    TelemetryStore store = new TelemetryStore(database);
    return new TelemetryEndpoints(
        TelemetryIngestion.standard(store, clock, sessions), store, meters, maxBodyBytes);
  }

  public List<Endpoint> endpoints() {
    return List.of(
        Endpoint.post("/v1/telemetry/events", KeyScope.GATEWAY, this::ingest),
        Endpoint.get("/v1/telemetry/quarantine", this::quarantine));
  }

  private void ingest(ServerRequest request, ServerResponse response) {
    request
        .headers()
        .contentType()
        .map(type -> type.mediaType().text().toLowerCase(java.util.Locale.ROOT))
        .filter(type -> !BODY_TYPES.contains(type))
        .ifPresent(
            type -> {
              throw new ApiException(
                  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                  "send gateway events as a JSON array or NDJSON, not " + type,
                  Map.of("supported", BODY_TYPES.stream().sorted().toList()));
            });
    if (request.headers().contentLength().orElse(0L) > maxBodyBytes) {
      throw new ApiException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the body exceeds " + maxBodyBytes + " bytes; split it into smaller requests",
          Map.of("limitBytes", maxBodyBytes));
    }
    IngestReport report;
    try (InputStream body = new BoundedInputStream(request.content().inputStream(), maxBodyBytes)) {
      report = ingestion.ingest(body, SOURCE);
    } catch (MalformedInputException e) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "the body is not a readable JSON array or NDJSON, so its records cannot be counted: "
              + e.getMessage()
              + "; nothing was stored",
          Map.of("byteOffset", e.byteOffset(), "recordIndex", e.recordIndex()));
    } catch (java.io.IOException e) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "the body could not be read: " + e.getMessage());
    }
    count(report);
    JsonReplies.send(response, toJson(report));
  }

  private void count(IngestReport report) {
    records("accepted").increment(report.accepted());
    records("duplicate").increment(report.duplicate());
    records("quarantined").increment(report.quarantined());
    report
        .quarantinedByReason()
        .forEach(
            (reason, count) ->
                meters
                    .getOrCreate(
                        Counter.builder("naap.telemetry.quarantined")
                            .description("Telemetry records quarantined, by reason")
                            .tags(List.of(Tag.create("reason", reason))))
                    .increment(count));
  }

  private Counter records(String outcome) {
    return meters.getOrCreate(
        Counter.builder("naap.telemetry.records")
            .description("Telemetry records received over HTTP, by outcome")
            .tags(List.of(Tag.create("outcome", outcome))));
  }

  private void quarantine(ServerRequest request, ServerResponse response) {
    var query = request.query();
    int limit = QueryParameters.integer(query, "limit", 100, 1, QuarantineQuery.MAX_LIMIT);
    QuarantineQuery selection = QuarantineQuery.newest(limit);
    Instant from = QueryParameters.instant(query, "from", Instant.EPOCH);
    Instant to = QueryParameters.instant(query, "to", Instant.parse("9999-12-31T23:59:59Z"));
    QueryParameters.requireOrdered(from, to);
    selection = selection.withReceivedBetween(from, to);
    if (query.first("reason").isPresent()) {
      selection = selection.withReason(query.first("reason").get());
    }
    if (query.first("source").isPresent()) {
      selection = selection.withSource(query.first("source").get());
    }
    if (query.first("after").isPresent()) {
      selection = selection.startingAfter(cursorParameter(query.first("after").get()));
    }
    List<StoredQuarantine> rows = store.quarantine(selection);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (StoredQuarantine row : rows) {
      ObjectNode item = items.addObject();
      item.put("id", row.id());
      item.put("receivedAt", row.row().receivedAt().toString());
      item.put("source", row.row().source());
      item.put("reason", row.row().reason());
      item.put("detail", row.row().detail());
      row.row()
          .eventId()
          .ifPresentOrElse(id -> item.put("eventId", id), () -> item.putNull("eventId"));
      item.put("raw", row.row().raw());
    }
    if (rows.size() == limit) {
      QuarantineCursor last = rows.getLast().cursor();
      body.put("next", last.receivedAt() + "~" + last.id());
    } else {
      body.putNull("next");
    }
    JsonReplies.send(response, body);
  }

  static ObjectNode toJson(IngestReport report) {
    ObjectNode body = JSON.createObjectNode();
    body.put("received", report.received());
    body.put("accepted", report.accepted());
    body.put("duplicate", report.duplicate());
    body.put("quarantined", report.quarantined());
    ObjectNode byReason = body.putObject("quarantinedByReason");
    report.quarantinedByReason().forEach(byReason::put);
    ArrayNode notices = body.putArray("quarantine");
    for (QuarantineNotice notice : report.notices()) {
      notices
          .addObject()
          .put("index", notice.index())
          .put("reason", notice.reason())
          .put("detail", notice.detail());
    }
    ArrayNode batches = body.putArray("batches");
    report.batches().forEach(batches::add);
    return body;
  }

  /** Reads the {@code next} value of a page: {@code <receivedAt>~<id>}. */
  private static QuarantineCursor cursorParameter(String text) {
    try {
      int separator = text.lastIndexOf('~');
      return new QuarantineCursor(
          Instant.parse(text.substring(0, separator)),
          Long.parseLong(text.substring(separator + 1)));
    } catch (RuntimeException e) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "'after' must be the 'next' value of a previous page, got '" + text + "'",
          Map.of("parameter", "after"));
    }
  }
}
