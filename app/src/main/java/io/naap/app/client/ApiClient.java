package io.naap.app.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The open reads of naap's HTTP API that commands make ({@code naap verify}, {@code naap
 * incentives}): a GET whose answer is 200, or an {@link ApiClientException} that says what went
 * wrong in words: nothing answers, the API has no such resource (its 404 message), or another
 * status with naap's error message.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final String base;

  /**
   * @param base the API's URL, e.g. {@code http://127.0.0.1:8080}
   */
  public ApiClient(HttpClient http, URI base) {
    this.http = Objects.requireNonNull(http, "http");
    String text = base.toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** The API's URL, without a trailing slash. */
  public String base() {
    return base;
  }

  /**
   * The body of {@code GET base + path}, answered 200.
   *
   * @param path from the API's root, with its query, e.g. {@code /v1/incentives/epochs/7}
   * @param what what is asked for, for messages ("attestation of epoch 7")
   */
  public String getText(String path, String what) {
    return get(path, what, "*/*");
  }

  /** The JSON object of {@code GET base + path}, answered 200. */
  public JsonNode getJson(String path, String what) {
    String body = get(path, what, "application/json");
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiClientException(
            "the API at " + base + " answered no JSON object at " + base + path);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiClientException("the API at " + base + " answered no JSON at " + base + path, e);
    }
  }

  private String get(String path, String what, String accept) {
    String url = base + path;
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(TIMEOUT)
                  .header("Accept", accept)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApiClientException(
          "cannot reach the API at "
              + base
              + ": "
              + reason(e)
              + " (is naap running there? see --api)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiClientException("interrupted while asking the API at " + base, e);
    }
    int status = response.statusCode();
    Optional<String> error = errorMessage(response.body());
    if (status == 404 && error.isPresent()) {
      throw new ApiClientException("the API at " + base + " has no " + what + ": " + error.get());
    }
    if (status != 200) {
      throw new ApiClientException(
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
    return response.body();
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
