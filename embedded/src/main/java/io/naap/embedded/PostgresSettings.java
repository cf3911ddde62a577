package io.naap.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a local PostgreSQL server from the binaries on the class path.
 *
 * @param dataDirectory when present, the cluster lives there and survives restarts; when absent, a
 *     throwaway cluster is created in a temporary folder and removed on close
 * @param port port to listen on; 0 picks a free one
 * @param startupTimeout how long to wait for the server to accept connections
 */
public record PostgresSettings(Optional<Path> dataDirectory, int port, Duration startupTimeout) {

  public PostgresSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("postgres port must be 0..65535, got " + port);
    }
  }

  /** A throwaway cluster on a free port, tuned for speed over durability (tests, CI). */
  public static PostgresSettings ephemeral() {
    return new PostgresSettings(Optional.empty(), 0, Duration.ofSeconds(60));
  }

  /** A durable cluster in {@code dataDirectory} on a free port. */
  public static PostgresSettings persistent(Path dataDirectory) {
    return new PostgresSettings(Optional.of(dataDirectory), 0, Duration.ofSeconds(60));
  }

  public boolean isEphemeral() {
    return dataDirectory.isEmpty();
  }
}
