package io.naap.storage.telemetry;

import java.time.Instant;

/**
 * A position in the newest-first order of quarantine rows, {@code (receivedAt, id)} descending: the
 * last row of a page, from {@link StoredQuarantine#cursor()}. The id breaks ties between rows
 * received in the same microsecond, so paging never skips or repeats a row.
 */
public record QuarantineCursor(Instant receivedAt, long id) {
  public QuarantineCursor {
    receivedAt = ColumnRules.instant(receivedAt, "receivedAt");
  }
}
