package io.naap.telemetry.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The accounting of one ingested input: every record received is exactly one of accepted (a new
 * event, stored), duplicate (an id already stored, or seen earlier in the same input) or
 * quarantined (stored with its reason). {@code received = accepted + duplicate + quarantined}.
 *
 * @param batches the store's ingest batch ids, one per transaction (one for an HTTP body, one per
 *     chunk of a file)
 * @param quarantinedByReason how many records each reason code quarantined
 * @param notices the quarantined records with their positions, at most the caller's limit (all of
 *     them for an HTTP body)
 */
public record IngestReport(
    long received,
    long accepted,
    long duplicate,
    long quarantined,
    List<Long> batches,
    Map<String, Long> quarantinedByReason,
    List<QuarantineNotice> notices) {

  public IngestReport {
    batches = List.copyOf(Objects.requireNonNull(batches, "batches"));
    quarantinedByReason =
        Map.copyOf(Objects.requireNonNull(quarantinedByReason, "quarantinedByReason"));
    notices = List.copyOf(Objects.requireNonNull(notices, "notices"));
    if (accepted < 0
        || duplicate < 0
        || quarantined < 0
        || received != accepted + duplicate + quarantined) {
      throw new IllegalArgumentException(
          "records received ("
              + received
              + ") must be accepted ("
              + accepted
              + ") + duplicate ("
              + duplicate
              + ") + quarantined ("
              + quarantined
              + ")");
    }
    long byReason = quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    if (byReason != quarantined) {
      throw new IllegalArgumentException(
          quarantined + " records quarantined but " + byReason + " counted by reason");
    }
  }
}
