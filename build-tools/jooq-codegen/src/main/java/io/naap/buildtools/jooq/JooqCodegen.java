package io.naap.buildtools.jooq;

import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.OnError;
import org.jooq.meta.jaxb.Target;
import org.jooq.meta.postgres.PostgresDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates jOOQ classes from the real engine: starts an embedded PostgreSQL, migrates it with
 * Flyway from a migrations folder, runs jOOQ's generator against it and stops the server, also when
 * a step fails. Does nothing when the {@link Fingerprint} of the inputs equals the one stored by
 * the last successful run and the generated classes are still there.
 *
 * <p>Usage: {@code JooqCodegen <migrations-folder> <output-folder> <package>}. Run by naap-storage
 * in {@code generate-sources} through {@code exec:java}; fails by throwing, never by {@code
 * System.exit}, since it runs inside the Maven JVM.
 */
public final class JooqCodegen {
  private static final Logger LOG = LoggerFactory.getLogger(JooqCodegen.class);
  private static final String DATABASE = "naap_codegen";
  private static final String SCHEMA = "public";
  private static final String FLYWAY_HISTORY_TABLE = "flyway_schema_history";

  private JooqCodegen() {}

  public static void main(String[] args) {
    CodegenRequest request = CodegenRequest.parse(args);
    Fingerprint fingerprint = Fingerprint.of(request, tool());
    if (isCurrent(request, fingerprint)) {
      LOG.info("jOOQ classes in {} are up to date with {}", request.output(), request.migrations());
      return;
    }
    long started = System.nanoTime();
    Fingerprint.forget(request.output());
    int migrations = generate(request);
    fingerprint.store(request.output());
    LOG.info(
        "generated jOOQ classes for {} migration(s) into {} in {} ms",
        migrations,
        request.packageDirectory(),
        (System.nanoTime() - started) / 1_000_000);
  }

  static boolean isCurrent(CodegenRequest request, Fingerprint fingerprint) {
    return Fingerprint.stored(request.output()).filter(fingerprint::equals).isPresent()
        && containsJavaSources(request.packageDirectory());
  }

  /** Migrates a fresh embedded PostgreSQL and generates from it; returns the migrations applied. */
  private static int generate(CodegenRequest request) {
    try (LocalPostgres server = LocalPostgres.start(PostgresSettings.ephemeral())) {
      server.createDatabaseIfAbsent(DATABASE);
      DataSource dataSource = server.dataSource(DATABASE);
      int applied = migrate(dataSource, request.migrations());
      try (Connection connection = dataSource.getConnection()) {
        LOG.info(
            "generating from PostgreSQL {} migrated by {} migration(s) from {}",
            connection.getMetaData().getDatabaseProductVersion(),
            applied,
            request.migrations());
        GenerationTool generator = new GenerationTool();
        generator.setConnection(connection);
        generator.run(configuration(request));
      } catch (SQLException e) {
        throw new CodegenException(
            "embedded PostgreSQL failed during generation: " + e.getMessage(), e);
      } catch (Exception e) {
        throw new CodegenException(
            "jOOQ could not generate "
                + request.packageName()
                + " into "
                + request.output()
                + ": "
                + e,
            e);
      }
      return applied;
    }
  }

  private static int migrate(DataSource dataSource, Path migrations) {
    MigrateResult result =
        Flyway.configure(JooqCodegen.class.getClassLoader())
            .dataSource(dataSource)
            .locations("filesystem:" + migrations)
            .failOnMissingLocations(true)
            .validateMigrationNaming(true)
            .load()
            .migrate();
    if (result.migrationsExecuted == 0) {
      throw new CodegenException(
          "no Flyway migrations (V<version>__<description>.sql) in " + migrations);
    }
    return result.migrationsExecuted;
  }

  static Configuration configuration(CodegenRequest request) {
    return new Configuration()
        .withLogging(Logging.WARN)
        .withOnError(OnError.FAIL)
        .withGenerator(
            new Generator()
                .withName(JavaGenerator.class.getName())
                .withDatabase(
                    new Database()
                        .withName(PostgresDatabase.class.getName())
                        .withInputSchema(SCHEMA)
                        // Unqualified SQL: the tables are found through the search_path, in
                        // whichever schema Flyway migrated at run time.
                        .withOutputSchemaToDefault(true)
                        .withIncludes(".*")
                        .withExcludes(FLYWAY_HISTORY_TABLE)
                        .withForcedTypes(
                            new ForcedType()
                                .withName("INSTANT")
                                .withIncludeTypes(
                                    "(?i:timestamp\\s+with\\s+time\\s+zone|timestamptz)")))
                .withGenerate(
                    new Generate()
                        .withJavaTimeTypes(true)
                        .withRecords(true)
                        .withPojos(false)
                        .withDaos(false)
                        .withInterfaces(false)
                        .withRoutines(false)
                        .withGeneratedAnnotation(false)
                        .withComments(true)
                        .withKeys(true)
                        .withIndexes(true)
                        .withSequences(true))
                .withTarget(
                    new Target()
                        .withPackageName(request.packageName())
                        .withDirectory(request.output().toString())
                        .withEncoding("UTF-8")
                        .withClean(true)));
  }

  private static Fingerprint.Tool tool() {
    return new Fingerprint.Tool(
        classPath(),
        Fingerprint.Tool.codeOf(JooqCodegen.class, Fingerprint.class, CodegenRequest.class));
  }

  /**
   * File names of the class path this generator runs with (exec:java gives it a URLClassLoader; a
   * plain {@code java -cp} run the {@code java.class.path}).
   */
  private static List<String> classPath() {
    List<String> names = new ArrayList<>();
    if (JooqCodegen.class.getClassLoader() instanceof URLClassLoader loader) {
      for (URL url : loader.getURLs()) {
        names.add(fileName(url));
      }
    } else {
      Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
          .filter(entry -> !entry.isBlank())
          .map(entry -> String.valueOf(Path.of(entry).getFileName()))
          .forEach(names::add);
    }
    return names;
  }

  private static String fileName(URL url) {
    try {
      return String.valueOf(Path.of(url.toURI()).getFileName());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return url.toString();
    }
  }

  private static boolean containsJavaSources(Path directory) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(file -> file.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** The generator could not produce the classes; the message names the step and the input. */
  static final class CodegenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CodegenException(String message) {
      super(message);
    }

    CodegenException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
