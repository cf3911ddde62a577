package io.naap.storage.protocol;

import io.naap.storage.EthereumAddress;
import java.util.Objects;

/**
 * A contract the indexer mirrors, with its checkpoint.
 *
 * @param name the configured name (BondingManager, SlaOracle, ...)
 * @param startBlock the first block whose logs are mirrored
 * @param indexedThrough every log of blocks {@code startBlock..indexedThrough} is stored ({@code
 *     startBlock - 1} before the first)
 */
public record IndexedContract(
    long chainId, String name, EthereumAddress address, long startBlock, long indexedThrough) {
  public IndexedContract {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    if (startBlock < 0 || indexedThrough < startBlock - 1) {
      throw new IllegalArgumentException(
          name + ": start block " + startBlock + ", indexed through " + indexedThrough);
    }
  }
}
