package io.naap.app;

import io.naap.app.up.RunningUp;
import io.naap.storage.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command finds the database: {@code --database-url} (with {@code --database-user} and the
 * password from {@code NAAP_DATABASE_PASSWORD}), else the database of the {@code naap up} running
 * on {@code --home}. A picocli mixin shared by the commands that work on the database directly
 * (telemetry ingest and export, loadgen, keys).
 */
public final class DatabaseOptions {
  @Option(
      names = "--database-url",
      paramLabel = "JDBC_URL",
      description = "PostgreSQL JDBC URL (default: the database of the naap up running on --home).")
  private String databaseUrl;

  @Option(
      names = "--database-user",
      defaultValue = "postgres",
      description =
          "Database user with --database-url (default: ${DEFAULT-VALUE});"
              + " the password, if any, comes from NAAP_DATABASE_PASSWORD.")
  private String databaseUser;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "naap home of the running naap up (default: ~/.naap).")
  private Path home;

  /** Whether {@code --database-url} or {@code --home} was given. */
  public boolean given() {
    return databaseUrl != null || home != null;
  }

  /**
   * The settings to connect with.
   *
   * @throws io.naap.app.up.UpException when no URL is given and no naap up runs on the home
   */
  public DatabaseSettings settings() {
    return databaseUrl != null
        ? new DatabaseSettings(
            databaseUrl,
            databaseUser,
            Optional.ofNullable(System.getenv("NAAP_DATABASE_PASSWORD")),
            2)
        : RunningUp.read(home == null ? RunningUp.defaultHome() : home).databaseSettings();
  }
}
