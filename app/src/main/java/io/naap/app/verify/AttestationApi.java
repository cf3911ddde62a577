package io.naap.app.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.attestations.EvmAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The two reads of naap's HTTP API that {@code naap verify} needs (open, no API key): an epoch's
 * attestation ({@code GET /v1/attestations/{epoch|latest}}, for the epoch {@code latest} names and
 * the orchestrator's workloads) and one leaf with its proof ({@code GET
 * /v1/attestations/{epoch}/proofs/{address}?workload=W}).
 */
final class AttestationApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String base;

  /**
   * @param base the API's URL, e.g. {@code http://127.0.0.1:8080}
   */
  AttestationApi(HttpClient http, URI base) {
    this.http = Objects.requireNonNull(http, "http");
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
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
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(TIMEOUT)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new VerifyException(
          "cannot reach the API at "
              + base
              + ": "
              + reason(e)
              + " (is naap running there? see --api)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VerifyException("interrupted while asking the API at " + base, e);
    }
    int status = response.statusCode();
    Optional<String> error = errorMessage(response.body());
    if (status == 404 && error.isPresent()) {
      throw new VerifyException("the API at " + base + " has no " + what + ": " + error.get());
    }
    if (status != 200) {
      throw new VerifyException(
          "the API at "
              + base
              + " answered HTTP "
              + status
              + " when asked for the "
              + what
              + ": "
              + error.orElse(
                  "no naap error in the answer ("
                      + excerpt(response.body())
                      + "); is it naap's API?"));
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body == null || !body.isObject()) {
        throw new VerifyException("the API at " + base + " answered no JSON object at " + url);
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new VerifyException("the API at " + base + " answered no JSON at " + url, e);
    }
  }

  /** The message of naap's error shape {@code {"error": {"code", "message", "details"}}}. */
  private static Optional<String> errorMessage(String body) {
    try {
      JsonNode message = JSON.readTree(body).path("error").path("message");
      return message.isTextual() ? Optional.of(message.asText()) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String excerpt(String body) {
    String text = body.strip();
    if (text.isEmpty()) {
      return "empty";
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
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

  private static String reason(Exception e) {
    if (e instanceof ConnectException) {
      return "nothing answers (connection refused)";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
