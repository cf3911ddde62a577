package io.naap.app.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.storage.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code naap up} running on a home, as its {@code up.json} describes it: how other commands
 * (e.g. {@code naap telemetry ingest}) reach its database without being told.
 */
public record RunningUp(long pid, String jdbcUrl, String databaseUser) {
  public static Path defaultHome() {
    return Path.of(System.getProperty("user.home"), ".naap");
  }

  /** Reads {@code home/up.json}; fails with the fix when no naap up is running there. */
  public static RunningUp read(Path home) {
    Path file = home.resolve("up.json");
    if (!Files.isRegularFile(file)) {
      throw new UpException(
          "no naap up has run on "
              + home
              + " (no up.json): start ./naap up, or pass --database-url");
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UpException("cannot read " + file + ": " + e.getMessage(), e);
    }
    RunningUp up =
        new RunningUp(
            json.path("pid").asLong(-1),
            json.at("/database/jdbcUrl").asText(""),
            json.at("/database/user").asText(""));
    if (up.jdbcUrl().isEmpty() || up.databaseUser().isEmpty()) {
      throw new UpException(file + " names no database: restart naap up, or pass --database-url");
    }
    boolean alive = ProcessHandle.of(up.pid()).map(ProcessHandle::isAlive).orElse(false);
    if (!alive) {
      throw new UpException(
          "the naap up that wrote "
              + file
              + " (pid "
              + up.pid()
              + ") is not running: start ./naap up, or pass --database-url");
    }
    return up;
  }

  public DatabaseSettings databaseSettings() {
    return new DatabaseSettings(jdbcUrl, databaseUser, Optional.empty(), 2);
  }
}
