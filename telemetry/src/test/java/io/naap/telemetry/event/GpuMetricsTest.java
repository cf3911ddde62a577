package io.naap.telemetry.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.storage.telemetry.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GpuMetricsTest {

  private static final EventHeader HEADER =
      new EventHeader(
          UUID.fromString("00000000-0000-4000-8000-000000000001"),
          "gpu_metrics",
          Instant.ofEpochMilli(1767908945298L),
          Optional.empty(),
          Optional.empty(),
          JsonText.of("{}"));

  private static final OrchestratorInfo ORCHESTRATOR =
      new OrchestratorInfo(
          Optional.of(EthAddress.parse("0x52cf2968b3dc6016778742d3539449a6597d5954")),
          Optional.empty());

  @Test
  void efficiencyIsAchievedOverPeak() {
    assertThat(metrics(41.2, 82.6).efficiency()).isEqualTo(41.2 / 82.6);
    assertThat(metrics(0, 82.6).efficiency()).isZero();
    assertThat(metrics(82.6, 82.6).efficiency()).isEqualTo(1.0);
  }

  @Test
  void efficiencyIsClampedToOneWithinTheMeasurementTolerance() {
    assertThat(metrics(86.0, 82.6).efficiency()).isEqualTo(1.0);
  }

  @Test
  void rejectsThroughputsOutsideTheirRanges() {
    assertThatThrownBy(() -> metrics(-0.1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics(10.6, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics(Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics(1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void needsTheOrchestratorsAddress() {
    assertThatThrownBy(
            () ->
                new GpuMetrics(
                    HEADER,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    OrchestratorInfo.UNKNOWN,
                    Optional.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    1,
                    2,
                    OptionalDouble.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orchestrator");
  }

  @Test
  void rejectsAnEmptyWindowAndAUtilisationOutsideZeroToOneHundred() {
    assertThatThrownBy(() -> metrics(Optional.of(Duration.ZERO), OptionalDouble.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> metrics(Optional.empty(), OptionalDouble.of(100.1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(metrics(Optional.of(Duration.ofMillis(1)), OptionalDouble.of(100)).window())
        .hasValue(Duration.ofMillis(1));
  }

  private static GpuMetrics metrics(double achieved, double peak) {
    return new GpuMetrics(
        HEADER,
        Optional.of("s"),
        Optional.empty(),
        Optional.empty(),
        ORCHESTRATOR,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        achieved,
        peak,
        OptionalDouble.empty());
  }

  private static GpuMetrics metrics(Optional<Duration> window, OptionalDouble utilization) {
    return new GpuMetrics(
        HEADER,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ORCHESTRATOR,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        window,
        1,
        2,
        utilization);
  }
}
