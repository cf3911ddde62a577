package io.naap.attestations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canonical snapshot document: its JSON, its hash, and the struct it gives to sign. */
class SnapshotDocumentTest {
  private static final Bytes32 WORKLOAD =
      Bytes32.keccak("streamdiffusion-sdxl".getBytes(StandardCharsets.UTF_8));
  private static final Bytes32 DIGEST = Bytes32.keccak(new byte[] {7});

  @Test
  void aWorkloadIsNamedByTheKeccakOfItsId() {
    // keccak256("abc"), the published Keccak-256 test vector (not SHA3-256)
    assertThat(ScoreLeaf.workloadId("abc").hex())
        .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    assertThat(ScoreLeaf.workloadId("streamdiffusion-sdxl")).isEqualTo(WORKLOAD);
    assertThatThrownBy(() -> ScoreLeaf.workloadId("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesTheCanonicalJsonExactly() {
    ScoreLeaf second =
        new ScoreLeaf(
            42,
            EvmAddress.fromHex("0x847791cBF03be716A7fe9Dc8c9Affe17Bd49Ae5e"),
            WORKLOAD,
            9_150,
            ScoreLeaf.QUALIFIES,
            DIGEST);
    ScoreLeaf first =
        new ScoreLeaf(
            42,
            EvmAddress.fromHex("0x2cC8AeC211Fdc372c0F7E4d1add1675733381328"),
            WORKLOAD,
            4_000,
            ScoreLeaf.PROVISIONAL,
            DIGEST);
    SnapshotDocument document = new SnapshotDocument(42, 3, "rules-1", List.of(second, first));

    String json = new String(document.canonicalJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"epoch\":42,\"configVersion\":3,\"rulesVersion\":\"rules-1\","
                + "\"leafTypes\":\"uint64,address,bytes32,uint16,uint8,bytes32\",\"leaves\":["
                + "{\"orchestrator\":\"0x2cc8aec211fdc372c0f7e4d1add1675733381328\",\"workload\":\""
                + WORKLOAD.hex()
                + "\",\"scoreBps\":4000,\"flags\":2,\"kpiDigest\":\""
                + DIGEST.hex()
                + "\"},{\"orchestrator\":\"0x847791cbf03be716a7fe9dc8c9affe17bd49ae5e\",\"workload\":\""
                + WORKLOAD.hex()
                + "\",\"scoreBps\":9150,\"flags\":1,\"kpiDigest\":\""
                + DIGEST.hex()
                + "\"}]}");
    assertThat(document.dataHash())
        .isEqualTo(Bytes32.keccak(json.getBytes(StandardCharsets.UTF_8)));
    ScoreSnapshot attestation = document.attestation();
    assertThat(attestation)
        .isEqualTo(
            new ScoreSnapshot(
                42, MerkleTree.ofLeaves(List.of(first, second)).root(), 2, document.dataHash(), 3));
  }

  @Test
  void theLeavesOrderDoesNotChangeTheDocument() {
    Random random = new Random(5);
    List<ScoreLeaf> leaves = MerkleTreePropertiesTest.leaves(300, random);
    List<ScoreLeaf> sameEpoch = new ArrayList<>();
    for (ScoreLeaf leaf : leaves) {
      sameEpoch.add(
          new ScoreLeaf(
              9,
              leaf.orchestrator(),
              leaf.workload(),
              leaf.scoreBps(),
              leaf.flags(),
              leaf.kpiDigest()));
    }
    List<ScoreLeaf> shuffled = new ArrayList<>(sameEpoch);
    Collections.shuffle(shuffled, random);
    SnapshotDocument one = new SnapshotDocument(9, 1, "r", sameEpoch);
    SnapshotDocument other = new SnapshotDocument(9, 1, "r", shuffled);
    assertThat(other.canonicalJson()).isEqualTo(one.canonicalJson());
    assertThat(other.attestation()).isEqualTo(one.attestation());
    assertThat(new SnapshotDocument(9, 2, "r", sameEpoch).dataHash()).isNotEqualTo(one.dataHash());
  }

  @Test
  void refusesWhatASnapshotCannotHold() {
    ScoreLeaf leaf = new ScoreLeaf(1, EvmAddress.of(new byte[20]), WORKLOAD, 1, 0, DIGEST);
    assertThatThrownBy(() -> new SnapshotDocument(1, 1, "r", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one leaf");
    assertThatThrownBy(() -> new SnapshotDocument(2, 1, "r", List.of(leaf)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epoch 1, not 2");
    assertThatThrownBy(() -> new SnapshotDocument(1, 1, "r", List.of(leaf, leaf)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two leaves");
    assertThatThrownBy(() -> new SnapshotDocument(1, 1, "rules \"1\"", List.of(leaf)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rulesVersion");
  }
}
