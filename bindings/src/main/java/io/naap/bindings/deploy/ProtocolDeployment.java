package io.naap.bindings.deploy;

import java.util.List;
import java.util.Objects;

/**
 * The full set of Livepeer protocol test doubles deployed on one chain, one per {@link
 * ProtocolContract} (the ServiceRegistry contract twice: ServiceRegistry and AIServiceRegistry).
 */
public record ProtocolDeployment(
    DeployedContract bondingManager,
    DeployedContract ticketBroker,
    DeployedContract roundsManager,
    DeployedContract minter,
    DeployedContract serviceRegistry,
    DeployedContract aiServiceRegistry,
    DeployedContract controller) {

  public ProtocolDeployment {
    requireSlot(bondingManager, ProtocolContract.BONDING_MANAGER);
    requireSlot(ticketBroker, ProtocolContract.TICKET_BROKER);
    requireSlot(roundsManager, ProtocolContract.ROUNDS_MANAGER);
    requireSlot(minter, ProtocolContract.MINTER);
    requireSlot(serviceRegistry, ProtocolContract.SERVICE_REGISTRY);
    requireSlot(aiServiceRegistry, ProtocolContract.AI_SERVICE_REGISTRY);
    requireSlot(controller, ProtocolContract.CONTROLLER);
  }

  /** Every deployed double, in {@link ProtocolContract} order. */
  public List<DeployedContract> contracts() {
    return List.of(
        bondingManager,
        ticketBroker,
        roundsManager,
        minter,
        serviceRegistry,
        aiServiceRegistry,
        controller);
  }

  /** The deployed double standing for {@code contract}. */
  public DeployedContract get(ProtocolContract contract) {
    Objects.requireNonNull(contract, "contract");
    return switch (contract) {
      case BONDING_MANAGER -> bondingManager;
      case TICKET_BROKER -> ticketBroker;
      case ROUNDS_MANAGER -> roundsManager;
      case MINTER -> minter;
      case SERVICE_REGISTRY -> serviceRegistry;
      case AI_SERVICE_REGISTRY -> aiServiceRegistry;
      case CONTROLLER -> controller;
    };
  }

  private static void requireSlot(DeployedContract deployed, ProtocolContract expected) {
    Objects.requireNonNull(deployed, expected.protocolName());
    if (deployed.contract() != expected) {
      throw new IllegalArgumentException(
          "the " + expected + " slot holds a deployment of " + deployed.contract());
    }
  }
}
