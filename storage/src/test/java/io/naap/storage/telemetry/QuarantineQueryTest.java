package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuarantineQueryTest {
  private static final Instant FROM = Instant.parse("2026-01-08T00:00:00Z");
  private static final Instant UNTIL = Instant.parse("2026-01-09T00:00:00Z");

  @Test
  void narrowsStepByStep() {
    QuarantineCursor cursor = new QuarantineCursor(FROM.plusSeconds(5), 42);

    QuarantineQuery query =
        QuarantineQuery.newest(50)
            .withReceivedBetween(FROM, UNTIL)
            .withReason("invalid_json")
            .withSource("kafka")
            .startingAfter(cursor);

    assertThat(query)
        .isEqualTo(
            new QuarantineQuery(
                Optional.of(FROM),
                Optional.of(UNTIL),
                Optional.of("invalid_json"),
                Optional.of("kafka"),
                Optional.of(cursor),
                50));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, QuarantineQuery.MAX_LIMIT + 1})
  void rejectsLimitsOutsideOneToOneThousand(int limit) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> QuarantineQuery.newest(limit))
        .withMessage("limit must be between 1 and 1000, got " + limit);
  }

  @Test
  void rejectsARangeThatEndsBeforeItStarts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> QuarantineQuery.newest(10).withReceivedBetween(UNTIL, FROM))
        .withMessageContaining("must not be before from");
    assertThat(QuarantineQuery.newest(10).withReceivedBetween(FROM, FROM).from()).contains(FROM);
  }

  @Test
  void validatesReasonAndSource() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> QuarantineQuery.newest(10).withReason("Bad Reason"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> QuarantineQuery.newest(10).withSource("KAFKA"));
  }

  @Test
  void aStoredRowGivesTheCursorAfterIt() {
    QuarantineRow row = TelemetryRows.quarantined("http", "x", FROM);
    assertThat(new StoredQuarantine(7, row).cursor()).isEqualTo(new QuarantineCursor(FROM, 7));
  }
}
