package io.naap.storage.telemetry;

import java.time.Instant;

/**
 * The audit row of one ingestion call, as table {@code telemetry_ingest_batch} holds it: every
 * record received was accepted (newly stored), a duplicate, or quarantined.
 *
 * @param source how the records reached naap
 * @param receivedAt when naap received them, truncated to microseconds
 * @param received records received; equals {@code accepted + duplicate + quarantined}
 * @param accepted events newly stored
 * @param duplicate events not stored because their id was stored already, repeated within the call,
 *     or known to the caller as seen
 * @param quarantined records quarantined
 */
public record IngestBatchRow(
    String source, Instant receivedAt, int received, int accepted, int duplicate, int quarantined) {
  public IngestBatchRow {
    ColumnRules.source(source);
    receivedAt = ColumnRules.instant(receivedAt, "receivedAt");
    if (received < 0 || accepted < 0 || duplicate < 0 || quarantined < 0) {
      throw new IllegalArgumentException(
          "batch counts must be >= 0, got " + counts(received, accepted, duplicate, quarantined));
    }
    if ((long) accepted + duplicate + quarantined != received) {
      throw new IllegalArgumentException(
          "received must equal accepted + duplicate + quarantined, got "
              + counts(received, accepted, duplicate, quarantined));
    }
  }

  private static String counts(int received, int accepted, int duplicate, int quarantined) {
    return "received "
        + received
        + ", accepted "
        + accepted
        + ", duplicate "
        + duplicate
        + ", quarantined "
        + quarantined;
  }
}
