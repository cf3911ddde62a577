package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one insertion order of events: PostgreSQL's uuid order (bytes compared unsigned). */
class SortedByIdTest {
  private static final Comparator<UUID> POSTGRES_ORDER =
      Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
          .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

  @Test
  void ordersRandomIdsAsPostgresDoes() {
    assertSortedAsPostgres(ids(5_000, false));
  }

  @Test
  void ordersIdsThatShareTheirFirstBitsAsPostgresDoes() {
    // the fast path packs only the first 44 bits: ties must still come out in full order
    assertSortedAsPostgres(ids(5_000, true));
  }

  @Test
  void keepsAnEmptyOrSingleBatch() {
    assertThat(TelemetryStore.sortedById(List.<TelemetryEventRow>of(), TelemetryEventRow::id))
        .isEmpty();
    TelemetryEventRow one = TelemetryRows.event(TelemetryRows.id(9), "test");
    assertThat(TelemetryStore.sortedById(List.of(one), TelemetryEventRow::id)).containsExactly(one);
  }

  private static void assertSortedAsPostgres(List<UUID> ids) {
    List<TelemetryEventRow> events = new ArrayList<>();
    for (UUID id : ids) {
      events.add(TelemetryRows.event(id, "test"));
    }
    List<UUID> expected = new ArrayList<>(ids);
    expected.sort(POSTGRES_ORDER);
    assertThat(TelemetryStore.sortedById(events, TelemetryEventRow::id))
        .extracting(TelemetryEventRow::id)
        .containsExactlyElementsOf(expected);
  }

  private static List<UUID> ids(int count, boolean sharedPrefixes) {
    SplittableRandom random = new SplittableRandom(11);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long high = random.nextLong();
      if (sharedPrefixes && i % 3 == 0) {
        high = (high & 0xFFFFF) | 0x8000_0000_0000_0000L; // same first 44 bits, sign bit set
      }
      ids.add(new UUID(high, random.nextLong()));
    }
    return ids;
  }
}
