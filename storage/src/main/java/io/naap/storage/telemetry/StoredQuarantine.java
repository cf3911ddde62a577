package io.naap.storage.telemetry;

import java.util.Objects;

/**
 * A stored quarantine row and its id.
 *
 * @param id insertion order, unique
 * @param row the record and why it was rejected
 */
public record StoredQuarantine(long id, QuarantineRow row) {
  public StoredQuarantine {
    Objects.requireNonNull(row, "row");
  }

  /** The cursor that pages on past this row (to older ones). */
  public QuarantineCursor cursor() {
    return new QuarantineCursor(row.receivedAt(), id);
  }
}
