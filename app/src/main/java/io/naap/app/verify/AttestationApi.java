package io.naap.app.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.naap.app.client.ApiClient;
import io.naap.app.client.ApiClientException;
import io.naap.attestations.EvmAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The two reads of naap's HTTP API that {@code naap verify} needs (open, no API key): an epoch's
 * attestation ({@code GET /v1/attestations/{epoch|latest}}, for the epoch {@code latest} names and
 * the orchestrator's workloads) and one leaf with its proof ({@code GET
 * /v1/attestations/{epoch}/proofs/{address}?workload=W}).
 */
final class AttestationApi {

  private final ApiClient client;
  private final String base;

  /**
   * @param base the API's URL, e.g. {@code http://127.0.0.1:8080}
   */
  AttestationApi(HttpClient http, URI base) {
    this.client = new ApiClient(Objects.requireNonNull(http, "http"), base);
    this.base = client.base();
  }

  /** An epoch's attestation, as much of it as picks what to verify. */
  record Attestation(long epoch, List<Leaf> leaves) {
    Attestation {
      leaves = List.copyOf(leaves);
    }

    /** The workloads the orchestrator has a leaf for, in the API's order. */
    List<String> workloadsOf(EvmAddress orchestrator) {
      return leaves.stream()
          .filter(leaf -> leaf.orchestrator().equals(orchestrator))
          .map(Leaf::workload)
          .distinct()
          .toList();
    }
  }

  /** A leaf as the attestation lists it. */
  record Leaf(EvmAddress orchestrator, String workload) {}

  /**
   * The attestation of {@code epoch}, or of the latest published epoch when empty.
   *
   * @throws VerifyException when the API cannot be reached, has no such attestation, or answers
   *     something else
   */
  Attestation attestation(OptionalLong epoch) {
    String name = epoch.isPresent() ? Long.toString(epoch.getAsLong()) : "latest";
    String url = base + "/v1/attestations/" + name;
    JsonNode body = get(url, "attestation of epoch " + name);
    try {
      List<Leaf> leaves = new ArrayList<>();
      for (JsonNode leaf : JsonFields.array(body, "leaves")) {
        leaves.add(
            new Leaf(JsonFields.address(leaf, "orchestrator"), JsonFields.text(leaf, "workload")));
      }
      return new Attestation(JsonFields.integer(body, "epoch"), leaves);
    } catch (IllegalArgumentException e) {
      throw malformed(url, e);
    }
  }

  /**
   * The orchestrator's leaf for the workload in the epoch, with its proof and the snapshot's
   * commitments and signatures.
   *
   * @throws VerifyException when the API cannot be reached, has no such leaf (404), or answers
   *     something else
   */
  ProofAnswer proof(long epoch, EvmAddress orchestrator, String workload) {
    String url =
        base
            + "/v1/attestations/"
            + epoch
            + "/proofs/"
            + orchestrator.checksummed()
            + "?workload="
            + URLEncoder.encode(workload, StandardCharsets.UTF_8);
    JsonNode body =
        get(
            url,
            "leaf of " + orchestrator.checksummed() + " for " + workload + " in epoch " + epoch);
    try {
      return ProofAnswer.fromJson(body);
    } catch (IllegalArgumentException e) {
      throw malformed(url, e);
    }
  }

  private JsonNode get(String url, String what) {
    try {
      return client.getJson(url.substring(base.length()), what);
    } catch (ApiClientException e) {
      throw new VerifyException(e.getMessage(), e);
    }
  }

  private VerifyException malformed(String url, IllegalArgumentException e) {
    return new VerifyException(
        "the API at "
            + base
            + " answered a malformed attestation at "
            + url
            + ": "
            + e.getMessage(),
        e);
  }
}
