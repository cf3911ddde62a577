package io.naap.attestations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Every leaf of any tree verifies; any changed byte of leaf, proof or root does not. */
class MerkleTreePropertiesTest {
  @Property(tries = 200, seed = "20261128")
  void everyLeafVerifiesAndAnyChangedByteFails(
      @ForAll @IntRange(min = 1, max = 150) int size, @ForAll long seed) {
    Random random = new Random(seed);
    List<ScoreLeaf> leaves = leaves(size, random);
    MerkleTree tree = MerkleTree.ofLeaves(leaves);

    for (ScoreLeaf leaf : leaves) {
      List<Bytes32> proof = tree.proof(leaf.hash());
      assertThat(MerkleTree.verify(tree.root(), leaf.hash(), proof)).isTrue();
    }
    ScoreLeaf leaf = leaves.get(random.nextInt(size));
    List<Bytes32> proof = tree.proof(leaf.hash());
    assertThat(MerkleTree.verify(flip(tree.root(), random), leaf.hash(), proof)).isFalse();
    assertThat(MerkleTree.verify(tree.root(), flip(leaf.hash(), random), proof)).isFalse();
    // a changed field of the leaf: another hash
    ScoreLeaf changed =
        new ScoreLeaf(
            leaf.epoch(),
            leaf.orchestrator(),
            leaf.workload(),
            leaf.scoreBps() == 0 ? 1 : leaf.scoreBps() - 1,
            leaf.flags(),
            leaf.kpiDigest());
    assertThat(MerkleTree.verify(tree.root(), changed.hash(), proof)).isFalse();
    if (!proof.isEmpty()) {
      List<Bytes32> tampered = new ArrayList<>(proof);
      int at = random.nextInt(tampered.size());
      tampered.set(at, flip(tampered.get(at), random));
      assertThat(MerkleTree.verify(tree.root(), leaf.hash(), tampered)).isFalse();
      assertThat(MerkleTree.verify(tree.root(), leaf.hash(), proof.subList(1, proof.size())))
          .isFalse();
    }
  }

  @Property(tries = 50, seed = "20261128")
  void theRootDoesNotDependOnTheLeavesOrder(
      @ForAll @IntRange(min = 1, max = 60) int size, @ForAll long seed) {
    Random random = new Random(seed);
    List<ScoreLeaf> leaves = leaves(size, random);
    List<ScoreLeaf> shuffled = new ArrayList<>(leaves);
    Collections.shuffle(shuffled, random);
    assertThat(MerkleTree.ofLeaves(shuffled).root()).isEqualTo(MerkleTree.ofLeaves(leaves).root());
  }

  @Test
  void aOneLeafTreeIsItsLeafAndAnEmptyOneIsRefused() {
    ScoreLeaf leaf = leaves(1, new Random(1)).getFirst();
    MerkleTree tree = MerkleTree.ofLeaves(List.of(leaf));
    assertThat(tree.root()).isEqualTo(leaf.hash());
    assertThat(tree.proof(leaf.hash())).isEmpty();
    assertThatThrownBy(() -> MerkleTree.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one leaf");
    assertThatThrownBy(() -> tree.proof(Bytes32.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no leaf");
  }

  @Test
  void leavesRefuseValuesTheirTypesCannotHold() {
    EvmAddress address = EvmAddress.of(new byte[20]);
    assertThatThrownBy(() -> new ScoreLeaf(-1, address, Bytes32.ZERO, 0, 0, Bytes32.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScoreLeaf(1, address, Bytes32.ZERO, 10_001, 0, Bytes32.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScoreLeaf(1, address, Bytes32.ZERO, 0, 256, Bytes32.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<ScoreLeaf> leaves(int size, Random random) {
    List<ScoreLeaf> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      byte[] address = new byte[20];
      byte[] workload = new byte[32];
      byte[] digest = new byte[32];
      random.nextBytes(address);
      random.nextBytes(workload);
      random.nextBytes(digest);
      leaves.add(
          new ScoreLeaf(
              random.nextLong(1_000_000),
              EvmAddress.of(address),
              Bytes32.of(workload),
              random.nextInt(ScoreLeaf.MAX_SCORE_BPS + 1),
              random.nextInt(4),
              Bytes32.of(digest)));
    }
    return leaves;
  }

  static Bytes32 flip(Bytes32 value, Random random) {
    byte[] bytes = value.bytes();
    bytes[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
    return Bytes32.of(bytes);
  }
}
