package io.naap.app.health;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.io.IOException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthChainId;

/**
 * Readiness: the chain's JSON-RPC endpoint answers with the expected chain id; reports the latest
 * block.
 */
public final class ChainCheck implements HealthCheck {
  private final Web3j web3j;
  private final long expectedChainId;

  public ChainCheck(Web3j web3j, long expectedChainId) {
    this.web3j = web3j;
    this.expectedChainId = expectedChainId;
  }

  @Override
  public HealthCheckType type() {
    return HealthCheckType.READINESS;
  }

  @Override
  public String name() {
    return "chain";
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponse.Builder response =
        HealthCheckResponse.builder().detail("expectedChainId", expectedChainId);
    try {
      EthChainId chainId = web3j.ethChainId().send();
      if (chainId.hasError()) {
        return response.status(false).detail("error", chainId.getError().getMessage()).build();
      }
      long actual = chainId.getChainId().longValueExact();
      EthBlock latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
      if (!latest.hasError() && latest.getBlock() != null) {
        response.detail("latestBlock", latest.getBlock().getNumber().longValueExact());
      }
      return response.status(actual == expectedChainId).detail("chainId", actual).build();
    } catch (IOException | RuntimeException e) {
      return response.status(false).detail("error", String.valueOf(e.getMessage())).build();
    }
  }
}
