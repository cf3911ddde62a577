package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Fields#decimal} reads most numbers as doubles and compares them exactly only near a bound:
 * it must agree with the exact reading everywhere, bounds included.
 */
class DecimalFieldTest {

  private static final BigDecimal MIN = BigDecimal.ZERO;
  private static final BigDecimal MAX = BigDecimal.valueOf(1000);

  private static JsonObject field(String value) {
    byte[] json = ("{\"v\": " + value + "}").getBytes(StandardCharsets.UTF_8);
    return (JsonObject) JsonTreeReader.read(json);
  }

  /** The exact reading: the decimal compared with the bounds, then its nearest double. */
  private static OptionalDouble exact(String literal, BigDecimal min, BigDecimal max) {
    BigDecimal value = new BigDecimal(literal);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      return null;
    }
    return OptionalDouble.of(value.doubleValue());
  }

  private static void assertAgrees(String literal, BigDecimal min, BigDecimal max) {
    OptionalDouble expected = exact(literal, min, max);
    for (String given : new String[] {literal, "\"" + literal + "\""}) {
      JsonObject object = field(given);
      if (expected == null) {
        assertThatThrownBy(() -> Fields.decimal(object, "v", "data", min, max))
            .as(given)
            .isInstanceOf(RecordRejected.class)
            .satisfies(
                e ->
                    assertThat(((RecordRejected) e).reason())
                        .isEqualTo(QuarantineReason.OUT_OF_RANGE));
      } else {
        assertThat(Fields.decimal(object, "v", "data", min, max)).as(given).isEqualTo(expected);
      }
    }
  }

  @Test
  void agreesWithTheExactReadingAtAndAroundTheBounds() {
    for (String literal :
        new String[] {
          "0",
          "0.0",
          "-0.0",
          "-0",
          "1000",
          "1000.0",
          "1e3",
          "1000.0000000000000000001",
          "999.99999999999999999999",
          "-0.0000000000000000000001",
          "0.0000000000000000000001",
          "1000.0000000000001",
          "1000.0000000000002",
          "999.9999999999999",
          "1E-400",
          "-1E-400",
          "1e400",
          "12.5",
          "17.298215447072742"
        }) {
      assertAgrees(literal, MIN, MAX);
    }
  }

  @Test
  void agreesWithTheExactReadingOnRandomNumbersNearAndBetweenBounds() {
    SplittableRandom random = new SplittableRandom(20260108);
    BigDecimal[][] ranges = {
      {MIN, MAX},
      {StreamEventDecoding.MAX_MEASUREMENT.negate(), StreamEventDecoding.MAX_MEASUREMENT},
      {BigDecimal.ZERO, new BigDecimal("0.1")}
    };
    for (int i = 0; i < 20_000; i++) {
      BigDecimal[] range = ranges[i % ranges.length];
      BigDecimal anchor = random.nextBoolean() ? range[0] : range[1];
      // a bound plus or minus a tiny or a large offset, with up to 25 decimals
      BigDecimal offset =
          BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), random.nextInt(0, 26));
      String literal = anchor.add(offset).toPlainString();
      assertAgrees(literal, range[0], range[1]);
    }
  }

  @Test
  void givesPositiveZeroForANegativeZero() {
    BigDecimal min = BigDecimal.valueOf(-1);
    assertThat(
            Double.doubleToRawLongBits(
                Fields.decimal(field("-0.0"), "v", "", min, MAX).orElseThrow()))
        .isZero();
  }
}
