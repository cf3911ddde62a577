package io.naap.storage;

import io.naap.embedded.LocalPostgres;
import io.naap.testkit.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** A new database on a test's server, migrated only up to an older schema version. */
public final class OlderSchema {
  private OlderSchema() {}

  /**
   * Creates database {@code name} beside {@code postgres}'s, migrates it to {@code version} and
   * returns its JDBC URL (for {@link LocalPostgres#SUPERUSER}, no password).
   */
  public static String create(PostgresDatabase postgres, String name, String version)
      throws SQLException {
    String url = postgres.jdbcUrl().replace("/" + postgres.name(), "/" + name);
    try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl());
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    }
    Flyway.configure()
        .dataSource(url, LocalPostgres.SUPERUSER, "")
        .locations("classpath:db/migration")
        .target(version)
        .load()
        .migrate();
    return url;
  }
}
