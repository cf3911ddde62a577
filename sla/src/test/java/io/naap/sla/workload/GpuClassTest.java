package io.naap.sla.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuClassTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          NVIDIA GeForce RTX 4090            | rtx 4090
          GeForce RTX 4090                   | rtx 4090
          nvidia  geforce rtx 4090           | rtx 4090
          NVIDIA GeForce RTX 5090            | rtx 5090
          NVIDIA GeForce RTX 4090 D          | rtx 4090 d
          NVIDIA GeForce RTX 4070 Ti SUPER   | rtx 4070 ti super
          NVIDIA GeForce RTX 4070 Ti Super   | rtx 4070 ti super
          NVIDIA RTX 6000 Ada Generation     | rtx 6000 ada generation
          NVIDIA A100-SXM4-40GB              | a100 sxm4 40gb
          NVIDIA A100 80GB PCIe              | a100 80gb pcie
          NVIDIA RTX A4000                   | rtx a4000
          Tesla P4                           | p4
          Tesla T4                           | t4
          NVIDIA T4                          | t4
          AMD Radeon RX 7900 XTX             | amd radeon rx 7900 xtx
          NVIDIA H100 80GB HBM3 (tesla)      | h100 80gb hbm3 tesla
          """)
  void normalisesTheNamesDriversReport(String gpuName, String expected) {
    GpuClass gpu = GpuClass.of(gpuName);
    assertThat(gpu.name()).isEqualTo(expected);
    assertThat(gpu.isKnown()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      textBlock =
          """
          ''
          '   '
          unknown
          UNKNOWN
          NVIDIA
          NVIDIA GeForce
          '(-)'
          """)
  void aNameThatNamesNoGpuIsUnknown(String gpuName) {
    assertThat(GpuClass.of(gpuName)).isEqualTo(GpuClass.UNKNOWN);
    assertThat(GpuClass.of(gpuName).isKnown()).isFalse();
  }

  @Test
  void refusesANameThatIsNotNormalised() {
    for (String name : new String[] {"RTX 4090", "rtx  4090", " rtx 4090", "rtx-4090", ""}) {
      assertThatThrownBy(() -> new GpuClass(name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("GpuClass.of");
    }
  }

  /** A class's name is already normalised: classifying it again changes nothing. */
  @Property(tries = 2_000, seed = "20261129")
  void normalisingIsIdempotent(@ForAll String gpuName) {
    GpuClass gpu = GpuClass.of(gpuName);
    assertThat(GpuClass.of(gpu.name())).isEqualTo(gpu);
    assertThat(gpu.name()).matches("[a-z0-9]+( [a-z0-9]+)*");
  }
}
