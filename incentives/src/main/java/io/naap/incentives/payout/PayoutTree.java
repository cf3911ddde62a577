package io.naap.incentives.payout;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.incentives.AddressOrder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cumulative payout tree the {@code SlaFeeDistributor} contract verifies claims against: one
 * {@link PayoutLeaf} per account holding everything allotted to it since the first epoch, leaves
 * hashed as {@code keccak256(keccak256(abi.encode(address account, uint256 cumulativeAmount)))} and
 * assembled as OpenZeppelin's {@code StandardMerkleTree} does ({@link MerkleTree}). Amounts are
 * cumulative, so the latest root alone pays everything owed, whichever roots an account skipped.
 * Immutable.
 */
public final class PayoutTree {
  private static final int UINT256_BITS = 256;
  private static final Comparator<PayoutLeaf> BY_ACCOUNT =
      Comparator.comparing(PayoutLeaf::account, AddressOrder.ASCENDING);

  /** By account address. */
  private final List<PayoutLeaf> leaves;

  /** The hash of each leaf, in the same order. */
  private final List<Bytes32> hashes;

  private final MerkleTree tree;
  private final BigInteger total;

  private PayoutTree(
      List<PayoutLeaf> leaves, List<Bytes32> hashes, MerkleTree tree, BigInteger total) {
    this.leaves = leaves;
    this.hashes = hashes;
    this.tree = tree;
    this.total = total;
  }

  /**
   * The tree of every account's cumulative amount. Accounts at 0 are left out (they have nothing to
   * claim).
   *
   * @return empty when no account has a positive amount: there is no tree to publish yet (a Merkle
   *     tree needs a leaf), which is normal before anything was paid out
   * @throws IllegalArgumentException for a negative amount, or amounts that do not fit a uint256
   *     each or together (the contract's {@code cumulativeTotal})
   */
  public static Optional<PayoutTree> of(Map<EvmAddress, BigInteger> cumulative) {
    Objects.requireNonNull(cumulative, "cumulative");
    List<PayoutLeaf> leaves = new ArrayList<>(cumulative.size());
    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<EvmAddress, BigInteger> entry : cumulative.entrySet()) {
      BigInteger amount = Objects.requireNonNull(entry.getValue(), "amount");
      if (amount.signum() < 0) {
        throw new IllegalArgumentException(
            "the cumulative amount of " + entry.getKey() + " is negative: " + amount);
      }
      if (amount.signum() > 0) {
        leaves.add(new PayoutLeaf(entry.getKey(), amount));
        total = total.add(amount);
      }
    }
    if (leaves.isEmpty()) {
      return Optional.empty();
    }
    if (total.bitLength() > UINT256_BITS) {
      throw new IllegalArgumentException("the cumulative total does not fit a uint256: " + total);
    }
    List<PayoutLeaf> sorted = AddressOrder.sorted(leaves, PayoutLeaf::account);
    List<Bytes32> hashes = new ArrayList<>(sorted.size());
    for (PayoutLeaf leaf : sorted) {
      hashes.add(leaf.hash());
    }
    return Optional.of(
        new PayoutTree(List.copyOf(sorted), List.copyOf(hashes), MerkleTree.of(hashes), total));
  }

  /**
   * Every account's cumulative amount after an epoch: the previous amounts plus the epoch's, for
   * every account in either map, in ascending address order (unmodifiable). No amount decreases.
   *
   * @throws IllegalArgumentException for a negative amount in either map
   */
  public static Map<EvmAddress, BigInteger> accumulate(
      Map<EvmAddress, BigInteger> previous, Map<EvmAddress, BigInteger> epoch) {
    Map<EvmAddress, BigInteger> sums = HashMap.newHashMap(previous.size() + epoch.size());
    for (Map<EvmAddress, BigInteger> amounts : List.of(previous, epoch)) {
      for (Map.Entry<EvmAddress, BigInteger> entry : amounts.entrySet()) {
        BigInteger amount = Objects.requireNonNull(entry.getValue(), "amount");
        if (amount.signum() < 0) {
          throw new IllegalArgumentException(
              "the amount of " + entry.getKey() + " is negative: " + amount);
        }
        sums.merge(Objects.requireNonNull(entry.getKey(), "account"), amount, BigInteger::add);
      }
    }
    return AddressOrder.sortedCopy(sums);
  }

  /** The root the oracle publishes. */
  public Bytes32 root() {
    return tree.root();
  }

  /** The sum of the leaves: the contract's {@code cumulativeTotal}. */
  public BigInteger total() {
    return total;
  }

  public int leafCount() {
    return leaves.size();
  }

  /** Every leaf, in ascending address order. */
  public List<PayoutLeaf> leaves() {
    return leaves;
  }

  /** The account's claim; empty when it has no leaf (nothing allotted to it). */
  public Optional<Claim> claim(EvmAddress account) {
    Objects.requireNonNull(account, "account");
    int index =
        Collections.binarySearch(leaves, new PayoutLeaf(account, BigInteger.ZERO), BY_ACCOUNT);
    if (index < 0) {
      return Optional.empty();
    }
    PayoutLeaf leaf = leaves.get(index);
    return Optional.of(
        new Claim(leaf.account(), leaf.cumulativeAmount(), tree.proof(hashes.get(index))));
  }
}
