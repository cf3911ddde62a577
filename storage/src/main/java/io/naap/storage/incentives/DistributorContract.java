package io.naap.storage.incentives;

import io.naap.storage.EthereumAddress;
import java.util.Objects;

/**
 * The SlaFeeDistributor contract a history of distributions belongs to: its chain and address.
 *
 * @param chainId EIP-155 chain id, > 0
 */
public record DistributorContract(long chainId, EthereumAddress address) {
  public DistributorContract {
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
