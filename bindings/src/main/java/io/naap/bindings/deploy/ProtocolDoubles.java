package io.naap.bindings.deploy;

import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.Controller;
import io.naap.bindings.generated.Minter;
import io.naap.bindings.generated.RoundsManager;
import io.naap.bindings.generated.ServiceRegistry;
import io.naap.bindings.generated.TicketBroker;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import org.web3j.abi.datatypes.Address;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Deploys the Livepeer protocol test doubles (contracts/src/protocol) to a development chain:
 * BondingManager, TicketBroker, RoundsManager, Minter, ServiceRegistry twice (ServiceRegistry and
 * AIServiceRegistry) and Controller, one transaction each, in {@link ProtocolContract} order.
 *
 * <p>The doubles let anyone emit any protocol event: never deploy them where real value lives.
 */
public final class ProtocolDoubles {
  /** How often a receipt is polled for: web3j's default waits up to 15 s before the first poll. */
  public static final Duration RECEIPT_POLL_INTERVAL = Duration.ofMillis(100);

  /** How long a transaction may stay unmined before deploying (or sending) fails. */
  public static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(60);

  private ProtocolDoubles() {}

  /**
   * A transaction manager that signs with {@code credentials} for {@code chainId} and polls for
   * receipts every {@link #RECEIPT_POLL_INTERVAL}: the one to use against anvil.
   */
  public static TransactionManager transactionManager(
      Web3j web3j, Credentials credentials, long chainId) {
    Objects.requireNonNull(web3j, "web3j");
    Objects.requireNonNull(credentials, "credentials");
    int attempts = Math.toIntExact(RECEIPT_TIMEOUT.dividedBy(RECEIPT_POLL_INTERVAL));
    return new RawTransactionManager(
        web3j,
        credentials,
        chainId,
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_INTERVAL.toMillis(), attempts));
  }

  /**
   * Deploys every double from {@code credentials}' account, through {@link
   * #transactionManager(Web3j, Credentials, long)}.
   *
   * @throws DeploymentException naming the contract whose deployment failed
   */
  public static ProtocolDeployment deploy(
      Web3j web3j, Credentials credentials, long chainId, ContractGasProvider gasProvider) {
    return deploy(web3j, transactionManager(web3j, credentials, chainId), gasProvider);
  }

  /**
   * Deploys every double through {@code transactionManager}. Its receipt processor sets the pace:
   * prefer {@link #transactionManager(Web3j, Credentials, long)}.
   *
   * @throws DeploymentException naming the contract whose deployment failed
   */
  public static ProtocolDeployment deploy(
      Web3j web3j, TransactionManager transactionManager, ContractGasProvider gasProvider) {
    Objects.requireNonNull(web3j, "web3j");
    Objects.requireNonNull(transactionManager, "transactionManager");
    Objects.requireNonNull(gasProvider, "gasProvider");
    return new ProtocolDeployment(
        deploy(
            ProtocolContract.BONDING_MANAGER,
            BondingManager.deploy(web3j, transactionManager, gasProvider)),
        deploy(
            ProtocolContract.TICKET_BROKER,
            TicketBroker.deploy(web3j, transactionManager, gasProvider)),
        deploy(
            ProtocolContract.ROUNDS_MANAGER,
            RoundsManager.deploy(web3j, transactionManager, gasProvider)),
        deploy(ProtocolContract.MINTER, Minter.deploy(web3j, transactionManager, gasProvider)),
        deploy(
            ProtocolContract.SERVICE_REGISTRY,
            ServiceRegistry.deploy(web3j, transactionManager, gasProvider)),
        deploy(
            ProtocolContract.AI_SERVICE_REGISTRY,
            ServiceRegistry.deploy(web3j, transactionManager, gasProvider)),
        deploy(
            ProtocolContract.CONTROLLER,
            Controller.deploy(web3j, transactionManager, gasProvider)));
  }

  private static DeployedContract deploy(
      ProtocolContract contract, RemoteCall<? extends Contract> deployment) {
    Contract deployed;
    try {
      deployed = deployment.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeploymentException("interrupted while deploying " + contract, e);
    } catch (Exception e) {
      throw new DeploymentException("deploying " + contract + " failed: " + e.getMessage(), e);
    }
    TransactionReceipt receipt =
        deployed
            .getTransactionReceipt()
            .orElseThrow(
                () -> new DeploymentException("deploying " + contract + " returned no receipt"));
    BigInteger block = receipt.getBlockNumber();
    if (block == null) {
      throw new DeploymentException(
          "the receipt of "
              + contract
              + "'s deployment ("
              + receipt.getTransactionHash()
              + ") names no block");
    }
    return new DeployedContract(
        contract, new Address(deployed.getContractAddress()), block.longValueExact());
  }
}
