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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@RoutingTest
class HealthUpRoutingTest {
  private static final ApiServer API =
      new ApiServer(
          ApiSettings.onLoopback(0),
          TestMeters.REGISTRY,
          List.of(FakeChecks.up("database"), FakeChecks.up("chain")),
          List.of());

  private final DirectClient client;

  HealthUpRoutingTest(DirectClient client) {
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

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/health/ready"})
  void reportsEveryReadinessCheckUp(String path) {
    try (HttpClientResponse response = client.get(path).request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      JsonNode report = Json.parse(response.as(String.class));
      assertThat(report.get("status").asText()).isEqualTo("UP");
      assertThat(report.get("checks"))
          .extracting(check -> check.get("name").asText())
          .containsExactly("database", "chain");
      assertThat(report.get("checks"))
          .extracting(check -> check.get("status").asText())
          .containsOnly("UP");
    }
  }

  @Test
  void reportsLivenessWithoutTheReadinessChecks() {
    try (HttpClientResponse response = client.get("/health/live").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      JsonNode report = Json.parse(response.as(String.class));
      assertThat(report.get("status").asText()).isEqualTo("UP");
      assertThat(report.get("checks")).isEmpty();
    }
  }

  @Test
  void servesNoOtherHealthRouteOfHelidon() {
    try (HttpClientResponse response = client.get("/health/check/database").request()) {
      assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
      assertThat(Json.parse(response.as(String.class)).get("error").get("code").asText())
          .isEqualTo("not_found");
    }
  }
}
