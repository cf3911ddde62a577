package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@RoutingTest
class HealthDownRoutingTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final CountDownLatch RELEASE = new CountDownLatch(1);
  private static final ApiServer API =
      new ApiServer(
          new ApiSettings(ApiSettings.DEFAULT_HOST, 0, TIMEOUT),
          TestMeters.REGISTRY,
          List.of(
              FakeChecks.up("database"),
              FakeChecks.down("chain", "node is 12 blocks behind"),
              FakeChecks.failing("prices"),
              FakeChecks.hanging("relay", RELEASE)),
          List.of());

  private final DirectClient client;

  HealthDownRoutingTest(DirectClient client) {
    this.client = client;
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    API.addFeatures(server);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    API.routing(routing);
  }

  @AfterAll
  static void releaseHangingCheck() {
    RELEASE.countDown();
  }

  @Test
  void answersServiceUnavailableWhenAnyCheckIsDown() {
    long started = System.nanoTime();
    try (HttpClientResponse response = client.get("/health").request()) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(response.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
      JsonNode report = Json.parse(response.as(String.class));
      assertThat(report.get("status").asText()).isEqualTo("DOWN");
      assertThat(statusByName(report))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("database", "UP", "chain", "DOWN", "prices", "DOWN", "relay", "DOWN"));
      assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void explainsEachDownCheckWithoutLeakingExceptionMessages() {
    try (HttpClientResponse response = client.get("/health/ready").request()) {
      String body = response.as(String.class);
      JsonNode report = Json.parse(body);

      assertThat(response.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
      assertThat(data(report, "chain").get("reason").asText())
          .isEqualTo("node is 12 blocks behind");
      assertThat(data(report, "prices").get("error").asText()).contains("IllegalStateException");
      assertThat(data(report, "relay").get("error").asText()).contains("300 ms");
      assertThat(body).doesNotContain("secret-host");
    }
  }

  private static Map<String, String> statusByName(JsonNode report) {
    return java.util.stream.StreamSupport.stream(report.get("checks").spliterator(), false)
        .collect(
            java.util.stream.Collectors.toMap(
                check -> check.get("name").asText(), check -> check.get("status").asText()));
  }

  private static JsonNode data(JsonNode report, String name) {
    for (JsonNode check : report.get("checks")) {
      if (check.get("name").asText().equals(name)) {
        return check.get("data");
      }
    }
    throw new AssertionError("no check named " + name + " in " + report);
  }
}
