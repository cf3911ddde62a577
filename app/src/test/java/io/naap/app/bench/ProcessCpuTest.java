package io.naap.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
  /** A proc(5) stat line; the command name holds a space and a parenthesis, as names may. */
  private static final String STAT =
      "4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 1200 300 0 0 17 5 40 2 20 0 1 0 8891 0 0";

  @Test
  void readsUserAndSystemTicksAfterTheCommandName() {
    assertThat(ProcessCpu.ticks(STAT, false)).isEqualTo(17 + 5);
  }

  @Test
  void addsTheTicksOfReapedChildrenWhenAsked() {
    assertThat(ProcessCpu.ticks(STAT, true)).isEqualTo(17 + 5 + 40 + 2);
  }

  @Test
  void measuresThisJvmAndAServerThatIsThisProcess() throws IOException {
    // this process as the "server": both sides read the same, growing, non-negative time
    ProcessCpu meter = ProcessCpu.of(ProcessHandle.current().pid()).orElseThrow();
    long[] before = meter.read();
    long spin = 0;
    for (long n = 0; n < 300_000_000L; n++) {
      spin += n ^ (spin >>> 3);
    }
    long[] after = meter.read();
    assertThat(spin).isNotZero();
    assertThat(before[0]).isNotNegative();
    assertThat(after[0]).isGreaterThan(before[0]);
    assertThat(after[1]).isGreaterThanOrEqualTo(after[0]);
  }
}
