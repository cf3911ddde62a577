package io.naap.bindings.deploy;

/**
 * The Livepeer protocol contracts that naap mirrors (docs/PROTOCOL.md), each with the name used
 * there and in the deployment records.
 */
public enum ProtocolContract {
  BONDING_MANAGER("BondingManager"),
  TICKET_BROKER("TicketBroker"),
  ROUNDS_MANAGER("RoundsManager"),
  MINTER("Minter"),
  SERVICE_REGISTRY("ServiceRegistry"),
  /** A second deployment of the ServiceRegistry contract, for AI orchestrators. */
  AI_SERVICE_REGISTRY("AIServiceRegistry"),
  CONTROLLER("Controller");

  private final String protocolName;

  ProtocolContract(String protocolName) {
    this.protocolName = protocolName;
  }

  /** The contract's name in the protocol (e.g. {@code AIServiceRegistry}). */
  public String protocolName() {
    return protocolName;
  }

  @Override
  public String toString() {
    return protocolName;
  }
}
