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
class OpenApiRoutingTest {
  private static final ApiServer API =
      new ApiServer(ApiSettings.onLoopback(0), TestMeters.REGISTRY, List.of(), List.of());

  private final DirectClient client;

  OpenApiRoutingTest(DirectClient client) {
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
  void servesYamlByDefault() {
    try (HttpClientResponse response =
        client.get("/openapi").header(HeaderNames.ACCEPT, "*/*").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      assertThat(response.headers().contentType())
          .hasValueSatisfying(
              type -> assertThat(type.mediaType().text()).isEqualTo("application/vnd.oai.openapi"));
      assertThat(response.as(String.class))
          .startsWith("openapi: 3.1.0")
          .contains("title: naap API");
    }
  }

  @Test
  void servesJsonOnAccept() {
    try (HttpClientResponse response =
        client.get("/openapi").header(HeaderNames.ACCEPT, "application/json").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      assertThat(Json.parse(response.as(String.class)).get("info").get("title").asText())
          .isEqualTo("naap API");
    }
  }

  @Test
  void servesJsonOnFormatParameter() {
    try (HttpClientResponse response =
        client.get("/openapi").queryParam("format", "json").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      assertThat(response.headers().contentType())
          .hasValueSatisfying(
              type -> assertThat(type.mediaType().text()).isEqualTo("application/json"));
      assertThat(Json.parse(response.as(String.class)).get("openapi").asText()).isEqualTo("3.1.0");
    }
  }
}
