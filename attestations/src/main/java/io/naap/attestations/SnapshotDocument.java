package io.naap.attestations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An epoch's whole score snapshot: its leaves and what names the rules that scored them. Its
 * canonical JSON is what anyone downloads, recomputes and hashes: {@code dataHash} is its
 * keccak-256, and {@link #attestation} is the struct the operators sign. Immutable.
 *
 * <p>Canonical JSON, UTF-8, no whitespace, keys in this order: {@code
 * {"epoch":N,"configVersion":N,"rulesVersion":"...","leafTypes":"uint64,address,bytes32,uint16,
 * uint8,bytes32","leaves":[{"orchestrator":"0x...","workload":"0x...","scoreBps":N,"flags":N,
 * "kpiDigest":"0x..."},...]}}, numbers in decimal, hex in lower case, the leaves ordered by
 * orchestrator then workload (their bytes, unsigned).
 *
 * @param epoch the epoch of every leaf
 * @param configVersion the contract's signer-set version the snapshot is signed under
 * @param rulesVersion the scoring rules' version (1 to 64 characters of {@code [A-Za-z0-9._-]})
 * @param leaves one per (orchestrator, workload), at least one
 */
public record SnapshotDocument(
    long epoch, long configVersion, String rulesVersion, List<ScoreLeaf> leaves) {
  private static final Comparator<ScoreLeaf> ORDER =
      Comparator.<ScoreLeaf, byte[]>comparing(
              leaf -> leaf.orchestrator().bytes(), Arrays::compareUnsigned)
          .thenComparing(ScoreLeaf::workload);

  public SnapshotDocument {
    Objects.requireNonNull(rulesVersion, "rulesVersion");
    Objects.requireNonNull(leaves, "leaves");
    if (!rulesVersion.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("rulesVersion must be 1 to 64 of [A-Za-z0-9._-]");
    }
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("a snapshot has at least one leaf");
    }
    List<ScoreLeaf> ordered = new ArrayList<>(leaves);
    ordered.sort(ORDER);
    for (int i = 0; i < ordered.size(); i++) {
      ScoreLeaf leaf = ordered.get(i);
      if (leaf.epoch() != epoch) {
        throw new IllegalArgumentException(
            "leaf of " + leaf.orchestrator() + " is of epoch " + leaf.epoch() + ", not " + epoch);
      }
      if (i > 0 && ORDER.compare(ordered.get(i - 1), leaf) == 0) {
        throw new IllegalArgumentException(
            "two leaves for " + leaf.orchestrator() + " and workload " + leaf.workload());
      }
    }
    leaves = List.copyOf(ordered);
    // the signed struct's own range checks
    new ScoreSnapshot(epoch, Bytes32.ZERO, leaves.size(), Bytes32.ZERO, configVersion);
  }

  /** The canonical JSON (see the class comment). */
  public byte[] canonicalJson() {
    HexFormat hex = HexFormat.of();
    StringBuilder json = new StringBuilder(256 + 260 * leaves.size());
    json.append("{\"epoch\":")
        .append(epoch)
        .append(",\"configVersion\":")
        .append(configVersion)
        .append(",\"rulesVersion\":\"")
        .append(rulesVersion)
        .append("\",\"leafTypes\":\"")
        .append(ScoreLeaf.TYPES)
        .append("\",\"leaves\":[");
    for (int i = 0; i < leaves.size(); i++) {
      ScoreLeaf leaf = leaves.get(i);
      json.append(i == 0 ? "{\"orchestrator\":\"0x" : ",{\"orchestrator\":\"0x")
          .append(hex.formatHex(leaf.orchestrator().bytes()))
          .append("\",\"workload\":\"")
          .append(leaf.workload().hex())
          .append("\",\"scoreBps\":")
          .append(leaf.scoreBps())
          .append(",\"flags\":")
          .append(leaf.flags())
          .append(",\"kpiDigest\":\"")
          .append(leaf.kpiDigest().hex())
          .append("\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** keccak-256 of the canonical JSON. */
  public Bytes32 dataHash() {
    return Bytes32.keccak(canonicalJson());
  }

  /** The Merkle tree of the leaves. */
  public MerkleTree tree() {
    return MerkleTree.ofLeaves(leaves);
  }

  /** What the operators sign: the tree's root, the leaf count, the data hash, the versions. */
  public ScoreSnapshot attestation() {
    return new ScoreSnapshot(epoch, tree().root(), leaves.size(), dataHash(), configVersion);
  }
}
