package io.naap.oracle.payout;

import io.naap.attestations.EvmAddress;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.SlaFeeDistributor;
import io.naap.oracle.OracleChainException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DefaultGasProvider;

/** Deploys SlaFeeDistributor: what {@code naap up} runs on its local chain. */
public final class DistributorDeployment {
  private DistributorDeployment() {}

  /** A deployed SlaFeeDistributor: its address and the block of its deployment. */
  public record Deployed(EvmAddress address, long block) {}

  /**
   * Deploys a SlaFeeDistributor from {@code deployer}'s account, which becomes its admin.
   *
   * @param oracle the SlaOracle whose signer set attests payout roots
   * @param token the ERC-20 it pays; empty for ETH
   * @param challengeWindow how long a root waits before it can be claimed (0: at once)
   * @throws OracleChainException when the deployment fails
   */
  public static Deployed deploy(
      Web3j web3j,
      long chainId,
      Credentials deployer,
      EvmAddress oracle,
      Optional<EvmAddress> token,
      Duration challengeWindow) {
    Objects.requireNonNull(oracle, "oracle");
    Objects.requireNonNull(token, "token");
    try {
      SlaFeeDistributor distributor =
          SlaFeeDistributor.deploy(
                  web3j,
                  ProtocolDoubles.transactionManager(web3j, deployer, chainId),
                  new DefaultGasProvider(),
                  oracle.checksummed(),
                  token.orElse(EvmAddress.of(new byte[20])).checksummed(),
                  deployer.getAddress(),
                  BigInteger.valueOf(challengeWindow.toSeconds()))
              .send();
      TransactionReceipt receipt =
          distributor
              .getTransactionReceipt()
              .orElseThrow(
                  () -> new OracleChainException("SlaFeeDistributor deployed without a receipt"));
      return new Deployed(
          EvmAddress.fromHex(distributor.getContractAddress()),
          receipt.getBlockNumber().longValueExact());
    } catch (OracleChainException e) {
      throw e;
    } catch (Exception e) {
      throw new OracleChainException("cannot deploy SlaFeeDistributor: " + e.getMessage(), e);
    }
  }
}
