package io.naap.api.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.parameters.Parameters;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EpochRangeTest {
  private final AtomicInteger latestReads = new AtomicInteger();

  @Test
  void defaultsToTheHundredEpochsEndingWithTheLatestDistributed() {
    assertThat(EpochRange.of(query(Map.of()), latest(250))).isEqualTo(new EpochRange(151, 250));
    assertThat(EpochRange.of(query(Map.of()), latest(40))).isEqualTo(new EpochRange(1, 40));
    assertThat(EpochRange.of(query(Map.of("from", "200")), latest(250)))
        .isEqualTo(new EpochRange(200, 250));
  }

  @Test
  void readsTheLatestEpochOnlyWhenToIsNotGiven() {
    assertThat(EpochRange.of(query(Map.of("to", "120")), latest(250)))
        .isEqualTo(new EpochRange(21, 120));
    assertThat(EpochRange.of(query(Map.of("from", "3", "to", "5")), latest(250)))
        .isEqualTo(new EpochRange(3, 5));
    assertThat(latestReads).hasValue(0);
  }

  @Test
  void allowsAThousandEpochsButNotOneMore() {
    assertThat(EpochRange.of(query(Map.of("from", "1", "to", "1000")), latest(1)))
        .isEqualTo(new EpochRange(1, 1000));
    ApiException tooLong =
        refused(() -> EpochRange.of(query(Map.of("from", "1", "to", "1001")), latest(1)));
    assertThat(tooLong.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(tooLong.details().get("max")).isEqualTo(1000L);
  }

  @Test
  void refusesARangeEndingBeforeItStarts() {
    ApiException backwards =
        refused(() -> EpochRange.of(query(Map.of("from", "9", "to", "8")), latest(20)));
    assertThat(backwards.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(backwards.getMessage()).isEqualTo("'to' (8) is before 'from' (9)");
    ApiException afterLatest =
        refused(() -> EpochRange.of(query(Map.of("from", "30")), latest(20)));
    assertThat(afterLatest.getMessage())
        .isEqualTo("'to' (20, the latest distributed epoch) is before 'from' (30)");
  }

  @Test
  void hasNoDefaultEndBeforeAnythingIsDistributed() {
    ApiException none = refused(() -> EpochRange.of(query(Map.of()), OptionalLong::empty));
    assertThat(none.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(none.details().get("parameter")).isEqualTo("to");
    assertThat(EpochRange.of(query(Map.of("to", "2")), OptionalLong::empty))
        .isEqualTo(new EpochRange(1, 2));
  }

  @Test
  void anEpochIsAPositiveDecimalInt64() {
    assertThat(EpochRange.epoch("epoch", "1")).isEqualTo(1);
    assertThat(EpochRange.epoch("epoch", "007")).isEqualTo(7);
    assertThat(EpochRange.epoch("epoch", " 12 ")).isEqualTo(12);
    assertThat(EpochRange.epoch("epoch", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    for (String bad :
        new String[] {
          "", "0", "-1", "+1", "1.0", "1e3", "0x10", "latest", "9223372036854775808", "1".repeat(40)
        }) {
      ApiException error = refused(() -> EpochRange.epoch("from", bad));
      assertThat(error.code()).as(bad).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(error.details().get("parameter")).as(bad).isEqualTo("from");
    }
  }

  private Supplier<OptionalLong> latest(long epoch) {
    return () -> {
      latestReads.incrementAndGet();
      return OptionalLong.of(epoch);
    };
  }

  private static Parameters query(Map<String, String> values) {
    return Parameters.createSingleValueMap("query", values);
  }

  private static ApiException refused(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }
}
