package io.naap.storage;

import java.util.Objects;

/**
 * The outcome of {@link Database#migrate()}.
 *
 * @param schemaVersion the Flyway version of the newest migration now applied, e.g. {@code "1"}
 * @param applied how many migrations this call applied (0 when the schema was already current)
 */
public record MigrationReport(String schemaVersion, int applied) {
  public MigrationReport {
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    if (schemaVersion.isBlank()) {
      throw new IllegalArgumentException("schemaVersion must not be blank");
    }
    if (applied < 0) {
      throw new IllegalArgumentException("applied must be >= 0, got " + applied);
    }
  }
}
