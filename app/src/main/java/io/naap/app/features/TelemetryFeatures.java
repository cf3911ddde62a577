package io.naap.app.features;

import io.helidon.metrics.api.MeterRegistry;
import io.naap.api.Endpoint;
import io.naap.api.kpi.KpiEndpoints;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.session.DerivationReplay;
import io.naap.telemetry.session.SessionEngine;
import io.naap.telemetry.session.SessionSettings;
import io.naap.telemetry.session.SessionSweeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The telemetry side of naap wired over one database: the one ingestion pipeline (decode, store,
 * sessions and KPIs in one transaction) shared by every source, the HTTP endpoints that read what
 * it derived, and the sweep that closes idle sessions.
 */
public final class TelemetryFeatures {
  /** How often idle sessions are closed and closed ones finalised. */
  public static final Duration SWEEP_PERIOD = Duration.ofSeconds(5);

  private final Database database;
  private final Clock clock;
  private final SessionSettings settings;
  private final SessionEngine sessions;
  private final TelemetryStore store;
  private final TelemetryIngestion ingestion;

  public TelemetryFeatures(Database database, Clock clock, SessionSettings settings) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sessions = new SessionEngine(settings);
    // one store a process: its deduplication window is held in memory once
    this.store = new TelemetryStore(database);
    this.ingestion = TelemetryIngestion.standard(store, clock, sessions);
  }

  /**
   * The derivation of sessions and KPIs again from the raw store, by the same session rules and
   * decoder as {@link #ingestion()}.
   */
  public DerivationReplay replay() {
    return new DerivationReplay(sessions, new EventDecoder(DecoderSettings.defaults()));
  }

  /** The raw event store of {@link #ingestion()}. */
  public TelemetryStore store() {
    return store;
  }

  /** The pipeline every source uses (one instance, thread-safe). */
  public TelemetryIngestion ingestion() {
    return ingestion;
  }

  /** Telemetry in, streams, KPIs, demand and supply out. */
  public List<Endpoint> endpoints(MeterRegistry meters, long maxBodyBytes) {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(new TelemetryEndpoints(ingestion, store, meters, maxBodyBytes).endpoints());
    endpoints.addAll(
        new KpiEndpoints(new KpiQueries(database, settings), WorkloadCatalogue.defaults(), clock)
            .endpoints());
    return List.copyOf(endpoints);
  }

  /** A sweeper on the default period; the caller starts and closes it. */
  public SessionSweeper sweeper(Consumer<RuntimeException> onFailure) {
    return new SessionSweeper(database, sessions, clock, SWEEP_PERIOD, onFailure);
  }
}
