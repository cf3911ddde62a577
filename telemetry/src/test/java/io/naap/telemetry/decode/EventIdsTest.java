package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void readsEveryUuidInEitherCase() {
    SplittableRandom random = new SplittableRandom(20260108);
    for (int i = 0; i < 10_000; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      assertThat(EventIds.parse(id.toString())).hasValue(id);
      assertThat(EventIds.parse(id.toString().toUpperCase(Locale.ROOT))).hasValue(id);
    }
    assertThat(EventIds.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).hasValue(new UUID(-1L, -1L));
    assertThat(EventIds.parse("00000000-0000-0000-0000-000000000000")).hasValue(new UUID(0, 0));
    assertThat(EventIds.parse("59485235-8460-472F-a894-3b84f37ee9bb"))
        .map(UUID::toString)
        .hasValue("59485235-8460-472f-a894-3b84f37ee9bb");
  }

  @Test
  void refusesAnyOtherForm() {
    String valid = "59485235-8460-472f-a894-3b84f37ee9bb";
    for (int at = 0; at < valid.length(); at++) {
      for (char c : new char[] {'g', 'G', '+', ' ', '-', 'x', '\u0660', '0'}) {
        String mutant = valid.substring(0, at) + c + valid.substring(at + 1);
        boolean dash = at == 8 || at == 13 || at == 18 || at == 23;
        boolean stillValid = dash ? c == '-' : c == '0';
        assertThat(EventIds.parse(mutant).isPresent()).as(mutant).isEqualTo(stillValid);
      }
    }
    // forms UUID.fromString accepts
    assertThat(EventIds.parse("1-2-3-4-5")).isEmpty();
    assertThat(EventIds.parse("59485235-8460-472f-a894-3b84f37ee9b")).isEmpty();
    assertThat(EventIds.parse(valid + "0")).isEmpty();
    assertThat(EventIds.parse("594852358-460-472f-a894-3b84f37ee9bb")).isEmpty();
    assertThat(EventIds.parse("")).isEmpty();
    assertThat(EventIds.parse("log-0")).isEmpty();
  }
}
