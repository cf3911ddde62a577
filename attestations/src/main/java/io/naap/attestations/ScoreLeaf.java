package io.naap.attestations;

import java.util.Objects;

/**
 * One leaf of a score snapshot: an orchestrator's score for one workload in one epoch, as the
 * Merkle tree and the {@code SlaOracle} contract encode it: {@code abi.encode(uint64 epoch, address
 * orchestrator, bytes32 workload, uint16 scoreBps, uint8 flags, bytes32 kpiDigest)}, hashed as
 * OpenZeppelin's {@code StandardMerkleTree} hashes a leaf: {@code keccak256(bytes.concat(
 * keccak256(abi.encode(...))))} (twice, so that no leaf can pass for an inner node).
 *
 * @param epoch the snapshot's epoch (uint64, at least 0)
 * @param orchestrator the orchestrator's on-chain address
 * @param workload the workload's id (keccak-256 of its name, or another 32-byte id)
 * @param scoreBps the score in basis points, 0 to {@value #MAX_SCORE_BPS}
 * @param flags bit set ({@link #QUALIFIES}, {@link #PROVISIONAL}; uint8)
 * @param kpiDigest keccak-256 of the KPIs the score was computed from
 */
public record ScoreLeaf(
    long epoch,
    EvmAddress orchestrator,
    Bytes32 workload,
    int scoreBps,
    int flags,
    Bytes32 kpiDigest) {
  /** The Solidity types of a leaf's fields, in order. */
  public static final String TYPES = "uint64,address,bytes32,uint16,uint8,bytes32";

  public static final int MAX_SCORE_BPS = 10_000;

  /** Flag: the score is at or above the workload's minimum. */
  public static final int QUALIFIES = 1;

  /** Flag: too few samples yet; the score leans on its prior. */
  public static final int PROVISIONAL = 2;

  public ScoreLeaf {
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(kpiDigest, "kpiDigest");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
    }
    if (scoreBps < 0 || scoreBps > MAX_SCORE_BPS) {
      throw new IllegalArgumentException(
          "scoreBps must be in [0, " + MAX_SCORE_BPS + "]: " + scoreBps);
    }
    if (flags < 0 || flags > 0xff) {
      throw new IllegalArgumentException("flags must fit a uint8: " + flags);
    }
  }

  /**
   * The bytes32 a workload is named by in a leaf: keccak-256 of its id (the model id, e.g. {@code
   * streamdiffusion-sdxl}) in UTF-8, as Solidity's {@code keccak256(bytes(id))}.
   */
  public static Bytes32 workloadId(String workload) {
    Objects.requireNonNull(workload, "workload");
    if (workload.isEmpty()) {
      throw new IllegalArgumentException("a workload id is not empty");
    }
    return Bytes32.keccak(workload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** {@code abi.encode} of the fields. */
  public byte[] abiEncoded() {
    return new AbiWords(6)
        .uint(epoch)
        .address(orchestrator)
        .bytes32(workload)
        .uint(scoreBps)
        .uint(flags)
        .bytes32(kpiDigest)
        .encoded();
  }

  /** The leaf's hash in the tree: keccak-256 of keccak-256 of {@link #abiEncoded}. */
  public Bytes32 hash() {
    return Bytes32.keccak(Bytes32.keccak(abiEncoded()).bytes());
  }
}
