package io.naap.app.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreLeaf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the API answers for one leaf ({@code GET /v1/attestations/{epoch}/proofs/{address}
 * ?workload=W}): claims, each one checked by {@link Verification} against local recomputation and
 * the chain.
 *
 * @param snapshot what the operators signed, as the API states it
 * @param status the API's status of the snapshot ({@code built}, {@code published}, ...)
 * @param signatures the signatures the API holds over the snapshot's digest, as text: each is
 *     checked on its own, a malformed one is not counted
 * @param transaction the publication's transaction, as the API states it
 * @param workload the leaf's workload (model id)
 * @param leaf the leaf's fields, its workload id as the API states it
 * @param leafHash the leaf's hash, as the API states it
 * @param proof the leaf's Merkle proof, from the leaf up
 */
record ProofAnswer(
    Snapshot snapshot,
    String status,
    List<SignedBy> signatures,
    Optional<Bytes32> transaction,
    String workload,
    ScoreLeaf leaf,
    Bytes32 leafHash,
    List<Bytes32> proof) {

  /** The signed snapshot: the same in every answer about one epoch. */
  record Snapshot(
      long epoch,
      long chainId,
      EvmAddress contract,
      Bytes32 scoresRoot,
      long leafCount,
      Bytes32 dataHash,
      long configVersion,
      Bytes32 digest) {
    Snapshot {
      Objects.requireNonNull(contract, "contract");
      Objects.requireNonNull(scoresRoot, "scoresRoot");
      Objects.requireNonNull(dataHash, "dataHash");
      Objects.requireNonNull(digest, "digest");
    }
  }

  /** A signature as the API lists it: the signer it names and the 65 bytes in hex. */
  record SignedBy(String signer, String signature) {
    SignedBy {
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(signature, "signature");
    }
  }

  ProofAnswer {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(status, "status");
    signatures = List.copyOf(signatures);
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(leafHash, "leafHash");
    proof = List.copyOf(proof);
  }

  /**
   * Reads the API's JSON answer.
   *
   * @throws IllegalArgumentException naming the first field that is missing or malformed
   */
  static ProofAnswer fromJson(JsonNode body) {
    Snapshot snapshot =
        new Snapshot(
            JsonFields.integer(body, "epoch"),
            JsonFields.integer(body, "chainId"),
            JsonFields.address(body, "contract"),
            JsonFields.bytes32(body, "scoresRoot"),
            JsonFields.integer(body, "leafCount"),
            JsonFields.bytes32(body, "dataHash"),
            JsonFields.integer(body, "configVersion"),
            JsonFields.bytes32(body, "digest"));
    JsonNode leafJson = JsonFields.node(body, "leaf");
    ScoreLeaf leaf;
    try {
      leaf =
          new ScoreLeaf(
              JsonFields.integer(leafJson, "epoch"),
              JsonFields.address(leafJson, "orchestrator"),
              JsonFields.bytes32(leafJson, "workloadId"),
              JsonFields.smallInteger(leafJson, "scoreBps"),
              JsonFields.smallInteger(leafJson, "flags"),
              JsonFields.bytes32(leafJson, "kpiDigest"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'leaf': " + e.getMessage(), e);
    }
    List<Bytes32> proof = new ArrayList<>();
    for (JsonNode node : JsonFields.array(body, "proof")) {
      if (!node.isTextual()) {
        throw new IllegalArgumentException("'proof' holds a non-string: " + node);
      }
      proof.add(JsonFields.bytes32(node.asText(), "proof"));
    }
    List<SignedBy> signatures = new ArrayList<>();
    for (JsonNode node : JsonFields.array(body, "signatures")) {
      signatures.add(
          new SignedBy(JsonFields.text(node, "signer"), JsonFields.text(node, "signature")));
    }
    JsonNode transaction = body.get("transaction");
    Optional<Bytes32> hash =
        transaction == null || transaction.isNull()
            ? Optional.empty()
            : Optional.of(JsonFields.bytes32(transaction, "hash"));
    return new ProofAnswer(
        snapshot,
        JsonFields.text(body, "status"),
        signatures,
        hash,
        JsonFields.text(leafJson, "workload"),
        leaf,
        JsonFields.bytes32(body, "leafHash"),
        proof);
  }
}
