package io.naap.telemetry.loadgen;

import io.naap.telemetry.ingest.IngestReport;
import io.naap.telemetry.ingest.TelemetryIngestion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Delivers events in process through the one ingestion pipeline, as an NDJSON body per tick (one
 * transaction), recorded with source {@value #SOURCE}.
 */
public final class IngestionSink implements EventSink {
  /** The source the load generator's events are stored with when ingested in process. */
  public static final String SOURCE = "loadgen";

  private final TelemetryIngestion ingestion;

  public IngestionSink(TelemetryIngestion ingestion) {
    this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
  }

  @Override
  public Delivery deliver(List<String> events) {
    byte[] body = String.join("\n", events).getBytes(StandardCharsets.UTF_8);
    IngestReport report = ingestion.ingest(new ByteArrayInputStream(body), SOURCE);
    return new Delivery(report.accepted(), report.duplicate(), report.quarantined());
  }
}
