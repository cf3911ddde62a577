package io.naap.storage.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one ingestion call hands to {@link TelemetryStore#ingest}: every record received from one
 * source, each either an event to store, a quarantined record, or a duplicate the caller already
 * recognised (e.g. through a cache of recent ids) and dropped. So {@link #received()} accounts for
 * every record; the store decides which events are new.
 *
 * @param source how the records reached naap, the same for every row of the batch
 * @param receivedAt when naap received them, truncated to microseconds
 * @param events the events to store, in any order; may repeat ids (the first occurrence is kept)
 * @param quarantined the rejected records
 * @param knownDuplicates records the caller dropped as already seen; not negative
 */
public record TelemetryBatch(
    String source,
    Instant receivedAt,
    List<TelemetryEventRow> events,
    List<QuarantineRow> quarantined,
    int knownDuplicates) {
  public TelemetryBatch {
    ColumnRules.source(source);
    receivedAt = ColumnRules.instant(receivedAt, "receivedAt");
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    quarantined = List.copyOf(Objects.requireNonNull(quarantined, "quarantined"));
    if (knownDuplicates < 0) {
      throw new IllegalArgumentException("knownDuplicates must be >= 0, got " + knownDuplicates);
    }
    for (TelemetryEventRow event : events) {
      if (!source.equals(event.source())) {
        throw wrongSource(source, event.source(), "event " + event.id());
      }
    }
    for (QuarantineRow row : quarantined) {
      if (!source.equals(row.source())) {
        throw wrongSource(source, row.source(), "a quarantined record");
      }
    }
    try {
      Math.addExact(Math.addExact(events.size(), quarantined.size()), knownDuplicates);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("a batch cannot hold more than 2^31 - 1 records", e);
    }
  }

  /** Every record received in the call: events, quarantined records and known duplicates. */
  public int received() {
    return events.size() + quarantined.size() + knownDuplicates;
  }

  private static IllegalArgumentException wrongSource(
      String batchSource, String rowSource, String what) {
    return new IllegalArgumentException(
        what
            + " came from source '"
            + rowSource
            + "' but the batch is from '"
            + batchSource
            + "': one batch per source");
  }
}
