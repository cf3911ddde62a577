package io.naap.telemetry.decode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The accounting of one input. Always {@code received == decoded + duplicates + quarantined}: no
 * record is lost without a trace.
 *
 * @param received records in the input (blank NDJSON lines are not records)
 * @param decoded records decoded whose id had not been decoded earlier in the input
 * @param duplicates records decoded whose id had been decoded earlier in the input
 * @param quarantined records quarantined
 * @param quarantinedByReason the quarantined records per reason (reasons with none are absent)
 */
public record DecodeCounts(
    long received,
    long decoded,
    long duplicates,
    long quarantined,
    Map<QuarantineReason, Long> quarantinedByReason) {

  public DecodeCounts {
    if (decoded < 0 || duplicates < 0 || quarantined < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (received != decoded + duplicates + quarantined) {
      throw new IllegalArgumentException(
          "received ("
              + received
              + ") must equal decoded + duplicates + quarantined ("
              + decoded
              + " + "
              + duplicates
              + " + "
              + quarantined
              + ")");
    }
    Map<QuarantineReason, Long> copy = new EnumMap<>(QuarantineReason.class);
    long sum = 0;
    for (Map.Entry<QuarantineReason, Long> entry : quarantinedByReason.entrySet()) {
      if (entry.getValue() > 0) {
        copy.put(entry.getKey(), entry.getValue());
        sum += entry.getValue();
      }
    }
    if (sum != quarantined) {
      throw new IllegalArgumentException(
          "quarantined per reason adds up to " + sum + ", not " + quarantined);
    }
    quarantinedByReason = Collections.unmodifiableMap(copy);
  }
}
