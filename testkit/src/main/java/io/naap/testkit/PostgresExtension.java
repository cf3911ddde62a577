package io.naap.testkit;

import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM (started on first use, stopped when
 * the run ends) and a fresh database per test class, migrated by Flyway from {@code
 * classpath:db/migration} (the storage module's migrations when it is on the class path). Test and
 * lifecycle methods receive a {@link PostgresDatabase} or a {@link DataSource}. A server that
 * cannot start fails the tests with the reason; nothing is skipped.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PostgresDatabase.class || type == DataSource.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    PostgresDatabase database =
        parameter.isAnnotated(FreshDatabase.class)
            ? createDatabase(server(context))
            : database(context);
    return parameter.getParameter().getType() == DataSource.class
        ? database.dataSource()
        : database;
  }

  private static PostgresDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().orElseThrow();
    }
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "database", key -> createDatabase(server(context)), PostgresDatabase.class);
  }

  private static LocalPostgres server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "server",
            key -> LocalPostgres.start(PostgresSettings.ephemeral()),
            LocalPostgres.class);
  }

  private static PostgresDatabase createDatabase(LocalPostgres server) {
    String name = "naap_test_" + DATABASES.incrementAndGet();
    server.createDatabaseIfAbsent(name);
    DataSource dataSource = server.dataSource(name);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .failOnMissingLocations(false)
        .load()
        .migrate();
    return new PostgresDatabase(name, server.jdbcUrl(name), dataSource);
  }
}
