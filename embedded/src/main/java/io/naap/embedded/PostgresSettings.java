package io.naap.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.regex.Pattern;

/**
 * How to start a local PostgreSQL server from the binaries on the class path.
 *
 * @param dataDirectory when present, the cluster lives there and survives restarts; when absent, a
 *     throwaway cluster is created in a temporary folder and removed on close
 * @param port port to listen on; 0 picks a free one
 * @param startupTimeout how long to wait for the server to accept connections
 * @param serverConfig further server settings ({@code postgres -c name=value}), applied after
 *     naap's own, in order; empty as a rule (benchmarks load extensions with it)
 */
public record PostgresSettings(
    Optional<Path> dataDirectory,
    int port,
    Duration startupTimeout,
    SequencedMap<String, String> serverConfig) {

  /** A setting's name as PostgreSQL spells them: lower case, digits, underscores, dots. */
  private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)?");

  public PostgresSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(serverConfig, "serverConfig");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("postgres port must be 0..65535, got " + port);
    }
    serverConfig.forEach(
        (name, value) -> {
          if (!SETTING_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a PostgreSQL setting name: '" + name + "'");
          }
          Objects.requireNonNull(value, () -> "the value of the setting " + name);
        });
    serverConfig = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(serverConfig));
  }

  public PostgresSettings(Optional<Path> dataDirectory, int port, Duration startupTimeout) {
    this(dataDirectory, port, startupTimeout, new LinkedHashMap<>());
  }

  /** A throwaway cluster on a free port, tuned for speed over durability (tests, CI). */
  public static PostgresSettings ephemeral() {
    return new PostgresSettings(Optional.empty(), 0, Duration.ofSeconds(60));
  }

  /** A durable cluster in {@code dataDirectory} on a free port. */
  public static PostgresSettings persistent(Path dataDirectory) {
    return new PostgresSettings(Optional.of(dataDirectory), 0, Duration.ofSeconds(60));
  }

  /** These settings with one more server setting (replacing an earlier value of the same name). */
  public PostgresSettings withServerConfig(String name, String value) {
    SequencedMap<String, String> config = new LinkedHashMap<>(serverConfig);
    config.remove(name);
    config.put(name, value);
    return new PostgresSettings(dataDirectory, port, startupTimeout, config);
  }

  public boolean isEphemeral() {
    return dataDirectory.isEmpty();
  }
}
