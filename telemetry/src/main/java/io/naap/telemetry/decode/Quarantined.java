package io.naap.telemetry.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * A record that breaks a rule of the format, kept for inspection rather than dropped.
 *
 * @param reason the one rule it breaks
 * @param detail for a person: the field and what is wrong with it, e.g. {@code
 *     data.inference_status.fps: "NaN" is not a finite number}
 * @param eventId the record's event id (canonical lower-case UUID) when one could be read
 * @param rawText the record as received (Kafka wrapper included), decoded as UTF-8 and cut to the
 *     configured number of bytes
 */
public record Quarantined(
    QuarantineReason reason, String detail, Optional<String> eventId, String rawText)
    implements DecodeResult, RecordOutcome {

  public Quarantined {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(rawText, "rawText");
    if (detail.isBlank()) {
      throw new IllegalArgumentException("a quarantined record needs a detail");
    }
  }
}
