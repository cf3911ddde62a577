package io.naap.storage.telemetry;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * For benchmarks only: the raw {@code COPY} rates of telemetry events, the baselines that {@link
 * TelemetryStore#ingest} is measured against. Both send the rows exactly as {@code ingest} does
 * (same binary encoding, same connection pool) into a table with {@code telemetry_event}'s columns
 * and nothing else (no index, no constraint, no deduplication) that is dropped at commit; they
 * store nothing.
 *
 * <ul>
 *   <li>{@link #copy}: into a temporary table, so no write-ahead log either: the fastest the server
 *       takes these rows at all;
 *   <li>{@link #copyDurably}: into an ordinary (logged) table created in the transaction, so the
 *       server also writes and flushes the WAL of every row, as it must for stored events.
 * </ul>
 */
public final class RawCopyBaseline {
  private static final String TABLE = "telemetry_event_raw_copy";

  private final DSLContext dsl;

  public RawCopyBaseline(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * Copies the events into a temporary table in one transaction and discards them; returns the rows
   * the server copied.
   */
  public long copy(List<TelemetryEventRow> events) {
    return copy(events, true);
  }

  /**
   * Copies the events into an ordinary, write-ahead-logged table created and dropped in one
   * transaction; returns the rows the server copied.
   */
  public long copyDurably(List<TelemetryEventRow> events) {
    return copy(events, false);
  }

  private long copy(List<TelemetryEventRow> events, boolean temporary) {
    List<TelemetryEventRow> rows = List.copyOf(Objects.requireNonNull(events, "events"));
    try {
      return dsl.transactionResult(
          transaction ->
              transaction
                  .dsl()
                  .connectionResult(
                      connection -> {
                        try (Statement statement = connection.createStatement()) {
                          statement.execute(
                              (temporary ? "create temporary table " : "create table ")
                                  + TABLE
                                  + " ("
                                  + EventCopy.COLUMN_DEFINITIONS
                                  + ")"
                                  + (temporary ? " on commit drop" : ""));
                          long copied = EventCopy.copy(connection, TABLE, rows);
                          if (!temporary) {
                            // dropped in the same transaction: the rows' WAL is written and
                            // flushed at commit all the same
                            statement.execute("drop table " + TABLE);
                          }
                          return copied;
                        }
                      }));
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot copy "
              + rows.size()
              + " telemetry events ("
              + (temporary ? "temporary" : "durable")
              + " baseline)",
          e);
    }
  }
}
