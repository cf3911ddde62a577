package io.naap.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class AnvilNodeIT {
  private final AnvilSettings settings =
      AnvilSettings.ephemeral(AnvilNode.binaryIn(NaapHome.locate()));

  @Test
  void startsOnAFreePortWithDeterministicAccountsAndStopsCompletely() {
    AnvilNode node = AnvilNode.start(settings);
    ProcessHandle process = ProcessHandle.of(node.pid()).orElseThrow();
    try {
      assertThat(node.port()).isPositive();
      assertThat(node.chainId()).isEqualTo(31337);
      assertThat(node.rpc("eth_chainId", "[]")).contains("\"0x7a69\"");
      assertThat(node.accounts()).hasSize(10);
      // anvil's well-known test mnemonic: the same first account on every run
      assertThat(node.accounts().getFirst().address())
          .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    } finally {
      node.close();
    }
    assertThat(process.isAlive()).isFalse();
    assertThat(node.logFile()).doesNotExist();
  }

  @Test
  void withABlockIntervalTheChainMovesWithoutTransactionsAndATransactionIsMinedAtOnce()
      throws InterruptedException {
    try (AnvilNode node =
        AnvilNode.start(settings.withBlockInterval(java.time.Duration.ofSeconds(1)))) {
      long first = blockNumber(node);
      Thread.sleep(3_500);
      long later = blockNumber(node);
      assertThat(later - first).as("blocks mined in 3.5 s with no transaction").isBetween(2L, 5L);
      String from = node.accounts().getFirst().address();
      String sent =
          node.rpc(
              "eth_sendTransaction",
              "[{\"from\":\"" + from + "\",\"to\":\"" + from + "\",\"value\":\"0x1\"}]");
      String hash = sent.replaceAll(".*\"result\":\"(0x[0-9a-f]{64})\".*", "$1");
      // mined with no wait for the next interval (mixed mining)
      assertThat(node.rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]"))
          .contains("\"status\":\"0x1\"");
    }
  }

  private static long blockNumber(AnvilNode node) {
    String answer = node.rpc("eth_blockNumber", "[]");
    return Long.decode(answer.replaceAll(".*\"result\":\"(0x[0-9a-f]+)\".*", "$1"));
  }

  @Test
  void accountsFromASeedDifferFromTheTestMnemonicAndAreStable() {
    String first;
    try (AnvilNode node = AnvilNode.start(settings.withMnemonicSeed(424242L))) {
      first = node.accounts().getFirst().address();
      assertThat(first).isNotEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    }
    try (AnvilNode again = AnvilNode.start(settings.withMnemonicSeed(424242L))) {
      assertThat(again.accounts().getFirst().address()).isEqualTo(first);
    }
  }

  @Test
  void namesTheBusyPortWhenItCannotListen() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> AnvilNode.start(settings.withPort(taken.getLocalPort())))
          .isInstanceOf(EmbeddedServerException.class)
          .hasMessageContaining("port " + taken.getLocalPort());
    }
  }
}
