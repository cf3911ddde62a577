package io.naap.storage;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * For benchmarks: what each SQL statement has cost the server so far, from the {@code
 * pg_stat_statements} extension (which the server must preload: {@code shared_preload_libraries}).
 * Top-level statements of the connected database only: what a trigger runs (a foreign key's check)
 * is part of the statement that fired it.
 */
public final class StatementStatistics {
  private StatementStatistics() {}

  /**
   * One statement's totals.
   *
   * @param millis the server's wall time executing it (waiting for a core included; parsing,
   *     planning and commits not)
   * @param walPageImages full-page images it wrote into the write-ahead log
   */
  public record Statement(
      String query, long calls, double millis, long rows, long walBytes, long walPageImages) {
    public Statement {
      Objects.requireNonNull(query, "query");
    }

    /** What this statement cost since {@code earlier}, a total of the same statement. */
    public Statement minus(Statement earlier) {
      return new Statement(
          query,
          calls - earlier.calls,
          millis - earlier.millis,
          rows - earlier.rows,
          walBytes - earlier.walBytes,
          walPageImages - earlier.walPageImages);
    }

    public Statement plus(Statement other) {
      return new Statement(
          query,
          calls + other.calls,
          millis + other.millis,
          rows + other.rows,
          walBytes + other.walBytes,
          walPageImages + other.walPageImages);
    }
  }

  private static final String TOTALS =
      "select queryid, calls, total_exec_time, rows, wal_bytes, wal_fpi, query"
          + " from pg_stat_statements"
          + " where dbid = (select oid from pg_database where datname = current_database())"
          + " and toplevel and queryid is not null";

  /**
   * Creates the extension's view in the database.
   *
   * @throws StorageException when the server has not preloaded the extension, or fails
   */
  public static void install(Database database) {
    try {
      database.dsl().execute("create extension if not exists pg_stat_statements");
    } catch (DataAccessException e) {
      throw new StorageException("cannot install pg_stat_statements: " + e.getMessage(), e);
    }
  }

  /**
   * Every statement's totals so far, by the extension's query id.
   *
   * @throws StorageException when the extension is not installed, or the database fails
   */
  public static Map<Long, Statement> totals(Database database) {
    Map<Long, Statement> statements = new HashMap<>();
    try {
      for (Record row : database.dsl().fetch(TOTALS)) {
        // one row per user running the statement: summed
        statements.merge(
            row.get(0, Long.class),
            new Statement(
                row.get(6, String.class),
                row.get(1, Long.class),
                row.get(2, Double.class),
                row.get(3, Long.class),
                row.get(4, BigDecimal.class).longValueExact(),
                row.get(5, Long.class)),
            Statement::plus);
      }
    } catch (DataAccessException e) {
      throw new StorageException("cannot read pg_stat_statements: " + e.getMessage(), e);
    }
    return statements;
  }
}
