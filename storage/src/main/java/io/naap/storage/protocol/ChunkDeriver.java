package io.naap.storage.protocol;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the state a chunk's events change from those events and the state stored before them.
 * Called by {@link ProtocolMirrorStore#apply} inside the chunk's transaction, after its checkpoints
 * were checked, so what it reads is exactly the state the chunk continues.
 */
@FunctionalInterface
public interface ChunkDeriver {
  /** Derives nothing: for stores that only mirror events. */
  ChunkDeriver NONE = (chainId, events, prior) -> DerivedState.NONE;

  /**
   * @param events the chunk's events, by block and log index
   * @param prior the stored state as of the block before the chunk
   */
  DerivedState derive(long chainId, List<ProtocolEventRow> events, PriorState prior);

  /** The stored state as of the block before a chunk, read in batches. */
  interface PriorState {
    /** The latest stake of each address that has one. */
    Map<EthereumAddress, BigInteger> stakes(Set<EthereumAddress> orchestrators);

    /** The latest state of each delegator that has one. */
    Map<EthereumAddress, DerivedState.DelegatorChange> delegators(Set<EthereumAddress> delegators);

    /** The latest lock of each key that has one and is still open. */
    Map<DerivedState.LockKey, DerivedState.UnbondingLock> openLocks(Set<DerivedState.LockKey> keys);
  }
}
