package io.naap.storage;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A throw-away schema in naap's database, migrated like the real one: somewhere to derive state
 * again (a replay of the raw events) without touching what is stored. {@link #close()} drops it
 * with everything in it. Needs the {@code CREATE} privilege on the database.
 */
public final class ScratchSchema implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database owner;
  private final String name;
  private final Database database;

  private ScratchSchema(Database owner, String name, Database database) {
    this.owner = owner;
    this.name = name;
    this.database = database;
  }

  /**
   * Creates a schema named {@code naap_scratch_} and 16 random hex digits beside the real one, and
   * opens a pool whose connections work in it, migrated to the current version.
   *
   * @throws StorageException when the schema cannot be created or migrated (nothing is left)
   */
  public static ScratchSchema create(Database owner) {
    Objects.requireNonNull(owner, "owner");
    DatabaseSettings settings = owner.settings();
    byte[] suffix = new byte[8];
    RANDOM.nextBytes(suffix);
    String name = "naap_scratch_" + HexFormat.of().formatHex(suffix);
    try {
      owner.dsl().execute("create schema " + name);
    } catch (org.jooq.exception.DataAccessException e) {
      throw new StorageException(
          "cannot create a scratch schema in "
              + settings.jdbcUrl()
              + " (the role needs the CREATE privilege on the database): "
              + e.getMessage(),
          e);
    }
    String url = settings.jdbcUrl();
    DatabaseSettings scratch =
        new DatabaseSettings(
            url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name,
            settings.user(),
            settings.password(),
            2,
            settings.connectionTimeout());
    Database database = null;
    try {
      database = Database.connect(scratch);
      database.migrate();
      return new ScratchSchema(owner, name, database);
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      }
      drop(owner, name);
      throw e;
    }
  }

  /** The schema's name. */
  public String name() {
    return name;
  }

  /** A pool working in the schema. */
  public Database database() {
    return database;
  }

  /** Closes the pool and drops the schema. */
  @Override
  public void close() {
    database.close();
    drop(owner, name);
  }

  private static void drop(Database owner, String name) {
    try {
      owner.dsl().execute("drop schema if exists " + name + " cascade");
    } catch (org.jooq.exception.DataAccessException e) {
      throw new StorageException(
          "cannot drop the scratch schema " + name + ": " + e.getMessage(), e);
    }
  }
}
