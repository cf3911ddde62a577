package io.naap.telemetry.decode;

import java.util.Objects;

/**
 * A record that decoded, but whose id an earlier record of the same input already had (the producer
 * retries). Only the first decoded record of an id counts as decoded.
 *
 * @param id the event id, canonical lower-case
 * @param firstIndex the position in the input (0-based, counting every record) of the record that
 *     was decoded first with this id
 */
public record Duplicate(String id, long firstIndex) implements RecordOutcome {

  public Duplicate {
    Objects.requireNonNull(id, "id");
    if (firstIndex < 0) {
      throw new IllegalArgumentException("firstIndex must be >= 0: " + firstIndex);
    }
  }
}
