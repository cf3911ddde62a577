package io.naap.buildtools.jooq;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to generate.
 *
 * @param migrations folder of Flyway SQL migrations on the file system
 * @param output source root to write the generated classes (and the fingerprint) into
 * @param packageName Java package of the generated classes
 */
record CodegenRequest(Path migrations, Path output, String packageName) {
  static final String USAGE =
      "usage: JooqCodegen <migrations-folder> <output-folder> <package> (e.g."
          + " src/main/resources/db/migration target/generated-sources/jooq"
          + " io.naap.storage.generated)";

  private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  CodegenRequest {
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(packageName, "packageName");
    migrations = migrations.toAbsolutePath().normalize();
    output = output.toAbsolutePath().normalize();
    if (!PACKAGE.matcher(packageName).matches()) {
      throw new IllegalArgumentException(
          "not a lower-case Java package name: '" + packageName + "'; " + USAGE);
    }
    if (output.startsWith(migrations)) {
      throw new IllegalArgumentException(
          "the output folder "
              + output
              + " must not lie inside the migrations folder "
              + migrations);
    }
  }

  /**
   * Reads {@code <migrations-folder> <output-folder> <package>}; the migrations folder must exist.
   */
  static CodegenRequest parse(String... args) {
    if (args.length != 3) {
      throw new IllegalArgumentException("expected 3 arguments, got " + args.length + "; " + USAGE);
    }
    Path migrations = Path.of(args[0]);
    if (!Files.isDirectory(migrations)) {
      throw new IllegalArgumentException(
          "migrations folder " + migrations.toAbsolutePath() + " does not exist; " + USAGE);
    }
    return new CodegenRequest(migrations, Path.of(args[1]), args[2]);
  }

  /** The folder jOOQ writes the classes of {@link #packageName()} into. */
  Path packageDirectory() {
    return output.resolve(packageName.replace('.', '/'));
  }
}
