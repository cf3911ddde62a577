package io.naap.api.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.attestations.ScoreLeaf;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSnapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The JSON form of snapshots, leaves and scores: addresses EIP-55 checksummed, other hex in lower
 * case with {@code 0x}, instants ISO-8601, unknown figures null.
 */
final class ScoreJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private ScoreJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** {@code 0x} and lower-case hex. */
  static String hex(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  static String address(EthereumAddress address) {
    return address.toChecksumHex();
  }

  static boolean qualifies(int flags) {
    return (flags & ScoreLeaf.QUALIFIES) != 0;
  }

  static boolean provisional(int flags) {
    return (flags & ScoreLeaf.PROVISIONAL) != 0;
  }

  /** A finite number, or null. */
  static void put(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }

  static void put(ObjectNode node, String name, OptionalDouble value) {
    if (value.isPresent()) {
      put(node, name, value.getAsDouble());
    } else {
      node.putNull(name);
    }
  }

  /** The epoch, status and window of a snapshot. */
  static void snapshot(ObjectNode node, StoredSnapshot snapshot) {
    node.put("epoch", snapshot.epoch());
    node.put("status", snapshot.status().text());
    node.put("startsAt", snapshot.startsAt().toString());
    node.put("endsAt", snapshot.endsAt().toString());
  }

  /** A leaf's score and flags. */
  static void score(ObjectNode node, StoredScore score) {
    node.put("scoreBps", score.scoreBps());
    node.put("flags", score.flags());
    node.put("qualifies", qualifies(score.flags()));
    node.put("provisional", provisional(score.flags()));
  }

  /**
   * The relative URL of a leaf's Merkle proof: {@code
   * /v1/attestations/{epoch}/proofs/{address}?workload=...}.
   */
  static String proofLink(StoredScore score) {
    return "/v1/attestations/"
        + score.epoch()
        + "/proofs/"
        + score.orchestrator().toChecksumHex()
        + "?workload="
        + URLEncoder.encode(score.workload(), StandardCharsets.UTF_8);
  }

  /** The publishing transaction of a published snapshot; null otherwise. */
  static void transaction(ObjectNode node, Optional<Publication> publication) {
    if (publication.isEmpty()) {
      node.putNull("transaction");
      return;
    }
    Publication published = publication.get();
    ObjectNode transaction = node.putObject("transaction");
    transaction.put("hash", published.transaction().toHex());
    transaction.put("blockNumber", published.blockNumber());
    transaction.put("gasUsed", published.gasUsed());
    transaction.put("submitter", address(published.submitter()));
    transaction.put("publishedAt", published.publishedAt().toString());
  }
}
