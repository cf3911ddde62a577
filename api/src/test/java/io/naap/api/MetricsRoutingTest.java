package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderNames;
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

@RoutingTest
class MetricsRoutingTest {
  private static final ApiServer API =
      new ApiServer(
          ApiSettings.onLoopback(0),
          TestMeters.REGISTRY,
          List.of(FakeChecks.up("database")),
          List.of());

  private final DirectClient client;

  MetricsRoutingTest(DirectClient client) {
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

  @Test
  void servesPrometheusTextToAPlainClient() {
    try (HttpClientResponse response =
        client.get("/metrics").header(HeaderNames.ACCEPT, "*/*").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      assertThat(response.headers().contentType())
          .hasValueSatisfying(type -> assertThat(type.mediaType().text()).isEqualTo("text/plain"));
      assertThat(response.as(String.class)).contains("# TYPE ");
    }
  }

  @Test
  void timesRequestsByRouteTemplateAndStatus() {
    client.get("/health").request().close();
    client.get("/no/such/thing").request().close();

    try (HttpClientResponse response =
        client.get("/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
      assertThat(response.as(String.class))
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*method=\"GET\",route=\"/health\""
                  + "[^}]*status=\"200\"")
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*route=\"unmatched\"[^}]*status=\"404\"")
          .doesNotContain("/no/such/thing");
    }
  }

  @Test
  void servesJsonWhenAsked() {
    try (HttpClientResponse response =
        client.get("/metrics").header(HeaderNames.ACCEPT, "application/json").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      assertThat(Json.parse(response.as(String.class)).isObject()).isTrue();
    }
  }
}
