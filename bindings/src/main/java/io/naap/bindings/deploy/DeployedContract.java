package io.naap.bindings.deploy;

import java.util.Objects;
import org.web3j.abi.datatypes.Address;

/**
 * A protocol test double as deployed on a chain.
 *
 * @param contract which protocol contract it stands for
 * @param address where it lives
 * @param deploymentBlock the block that holds its creation transaction: the first block an indexer
 *     needs to read for its logs
 */
public record DeployedContract(ProtocolContract contract, Address address, long deploymentBlock) {
  public DeployedContract {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(address, "address");
    if (deploymentBlock < 0) {
      throw new IllegalArgumentException(
          contract + " deployment block must be >= 0, was " + deploymentBlock);
    }
  }

  /** The 0x-prefixed address, as the generated wrappers' {@code load(...)} take it. */
  public String addressHex() {
    return address.getValue();
  }
}
