package io.naap.telemetry.ingest;

import java.util.Objects;

/**
 * Why one record of an input was quarantined.
 *
 * @param index the record's position in the input, from 0
 * @param reason the machine-readable reason code
 * @param detail for a person: the field and what is wrong with it
 */
public record QuarantineNotice(long index, String reason, String detail) {
  public QuarantineNotice {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
  }
}
