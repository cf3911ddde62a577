package io.naap.api.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.http.JsonReplies;
import io.naap.api.http.QueryParameters;
import io.naap.attestations.Bytes32;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSignature;
import io.naap.storage.oracle.StoredSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What the oracle signed and published: {@code GET /v1/attestations/{epoch}} (the attestation, its
 * signatures and transaction, every leaf), {@code GET /v1/attestations/{epoch}/document} (the
 * canonical snapshot JSON, byte for byte: its keccak-256 is the data hash) and {@code GET
 * /v1/attestations/{epoch}/proofs/{address}} (one leaf with its Merkle proof, all {@code naap
 * verify} needs). {@code epoch} is {@code latest} (the highest published epoch) or a number.
 */
final class AttestationEndpoints {
  private final Snapshots snapshots;

  AttestationEndpoints(Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  List<Endpoint> endpoints() {
    return List.of(
        Endpoint.get("/v1/attestations/{epoch}", this::attestation),
        Endpoint.get("/v1/attestations/{epoch}/document", this::document),
        Endpoint.get("/v1/attestations/{epoch}/proofs/{address}", this::proof));
  }

  private StoredSnapshot snapshot(ServerRequest request) {
    return snapshots.select("epoch", Optional.of(request.path().pathParameters().get("epoch")));
  }

  private void attestation(ServerRequest request, ServerResponse response) {
    StoredSnapshot snapshot = snapshot(request);
    Bytes32 digest = snapshots.digest(snapshot);
    List<StoredSignature> signatures = snapshots.signatures(snapshot, digest);
    ObjectNode body = ScoreJson.object();
    ScoreJson.snapshot(body, snapshot);
    if (snapshot.statusReason().isPresent()) {
      body.put("statusReason", snapshot.statusReason().get());
    } else {
      body.putNull("statusReason");
    }
    body.put("rulesVersion", snapshot.rulesVersion());
    commitments(body, snapshot, digest);
    putSignatures(body, signatures);
    ArrayNode signers = body.putArray("signers");
    signatures.forEach(signature -> signers.add(ScoreJson.address(signature.signer())));
    ScoreJson.transaction(body, snapshot.publication());
    ArrayNode leaves = body.putArray("leaves");
    for (StoredScore score : snapshots.store().scores(snapshot.epoch())) {
      ObjectNode leaf = leaves.addObject();
      leaf.put("orchestrator", ScoreJson.address(score.orchestrator()));
      leaf.put("workload", score.workload());
      leaf.put("workloadId", ScoreJson.hex(score.workloadId()));
      ScoreJson.score(leaf, score);
      leaf.put("kpiDigest", ScoreJson.hex(score.kpiDigest()));
    }
    JsonReplies.send(response, body);
  }

  private void document(ServerRequest request, ServerResponse response) {
    StoredSnapshot snapshot = snapshot(request);
    response.header(HeaderValues.CONTENT_TYPE_JSON);
    response.send(snapshot.document());
  }

  private void proof(ServerRequest request, ServerResponse response) {
    StoredSnapshot snapshot = snapshot(request);
    EthereumAddress orchestrator = ScoreEndpoints.address(request);
    Optional<String> workload = QueryParameters.text(request.query(), "workload");
    StoredScore score = ScoreEndpoints.oneLeaf(snapshots, snapshot, orchestrator, workload);
    MerkleTree tree = snapshots.tree(snapshot);
    ScoreLeaf leaf = Snapshots.leaf(score);
    Bytes32 leafHash = leaf.hash();
    List<Bytes32> proof;
    try {
      proof = tree.proof(leafHash);
    } catch (IllegalArgumentException e) {
      throw Snapshots.corrupted(
          "the stored leaf of "
              + orchestrator.toChecksumHex()
              + " for "
              + score.workload()
              + " is not in the tree of epoch "
              + snapshot.epoch(),
          snapshot.epoch());
    }
    Bytes32 digest = snapshots.digest(snapshot);
    ObjectNode body = ScoreJson.object();
    body.put("epoch", snapshot.epoch());
    OracleContract oracle = snapshots.oracle();
    body.put("chainId", oracle.chainId());
    body.put("contract", ScoreJson.address(oracle.address()));
    body.put("status", snapshot.status().text());
    body.put("scoresRoot", ScoreJson.hex(snapshot.scoresRoot()));
    body.put("leafCount", snapshot.leafCount());
    body.put("dataHash", ScoreJson.hex(snapshot.dataHash()));
    body.put("configVersion", snapshot.configVersion());
    body.put("digest", digest.hex());
    ObjectNode leafJson = body.putObject("leaf");
    leafJson.put("epoch", leaf.epoch());
    leafJson.put("orchestrator", leaf.orchestrator().checksummed());
    leafJson.put("workload", score.workload());
    leafJson.put("workloadId", leaf.workload().hex());
    leafJson.put("scoreBps", leaf.scoreBps());
    leafJson.put("flags", leaf.flags());
    leafJson.put("kpiDigest", leaf.kpiDigest().hex());
    body.put("leafHash", leafHash.hex());
    ArrayNode proofJson = body.putArray("proof");
    proof.forEach(node -> proofJson.add(node.hex()));
    putSignatures(body, snapshots.signatures(snapshot, digest));
    ScoreJson.transaction(body, snapshot.publication());
    JsonReplies.send(response, body);
  }

  /** The contract, the committed values and the digest signed. */
  private void commitments(ObjectNode body, StoredSnapshot snapshot, Bytes32 digest) {
    OracleContract oracle = snapshots.oracle();
    body.put("configVersion", snapshot.configVersion());
    body.put("chainId", oracle.chainId());
    body.put("contract", ScoreJson.address(oracle.address()));
    body.put("scoresRoot", ScoreJson.hex(snapshot.scoresRoot()));
    body.put("dataHash", ScoreJson.hex(snapshot.dataHash()));
    body.put("leafCount", snapshot.leafCount());
    body.put("digest", digest.hex());
  }

  private static void putSignatures(ObjectNode body, List<StoredSignature> signatures) {
    ArrayNode list = body.putArray("signatures");
    for (StoredSignature signature : signatures) {
      ObjectNode item = list.addObject();
      item.put("signer", ScoreJson.address(signature.signer()));
      item.put("signature", ScoreJson.hex(signature.signature()));
    }
  }
}
