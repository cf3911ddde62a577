package io.naap.storage.oracle;

import io.naap.storage.EthereumAddress;
import java.util.Objects;

/**
 * The SlaOracle contract a history of snapshots belongs to: its chain and address.
 *
 * @param chainId EIP-155 chain id, > 0
 */
public record OracleContract(long chainId, EthereumAddress address) {
  public OracleContract {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId must be > 0: " + chainId);
    }
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return address.toChecksumHex() + " on chain " + chainId;
  }
}
