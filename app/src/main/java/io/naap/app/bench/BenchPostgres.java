package io.naap.app.bench;

import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.StatementStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The database every benchmark measures against: a fresh durable embedded PostgreSQL (fsync on, as
 * {@code naap up} runs it) in a temporary folder, migrated, with a pool; closing stops it and
 * deletes the folder.
 */
final class BenchPostgres implements AutoCloseable {
  private final Path data;
  private final LocalPostgres postgres;
  private final Database database;

  private BenchPostgres(Path data, LocalPostgres postgres, Database database) {
    this.data = data;
    this.postgres = postgres;
    this.database = database;
  }

  static BenchPostgres start(int poolSize) throws IOException {
    return start(poolSize, false);
  }

  /**
   * @param statements whether the server preloads {@code pg_stat_statements} and the bench's
   *     database has its view (see {@link ServerStatements}); it costs the server a little for
   *     every statement, so only runs that list statements load it
   */
  static BenchPostgres start(int poolSize, boolean statements) throws IOException {
    Path data = Files.createTempDirectory("naap-bench-");
    LocalPostgres postgres = null;
    try {
      PostgresSettings settings = PostgresSettings.persistent(data.resolve("postgres"));
      if (statements) {
        settings = settings.withServerConfig("shared_preload_libraries", "pg_stat_statements");
      }
      postgres = LocalPostgres.start(settings);
      postgres.createDatabaseIfAbsent("naap");
      Database database =
          Database.connect(
              new DatabaseSettings(
                  postgres.jdbcUrl("naap"), LocalPostgres.SUPERUSER, Optional.empty(), poolSize));
      database.migrate();
      if (statements) {
        StatementStatistics.install(database);
      }
      return new BenchPostgres(data, postgres, database);
    } catch (RuntimeException e) {
      if (postgres != null) {
        postgres.close();
      }
      deleteTree(data);
      throw e;
    }
  }

  Database database() {
    return database;
  }

  /** The server's postmaster process id, when known. */
  Optional<Long> serverPid() {
    return postgres.serverPid();
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      postgres.close();
      try {
        deleteTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the bench database folder " + data, e);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
