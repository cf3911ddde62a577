package io.naap.storage.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrchestratorAddressTest {
  @Test
  void parsesEitherCaseAndPrintsLowerCase() {
    OrchestratorAddress address =
        OrchestratorAddress.fromHex("0xD00354656922168815Fcd1e51CBddB9E359e3C7F");

    assertThat(address.toHex()).isEqualTo("0xd00354656922168815fcd1e51cbddb9e359e3c7f");
    assertThat(address.bytes()).hasSize(20).startsWith((byte) 0xd0, (byte) 0x03);
    assertThat(address)
        .isEqualTo(OrchestratorAddress.fromHex("0xd00354656922168815fcd1e51cbddb9e359e3c7f"));
  }

  @Test
  void keepsItsBytesToItself() {
    byte[] bytes = new byte[20];
    OrchestratorAddress address = new OrchestratorAddress(bytes);
    bytes[0] = 1;
    address.bytes()[1] = 1;

    assertThat(address.bytes()).containsOnly(0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0x",
        "d00354656922168815fcd1e51cbddb9e359e3c7f",
        "0xd00354656922168815fcd1e51cbddb9e359e3c7",
        "0xd00354656922168815fcd1e51cbddb9e359e3c7f0",
        "0xg00354656922168815fcd1e51cbddb9e359e3c7f"
      })
  void rejectsAnythingButZeroXAndFortyHexDigits(String hex) {
    assertThatIllegalArgumentException().isThrownBy(() -> OrchestratorAddress.fromHex(hex));
  }

  @Test
  void rejectsOtherLengths() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new OrchestratorAddress(new byte[32]))
        .withMessage("orchestrator address must be exactly 20 bytes, got 32");
  }
}
