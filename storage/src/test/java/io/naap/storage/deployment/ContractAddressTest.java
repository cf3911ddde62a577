package io.naap.storage.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ContractAddressTest {
  private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

  @Test
  void parsesEitherCaseAndPrintsLowerCase() {
    ContractAddress address = ContractAddress.fromHex(CHECKSUMMED);

    assertThat(address.toHex()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    assertThat(address).hasToString(address.toHex());
    assertThat(address.bytes()).hasSize(20).startsWith((byte) 0x5a, (byte) 0xae);
    assertThat(ContractAddress.fromHex(CHECKSUMMED.toLowerCase())).isEqualTo(address);
  }

  @Test
  void equalsByValue() {
    byte[] bytes = new byte[20];
    bytes[19] = 1;
    assertThat(new ContractAddress(bytes))
        .isEqualTo(new ContractAddress(bytes.clone()))
        .hasSameHashCodeAs(new ContractAddress(bytes.clone()))
        .isNotEqualTo(new ContractAddress(new byte[20]));
  }

  @Test
  void rejectsNineteenOrTwentyOneBytes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ContractAddress(new byte[19]))
        .withMessage("contract address must be exactly 20 bytes, got 19");
    assertThatIllegalArgumentException().isThrownBy(() -> new ContractAddress(new byte[21]));
    assertThatNullPointerException().isThrownBy(() -> new ContractAddress(null));
  }

  @Test
  void rejectsMalformedHex() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ContractAddress.fromHex(CHECKSUMMED.substring(2)))
        .withMessageContaining("must be 0x and 40 hex digits");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ContractAddress.fromHex(CHECKSUMMED.substring(0, 40)))
        .withMessageContaining("must be 0x and 40 hex digits");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ContractAddress.fromHex("0X" + CHECKSUMMED.substring(2)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ContractAddress.fromHex("0x" + "g".repeat(40)))
        .withMessageContaining("non-hex digit");
  }

  @Test
  void neverSharesItsBytes() {
    byte[] bytes = new byte[20];
    ContractAddress address = new ContractAddress(bytes);
    bytes[0] = 7;
    address.bytes()[1] = 7;

    assertThat(address.bytes()).containsOnly(0);
  }
}
