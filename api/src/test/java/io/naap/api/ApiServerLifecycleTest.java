package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start and stop as the composition root calls them. */
class ApiServerLifecycleTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ApiServer api =
      new ApiServer(
          ApiSettings.onLoopback(0),
          TestMeters.REGISTRY,
          List.of(FakeChecks.up("database")),
          List.of());

  @AfterEach
  void stop() {
    api.stop();
  }

  @Test
  void servesOnTheReturnedPortUntilStopped() throws Exception {
    int port = api.start();

    HttpResponse<String> response = get(port, "/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");

    api.stop();

    assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(ConnectException.class);
  }

  @Test
  void refusesToStartTwice() {
    api.start();

    assertThatThrownBy(api::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
  }

  @Test
  void canStopWithoutStarting() {
    api.stop();
  }

  @Test
  void namesTheSettingWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      ApiServer second =
          new ApiServer(
              ApiSettings.onLoopback(taken.getLocalPort()),
              TestMeters.REGISTRY,
              List.of(),
              List.of());

      assertThatThrownBy(second::start)
          .isInstanceOf(ApiServerException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("api.port");
    }
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
