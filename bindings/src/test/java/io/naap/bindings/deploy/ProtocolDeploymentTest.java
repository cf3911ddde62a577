package io.naap.bindings.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;

class ProtocolDeploymentTest {

  @Test
  void listsTheDeployedDoublesInProtocolOrder() {
    ProtocolDeployment deployment = deployment();

    assertThat(deployment.contracts())
        .extracting(DeployedContract::contract)
        .containsExactly(ProtocolContract.values());
    assertThat(deployment.contracts())
        .extracting(DeployedContract::deploymentBlock)
        .containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L);
  }

  @Test
  void findsTheDoubleOfEachProtocolContract() {
    ProtocolDeployment deployment = deployment();

    for (ProtocolContract contract : ProtocolContract.values()) {
      assertThat(deployment.get(contract)).isEqualTo(deployed(contract));
    }
  }

  @Test
  void usesTheProtocolNames() {
    assertThat(Arrays.stream(ProtocolContract.values()).map(ProtocolContract::protocolName))
        .containsExactly(
            "BondingManager",
            "TicketBroker",
            "RoundsManager",
            "Minter",
            "ServiceRegistry",
            "AIServiceRegistry",
            "Controller");
  }

  @Test
  void rejectsADoublePutInAnotherContractsSlot() {
    DeployedContract registry = deployed(ProtocolContract.SERVICE_REGISTRY);

    assertThatThrownBy(
            () ->
                new ProtocolDeployment(
                    deployed(ProtocolContract.BONDING_MANAGER),
                    deployed(ProtocolContract.TICKET_BROKER),
                    deployed(ProtocolContract.ROUNDS_MANAGER),
                    deployed(ProtocolContract.MINTER),
                    registry,
                    registry,
                    deployed(ProtocolContract.CONTROLLER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the AIServiceRegistry slot holds a deployment of ServiceRegistry");
  }

  @Test
  void rejectsAMissingDouble() {
    assertThatThrownBy(
            () ->
                new ProtocolDeployment(
                    deployed(ProtocolContract.BONDING_MANAGER),
                    null,
                    deployed(ProtocolContract.ROUNDS_MANAGER),
                    deployed(ProtocolContract.MINTER),
                    deployed(ProtocolContract.SERVICE_REGISTRY),
                    deployed(ProtocolContract.AI_SERVICE_REGISTRY),
                    deployed(ProtocolContract.CONTROLLER)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("TicketBroker");
  }

  @Test
  void rejectsANegativeDeploymentBlock() {
    Address address = new Address("0x00000000000000000000000000000000000000aa");

    assertThatThrownBy(() -> new DeployedContract(ProtocolContract.MINTER, address, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Minter deployment block must be >= 0, was -1");
  }

  @Test
  void givesTheAddressAsTheHexStringTheWrappersLoad() {
    DeployedContract minter = deployed(ProtocolContract.MINTER);

    assertThat(minter.addressHex()).isEqualTo("0x00000000000000000000000000000000000000a3");
  }

  private static ProtocolDeployment deployment() {
    return new ProtocolDeployment(
        deployed(ProtocolContract.BONDING_MANAGER),
        deployed(ProtocolContract.TICKET_BROKER),
        deployed(ProtocolContract.ROUNDS_MANAGER),
        deployed(ProtocolContract.MINTER),
        deployed(ProtocolContract.SERVICE_REGISTRY),
        deployed(ProtocolContract.AI_SERVICE_REGISTRY),
        deployed(ProtocolContract.CONTROLLER));
  }

  /** A deployment whose address and block follow from the contract's position, 0xa0 + ordinal. */
  private static DeployedContract deployed(ProtocolContract contract) {
    int ordinal = contract.ordinal();
    String address = String.format("0x%040x", 0xa0 + ordinal);
    return new DeployedContract(contract, new Address(address), 11L + ordinal);
  }
}
