package io.naap.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * naap's PostgreSQL: a small connection pool and the jOOQ context the repositories of this module
 * run their queries through. Open with {@link #connect(DatabaseSettings)}, bring the schema up to
 * date with {@link #migrate()}, and {@link #close()} on shutdown. Thread-safe.
 */
public final class Database implements AutoCloseable {
  static final String MIGRATIONS = "classpath:db/migration";
  private static final Duration MAX_VALIDATION_TIMEOUT = Duration.ofSeconds(5);

  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;
  private final DSLContext dsl;

  private Database(DatabaseSettings settings, HikariDataSource dataSource, DSLContext dsl) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.dsl = dsl;
  }

  /**
   * Opens the pool; fails at once, naming the URL and the user, when no connection can be made.
   *
   * @throws StorageException when the server cannot be reached or refuses the login
   */
  public static Database connect(DatabaseSettings settings) {
    Objects.requireNonNull(settings, "settings");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(poolConfiguration(settings));
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot connect to PostgreSQL at "
              + settings.jdbcUrl()
              + " as "
              + settings.user()
              + ": "
              + rootMessage(e)
              + "; check the database settings (jdbcUrl, user, password) and that the server runs",
          e);
    }
    return new Database(settings, dataSource, DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  private static HikariConfig poolConfiguration(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("naap-storage");
    config.setDriverClassName("org.postgresql.Driver");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    settings.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(
        Math.min(settings.connectionTimeout().toMillis(), MAX_VALIDATION_TIMEOUT.toMillis()));
    config.addDataSourceProperty("ApplicationName", "naap");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    // A JDBC batch of inserts goes out as multi-row INSERTs instead of one execution per row: the
    // server's work for the sessions upserted after each telemetry chunk halves (measured ~190 to
    // ~100 µs of PostgreSQL CPU a row, docs/BENCHMARKS.md). Batches then report
    // SUCCESS_NO_INFO instead of per-row counts; no caller reads them.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return config;
  }

  /**
   * Applies the pending Flyway migrations from {@code classpath:db/migration}, after validating the
   * ones already applied against their files.
   *
   * @throws StorageException when a migration fails or an applied one was changed
   */
  public MigrationReport migrate() {
    try {
      Flyway flyway =
          Flyway.configure(Database.class.getClassLoader())
              .dataSource(dataSource)
              .locations(MIGRATIONS)
              .failOnMissingLocations(true)
              .validateMigrationNaming(true)
              .load();
      MigrateResult result = flyway.migrate();
      MigrationInfo current = flyway.info().current();
      if (current == null || current.getVersion() == null) {
        throw new StorageException(
            "migrated " + settings.jdbcUrl() + " but Flyway reports no schema version");
      }
      return new MigrationReport(current.getVersion().getVersion(), result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new StorageException(
          "cannot migrate the database at " + settings.jdbcUrl() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that a pooled connection answers within {@code timeout}. Never throws for an unreachable
   * database and never waits much longer than {@code timeout}: a probe still blocked then is
   * interrupted and left to the pool's own connection timeout.
   */
  public Ping ping(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("ping timeout must be positive, got " + timeout);
    }
    long started = System.nanoTime();
    int validationSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    FutureTask<Boolean> probe =
        new FutureTask<>(
            () -> {
              try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(validationSeconds);
              }
            });
    Thread.ofVirtual().name("naap-storage-ping").start(probe);
    try {
      boolean valid = probe.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return valid
          ? new Ping.Reachable(Duration.ofNanos(System.nanoTime() - started))
          : new Ping.Unreachable("the connection did not pass validation within " + timeout);
    } catch (TimeoutException e) {
      probe.cancel(true);
      return new Ping.Unreachable("no answer within " + timeout);
    } catch (ExecutionException e) {
      return new Ping.Unreachable(rootMessage(e.getCause()));
    } catch (InterruptedException e) {
      probe.cancel(true);
      Thread.currentThread().interrupt();
      return new Ping.Unreachable("interrupted while waiting for the database");
    }
  }

  /**
   * The jOOQ context over this pool, for the repositories in {@code io.naap.storage.*} only: other
   * modules use the repositories, never jOOQ.
   */
  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws StorageException when the database fails
   */
  public <T> T inTransaction(java.util.function.Function<StoreTransaction, T> work) {
    try {
      return dsl.transactionResult(
          transaction -> work.apply(new StoreTransaction(transaction.dsl())));
    } catch (org.jooq.exception.DataAccessException e) {
      throw new StorageException("a transaction failed: " + e.getMessage(), e);
    }
  }

  public DSLContext dsl() {
    return dsl;
  }

  /** Where this pool connects, and how. */
  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * Has the server write back every buffer changed so far ({@code CHECKPOINT}): a benchmark calls
   * it between timed phases, so that no phase pays for the writes of the one before. Needs a
   * superuser or the {@code pg_checkpoint} role.
   *
   * @throws StorageException when the database refuses or fails
   */
  public void checkpoint() {
    try {
      dsl.execute("checkpoint");
    } catch (org.jooq.exception.DataAccessException e) {
      throw new StorageException("the checkpoint failed: " + e.getMessage(), e);
    }
  }

  /** The most connections the pool opens at once: how many transactions can run together. */
  public int maxPoolSize() {
    return settings.maxPoolSize();
  }

  /** Closes every pooled connection; idempotent. */
  @Override
  public void close() {
    dataSource.close();
  }

  @Override
  public String toString() {
    return "Database[" + settings.jdbcUrl() + " as " + settings.user() + "]";
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }
}
