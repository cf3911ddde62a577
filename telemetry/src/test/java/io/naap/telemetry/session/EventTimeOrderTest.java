package io.naap.telemetry.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.telemetry.JsonText;
import io.naap.telemetry.event.EventHeader;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.OtherEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events apply by event time (milliseconds); events of one millisecond keep their input order. */
class EventTimeOrderTest {

  @Test
  void sortsByMillisecondAndKeepsInputOrderWithinOne() {
    SplittableRandom random = new SplittableRandom(5);
    List<GatewayEvent> events = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      // few distinct milliseconds, sub-millisecond parts that must not reorder them
      long millis = 1_767_908_945_000L + random.nextInt(50);
      events.add(event(i, Instant.ofEpochMilli(millis).plusNanos(random.nextInt(999_999))));
    }
    assertThat(SessionEngine.inEventTimeOrder(events)).isEqualTo(stableByMillis(events));
  }

  @Test
  void keepsInputAlreadyInOrderAsItIsAndStillOrdersAnInputOutOfOrderByOneEvent() {
    List<GatewayEvent> events = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      // ties of one millisecond, some with sub-millisecond parts out of order: already in order
      events.add(event(i, Instant.ofEpochMilli(1_767_908_945_000L + i / 3).plusNanos(999 - i)));
    }
    assertThat(SessionEngine.inEventTimeOrder(events)).isEqualTo(events);

    events.add(event(1_000, Instant.ofEpochMilli(1_767_908_945_100L)));
    assertThat(SessionEngine.inEventTimeOrder(events)).isEqualTo(stableByMillis(events));
    assertThat(SessionEngine.inEventTimeOrder(events)).isNotEqualTo(events);
  }

  @Test
  void timesBeyondThePackedRangeTakeTheSameOrder() {
    List<GatewayEvent> events =
        List.of(
            event(0, Instant.parse("2300-01-01T00:00:00Z")),
            event(1, Instant.parse("1969-12-31T23:59:59Z")),
            event(2, Instant.parse("2026-01-08T00:00:00Z")),
            event(3, Instant.parse("1969-12-31T23:59:59Z")));
    assertThat(SessionEngine.inEventTimeOrder(events))
        .extracting(event -> event.id().toString())
        .containsExactly(id(1), id(3), id(2), id(0));
  }

  private static List<GatewayEvent> stableByMillis(List<GatewayEvent> events) {
    List<GatewayEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(event -> event.occurredAt().toEpochMilli()));
    return sorted;
  }

  private static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  private static GatewayEvent event(int n, Instant at) {
    return new OtherEvent(
        new EventHeader(
            UUID.fromString(id(n)),
            "other_family",
            at,
            Optional.empty(),
            Optional.empty(),
            JsonText.of("{}")),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "{}");
  }
}
