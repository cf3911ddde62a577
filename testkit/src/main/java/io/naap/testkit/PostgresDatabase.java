package io.naap.testkit;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * A database of its own for one test class, on the shared embedded server, migrated by Flyway.
 *
 * @param name database name
 * @param jdbcUrl JDBC URL including the user
 * @param dataSource connections to it
 */
public record PostgresDatabase(String name, String jdbcUrl, DataSource dataSource) {
  public PostgresDatabase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(dataSource, "dataSource");
  }
}
