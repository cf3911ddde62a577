package io.naap.app.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A signed score snapshot made the way the oracle makes one (leaves, OpenZeppelin-style Merkle
 * tree, EIP-712 digest, signatures sorted by signer), and the JSON naap's API answers for it, in
 * the shape of {@code AttestationEndpoints}: what {@code naap verify} reads.
 */
final class SnapshotFixture {
  static final String SDXL = "streamdiffusion-sdxl";
  static final String FACEID = "streamdiffusion-sdxl-faceid";
  static final String PORTRAIT = "liveportrait";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An orchestrator with a leaf for each of SDXL (qualifies) and FACEID (provisional). */
  static final EvmAddress TWO_WORKLOADS = address("orchestrator-two-workloads");

  /** An orchestrator with one leaf, for SDXL, that does not qualify. */
  static final EvmAddress ONE_WORKLOAD = address("orchestrator-one-workload");

  /** An orchestrator that has no leaf. */
  static final EvmAddress ABSENT = address("orchestrator-absent");

  record Entry(String workload, ScoreLeaf leaf) {}

  final long chainId;
  final EvmAddress contract;
  final List<Entry> entries;
  final MerkleTree tree;
  final ScoreSnapshot snapshot;
  final Bytes32 digest;

  /** The signatures, ascending by signer address (as SlaOracle takes them). */
  final List<Signature> signatures;

  private SnapshotFixture(
      long chainId,
      EvmAddress contract,
      List<Entry> entries,
      MerkleTree tree,
      ScoreSnapshot snapshot,
      Bytes32 digest,
      List<Signature> signatures) {
    this.chainId = chainId;
    this.contract = contract;
    this.entries = List.copyOf(entries);
    this.tree = tree;
    this.snapshot = snapshot;
    this.digest = digest;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * The snapshot of {@code epoch}: the two named orchestrators' leaves and {@code others} random
   * ones, signed by {@code signers} for the contract's domain under {@code configVersion}.
   */
  static SnapshotFixture of(
      long chainId,
      EvmAddress contract,
      long epoch,
      long configVersion,
      List<SnapshotSigner> signers,
      int others,
      RandomGenerator random) {
    List<Entry> entries = new ArrayList<>();
    entries.add(entry(epoch, TWO_WORKLOADS, SDXL, 8123, ScoreLeaf.QUALIFIES, random));
    entries.add(entry(epoch, TWO_WORKLOADS, FACEID, 5000, ScoreLeaf.PROVISIONAL, random));
    entries.add(entry(epoch, ONE_WORKLOAD, SDXL, 4217, 0, random));
    List<String> workloads = List.of(SDXL, FACEID, PORTRAIT);
    for (int i = 0; i < others; i++) {
      byte[] address = new byte[20];
      random.nextBytes(address);
      entries.add(
          entry(
              epoch,
              EvmAddress.of(address),
              workloads.get(random.nextInt(workloads.size())),
              random.nextInt(ScoreLeaf.MAX_SCORE_BPS + 1),
              random.nextInt(4),
              random));
    }
    MerkleTree tree = MerkleTree.ofLeaves(entries.stream().map(Entry::leaf).toList());
    ScoreSnapshot snapshot =
        new ScoreSnapshot(epoch, tree.root(), entries.size(), randomBytes32(random), configVersion);
    Bytes32 digest = snapshot.digest(Eip712Domain.slaOracle(chainId, contract));
    List<Signature> signatures =
        signers.stream()
            .sorted(Comparator.comparing(signer -> new BigInteger(1, signer.address().bytes())))
            .map(signer -> signer.sign(digest))
            .toList();
    return new SnapshotFixture(chainId, contract, entries, tree, snapshot, digest, signatures);
  }

  /** A signer whose key is the keccak-256 of a label: the same in every run. */
  static SnapshotSigner signer(String label) {
    return SnapshotSigner.of(new BigInteger(1, keccak(label)));
  }

  private static EvmAddress address(String label) {
    byte[] hash = keccak(label);
    byte[] address = new byte[20];
    System.arraycopy(hash, 12, address, 0, 20);
    return EvmAddress.of(address);
  }

  private static byte[] keccak(String label) {
    return Bytes32.keccak(label.getBytes(StandardCharsets.UTF_8)).bytes();
  }

  private static Entry entry(
      long epoch,
      EvmAddress orchestrator,
      String workload,
      int scoreBps,
      int flags,
      RandomGenerator random) {
    return new Entry(
        workload,
        new ScoreLeaf(
            epoch,
            orchestrator,
            ScoreLeaf.workloadId(workload),
            scoreBps,
            flags,
            randomBytes32(random)));
  }

  static Bytes32 randomBytes32(RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Bytes32.of(bytes);
  }

  Optional<Entry> entry(EvmAddress orchestrator, String workload) {
    return entries.stream()
        .filter(e -> e.leaf().orchestrator().equals(orchestrator) && e.workload().equals(workload))
        .findFirst();
  }

  /**
   * {@code GET /v1/attestations/{epoch}} as the API answers it (the fields verify reads, and more).
   */
  ObjectNode attestationJson(Optional<Bytes32> transaction) {
    ObjectNode body = JSON.createObjectNode();
    body.put("epoch", snapshot.epoch());
    body.put("status", transaction.isPresent() ? "published" : "built");
    commitments(body);
    putSignatures(body);
    putTransaction(body, transaction);
    ArrayNode leaves = body.putArray("leaves");
    for (Entry entry : entries) {
      ObjectNode leaf = leaves.addObject();
      leaf.put("orchestrator", entry.leaf().orchestrator().checksummed());
      leaf.put("workload", entry.workload());
      leaf.put("workloadId", entry.leaf().workload().hex());
      leaf.put("scoreBps", entry.leaf().scoreBps());
      leaf.put("flags", entry.leaf().flags());
      leaf.put("kpiDigest", entry.leaf().kpiDigest().hex());
    }
    return body;
  }

  /** {@code GET /v1/attestations/{epoch}/proofs/{address}?workload=W} as the API answers it. */
  ObjectNode proofJson(Entry entry, Optional<Bytes32> transaction) {
    ScoreLeaf leaf = entry.leaf();
    ObjectNode body = JSON.createObjectNode();
    body.put("epoch", snapshot.epoch());
    body.put("chainId", chainId);
    body.put("contract", contract.checksummed());
    body.put("status", transaction.isPresent() ? "published" : "built");
    body.put("scoresRoot", snapshot.scoresRoot().hex());
    body.put("leafCount", snapshot.leafCount());
    body.put("dataHash", snapshot.dataHash().hex());
    body.put("configVersion", snapshot.configVersion());
    body.put("digest", digest.hex());
    ObjectNode leafJson = body.putObject("leaf");
    leafJson.put("epoch", leaf.epoch());
    leafJson.put("orchestrator", leaf.orchestrator().checksummed());
    leafJson.put("workload", entry.workload());
    leafJson.put("workloadId", leaf.workload().hex());
    leafJson.put("scoreBps", leaf.scoreBps());
    leafJson.put("flags", leaf.flags());
    leafJson.put("kpiDigest", leaf.kpiDigest().hex());
    body.put("leafHash", leaf.hash().hex());
    ArrayNode proof = body.putArray("proof");
    tree.proof(leaf.hash()).forEach(node -> proof.add(node.hex()));
    putSignatures(body);
    putTransaction(body, transaction);
    return body;
  }

  private void commitments(ObjectNode body) {
    body.put("configVersion", snapshot.configVersion());
    body.put("chainId", chainId);
    body.put("contract", contract.checksummed());
    body.put("scoresRoot", snapshot.scoresRoot().hex());
    body.put("dataHash", snapshot.dataHash().hex());
    body.put("leafCount", snapshot.leafCount());
    body.put("digest", digest.hex());
  }

  private void putSignatures(ObjectNode body) {
    ArrayNode list = body.putArray("signatures");
    for (Signature signature : signatures) {
      ObjectNode item = list.addObject();
      item.put("signer", signature.signer(digest).orElseThrow().checksummed());
      item.put("signature", signature.hex());
    }
  }

  private static void putTransaction(ObjectNode body, Optional<Bytes32> transaction) {
    if (transaction.isEmpty()) {
      body.putNull("transaction");
      return;
    }
    ObjectNode node = body.putObject("transaction");
    node.put("hash", transaction.get().hex());
  }
}
