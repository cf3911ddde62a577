package io.naap.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A PostgreSQL server started from the embedded binaries (Maven Central), listening on loopback.
 * Owned by its caller: {@link #close()} stops the server.
 */
public final class LocalPostgres implements AutoCloseable {
  public static final String SUPERUSER = "postgres";
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final java.time.Duration STOP_TIMEOUT = java.time.Duration.ofSeconds(15);

  private final EmbeddedPostgres server;
  private final Optional<Path> dataDirectory;
  private final Optional<ProcessHandle> postmaster;

  private LocalPostgres(
      EmbeddedPostgres server, Optional<Path> dataDirectory, Optional<ProcessHandle> postmaster) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.postmaster = postmaster;
  }

  public static LocalPostgres start(PostgresSettings settings) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setPGStartupWait(settings.startupTimeout());
    if (settings.port() != 0) {
      builder.setPort(settings.port());
    }
    if (settings.isEphemeral()) {
      // Throwaway data: trade durability for speed.
      builder
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off");
    } else {
      Path dir = settings.dataDirectory().orElseThrow();
      try {
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
      } catch (IOException e) {
        throw new EmbeddedServerException("cannot create " + dir.getParent(), e);
      }
      stopOrphanedServer(dir);
      // zonky defaults to -F (fsync off) and synchronous_commit=off: fine for throwaway data, not
      // for a cluster that must survive a crash. Later -c settings override the -F flag.
      builder
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          // PostgreSQL's default of 128 MB holds the telemetry key table's primary key (random
          // uuids, ~42 bytes an event) and its heap for ~1.6 million events only; past that each
          // insert reads pages back and the server's CPU per event rose from ~10 to ~20 µs
          // (docs/BENCHMARKS.md). Shared memory is only touched as it is used.
          .setServerConfig("shared_buffers", "1GB");
    }
    settings.serverConfig().forEach(builder::setServerConfig);
    EmbeddedPostgres server;
    try {
      server = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedServerException(
          "cannot start embedded PostgreSQL"
              + settings.dataDirectory().map(d -> " with data in " + d).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
    return new LocalPostgres(server, settings.dataDirectory(), postmasterOf(server));
  }

  private static Optional<ProcessHandle> postmasterOf(EmbeddedPostgres server) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("show data_directory")) {
      rows.next();
      return postmasterPid(Path.of(rows.getString(1))).flatMap(ProcessHandle::of);
    } catch (SQLException e) {
      throw new EmbeddedServerException(
          "embedded PostgreSQL started but does not answer: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  public String jdbcUrl(String database) {
    return server.getJdbcUrl(SUPERUSER, database);
  }

  public DataSource dataSource(String database) {
    return server.getDatabase(SUPERUSER, database);
  }

  public Optional<Path> dataDirectory() {
    return dataDirectory;
  }

  /** Creates {@code database} unless it exists; returns whether it was created. */
  public boolean createDatabaseIfAbsent(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain lower-case database name: " + database);
    }
    try (Connection connection = server.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return false;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("create database " + database);
      }
      return true;
    } catch (SQLException e) {
      throw new EmbeddedServerException(
          "cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  /** The postmaster's process id. */
  public Optional<Long> serverPid() {
    return postmaster.map(ProcessHandle::pid);
  }

  /** Stops the server and waits until its postmaster has exited. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new EmbeddedServerException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
    }
    postmaster.ifPresent(
        process -> {
          try {
            process
                .onExit()
                .get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new EmbeddedServerException("cannot wait for PostgreSQL to stop", e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * A previous owner killed without a chance to stop its server (SIGKILL) leaves the postmaster
   * running on the data directory; a new server would refuse to start. Stop it first.
   */
  private static void stopOrphanedServer(Path dataDirectory) {
    postmasterPid(dataDirectory)
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process.info().command().map(command -> command.contains("postgres")).orElse(false))
        .ifPresent(
            orphan -> {
              orphan.destroy();
              try {
                orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (Exception e) {
                orphan.destroyForcibly();
              }
            });
  }

  static Optional<Long> postmasterPid(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      String first =
          Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
      return Optional.of(Long.parseLong(first.trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
