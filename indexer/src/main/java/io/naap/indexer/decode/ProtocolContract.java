package io.naap.indexer.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * The contracts whose logs the indexer decodes, by the names docs/PROTOCOL.md and the deployment
 * records use. The ServiceRegistry contract is deployed twice (ServiceRegistry and
 * AIServiceRegistry): both declare the same events, and which of the two emitted a log matters.
 */
public enum ProtocolContract {
  BONDING_MANAGER("BondingManager"),
  TICKET_BROKER("TicketBroker"),
  ROUNDS_MANAGER("RoundsManager"),
  MINTER("Minter"),
  SERVICE_REGISTRY("ServiceRegistry"),
  /** The second deployment of the ServiceRegistry contract, for AI orchestrators. */
  AI_SERVICE_REGISTRY("AIServiceRegistry"),
  CONTROLLER("Controller"),
  /** naap's own contract of published SLA scores. */
  SLA_ORACLE("SlaOracle"),
  /**
   * naap's own contract of SLA bonus payouts: pools funded per workload and epoch, payout roots
   * attested by SlaOracle's signers, and the claims paid against them.
   */
  SLA_FEE_DISTRIBUTOR("SlaFeeDistributor");

  private final String contractName;

  ProtocolContract(String contractName) {
    this.contractName = contractName;
  }

  /** The contract's name, e.g. {@code AIServiceRegistry}: how configuration and rows name it. */
  public String contractName() {
    return contractName;
  }

  /** The contract named {@code name} exactly (case-sensitive), if naap knows it. */
  public static Optional<ProtocolContract> byName(String name) {
    Objects.requireNonNull(name, "name");
    for (ProtocolContract contract : values()) {
      if (contract.contractName.equals(name)) {
        return Optional.of(contract);
      }
    }
    return Optional.empty();
  }

  /** The same contract as the deployment records of the protocol test doubles name it. */
  public static ProtocolContract of(io.naap.bindings.deploy.ProtocolContract deployed) {
    Objects.requireNonNull(deployed, "deployed");
    return switch (deployed) {
      case BONDING_MANAGER -> BONDING_MANAGER;
      case TICKET_BROKER -> TICKET_BROKER;
      case ROUNDS_MANAGER -> ROUNDS_MANAGER;
      case MINTER -> MINTER;
      case SERVICE_REGISTRY -> SERVICE_REGISTRY;
      case AI_SERVICE_REGISTRY -> AI_SERVICE_REGISTRY;
      case CONTROLLER -> CONTROLLER;
    };
  }

  @Override
  public String toString() {
    return contractName;
  }
}
