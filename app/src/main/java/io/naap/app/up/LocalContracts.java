package io.naap.app.up;

import io.naap.attestations.EvmAddress;
import io.naap.bindings.deploy.DeployedContract;
import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.SlaOracleDeployment;
import io.naap.oracle.payout.DistributorChain;
import io.naap.oracle.payout.DistributorDeployment;
import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.ContractDeployment;
import io.naap.storage.deployment.ContractDeployments;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The contracts of the local chain: reused when the recorded deployment still has code on the chain
 * (a persistent home), deployed and recorded otherwise.
 */
final class LocalContracts {
  static final String SLA_ORACLE = "SlaOracle";
  static final String SLA_FEE_DISTRIBUTOR = "SlaFeeDistributor";

  private final Web3j web3j;
  private final long chainId;
  private final Credentials deployer;
  private final ContractDeployments deployments;
  private final Clock clock;

  LocalContracts(
      Web3j web3j,
      long chainId,
      Credentials deployer,
      ContractDeployments deployments,
      Clock clock) {
    this.web3j = web3j;
    this.chainId = chainId;
    this.deployer = deployer;
    this.deployments = deployments;
    this.clock = clock;
  }

  /**
   * SlaOracle on this chain, signed for by {@code signers} with {@code threshold}: the recorded one
   * when it still has code, deployed (with the deployer as its admin) and recorded otherwise.
   */
  UpReport.Contract ensureOracle(List<EvmAddress> signers, int threshold) {
    Optional<ContractDeployment> recorded = deployments.find(chainId, SLA_ORACLE);
    if (recorded.isPresent() && hasCode(recorded.get().address().toHex())) {
      return toReport(recorded.get());
    }
    SlaOracleDeployment.Deployed deployed;
    try {
      deployed = SlaOracleDeployment.deploy(web3j, chainId, deployer, signers, threshold);
    } catch (OracleChainException e) {
      throw new UpException(e.getMessage(), e);
    }
    ContractDeployment deployment =
        new ContractDeployment(
            chainId,
            SLA_ORACLE,
            EthereumAddress.fromHex(deployed.address().checksummed()),
            deployed.block(),
            Optional.empty(),
            clock.instant());
    deployments.record(deployment);
    return toReport(deployment);
  }

  /**
   * SlaFeeDistributor on this chain, paying ETH, attested by {@code oracle}'s signer set, roots
   * claimable at once: the recorded one when it still has code and trusts that oracle, deployed
   * (with the deployer as its admin) and recorded otherwise.
   */
  UpReport.Contract ensureDistributor(EvmAddress oracle) {
    Optional<ContractDeployment> recorded = deployments.find(chainId, SLA_FEE_DISTRIBUTOR);
    if (recorded.isPresent()
        && hasCode(recorded.get().address().toHex())
        && oracle.equals(
            new DistributorChain(
                    web3j,
                    chainId,
                    EvmAddress.of(recorded.get().address().bytes()),
                    recorded.get().blockNumber())
                .oracle())) {
      return toReport(recorded.get());
    }
    DistributorDeployment.Deployed deployed;
    try {
      deployed =
          DistributorDeployment.deploy(
              web3j, chainId, deployer, oracle, Optional.empty(), Duration.ZERO);
    } catch (OracleChainException e) {
      throw new UpException(e.getMessage(), e);
    }
    ContractDeployment deployment =
        new ContractDeployment(
            chainId,
            SLA_FEE_DISTRIBUTOR,
            EthereumAddress.fromHex(deployed.address().checksummed()),
            deployed.block(),
            Optional.empty(),
            clock.instant());
    deployments.record(deployment);
    return toReport(deployment);
  }

  /** The protocol doubles on this chain, in {@link ProtocolContract} order. */
  List<UpReport.Contract> ensureDeployed() {
    Map<String, ContractDeployment> recorded =
        deployments.all(chainId).stream()
            .collect(Collectors.toMap(ContractDeployment::name, Function.identity()));
    List<ContractDeployment> existing =
        Arrays.stream(ProtocolContract.values())
            .map(contract -> recorded.get(contract.protocolName()))
            .filter(deployment -> deployment != null && hasCode(deployment.address().toHex()))
            .toList();
    if (existing.size() == ProtocolContract.values().length) {
      return existing.stream().map(LocalContracts::toReport).toList();
    }
    ProtocolDeployment deployment =
        ProtocolDoubles.deploy(web3j, deployer, chainId, new DefaultGasProvider());
    return deployment.contracts().stream().map(this::record).map(LocalContracts::toReport).toList();
  }

  private ContractDeployment record(DeployedContract deployed) {
    ContractDeployment deployment =
        new ContractDeployment(
            chainId,
            deployed.contract().protocolName(),
            EthereumAddress.fromHex(deployed.addressHex()),
            deployed.deploymentBlock(),
            Optional.empty(),
            clock.instant());
    deployments.record(deployment);
    return deployment;
  }

  private boolean hasCode(String address) {
    try {
      String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
      return code != null && code.length() > 2;
    } catch (IOException e) {
      throw new UpException("cannot read contract code from the chain: " + e.getMessage(), e);
    }
  }

  private static UpReport.Contract toReport(ContractDeployment deployment) {
    return new UpReport.Contract(
        deployment.name(),
        Keys.toChecksumAddress(deployment.address().toHex()),
        deployment.blockNumber());
  }
}
