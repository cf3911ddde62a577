package io.naap.api;

import io.naap.api.kpi.KpiEndpoints;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.session.SessionEngine;
import io.naap.telemetry.session.SessionSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API with every feature service wired as the app wires it, over one real embedded PostgreSQL
 * per test JVM (migrated; stopped when the JVM exits).
 */
public final class FeatureApi {
  private static Database database;

  private FeatureApi() {}

  /** The database behind the features, started and migrated on first use. */
  public static synchronized Database database() {
    if (database == null) {
      LocalPostgres postgres = LocalPostgres.start(PostgresSettings.ephemeral());
      postgres.createDatabaseIfAbsent("naap");
      database =
          Database.connect(
              new DatabaseSettings(
                  postgres.jdbcUrl("naap"),
                  LocalPostgres.SUPERUSER,
                  Optional.empty(),
                  DatabaseSettings.DEFAULT_MAX_POOL_SIZE));
      database.migrate();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    database.close();
                    postgres.close();
                  }));
    }
    return database;
  }

  /** The feature endpoints, as the app builds them. */
  public static List<Endpoint> endpoints() {
    SessionSettings settings = SessionSettings.defaults();
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(
        TelemetryEndpoints.over(
                database(),
                Clock.systemUTC(),
                TestMeters.REGISTRY,
                TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES,
                new SessionEngine(settings))
            .endpoints());
    endpoints.addAll(
        new KpiEndpoints(
                new KpiQueries(database(), settings),
                WorkloadCatalogue.defaults(),
                Clock.systemUTC())
            .endpoints());
    return List.copyOf(endpoints);
  }

  public static ApiServer server() {
    return new ApiServer(
        ApiSettings.onLoopback(0),
        TestMeters.REGISTRY,
        List.of(FakeChecks.up("database")),
        endpoints());
  }
}
