package io.naap.telemetry.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EthAddressTest {

  @Test
  void parsesAChecksummedAddressToLowerCase() {
    assertThat(EthAddress.parse("0xd00354656922168815Fcd1e51CBddB9e359e3C7F").value())
        .isEqualTo("0xd00354656922168815fcd1e51cbddb9e359e3c7f");
  }

  @Test
  void equalsWhateverTheCaseItWasParsedFrom() {
    assertThat(EthAddress.parse("0x52CF2968b3DC6016778742D3539449a6597D5954"))
        .isEqualTo(EthAddress.parse("0x52cf2968b3dc6016778742d3539449a6597d5954"));
  }

  @Test
  void rejectsTextOfAnotherShape() {
    for (String text :
        new String[] {
          "",
          "0x",
          "0x12",
          "52cf2968b3dc6016778742d3539449a6597d5954",
          "0X52cf2968b3dc6016778742d3539449a6597d5954",
          "0x52cf2968b3dc6016778742d3539449a6597d595",
          "0x52cf2968b3dc6016778742d3539449a6597d59544",
          "0x52cf2968b3dc6016778742d3539449a6597d595g",
          " 0x52cf2968b3dc6016778742d3539449a6597d595",
          "0x52cf2968b3dc6016778742d3539449a6597d595\u0661"
        }) {
      assertThat(EthAddress.tryParse(text)).as(text).isEmpty();
      assertThatThrownBy(() -> EthAddress.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void holdsOnlyTheCanonicalForm() {
    assertThatThrownBy(() -> new EthAddress("0x52CF2968b3DC6016778742D3539449a6597D5954"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case");
  }
}
