package io.naap.attestations;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the oracle operators sign for an epoch, the EIP-712 struct {@code ScoreSnapshot(uint64
 * epoch, bytes32 scoresRoot, uint32 leafCount, bytes32 dataHash, uint64 configVersion)}: the Merkle
 * root of the epoch's score leaves, how many there are, the keccak-256 of the snapshot's canonical
 * JSON, and the contract's signer-set version (bumped on every change of signers or threshold, so
 * that signatures made for an older set die with it).
 */
public record ScoreSnapshot(
    long epoch, Bytes32 scoresRoot, long leafCount, Bytes32 dataHash, long configVersion)
    implements TypedData {
  /** The struct's EIP-712 type. */
  public static final String TYPE =
      "ScoreSnapshot(uint64 epoch,bytes32 scoresRoot,uint32 leafCount,bytes32 dataHash,"
          + "uint64 configVersion)";

  private static final Bytes32 TYPE_HASH = Bytes32.keccak(TYPE.getBytes(StandardCharsets.UTF_8));

  public ScoreSnapshot {
    Objects.requireNonNull(scoresRoot, "scoresRoot");
    Objects.requireNonNull(dataHash, "dataHash");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
    }
    if (leafCount < 1 || leafCount > 0xffff_ffffL) {
      throw new IllegalArgumentException("leafCount must be a uint32 >= 1: " + leafCount);
    }
    if (configVersion < 0) {
      throw new IllegalArgumentException("configVersion must be >= 0: " + configVersion);
    }
  }

  /** {@code hashStruct(ScoreSnapshot)}. */
  @Override
  public Bytes32 structHash() {
    return Bytes32.keccak(
        new AbiWords(6)
            .bytes32(TYPE_HASH)
            .uint(epoch)
            .bytes32(scoresRoot)
            .uint(leafCount)
            .bytes32(dataHash)
            .uint(configVersion)
            .encoded());
  }
}
