package io.naap.api;

import io.naap.api.auth.ApiKeys;
import io.naap.api.incentives.IncentiveEndpoints;
import io.naap.api.indexer.IndexerEndpoints;
import io.naap.api.kpi.KpiEndpoints;
import io.naap.api.protocol.ProtocolEndpoints;
import io.naap.api.score.ScoreEndpoints;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.sla.score.Scorer;
import io.naap.sla.score.ScoringRules;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.kpi.RoundDemand;
import io.naap.telemetry.session.SessionEngine;
import io.naap.telemetry.session.SessionSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API with every feature service wired as the app wires it, API keys included, over one real
 * embedded PostgreSQL per test JVM (migrated; stopped when the JVM exits).
 */
public final class FeatureApi {
  /** The SlaOracle contract whose snapshots the score endpoints serve (none stored here). */
  private static final OracleContract ORACLE =
      new OracleContract(
          31337, EthereumAddress.fromHex("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0"));

  /**
   * The SlaFeeDistributor contract whose distributions the incentive endpoints serve (none here).
   */
  private static final DistributorContract DISTRIBUTOR =
      new DistributorContract(
          31337, EthereumAddress.fromHex("0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9"));

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

  /** The API keys of {@link #database()}, as the app makes and checks them. */
  public static ApiKeys keys() {
    return new ApiKeys(new ApiKeyStore(database()), Clock.systemUTC(), new SecureRandom());
  }

  /** A new key of {@code scope}, labelled with the test that asked for it. */
  public static String key(KeyScope scope, String label) {
    return keys().create(scope, Optional.of(label)).key().text();
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
    endpoints.addAll(
        new ScoreEndpoints(
                new OracleStore(database(), ORACLE),
                new SlaPolicyStore(database()),
                WorkloadCatalogue.defaults(),
                new Scorer(ScoringRules.v1()),
                Clock.systemUTC(),
                (orchestrator, workload) -> List.of())
            .endpoints());
    endpoints.addAll(
        new IndexerEndpoints(new ProtocolMirrorStore(database()), Clock.systemUTC()).endpoints());
    endpoints.addAll(
        new ProtocolEndpoints(
                new ProtocolStateStore(database()),
                new RoundDemand(new KpiQueries(database(), settings), Clock.systemUTC()))
            .endpoints());
    endpoints.addAll(
        new IncentiveEndpoints(new IncentiveStore(database(), DISTRIBUTOR)).endpoints());
    return List.copyOf(endpoints);
  }

  public static ApiServer server() {
    return new ApiServer(
        ApiSettings.onLoopback(0),
        TestMeters.REGISTRY,
        List.of(FakeChecks.up("database")),
        endpoints(),
        keys());
  }
}
