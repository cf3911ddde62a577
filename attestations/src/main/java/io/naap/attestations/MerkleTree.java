package io.naap.attestations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle tree over leaf hashes, built and proven exactly as OpenZeppelin's {@code
 * StandardMerkleTree} ({@code @openzeppelin/merkle-tree}) does, so that its root and proofs verify
 * with OpenZeppelin's {@code MerkleProof} in Solidity: the leaves sorted by hash, laid out as a
 * complete binary tree in an array (the leaves at its end, in reverse order), each inner node the
 * keccak-256 of its two children sorted. Immutable.
 */
public final class MerkleTree {
  private final Bytes32[] nodes;
  private final Bytes32[] sortedLeaves;

  private MerkleTree(Bytes32[] nodes, Bytes32[] sortedLeaves) {
    this.nodes = nodes;
    this.sortedLeaves = sortedLeaves;
  }

  /** The tree of these leaf hashes (at least one; order does not matter). */
  public static MerkleTree of(List<Bytes32> leafHashes) {
    Objects.requireNonNull(leafHashes, "leafHashes");
    if (leafHashes.isEmpty()) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    Bytes32[] leaves = leafHashes.toArray(Bytes32[]::new);
    Arrays.sort(leaves);
    Bytes32[] nodes = new Bytes32[2 * leaves.length - 1];
    for (int i = 0; i < leaves.length; i++) {
      nodes[nodes.length - 1 - i] = leaves[i];
    }
    for (int i = nodes.length - 1 - leaves.length; i >= 0; i--) {
      nodes[i] = hashPair(nodes[2 * i + 1], nodes[2 * i + 2]);
    }
    return new MerkleTree(nodes, leaves);
  }

  /** The tree of these score leaves. */
  public static MerkleTree ofLeaves(List<ScoreLeaf> leaves) {
    return of(leaves.stream().map(ScoreLeaf::hash).toList());
  }

  public Bytes32 root() {
    return nodes[0];
  }

  public int leafCount() {
    return sortedLeaves.length;
  }

  /**
   * The proof of a leaf: its siblings from the leaf up, as {@code MerkleProof.verify} takes them.
   *
   * @throws IllegalArgumentException when the tree has no such leaf
   */
  public List<Bytes32> proof(Bytes32 leafHash) {
    int sorted = Arrays.binarySearch(sortedLeaves, Objects.requireNonNull(leafHash, "leafHash"));
    if (sorted < 0) {
      throw new IllegalArgumentException("the tree has no leaf " + leafHash);
    }
    List<Bytes32> proof = new ArrayList<>();
    for (int index = nodes.length - 1 - sorted; index > 0; index = (index - 1) / 2) {
      proof.add(nodes[index % 2 == 1 ? index + 1 : index - 1]);
    }
    return List.copyOf(proof);
  }

  /** What {@code MerkleProof.verify(proof, root, leaf)} answers. */
  public static boolean verify(Bytes32 root, Bytes32 leafHash, List<Bytes32> proof) {
    Objects.requireNonNull(root, "root");
    Bytes32 computed = Objects.requireNonNull(leafHash, "leafHash");
    for (Bytes32 sibling : proof) {
      computed = hashPair(computed, Objects.requireNonNull(sibling, "proof element"));
    }
    return computed.equals(root);
  }

  /**
   * keccak-256 of the two hashes concatenated, the smaller first ({@code commutativeKeccak256}).
   */
  static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
    byte[] pair = new byte[64];
    if (a.compareTo(b) <= 0) {
      a.copyTo(pair, 0);
      b.copyTo(pair, 32);
    } else {
      b.copyTo(pair, 0);
      a.copyTo(pair, 32);
    }
    return Bytes32.keccak(pair);
  }
}
