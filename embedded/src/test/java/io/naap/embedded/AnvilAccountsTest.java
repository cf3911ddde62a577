package io.naap.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnvilAccountsTest {
  private static final String KEY_A = "0x" + "ab".repeat(32);
  private static final String KEY_B = "0x" + "cd".repeat(32);

  @Test
  void readsParallelAccountAndKeyArrays() {
    String json =
        "{\"available_accounts\":[\"0xF39fd6e51aad88f6f4ce6ab8827279cfffb92266\",\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\"],"
            + "\"private_keys\":[\""
            + KEY_A
            + "\",\""
            + KEY_B
            + "\"],\"wallet\":null,\"base_fee\":\"0x3b9aca00\"}";

    assertThat(AnvilNode.parseAccounts(json))
        .containsExactly(
            new DevAccount("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", KEY_A),
            new DevAccount("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", KEY_B));
  }

  @Test
  void rejectsAFileWhoseKeysDoNotMatchItsAccounts() {
    String json =
        "{\"available_accounts\":[\"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266\"],\"private_keys\":[]}";

    assertThatThrownBy(() -> AnvilNode.parseAccounts(json))
        .isInstanceOf(EmbeddedServerException.class)
        .hasMessageContaining("1 accounts and 0 keys");
  }

  @Test
  void neverPrintsAPrivateKey() {
    assertThat(new DevAccount("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", KEY_A).toString())
        .doesNotContain(KEY_A.substring(2));
  }

  @Test
  void rejectsMalformedAccounts() {
    assertThatThrownBy(() -> new DevAccount("0x1234", KEY_A)).hasMessageContaining("address");
    assertThatThrownBy(() -> new DevAccount("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x12"))
        .hasMessageContaining("private key");
  }
}
