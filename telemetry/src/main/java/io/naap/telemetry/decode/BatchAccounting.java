package io.naap.telemetry.decode;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts the records of one input and marks the duplicates within it: a decoded record whose id an
 * earlier decoded record of the same input had. Quarantined records do not claim their id (a broken
 * copy must not hide a good one that follows).
 */
final class BatchAccounting {

  private final FirstIndexById firstIndexById = new FirstIndexById();

  private final long[] quarantinedByReason = new long[QuarantineReason.values().length];
  private long received;
  private long decoded;
  private long duplicates;
  private long quarantined;

  RecordOutcome account(DecodeResult result) {
    long index = received++;
    return switch (result) {
      case Decoded decodedRecord -> {
        UUID id = decodedRecord.event().id();
        long first =
            firstIndexById.putIfAbsent(
                id.getMostSignificantBits(), id.getLeastSignificantBits(), index);
        if (first >= 0) {
          duplicates++;
          yield new Duplicate(id.toString(), first);
        }
        decoded++;
        yield decodedRecord;
      }
      case Quarantined quarantinedRecord -> {
        quarantined++;
        quarantinedByReason[quarantinedRecord.reason().ordinal()]++;
        yield quarantinedRecord;
      }
    };
  }

  long received() {
    return received;
  }

  DecodeCounts counts() {
    Map<QuarantineReason, Long> byReason = new EnumMap<>(QuarantineReason.class);
    for (QuarantineReason reason : QuarantineReason.values()) {
      if (quarantinedByReason[reason.ordinal()] > 0) {
        byReason.put(reason, quarantinedByReason[reason.ordinal()]);
      }
    }
    return new DecodeCounts(received, decoded, duplicates, quarantined, byReason);
  }
}
