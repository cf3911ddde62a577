package io.naap.oracle;

import io.naap.attestations.EvmAddress;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.SlaOracle;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DefaultGasProvider;

/** Deploys SlaOracle: what {@code naap up} runs on its local chain. */
public final class SlaOracleDeployment {
  private SlaOracleDeployment() {}

  /** A deployed SlaOracle: its address and the block of its deployment. */
  public record Deployed(EvmAddress address, long block) {}

  /**
   * Deploys SlaOracle from {@code deployer}'s account, which becomes its admin.
   *
   * @throws OracleChainException when the deployment fails
   */
  public static Deployed deploy(
      Web3j web3j, long chainId, Credentials deployer, List<EvmAddress> signers, int threshold) {
    Objects.requireNonNull(signers, "signers");
    try {
      SlaOracle oracle =
          SlaOracle.deploy(
                  web3j,
                  ProtocolDoubles.transactionManager(web3j, deployer, chainId),
                  new DefaultGasProvider(),
                  deployer.getAddress(),
                  signers.stream().map(EvmAddress::checksummed).toList(),
                  BigInteger.valueOf(threshold))
              .send();
      TransactionReceipt receipt =
          oracle
              .getTransactionReceipt()
              .orElseThrow(() -> new OracleChainException("SlaOracle deployed without a receipt"));
      return new Deployed(
          EvmAddress.fromHex(oracle.getContractAddress()),
          receipt.getBlockNumber().longValueExact());
    } catch (OracleChainException e) {
      throw e;
    } catch (Exception e) {
      throw new OracleChainException("cannot deploy SlaOracle: " + e.getMessage(), e);
    }
  }
}
