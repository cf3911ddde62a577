package io.naap.telemetry.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CapabilityPriceTest {

  @Test
  void dividesThePriceByThePixelsItIsFor() {
    CapabilityPrice price =
        new CapabilityPrice(
            OptionalInt.of(35), Optional.empty(), Optional.of(Wei.of(1000)), OptionalLong.of(3));
    assertThat(price.weiPerPixel().orElseThrow().toPlainString())
        .isEqualTo("333.3333333333333333333333333333333");
  }

  @Test
  void hasNoPricePerPixelForZeroPixelsOrAnUnknownPart() {
    assertThat(
            new CapabilityPrice(
                    OptionalInt.empty(),
                    Optional.empty(),
                    Optional.of(Wei.of(1000)),
                    OptionalLong.of(0))
                .weiPerPixel())
        .isEmpty();
    assertThat(
            new CapabilityPrice(
                    OptionalInt.empty(), Optional.empty(), Optional.empty(), OptionalLong.of(1))
                .weiPerPixel())
        .isEmpty();
  }
}
