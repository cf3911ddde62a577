package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke tests over a real socket with the production listener configuration, including raw bytes
 * that Helidon rejects before routing.
 */
@ServerTest
class ApiServerSocketTest {
  private static final ApiServer API =
      new ApiServer(
          ApiSettings.onLoopback(0),
          TestMeters.REGISTRY,
          List.of(FakeChecks.up("database")),
          List.of());

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  ApiServerSocketTest(WebServer server) {
    this.port = server.port();
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    API.configure(server);
  }

  @Test
  void answersHealthWithJson() {
    HttpResponse<String> response = get("/health", "*/*");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).contains("\"name\":\"database\"");
  }

  @Test
  void answersAPlainClientWithPrometheusText() {
    HttpResponse<String> response = get("/metrics", "*/*");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).contains("# TYPE ");
  }

  @Test
  void answersAnUnknownPathWithJson() {
    HttpResponse<String> response = get("/nope", "*/*");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(Json.parse(response.body()).get("error").get("code").asText())
        .isEqualTo("not_found");
  }

  @Test
  void answersAMalformedRequestLineWithJson() {
    String response = exchange("GARBAGE\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).containsIgnoringCase("content-type: application/json");
    assertThat(Json.parse(body(response)).get("error").get("code").asText())
        .isEqualTo("bad_request");
  }

  @Test
  void answersABadlyEncodedPathWithJson() {
    String response = exchange("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(Json.parse(body(response)).get("error").get("code").asText())
        .isEqualTo("bad_request");
  }

  private HttpResponse<String> get(String path, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes; Helidon closes the connection after rejecting a request it cannot parse. */
  private String exchange(String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }
}
