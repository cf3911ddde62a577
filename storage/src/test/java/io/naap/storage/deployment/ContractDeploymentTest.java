package io.naap.storage.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractDeploymentTest {
  private static final EthereumAddress ADDRESS = new EthereumAddress(new byte[20]);
  private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123456Z");

  @Test
  void truncatesTheRecordingTimeToMicroseconds() {
    ContractDeployment deployment =
        deployment(1, "SlaOracle", 0, Instant.parse("2026-11-27T10:15:30.123456789Z"));

    assertThat(deployment.recordedAt()).isEqualTo(AT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SlaOracle", "BondingManager", "a", "Sla_Oracle.v2-proxy"})
  void acceptsContractNames(String name) {
    assertThat(deployment(42161, name, 0, AT).name()).isEqualTo(name);
  }

  @Test
  void acceptsNamesOfUpToOneHundredCharacters() {
    String longest = "A".repeat(100);
    assertThat(deployment(1, longest, 0, AT).name()).isEqualTo(longest);
    assertThatIllegalArgumentException().isThrownBy(() -> deployment(1, longest + "A", 0, AT));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " SlaOracle",
        "SlaOracle ",
        "1Oracle",
        "_Oracle",
        "Sla Oracle",
        "Sla/Oracle",
        "Orácle"
      })
  void rejectsOtherNames(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> deployment(1, name, 0, AT))
        .withMessageContaining("contract name must be");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void rejectsChainIdsBelowOne(long chainId) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> deployment(chainId, "SlaOracle", 0, AT))
        .withMessage("chain id must be positive, got " + chainId);
  }

  @Test
  void rejectsANegativeBlock() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> deployment(1, "SlaOracle", -1, AT))
        .withMessage("block number must be >= 0, got -1");
    assertThat(deployment(1, "SlaOracle", Long.MAX_VALUE, AT).blockNumber())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void requiresEveryReference() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ContractDeployment(1, null, ADDRESS, 0, Optional.empty(), AT));
    assertThatNullPointerException()
        .isThrownBy(() -> new ContractDeployment(1, "SlaOracle", null, 0, Optional.empty(), AT));
    assertThatNullPointerException()
        .isThrownBy(() -> new ContractDeployment(1, "SlaOracle", ADDRESS, 0, null, AT));
    assertThatNullPointerException()
        .isThrownBy(
            () -> new ContractDeployment(1, "SlaOracle", ADDRESS, 0, Optional.empty(), null));
  }

  private static ContractDeployment deployment(long chainId, String name, long block, Instant at) {
    return new ContractDeployment(chainId, name, ADDRESS, block, Optional.empty(), at);
  }
}
