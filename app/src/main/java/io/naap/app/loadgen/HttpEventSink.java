package io.naap.app.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.api.auth.ApiKey;
import io.naap.telemetry.loadgen.Delivery;
import io.naap.telemetry.loadgen.EventSink;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Delivers each tick's events to a running naap: {@code POST <base>/v1/telemetry/events} with an
 * NDJSON body ({@code application/x-ndjson}) and a gateway API key as bearer token, the report read
 * back from the answer.
 */
public final class HttpEventSink implements EventSink {
  /** The telemetry ingestion endpoint, under the target's base URL. */
  public static final String PATH = "/v1/telemetry/events";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int BODY_EXCERPT = 300;

  private final URI endpoint;
  private final HttpClient client;
  private final ApiKey key;

  /**
   * @param key a gateway (or admin) key of the target naap
   */
  public HttpEventSink(URI endpoint, HttpClient client, ApiKey key) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.client = Objects.requireNonNull(client, "client");
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The endpoint of a naap whose API is at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
  public static URI endpoint(URI base) {
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text + PATH);
  }

  @Override
  public Delivery deliver(List<String> events) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + key.text())
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", events)))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new LoadgenException("cannot reach " + endpoint + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadgenException("interrupted while posting to " + endpoint, e);
    }
    if (response.statusCode() != 200) {
      throw new LoadgenException(
          "POST "
              + endpoint
              + " answered "
              + response.statusCode()
              + ": "
              + excerpt(response.body())
              + keyHint(response.statusCode()));
    }
    try {
      JsonNode report = JSON.readTree(response.body());
      return new Delivery(
          report.path("accepted").asLong(),
          report.path("duplicate").asLong(),
          report.path("quarantined").asLong());
    } catch (IOException e) {
      throw new LoadgenException(
          "POST " + endpoint + " answered with no ingest report: " + excerpt(response.body()), e);
    }
  }

  private String keyHint(int status) {
    return status == 401 || status == 403
        ? " (sent API key " + key.id() + "; posting telemetry needs a valid gateway or admin key)"
        : "";
  }

  private static String describe(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        return cause.getMessage();
      }
    }
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }

  private static String excerpt(String body) {
    String text = body.strip();
    return text.length() <= BODY_EXCERPT ? text : text.substring(0, BODY_EXCERPT) + "...";
  }
}
