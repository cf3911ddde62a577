package io.naap.storage.telemetry;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one {@link TelemetryStore#ingest} call stored.
 *
 * @param batchId the id of the call's {@code telemetry_ingest_batch} row
 * @param batch the call's audit row, with the counts as stored
 * @param inserted the ids of the events this call stored; every other event of the call was a
 *     duplicate. Held as an unmodifiable view, not copied (a batch has thousands): the caller hands
 *     over a set it no longer changes
 */
public record IngestResult(long batchId, IngestBatchRow batch, Set<UUID> inserted) {
  public IngestResult {
    Objects.requireNonNull(batch, "batch");
    inserted = Collections.unmodifiableSet(Objects.requireNonNull(inserted, "inserted"));
    if (inserted.size() != batch.accepted()) {
      throw new IllegalArgumentException(
          "inserted " + inserted.size() + " ids but the batch accepted " + batch.accepted());
    }
  }
}
