package io.naap.storage.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TransactionHashTest {
  private static final String HASH =
      "0x88DF016429689C079F3B2F6AD39FA052532C56795B733DA78A91EBE6A713944B";

  @Test
  void parsesEitherCaseAndPrintsLowerCase() {
    TransactionHash hash = TransactionHash.fromHex(HASH);

    assertThat(hash.toHex()).isEqualTo("0x" + HASH.substring(2).toLowerCase());
    assertThat(hash).hasToString(hash.toHex()).isEqualTo(TransactionHash.fromHex(hash.toHex()));
    assertThat(hash.bytes()).hasSize(32).endsWith((byte) 0x94, (byte) 0x4b);
  }

  @Test
  void rejectsAnythingButThirtyTwoBytes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TransactionHash(new byte[31]))
        .withMessage("transaction hash must be exactly 32 bytes, got 31");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TransactionHash.fromHex(HASH + "00"))
        .withMessageContaining("must be 0x and 64 hex digits");
  }

  @Test
  void neverSharesItsBytes() {
    byte[] bytes = new byte[32];
    TransactionHash hash = new TransactionHash(bytes);
    bytes[0] = 1;
    hash.bytes()[0] = 1;

    assertThat(hash).isEqualTo(new TransactionHash(new byte[32]));
  }
}
