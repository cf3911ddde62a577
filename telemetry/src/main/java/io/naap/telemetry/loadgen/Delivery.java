package io.naap.telemetry.loadgen;

/**
 * What became of delivered events, as the ingestion pipeline accounts for them.
 *
 * @param accepted new events stored
 * @param duplicate events whose id was stored already
 * @param quarantined records rejected with a reason (none, for a correct generator)
 */
public record Delivery(long accepted, long duplicate, long quarantined) {
  public Delivery {
    if (accepted < 0 || duplicate < 0 || quarantined < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }
}
