package io.naap.storage.telemetry;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * For benchmarks only: the {@code COPY} rates of telemetry events that {@link
 * TelemetryStore#ingest} is measured against. Both send the rows exactly as {@code ingest} does
 * (same binary encoding, same connection pool, one transaction a call).
 *
 * <ul>
 *   <li>{@link #copy}: into a temporary table with the columns of {@code telemetry_event} before V6
 *       and nothing else (no index, no constraint, no write-ahead log), dropped at commit: the
 *       fastest the server takes these rows at all;
 *   <li>{@link #copyIntoTable}: into an ordinary table with one row per event, as {@code
 *       telemetry_event} was until migration V6 (primary key, BRIN index on {@code occurred_at},
 *       the length checks, all write-ahead logged), which keeps the rows and grows from call to
 *       call as an events table does: what storing the events as rows costs the server alone,
 *       without deduplication, sessions or KPIs. {@link #close} drops it.
 * </ul>
 *
 * <p>The store itself has written events in compressed blocks since V6 (see {@link EventBlock}):
 * both baselines measure the same events as plain rows, the layout the blocks replaced.
 */
public final class RawCopyBaseline implements AutoCloseable {
  private static final String TEMPORARY_TABLE = "telemetry_event_raw_copy";
  private static final String TABLE = "telemetry_event_table_copy";

  private final DSLContext dsl;

  public RawCopyBaseline(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * Copies the events into a temporary table in one transaction and discards them; returns the rows
   * the server copied.
   */
  public long copy(List<TelemetryEventRow> events) {
    return copy(
        events,
        "temporary",
        "create temporary table "
            + TEMPORARY_TABLE
            + " ("
            + EventCopy.COLUMN_DEFINITIONS
            + ") on commit drop",
        TEMPORARY_TABLE);
  }

  /**
   * Copies the events into a logged table with one row per event (the events table before V6),
   * created by the first call and kept; returns the rows the server copied. Ids must be new to that
   * table (as the pipeline's are to the store): a repeated one fails on its primary key.
   */
  public long copyIntoTable(List<TelemetryEventRow> events) {
    return copy(events, "table", CREATE_TABLE, TABLE);
  }

  /** {@code telemetry_event} as V2 to V5 left it. */
  private static final String CREATE_TABLE =
      "create table if not exists "
          + TABLE
          + " (id uuid primary key,"
          + " family text not null check (char_length(family) between 1 and 256),"
          + " subtype text check (char_length(subtype) between 1 and 256),"
          + " occurred_at timestamptz not null, received_at timestamptz not null,"
          + " gateway text check (char_length(gateway) between 1 and 256),"
          + " stream_id text check (char_length(stream_id) between 1 and 256),"
          + " request_id text check (char_length(request_id) between 1 and 256),"
          + " orchestrator bytea check (octet_length(orchestrator) = 20),"
          + " source text not null, payload text not null)"
          // a bench's own table: its vacuum would run during the next timed phase and be billed
          // to it
          + " with (autovacuum_enabled = false);"
          + " create index if not exists "
          + TABLE
          + "_occurred_brin on "
          + TABLE
          + " using brin (occurred_at)";

  /** Drops the table of {@link #copyIntoTable}, if it was created. */
  @Override
  public void close() {
    try {
      dsl.execute("drop table if exists " + TABLE);
    } catch (DataAccessException e) {
      throw new StorageException("cannot drop the baseline table " + TABLE, e);
    }
  }

  private long copy(List<TelemetryEventRow> events, String baseline, String create, String table) {
    List<TelemetryEventRow> rows = List.copyOf(Objects.requireNonNull(events, "events"));
    try {
      return dsl.transactionResult(
          transaction ->
              transaction
                  .dsl()
                  .connectionResult(
                      connection -> {
                        try (Statement statement = connection.createStatement()) {
                          statement.execute(create);
                          return EventCopy.copy(connection, table, rows);
                        }
                      }));
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot copy " + rows.size() + " telemetry events (" + baseline + " baseline)", e);
    }
  }
}
