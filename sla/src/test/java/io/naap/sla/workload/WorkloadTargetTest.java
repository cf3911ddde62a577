package io.naap.sla.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTargetTest {
  private static final long GIB = 1L << 30;

  @Test
  void aScoreQualifiesFromTheMinimumScoreUp() {
    WorkloadTarget target = target(6_000, 8 * GIB, Set.of());
    assertThat(target.qualifies(5_999)).isFalse();
    assertThat(target.qualifies(6_000)).isTrue();
    assertThat(target.qualifies(10_000)).isTrue();
    assertThat(target(0, 0, Set.of()).qualifies(0)).isTrue();
    assertThat(target(10_000, 0, Set.of()).qualifies(9_999)).isFalse();
  }

  @Test
  void refusesAMinimumScoreOutsideTheBasisPoints() {
    assertThatThrownBy(() -> target(-1, 0, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minScoreBps must be in [0, 10000]: -1");
    assertThatThrownBy(() -> target(10_001, 0, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minScoreBps must be in [0, 10000]: 10001");
  }

  @Test
  void aGpuFitsWithEnoughMemoryAndASupportedClass() {
    WorkloadTarget any = target(6_000, 12 * GIB, Set.of());
    assertThat(any.fits("NVIDIA GeForce RTX 4090", 24 * GIB)).isTrue();
    assertThat(any.fits("NVIDIA GeForce RTX 4090", 12 * GIB)).isTrue();
    assertThat(any.fits("NVIDIA GeForce RTX 4090", 12 * GIB - 1)).isFalse();
    assertThat(any.supports("")).isTrue();

    WorkloadTarget only4090 = target(6_000, 12 * GIB, Set.of("NVIDIA GeForce RTX 4090"));
    assertThat(only4090.fits("GeForce RTX 4090", 24 * GIB)).as("same class").isTrue();
    assertThat(only4090.fits("nvidia geforce rtx 4090", 24 * GIB)).isTrue();
    assertThat(only4090.fits("NVIDIA GeForce RTX 4090 D", 24 * GIB)).isFalse();
    assertThat(only4090.fits("NVIDIA GeForce RTX 3090", 24 * GIB)).isFalse();
    assertThat(only4090.supports("")).as("an unknown GPU is not known to be supported").isFalse();
  }

  @Test
  void refusesASupportedGpuThatNamesNone() {
    assertThatThrownBy(() -> target(6_000, 0, Set.of("NVIDIA GeForce RTX 4090", "unknown")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("supportedGpus: \"unknown\" names no GPU");
  }

  @Test
  void negativeZeroRatesAreZero() {
    WorkloadTarget target = new WorkloadTarget("m", "p", 1, 1, 1, 1, -0.0, -0.0, 0, 0, Set.of());
    assertThat(Double.doubleToRawLongBits(target.maxFailureRate())).isZero();
    assertThat(Double.doubleToRawLongBits(target.maxSwapRate())).isZero();
    assertThat(target).isEqualTo(new WorkloadTarget("m", "p", 1, 1, 1, 1, 0, 0, 0, 0, Set.of()));
  }

  @Test
  void refusesABlankModelOrPipeline() {
    assertThatThrownBy(() -> new WorkloadTarget(" ", "p", 1, 1, 1, 1, 0, 0, 0, 0, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WorkloadTarget("m", "", 1, 1, 1, 1, 0, 0, 0, 0, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static WorkloadTarget target(int minScoreBps, long vram, Set<String> gpus) {
    return new WorkloadTarget(
        "streamdiffusion-sdxl",
        "live-video-to-video",
        20,
        5_000,
        3_000,
        0.1,
        0.01,
        0.05,
        minScoreBps,
        vram,
        gpus);
  }
}
