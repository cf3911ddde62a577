package io.naap.storage;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where naap's PostgreSQL is and how many connections to keep to it. Validated on construction;
 * {@link #toString()} never shows the password.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}; must not carry a password
 * @param user the role naap logs in as
 * @param password the role's password, absent for trust or peer authentication
 * @param maxPoolSize most connections open at once, 1 to {@value #MAX_POOL_SIZE}
 * @param connectionTimeout longest a caller waits for a connection before failing, 250 ms to 5 min
 */
public record DatabaseSettings(
    String jdbcUrl,
    String user,
    Optional<String> password,
    int maxPoolSize,
    Duration connectionTimeout) {
  public static final int DEFAULT_MAX_POOL_SIZE = 8;
  public static final int MAX_POOL_SIZE = 100;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
  private static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofMinutes(5);
  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "database jdbcUrl is required");
    Objects.requireNonNull(user, "database user is required");
    Objects.requireNonNull(
        password, "database password must be an Optional (empty when not needed)");
    Objects.requireNonNull(connectionTimeout, "database connectionTimeout is required");
    if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException(
          "database jdbcUrl must start with "
              + JDBC_PREFIX
              + " (e.g. jdbc:postgresql://localhost:5432/naap), got "
              + jdbcUrl);
    }
    if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException(
          "database jdbcUrl must not carry a password: remove it from the URL and set the"
              + " database password setting (from the environment or a file) instead");
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("database user must not be blank");
    }
    if (password.filter(String::isEmpty).isPresent()) {
      throw new IllegalArgumentException(
          "database password must not be empty: leave it unset when the server needs none");
    }
    if (maxPoolSize < 1 || maxPoolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          "database maxPoolSize must be 1.." + MAX_POOL_SIZE + ", got " + maxPoolSize);
    }
    if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0
        || connectionTimeout.compareTo(MAX_CONNECTION_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "database connectionTimeout must be 250 ms to 5 min, got " + connectionTimeout);
    }
  }

  /** Settings that wait at most {@link #DEFAULT_CONNECTION_TIMEOUT} for a connection. */
  public DatabaseSettings(String jdbcUrl, String user, Optional<String> password, int maxPoolSize) {
    this(jdbcUrl, user, password, maxPoolSize, DEFAULT_CONNECTION_TIMEOUT);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password.isPresent() ? "(set)" : "(none)")
        + ", maxPoolSize="
        + maxPoolSize
        + ", connectionTimeout="
        + connectionTimeout
        + "]";
  }
}
