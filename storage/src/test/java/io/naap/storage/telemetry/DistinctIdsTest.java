package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The check that lets a batch of already deduplicated events skip hashing every id. */
class DistinctIdsTest {
  @Test
  void findsRandomIdsDistinct() {
    assertThat(TelemetryStore.distinctIds(events(5_000, 11, false))).isTrue();
  }

  @Test
  void findsAnIdRepeatedAnywhere() {
    List<TelemetryEventRow> events = events(5_000, 12, false);
    events.add(TelemetryRows.event(events.get(1_234).id(), "test"));
    assertThat(TelemetryStore.distinctIds(events)).isFalse();
  }

  @Test
  void tellsIdsThatShareOnlyTheirHighHalfApart() {
    // equal high halves send the check to the whole ids: different low halves are distinct ids
    List<TelemetryEventRow> events = events(3_000, 13, true);
    assertThat(TelemetryStore.distinctIds(events)).isTrue();
    events.add(TelemetryRows.event(events.get(2_999).id(), "test"));
    assertThat(TelemetryStore.distinctIds(events)).isFalse();
  }

  @Test
  void findsAnEmptyOrSingleBatchDistinct() {
    assertThat(TelemetryStore.distinctIds(List.of())).isTrue();
    assertThat(TelemetryStore.distinctIds(List.of(TelemetryRows.event(TelemetryRows.id(1), "t"))))
        .isTrue();
  }

  private static List<TelemetryEventRow> events(int count, long seed, boolean sharedHighHalves) {
    SplittableRandom random = new SplittableRandom(seed);
    List<TelemetryEventRow> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long high = sharedHighHalves && i % 2 == 0 ? 42 : random.nextLong();
      events.add(TelemetryRows.event(new UUID(high, random.nextLong()), "test"));
    }
    return events;
  }
}
