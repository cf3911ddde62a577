package io.naap.storage.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Events as {@code COPY} rows, one per event with its payload: the layout of {@code
 * telemetry_event} before V6 stored events in blocks, which the benchmark baselines ({@link
 * RawCopyBaseline}) still measure.
 */
final class EventCopy {
  /** An event row's columns, in the order {@link #write} writes them. */
  static final String COLUMNS =
      "id, family, subtype, occurred_at, received_at, gateway, stream_id, request_id,"
          + " orchestrator, source, payload";

  /** Column definitions for a table of the same shape without constraints (the raw baseline). */
  static final String COLUMN_DEFINITIONS =
      "id uuid, family text, subtype text, occurred_at timestamptz, received_at timestamptz,"
          + " gateway text, stream_id text, request_id text, orchestrator bytea, source text,"
          + " payload text";

  private static final int FIELDS = 11;

  private EventCopy() {}

  /** Copies {@code events} into {@code table} (which has {@link #COLUMNS}); returns the rows. */
  static long copy(Connection connection, String table, List<TelemetryEventRow> events)
      throws SQLException {
    return BinaryCopy.copy(
        connection,
        "copy " + table + " (" + COLUMNS + ") from stdin (format binary)",
        events,
        EventCopy::write);
  }

  private static void write(BinaryCopy copy, TelemetryEventRow event) throws SQLException {
    copy.row(FIELDS);
    copy.uuid(event.id());
    copy.text(event.family());
    copy.text(event.subtype());
    copy.timestamp(event.occurredAt());
    copy.timestamp(event.receivedAt());
    copy.text(event.gateway());
    copy.text(event.streamId());
    copy.text(event.requestId());
    if (event.orchestrator().isPresent()) {
      copy.bytes(event.orchestrator().get().bytes());
    } else {
      copy.nullValue();
    }
    copy.text(event.source());
    copy.text(event.payload());
  }
}
