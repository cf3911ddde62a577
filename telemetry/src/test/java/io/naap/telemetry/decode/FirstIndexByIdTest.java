package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FirstIndexByIdTest {

  @Test
  void answersLikeAMapOfFirstIndicesThroughManyGrowths() {
    FirstIndexById table = new FirstIndexById();
    Map<UUID, Long> expected = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    UUID[] pool = new UUID[60_000];
    for (int i = 0; i < pool.length; i++) {
      // ids that share their high or low half, and the all-zero id, collide on purpose
      pool[i] =
          switch (i % 4) {
            case 0 -> new UUID(random.nextLong(), random.nextLong());
            case 1 -> new UUID(42, random.nextLong());
            case 2 -> new UUID(random.nextLong(), 42);
            default -> new UUID(i / 4 % 100, 0);
          };
    }
    for (long index = 0; index < 200_000; index++) {
      UUID id = pool[random.nextInt(pool.length)];
      Long first = expected.putIfAbsent(id, index);
      long answer =
          table.putIfAbsent(id.getMostSignificantBits(), id.getLeastSignificantBits(), index);
      assertThat(answer).isEqualTo(first == null ? -1 : first);
    }
  }

  @Test
  void refusesANegativeIndex() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FirstIndexById().putIfAbsent(1, 2, -1))
        .withMessageContaining("recordIndex must be >= 0");
  }
}
