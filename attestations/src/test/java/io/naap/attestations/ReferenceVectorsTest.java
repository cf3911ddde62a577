package io.naap.attestations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java against independent implementations: the Merkle roots, leaf hashes and proofs of
 * {@code @openzeppelin/merkle-tree} 1.x and the EIP-712 hashes and signatures of ethers 6, in
 * {@code reference/merkle-eip712-vectors.json} (copied from the shared fixtures).
 */
class ReferenceVectorsTest {
  private static JsonNode vectors;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        ReferenceVectorsTest.class.getResourceAsStream("/reference/merkle-eip712-vectors.json")) {
      assertThat(in).as("the reference vectors resource").isNotNull();
      vectors = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void leafTypesAreTheVectors() {
    List<String> types = new ArrayList<>();
    vectors.at("/merkle/types").forEach(type -> types.add(type.asText()));
    assertThat(String.join(",", types)).isEqualTo(ScoreLeaf.TYPES);
  }

  @Test
  void reproducesEveryLeafHashRootAndProof() {
    int cases = 0;
    for (JsonNode tree : vectors.at("/merkle/cases")) {
      List<ScoreLeaf> leaves = new ArrayList<>();
      for (JsonNode leaf : tree.get("leaves")) {
        ScoreLeaf parsed = leaf(leaf.get("value"));
        assertThat(parsed.hash().hex()).isEqualTo(leaf.get("leafHash").asText());
        leaves.add(parsed);
      }
      assertThat(leaves).hasSize(tree.get("leafCount").asInt());
      MerkleTree built = MerkleTree.ofLeaves(leaves);
      assertThat(built.root().hex()).isEqualTo(tree.get("root").asText());
      assertThat(built.leafCount()).isEqualTo(leaves.size());
      for (JsonNode leaf : tree.get("leaves")) {
        Bytes32 hash = Bytes32.fromHex(leaf.get("leafHash").asText());
        List<String> proof = built.proof(hash).stream().map(Bytes32::hex).toList();
        List<String> expected = new ArrayList<>();
        leaf.get("proof").forEach(node -> expected.add(node.asText()));
        assertThat(proof).isEqualTo(expected);
        assertThat(MerkleTree.verify(built.root(), hash, built.proof(hash))).isTrue();
      }
      cases++;
    }
    assertThat(cases).isEqualTo(7);
  }

  @Test
  void reproducesEveryDigestAndSignature() {
    JsonNode domainNode = vectors.at("/eip712/domain");
    Eip712Domain domain =
        new Eip712Domain(
            domainNode.get("name").asText(),
            domainNode.get("version").asText(),
            new BigInteger(domainNode.get("chainId").asText()),
            EvmAddress.fromHex(domainNode.get("verifyingContract").asText()));
    assertThat(domain).isEqualTo(Eip712Domain.slaOracle(31337, domain.verifyingContract()));
    List<String> fields = new ArrayList<>();
    vectors
        .at("/eip712/types/ScoreSnapshot")
        .forEach(
            field -> fields.add(field.get("type").asText() + " " + field.get("name").asText()));
    assertThat(ScoreSnapshot.TYPE).isEqualTo("ScoreSnapshot(" + String.join(",", fields) + ")");
    List<SnapshotSigner> signers = new ArrayList<>();
    vectors
        .at("/eip712/signingKeys")
        .forEach(
            key -> signers.add(SnapshotSigner.of(new BigInteger(key.asText().substring(2), 16))));

    int checked = 0;
    for (JsonNode vector : vectors.at("/eip712/vectors")) {
      JsonNode value = vector.get("value");
      ScoreSnapshot snapshot =
          new ScoreSnapshot(
              value.get("epoch").asLong(),
              Bytes32.fromHex(value.get("scoresRoot").asText()),
              value.get("leafCount").asLong(),
              Bytes32.fromHex(value.get("dataHash").asText()),
              value.get("configVersion").asLong());
      assertThat(domain.separator().hex()).isEqualTo(vector.get("domainSeparator").asText());
      assertThat(snapshot.structHash().hex()).isEqualTo(vector.get("structHash").asText());
      Bytes32 digest = snapshot.digest(domain);
      assertThat(digest.hex()).isEqualTo(vector.get("digest").asText());
      JsonNode signatures = vector.get("signatures");
      assertThat(signatures).hasSize(signers.size());
      for (int i = 0; i < signers.size(); i++) {
        JsonNode expected = signatures.get(i);
        Signature signature = signers.get(i).sign(snapshot, domain);
        assertThat(signers.get(i).address().checksummed())
            .isEqualTo(expected.get("signer").asText());
        assertThat(signature.hex()).isEqualTo(expected.get("signature").asText());
        assertThat(signature.v()).isEqualTo(expected.get("v").asInt());
        Signature parsed = Signature.fromHex(expected.get("signature").asText());
        assertThat(parsed).isEqualTo(signature);
        assertThat(parsed.signer(digest)).contains(signers.get(i).address());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(12);
  }

  private static ScoreLeaf leaf(JsonNode value) {
    return new ScoreLeaf(
        Long.parseLong(value.get(0).asText()),
        EvmAddress.fromHex(value.get(1).asText()),
        Bytes32.fromHex(value.get(2).asText()),
        Integer.parseInt(value.get(3).asText()),
        Integer.parseInt(value.get(4).asText()),
        Bytes32.fromHex(value.get(5).asText()));
  }
}
