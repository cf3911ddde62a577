package io.naap.telemetry.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WeiTest {

  @Test
  void holdsEveryAmountOfAUint256() {
    BigInteger largest = Wei.LIMIT.subtract(BigInteger.ONE);
    assertThat(new Wei(largest).value().bitLength()).isEqualTo(256);
    assertThat(Wei.ZERO).isEqualTo(Wei.of(0));
  }

  @Test
  void rejectsNegativeAmountsAndAmountsBeyondAUint256() {
    assertThatThrownBy(() -> Wei.of(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Wei(Wei.LIMIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0, 2^256)");
  }

  @Test
  void ordersByAmount() {
    assertThat(Wei.of(2)).isGreaterThan(Wei.of(1));
    assertThat(Wei.of(2402400000000000L)).hasToString("2402400000000000 wei");
  }
}
