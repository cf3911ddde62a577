package io.naap.api.incentives;

import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.StoredDistribution;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The payout trees of stored distributions, rebuilt from every account's cumulative amount as of
 * the epoch ({@link IncentiveStore#cumulativeAt}) and checked against the stored root, leaf count
 * and cumulative total: a tree that does not check out is a 500 (a corrupted database, never a
 * client's mistake), so no proof is served that the contract would refuse. A leaf is {@link
 * PayoutLeaf}, assembled as OpenZeppelin's StandardMerkleTree does ({@link MerkleTree}), as the
 * SlaFeeDistributor contract verifies claims.
 */
final class PayoutTrees {
  /** Verified trees kept: the latest epochs, which most claims ask for. */
  private static final int TREES_KEPT = 4;

  private final IncentiveStore store;
  private final Map<Key, Verified> trees; // guarded by itself, least recently used first

  PayoutTrees(IncentiveStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.trees =
        new LinkedHashMap<>(TREES_KEPT * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Verified> eldest) {
            return size() > TREES_KEPT;
          }
        };
  }

  /** A tree whose root is the stored one, and the amount of each of its leaves. */
  record Verified(MerkleTree tree, Map<EthereumAddress, BigInteger> amounts) {
    /** The account's leaf; empty when it has none (nothing allotted to it yet). */
    Optional<PayoutLeaf> leaf(EthereumAddress account) {
      return Optional.ofNullable(amounts.get(account))
          .map(amount -> new PayoutLeaf(EvmAddress.of(account.bytes()), amount));
    }
  }

  /** The verified tree of a distribution whose root is {@code root}. */
  Verified of(StoredDistribution distribution, Bytes32 root) {
    Key key = new Key(distribution.epoch(), root);
    synchronized (trees) {
      Verified kept = trees.get(key);
      if (kept != null) {
        return kept;
      }
    }
    // built outside the lock: two requests may build the same tree, never wait for each other
    Verified tree = verified(distribution, root, store.cumulativeAt(distribution.epoch()));
    synchronized (trees) {
      trees.put(key, tree);
    }
    return tree;
  }

  private static Verified verified(
      StoredDistribution distribution, Bytes32 root, Map<EthereumAddress, BigInteger> cumulative) {
    long epoch = distribution.epoch();
    List<Bytes32> hashes = new ArrayList<>(cumulative.size());
    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<EthereumAddress, BigInteger> account : cumulative.entrySet()) {
      hashes.add(
          new PayoutLeaf(EvmAddress.of(account.getKey().bytes()), account.getValue()).hash());
      total = total.add(account.getValue());
    }
    if (hashes.size() != distribution.leafCount()) {
      throw corrupted(
          "the cumulative amounts stored up to epoch "
              + epoch
              + " make "
              + hashes.size()
              + " leaves but its distribution counts "
              + distribution.leafCount(),
          epoch);
    }
    if (!total.equals(distribution.cumulativeTotal())) {
      throw corrupted(
          "the cumulative amounts stored up to epoch "
              + epoch
              + " add up to "
              + total
              + ", not to its cumulative total "
              + distribution.cumulativeTotal(),
          epoch);
    }
    MerkleTree tree = MerkleTree.of(hashes); // leafCount > 0: a distribution with a root has leaves
    if (!tree.root().equals(root)) {
      throw corrupted(
          "the cumulative amounts stored up to epoch "
              + epoch
              + " hash to the root "
              + tree.root()
              + ", not to the stored payout root "
              + root,
          epoch);
    }
    return new Verified(tree, Map.copyOf(cumulative));
  }

  static ApiException corrupted(String message, long epoch) {
    return new ApiException(
        ErrorCode.INTERNAL_ERROR,
        message
            + ": the stored distribution is inconsistent, so no proof is served; the operator must"
            + " rebuild it",
        Map.of("epoch", epoch));
  }

  private record Key(long epoch, Bytes32 root) {}
}
