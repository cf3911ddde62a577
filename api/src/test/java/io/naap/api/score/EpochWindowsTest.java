package io.naap.api.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochWindowsTest {
  // epoch 10 covers [09:00, 10:00): epoch n covers [(n - 1):00, n:00)
  private static final EpochWindows HOURLY =
      new EpochWindows(10, Instant.parse("2026-01-01T09:00:00Z"), Duration.ofHours(1));

  @Test
  void theFirstEpochOfARangeIsTheOneHoldingItsStart() {
    assertThat(HOURLY.firstEndingAfter(at("09:00:00"))).isEqualTo(10);
    assertThat(HOURLY.firstEndingAfter(at("09:59:59.999999999"))).isEqualTo(10);
    assertThat(HOURLY.firstEndingAfter(at("10:00:00"))).isEqualTo(11);
    assertThat(HOURLY.firstEndingAfter(at("08:59:59"))).isEqualTo(9);
    assertThat(HOURLY.firstEndingAfter(at("00:30:00"))).isEqualTo(1);
  }

  @Test
  void theLastEpochOfARangeIsTheLastStartingBeforeItsEnd() {
    assertThat(HOURLY.lastStartingBefore(at("10:00:00"))).isEqualTo(10);
    assertThat(HOURLY.lastStartingBefore(at("10:00:00.000000001"))).isEqualTo(11);
    assertThat(HOURLY.lastStartingBefore(at("09:00:00"))).isEqualTo(9);
    assertThat(HOURLY.lastStartingBefore(at("09:00:01"))).isEqualTo(10);
    assertThat(HOURLY.lastStartingBefore(at("23:30:00"))).isEqualTo(24);
  }

  @Test
  void nothingComesBeforeTheFirstEpoch() {
    Instant longBefore = Instant.parse("2025-06-01T00:00:00Z");
    assertThat(HOURLY.firstEndingAfter(longBefore)).isEqualTo(1);
    assertThat(HOURLY.lastStartingBefore(longBefore)).isZero();
    assertThat(HOURLY.lastStartingBefore(at("00:00:00"))).isZero();
    assertThat(HOURLY.lastStartingBefore(at("00:00:01"))).isEqualTo(1);
  }

  @Test
  void anEpochLastsMoreThanNothing() {
    assertThatThrownBy(() -> new EpochWindows(1, at("00:00:00"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Instant at(String time) {
    return Instant.parse("2026-01-01T" + time + "Z");
  }
}
