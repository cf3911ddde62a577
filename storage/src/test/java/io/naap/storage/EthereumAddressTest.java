package io.naap.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EthereumAddressTest {
  private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

  @Test
  void parsesEitherCaseAndPrintsLowerCase() {
    EthereumAddress address = EthereumAddress.fromHex(CHECKSUMMED);

    assertThat(address.toHex()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    assertThat(address).hasToString(address.toHex());
    assertThat(address.bytes()).hasSize(20).startsWith((byte) 0x5a, (byte) 0xae);
    assertThat(EthereumAddress.fromHex(CHECKSUMMED.toLowerCase())).isEqualTo(address);
  }

  @Test
  void printsTheEip55ChecksumForm() {
    // the EIP-55 specification's test vectors, and the capture's on-chain recipient
    for (String checksummed :
        new String[] {
          CHECKSUMMED,
          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
          "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
          "0xd00354656922168815Fcd1e51CBddB9e359e3C7F"
        }) {
      assertThat(EthereumAddress.fromHex(checksummed.toLowerCase()).toChecksumHex())
          .isEqualTo(checksummed);
    }
  }

  @Test
  void equalsByValue() {
    byte[] bytes = new byte[20];
    bytes[19] = 1;
    assertThat(new EthereumAddress(bytes))
        .isEqualTo(new EthereumAddress(bytes.clone()))
        .hasSameHashCodeAs(new EthereumAddress(bytes.clone()))
        .isNotEqualTo(new EthereumAddress(new byte[20]));
  }

  @Test
  void rejectsOtherLengths() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new EthereumAddress(new byte[19]))
        .withMessage("an address must be exactly 20 bytes, got 19");
    assertThatIllegalArgumentException().isThrownBy(() -> new EthereumAddress(new byte[21]));
    assertThatIllegalArgumentException().isThrownBy(() -> new EthereumAddress(new byte[32]));
    assertThatNullPointerException().isThrownBy(() -> new EthereumAddress(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0x",
        "d00354656922168815fcd1e51cbddb9e359e3c7f",
        "0xd00354656922168815fcd1e51cbddb9e359e3c7",
        "0xd00354656922168815fcd1e51cbddb9e359e3c7f0",
        "0Xd00354656922168815fcd1e51cbddb9e359e3c7f",
        "0xg00354656922168815fcd1e51cbddb9e359e3c7f"
      })
  void rejectsAnythingButZeroXAndFortyHexDigits(String hex) {
    assertThatIllegalArgumentException().isThrownBy(() -> EthereumAddress.fromHex(hex));
  }

  @Test
  void namesWhatIsWrongWithMalformedHex() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EthereumAddress.fromHex(CHECKSUMMED.substring(2)))
        .withMessageContaining("must be 0x and 40 hex digits");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EthereumAddress.fromHex("0x" + "g".repeat(40)))
        .withMessageContaining("non-hex digit");
  }

  @Test
  void neverSharesItsBytes() {
    byte[] bytes = new byte[20];
    EthereumAddress address = new EthereumAddress(bytes);
    bytes[0] = 7;
    address.bytes()[1] = 7;

    assertThat(address.bytes()).containsOnly(0);
  }
}
