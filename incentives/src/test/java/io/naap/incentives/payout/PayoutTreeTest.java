package io.naap.incentives.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.incentives.AddressOrder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The cumulative payout tree: leaves, root, proofs, accumulation. */
class PayoutTreeTest {
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final EvmAddress A = address(0x01);
  private static final EvmAddress B = address(0x82);
  private static final EvmAddress C = address(0x03);

  static EvmAddress address(int id) {
    byte[] bytes = new byte[20];
    bytes[0] = (byte) id;
    bytes[19] = (byte) (id * 7);
    return EvmAddress.of(bytes);
  }

  /**
   * The leaf is what SlaFeeDistributor hashes, computed here without the attestations encoder:
   * keccak256(keccak256(12 zero bytes, the 20 address bytes, the amount as 32 big-endian bytes)).
   */
  static Bytes32 leafHash(EvmAddress account, BigInteger amount) {
    byte[] encoded = new byte[64];
    System.arraycopy(account.bytes(), 0, encoded, 12, 20);
    byte[] magnitude = amount.toByteArray();
    int length = Math.min(magnitude.length, 32);
    System.arraycopy(magnitude, magnitude.length - length, encoded, 64 - length, length);
    return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
  }

  static Bytes32 pair(Bytes32 a, Bytes32 b) {
    byte[] joined = new byte[64];
    boolean ordered = a.compareTo(b) <= 0;
    System.arraycopy((ordered ? a : b).bytes(), 0, joined, 0, 32);
    System.arraycopy((ordered ? b : a).bytes(), 0, joined, 32, 32);
    return Bytes32.of(Hash.sha3(joined));
  }

  /**
   * Three leaves as OpenZeppelin's StandardMerkleTree lays them out: sorted by hash h0 <= h1 <= h2,
   * the root is hash(hash(h0, h1), h2), each pair hashed smaller first.
   */
  @Test
  void buildsTheOpenZeppelinTreeOfTheCumulativeLeaves() {
    Map<EvmAddress, BigInteger> cumulative = new LinkedHashMap<>();
    cumulative.put(B, BigInteger.valueOf(2_000));
    cumulative.put(C, BigInteger.ZERO);
    cumulative.put(A, new BigInteger("1000000000000000000"));
    cumulative.put(C, BigInteger.valueOf(30));

    PayoutTree tree = PayoutTree.of(cumulative).orElseThrow();

    Bytes32[] hashes = {
      leafHash(A, new BigInteger("1000000000000000000")),
      leafHash(B, BigInteger.valueOf(2_000)),
      leafHash(C, BigInteger.valueOf(30))
    };
    Arrays.sort(hashes);
    assertThat(tree.root()).isEqualTo(pair(pair(hashes[0], hashes[1]), hashes[2]));
    assertThat(tree.leafCount()).isEqualTo(3);
    assertThat(tree.total())
        .isEqualTo(new BigInteger("1000000000000000000").add(BigInteger.valueOf(2_030)));
    assertThat(tree.leaves())
        .containsExactly(
            new PayoutLeaf(A, new BigInteger("1000000000000000000")),
            new PayoutLeaf(C, BigInteger.valueOf(30)),
            new PayoutLeaf(B, BigInteger.valueOf(2_000)));
    Claim claim = tree.claim(B).orElseThrow();
    assertThat(claim.account()).isEqualTo(B);
    assertThat(claim.cumulativeAmount()).isEqualTo(2_000);
    assertThat(claim.leaf().hash()).isEqualTo(leafHash(B, BigInteger.valueOf(2_000)));
    assertThat(MerkleTree.verify(tree.root(), claim.leaf().hash(), claim.proof())).isTrue();
  }

  @Test
  void aSingleAccountIsItsOwnRoot() {
    PayoutTree tree = PayoutTree.of(Map.of(A, BigInteger.ONE)).orElseThrow();

    assertThat(tree.root()).isEqualTo(leafHash(A, BigInteger.ONE));
    assertThat(tree.claim(A).orElseThrow().proof()).isEmpty();
  }

  @Test
  void leavesOutAccountsAtZeroAndHasNoTreeWithoutAnAmount() {
    PayoutTree tree = PayoutTree.of(Map.of(A, BigInteger.ONE, B, BigInteger.ZERO)).orElseThrow();

    assertThat(tree.leafCount()).isEqualTo(1);
    assertThat(tree.claim(B)).isEmpty();
    assertThat(tree.claim(C)).isEmpty();
    assertThat(PayoutTree.of(Map.of())).isEmpty();
    assertThat(PayoutTree.of(Map.of(A, BigInteger.ZERO))).isEmpty();
  }

  @Test
  void refusesNegativeAmountsAndTotalsBeyondAUint256() {
    assertThatThrownBy(() -> PayoutTree.of(Map.of(A, BigInteger.ONE.negate())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the cumulative amount of " + A + " is negative: -1");
    assertThatThrownBy(() -> PayoutTree.of(Map.of(A, MAX_UINT256, B, BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the cumulative total does not fit a uint256: ");
    assertThatThrownBy(() -> PayoutTree.of(Map.of(A, MAX_UINT256.add(BigInteger.ONE))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PayoutTree.of(Map.of(A, MAX_UINT256)).orElseThrow().total()).isEqualTo(MAX_UINT256);
    assertThatThrownBy(
            () ->
                PayoutTree.accumulate(
                    Map.of(A, BigInteger.ONE), Map.of(A, BigInteger.ONE.negate())))
        .hasMessage("the amount of " + A + " is negative: -1");
  }

  @Test
  void accumulatesEveryAccountOfEitherMapByAddress() {
    Map<EvmAddress, BigInteger> cumulative =
        PayoutTree.accumulate(
            Map.of(B, BigInteger.valueOf(5), A, BigInteger.ONE),
            Map.of(C, BigInteger.TWO, B, BigInteger.TEN));

    assertThat(cumulative.keySet()).containsExactly(A, C, B);
    assertThat(cumulative.values())
        .containsExactly(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15));
  }

  /** Every account's proof verifies against the root; any other amount or account does not. */
  @Property(tries = 300, seed = "20261129")
  void everyLeafVerifiesAndEveryMutationFails(
      @ForAll("cumulative") Map<EvmAddress, BigInteger> cumulative) {
    PayoutTree tree = PayoutTree.of(cumulative).orElseThrow();

    BigInteger total = BigInteger.ZERO;
    for (Map.Entry<EvmAddress, BigInteger> entry : cumulative.entrySet()) {
      total = total.add(entry.getValue());
      Claim claim = tree.claim(entry.getKey()).orElseThrow();
      assertThat(claim.cumulativeAmount()).isEqualTo(entry.getValue());
      Bytes32 leaf = leafHash(entry.getKey(), entry.getValue());
      assertThat(claim.leaf().hash()).isEqualTo(leaf);
      assertThat(MerkleTree.verify(tree.root(), leaf, claim.proof())).isTrue();

      BigInteger more = entry.getValue().add(BigInteger.ONE);
      BigInteger less = entry.getValue().subtract(BigInteger.ONE);
      assertThat(MerkleTree.verify(tree.root(), leafHash(entry.getKey(), more), claim.proof()))
          .isFalse();
      assertThat(MerkleTree.verify(tree.root(), leafHash(entry.getKey(), less), claim.proof()))
          .isFalse();
      assertThat(
              MerkleTree.verify(
                  tree.root(), leafHash(address(0xff), entry.getValue()), claim.proof()))
          .isFalse();
    }
    assertThat(tree.total()).isEqualTo(total);
    assertThat(tree.leafCount()).isEqualTo(cumulative.size());
    assertThat(tree.leaves())
        .extracting(PayoutLeaf::account)
        .isSortedAccordingTo(AddressOrder.ASCENDING);
  }

  /** The root depends on the accounts and amounts only, not on the order of the map. */
  @Property(tries = 200, seed = "20261129")
  void theRootDoesNotDependOnTheOrderOfTheMap(
      @ForAll("cumulative") Map<EvmAddress, BigInteger> cumulative) {
    List<Map.Entry<EvmAddress, BigInteger>> entries = new ArrayList<>(cumulative.entrySet());
    java.util.Collections.reverse(entries);
    Map<EvmAddress, BigInteger> reversed = new LinkedHashMap<>();
    for (Map.Entry<EvmAddress, BigInteger> entry : entries) {
      reversed.put(entry.getKey(), entry.getValue());
    }

    assertThat(PayoutTree.of(reversed).orElseThrow().root())
        .isEqualTo(PayoutTree.of(cumulative).orElseThrow().root());
  }

  /** Accumulating never lowers an amount, and adds exactly the epoch's amounts. */
  @Property(tries = 500, seed = "20261129")
  void accumulateIsMonotoneAndExact(
      @ForAll("cumulative") Map<EvmAddress, BigInteger> previous,
      @ForAll("cumulative") Map<EvmAddress, BigInteger> epoch) {
    Map<EvmAddress, BigInteger> next = PayoutTree.accumulate(previous, epoch);

    for (Map.Entry<EvmAddress, BigInteger> entry : previous.entrySet()) {
      assertThat(next.get(entry.getKey())).isGreaterThanOrEqualTo(entry.getValue());
    }
    for (Map.Entry<EvmAddress, BigInteger> entry : next.entrySet()) {
      BigInteger before = previous.getOrDefault(entry.getKey(), BigInteger.ZERO);
      BigInteger added = epoch.getOrDefault(entry.getKey(), BigInteger.ZERO);
      assertThat(entry.getValue()).isEqualTo(before.add(added));
    }
    assertThat(next.keySet()).containsAll(previous.keySet()).containsAll(epoch.keySet());
    assertThat(new ArrayList<>(next.keySet())).isSortedAccordingTo(AddressOrder.ASCENDING);
    assertThat(sum(next)).isEqualTo(sum(previous).add(sum(epoch)));
  }

  @Provide
  Arbitrary<Map<EvmAddress, BigInteger>> cumulative() {
    Arbitrary<BigInteger> amount =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(BigInteger.ONE)),
            Tuple.of(3, Arbitraries.bigIntegers().between(BigInteger.TWO, BigInteger.TEN.pow(24))),
            Tuple.of(
                1,
                Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(240))));
    return Combinators.combine(Arbitraries.integers().between(0, 254), amount)
        .as(Tuple::of)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .uniqueElements(Tuple.Tuple2::get1)
        .map(
            pairs -> {
              Map<EvmAddress, BigInteger> map = new HashMap<>();
              for (Tuple.Tuple2<Integer, BigInteger> pair : pairs) {
                map.put(address(pair.get1()), pair.get2());
              }
              return map;
            });
  }

  private static BigInteger sum(Map<EvmAddress, BigInteger> amounts) {
    return amounts.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
  }
}
