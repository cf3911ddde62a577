package io.naap.api;

import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import java.time.Clock;
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
    return TelemetryEndpoints.over(
            database(),
            Clock.systemUTC(),
            TestMeters.REGISTRY,
            TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES)
        .endpoints();
  }

  public static ApiServer server() {
    return new ApiServer(
        ApiSettings.onLoopback(0),
        TestMeters.REGISTRY,
        List.of(FakeChecks.up("database")),
        endpoints());
  }
}
