package io.naap.telemetry.decode;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts the records of one input and marks the duplicates within it: a decoded record whose id an
 * earlier decoded record of the same input had. Quarantined records do not claim their id (a broken
 * copy must not hide a good one that follows).
 */
final class BatchAccounting {

  /** Keyed by {@link UUID} rather than the id's text: about half the memory per id. */
  private final Map<UUID, Long> firstIndexById = new HashMap<>();

  private final long[] quarantinedByReason = new long[QuarantineReason.values().length];
  private long received;
  private long decoded;
  private long duplicates;
  private long quarantined;

  RecordOutcome account(DecodeResult result) {
    long index = received++;
    return switch (result) {
      case Decoded decodedRecord -> {
        String id = decodedRecord.event().id();
        Long first = firstIndexById.putIfAbsent(UUID.fromString(id), index);
        if (first != null) {
          duplicates++;
          yield new Duplicate(id, first);
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
