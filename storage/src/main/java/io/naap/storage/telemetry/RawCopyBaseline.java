package io.naap.storage.telemetry;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * For benchmarks only: the raw {@code COPY} rate of telemetry events, the baseline that {@link
 * TelemetryStore#ingest} is measured against. {@link #copy} sends the rows exactly as {@code
 * ingest} does (same binary encoding, same connection pool) into a temporary table with {@code
 * telemetry_event}'s columns and nothing else: no index, no constraint, no deduplication, no
 * write-ahead log, dropped at commit. Stores nothing.
 */
public final class RawCopyBaseline {
  private static final String TABLE = "telemetry_event_raw_copy";

  private final DSLContext dsl;

  public RawCopyBaseline(Database database) {
    this.dsl = database.dsl();
  }

  /** Copies the events in one transaction and discards them; returns the rows the server copied. */
  public long copy(List<TelemetryEventRow> events) {
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
                              "create temporary table "
                                  + TABLE
                                  + " ("
                                  + EventCopy.COLUMN_DEFINITIONS
                                  + ") on commit drop");
                        }
                        return EventCopy.copy(connection, TABLE, rows);
                      }));
    } catch (DataAccessException e) {
      throw new StorageException("cannot copy " + rows.size() + " telemetry events (baseline)", e);
    }
  }
}
