package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecoderSettingsTest {

  @Test
  void defaultsToOneMebibyteRecordsAndEightKibibytesOfRawText() {
    DecoderSettings defaults = DecoderSettings.defaults();
    assertThat(defaults.maxRecordBytes()).isEqualTo(1 << 20);
    assertThat(defaults.maxStringLength()).isEqualTo(64 * 1024);
    assertThat(defaults.maxNestingDepth()).isEqualTo(64);
    assertThat(defaults.maxRawTextBytes()).isEqualTo(8 * 1024);
  }

  @Test
  void refusesABoundOutOfRangeNamingTheSettingAndTheFix() {
    assertThatThrownBy(() -> new DecoderSettings(100, 256, 16, 256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "decoder setting maxRecordBytes is 100: set it between 1024 and 67108864 (default"
                + " 1048576)");
    assertThatThrownBy(() -> new DecoderSettings(4096, 8192, 16, 256))
        .hasMessageStartingWith("decoder setting maxStringLength is 8192");
    assertThatThrownBy(() -> new DecoderSettings(4096, 1024, 5000, 256))
        .hasMessageStartingWith("decoder setting maxNestingDepth is 5000");
    assertThatThrownBy(() -> new DecoderSettings(4096, 1024, 16, 10))
        .hasMessageStartingWith("decoder setting maxRawTextBytes is 10");
  }
}
