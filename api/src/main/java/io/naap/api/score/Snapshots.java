package io.naap.api.score;

import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.QueryParameters;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSignature;
import io.naap.storage.oracle.StoredSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The snapshots of one SlaOracle contract as the API serves them: chosen by epoch ({@code latest}
 * is the highest published one), with their EIP-712 digest, the signatures over it (each checked to
 * recover to its signer) and their Merkle tree rebuilt from the stored leaves and checked against
 * the stored root. Stored data that does not check out is answered 500: it means a corrupted
 * database, never a client's mistake.
 */
final class Snapshots {
  static final String LATEST = "latest";

  /** Verified trees kept: the latest epochs, which most proof requests ask for. */
  private static final int TREES_KEPT = 4;

  private final OracleStore store;
  private final Eip712Domain domain;
  private final Map<TreeKey, MerkleTree> trees; // guarded by itself, least recently used first

  Snapshots(OracleStore store) {
    this.store = Objects.requireNonNull(store, "store");
    OracleContract oracle = store.oracle();
    this.domain = Eip712Domain.slaOracle(oracle.chainId(), EvmAddress.of(oracle.address().bytes()));
    this.trees =
        new LinkedHashMap<>(TREES_KEPT * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<TreeKey, MerkleTree> eldest) {
            return size() > TREES_KEPT;
          }
        };
  }

  OracleStore store() {
    return store;
  }

  OracleContract oracle() {
    return store.oracle();
  }

  /**
   * The snapshot an epoch parameter names: {@code latest} (the highest published epoch) or an epoch
   * number (whatever its status).
   *
   * @param text the parameter's value; empty for {@code latest}
   */
  StoredSnapshot select(String name, Optional<String> text) {
    String value = text.orElse(LATEST);
    return LATEST.equals(value) ? latestPublished() : epoch(epochNumber(name, value));
  }

  StoredSnapshot latestPublished() {
    return store
        .latestPublished()
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.NOT_FOUND,
                    "no snapshot of "
                        + store.oracle()
                        + " has been published yet; ask for an epoch by number for one that is"
                        + " only built",
                    Map.of("epoch", LATEST)));
  }

  StoredSnapshot epoch(long epoch) {
    return store
        .snapshot(epoch)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.NOT_FOUND,
                    "epoch " + epoch + " has no snapshot",
                    Map.of("epoch", epoch)));
  }

  /** An epoch number, 1 or more. */
  static long epochNumber(String name, String text) {
    try {
      long epoch = Long.parseLong(text.trim());
      if (epoch >= 1) {
        return epoch;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw QueryParameters.invalid(name, "latest or an epoch number (1 or more)", text);
  }

  /** The EIP-712 digest the operators sign for the snapshot. */
  Bytes32 digest(StoredSnapshot snapshot) {
    return new ScoreSnapshot(
            snapshot.epoch(),
            Bytes32.of(snapshot.scoresRoot()),
            snapshot.leafCount(),
            Bytes32.of(snapshot.dataHash()),
            snapshot.configVersion())
        .digest(domain);
  }

  /**
   * The signatures over {@code digest}, by signer address ascending; each one recovers to its
   * stored signer.
   */
  List<StoredSignature> signatures(StoredSnapshot snapshot, Bytes32 digest) {
    List<StoredSignature> signatures = store.signatures(snapshot.epoch(), digest.bytes());
    for (StoredSignature signature : signatures) {
      Optional<EvmAddress> recovered;
      try {
        recovered = Signature.fromBytes(signature.signature()).signer(digest);
      } catch (IllegalArgumentException e) {
        recovered = Optional.empty();
      }
      if (recovered.isEmpty()
          || !Arrays.equals(recovered.get().bytes(), signature.signer().bytes())) {
        throw corrupted(
            "the stored signature of "
                + signature.signer().toChecksumHex()
                + " over epoch "
                + snapshot.epoch()
                + " does not recover to its signer",
            snapshot.epoch());
      }
    }
    return signatures;
  }

  /** A stored score as its leaf in the tree. */
  static ScoreLeaf leaf(StoredScore score) {
    return new ScoreLeaf(
        score.epoch(),
        EvmAddress.of(score.orchestrator().bytes()),
        Bytes32.of(score.workloadId()),
        score.scoreBps(),
        score.flags(),
        Bytes32.of(score.kpiDigest()));
  }

  /**
   * The snapshot's Merkle tree, rebuilt from its stored leaves: as many as the snapshot counts,
   * each workload id the keccak-256 of its workload's name, and the root the stored one.
   */
  MerkleTree tree(StoredSnapshot snapshot) {
    Bytes32 root = Bytes32.of(snapshot.scoresRoot());
    TreeKey key = new TreeKey(snapshot.epoch(), root);
    synchronized (trees) {
      MerkleTree kept = trees.get(key);
      if (kept != null) {
        return kept;
      }
    }
    // built outside the lock: two requests may build the same tree, never wait for each other
    MerkleTree tree = verifiedTree(snapshot, root, store.scores(snapshot.epoch()));
    synchronized (trees) {
      trees.put(key, tree);
    }
    return tree;
  }

  private static MerkleTree verifiedTree(
      StoredSnapshot snapshot, Bytes32 root, List<StoredScore> scores) {
    long epoch = snapshot.epoch();
    if (scores.size() != snapshot.leafCount()) {
      throw corrupted(
          "epoch "
              + epoch
              + " has "
              + scores.size()
              + " stored leaves but its snapshot counts "
              + snapshot.leafCount(),
          epoch);
    }
    List<ScoreLeaf> leaves = new ArrayList<>(scores.size());
    for (StoredScore score : scores) {
      if (!ScoreLeaf.workloadId(score.workload()).equals(Bytes32.of(score.workloadId()))) {
        throw corrupted(
            "the stored workload id of "
                + score.orchestrator().toChecksumHex()
                + "'s leaf for "
                + score.workload()
                + " in epoch "
                + epoch
                + " is not the keccak-256 of the workload's name",
            epoch);
      }
      leaves.add(leaf(score));
    }
    MerkleTree tree = MerkleTree.ofLeaves(leaves);
    if (!tree.root().equals(root)) {
      throw corrupted(
          "the stored leaves of epoch "
              + epoch
              + " hash to the root "
              + tree.root()
              + ", not to the stored scores root "
              + root,
          epoch);
    }
    return tree;
  }

  static ApiException corrupted(String message, long epoch) {
    return new ApiException(
        ErrorCode.INTERNAL_ERROR,
        message + ": the stored snapshot is inconsistent; the operator must rebuild it",
        Map.of("epoch", epoch));
  }

  private record TreeKey(long epoch, Bytes32 root) {}
}
