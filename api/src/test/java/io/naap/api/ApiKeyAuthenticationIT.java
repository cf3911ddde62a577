package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.naap.api.auth.IssuedKey;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.telemetry.TelemetryStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * API keys in front of {@code POST /v1/telemetry/events}, through the production routing, over a
 * real PostgreSQL: 401 without a valid key, 403 for the wrong scope, the handler only for a gateway
 * or admin key; reads stay open.
 */
@RoutingTest
class ApiKeyAuthenticationIT {
  private static final ApiServer API = FeatureApi.server();
  private static final String EVENTS = "/v1/telemetry/events";

  private final DirectClient client;

  ApiKeyAuthenticationIT(DirectClient client) {
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
  void aPostWithoutAKeyIsUnauthorizedWithABearerChallengeAndStoresNothing() {
    UUID id = UUID.randomUUID();
    try (HttpClientResponse response = post(Optional.empty(), id)) {
      assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
      assertThat(response.headers().get(HeaderNames.WWW_AUTHENTICATE).allValues())
          .containsExactly("Bearer realm=\"naap\"");
      assertThat(response.headers().contentType())
          .hasValueSatisfying(
              type -> assertThat(type.mediaType().text()).isEqualTo("application/json"));
      JsonNode error = Json.parse(response.as(String.class));
      assertThat(error.at("/error/code").asText()).isEqualTo("unauthorized");
      assertThat(error.at("/error/message").asText())
          .contains("POST /v1/telemetry/events needs an API key of scope gateway (or admin)")
          .contains("Authorization: Bearer <key>")
          .contains("naap keys create --scope gateway");
      assertThat(error.at("/error/details/requiredScope").asText()).isEqualTo("gateway");
    }
    assertThat(storedEvent(id)).isFalse();
  }

  @Test
  void aMalformedAuthorizationHeaderIsUnauthorized() {
    String key = FeatureApi.key(KeyScope.GATEWAY, "malformed headers");
    for (String header :
        List.of(
            "Bearer",
            "Bearer ",
            key,
            "Basic dXNlcjpwYXNzd29yZA==",
            "Bearer " + key + " " + key,
            "Bearer not-a-naap-key",
            "Bearer " + key.substring(0, key.length() - 1))) {
      UUID id = UUID.randomUUID();
      try (HttpClientResponse response = post(Optional.of(header), id)) {
        assertThat(response.status()).as(header).isEqualTo(Status.UNAUTHORIZED_401);
        assertThat(response.headers().get(HeaderNames.WWW_AUTHENTICATE).allValues())
            .as(header)
            .containsExactly("Bearer realm=\"naap\", error=\"invalid_token\"");
        String body = response.as(String.class);
        assertThat(Json.parse(body).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(body).as("the key is never echoed").doesNotContain(key.substring(30));
      }
      assertThat(storedEvent(id)).as(header).isFalse();
    }
  }

  @Test
  void anUnknownOrAlteredKeyIsUnauthorized() {
    String key = FeatureApi.key(KeyScope.GATEWAY, "altered");
    char last = key.charAt(key.length() - 1);
    String otherSecret = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
    String otherScope = key.replaceFirst("^naap_gateway_", "naap_admin_");
    String otherId = "naap_gateway_0000000000000000_" + key.substring(key.length() - 43);
    for (String altered : List.of(otherSecret, otherScope, otherId)) {
      try (HttpClientResponse response =
          post(Optional.of("Bearer " + altered), UUID.randomUUID())) {
        assertThat(response.status()).as(altered).isEqualTo(Status.UNAUTHORIZED_401);
        assertThat(Json.parse(response.as(String.class)).at("/error/message").asText())
            .isEqualTo("The API key was refused: no API key matches the bearer token.");
      }
    }
  }

  @Test
  void aRevokedKeyIsUnauthorizedAndSaysSo() {
    IssuedKey issued = FeatureApi.keys().create(KeyScope.GATEWAY, Optional.of("revoked in a test"));
    String bearer = "Bearer " + issued.key().text();
    try (HttpClientResponse before = post(Optional.of(bearer), UUID.randomUUID())) {
      assertThat(before.status()).isEqualTo(Status.OK_200);
    }

    FeatureApi.keys().revoke(issued.key().id());

    UUID id = UUID.randomUUID();
    try (HttpClientResponse after = post(Optional.of(bearer), id)) {
      assertThat(after.status()).isEqualTo(Status.UNAUTHORIZED_401);
      assertThat(Json.parse(after.as(String.class)).at("/error/message").asText())
          .contains("API key " + issued.key().id() + " was revoked at");
    }
    assertThat(storedEvent(id)).isFalse();
  }

  @Test
  void anOrchestratorKeyIsForbiddenOnTelemetry() {
    IssuedKey orchestrator =
        FeatureApi.keys().create(KeyScope.ORCHESTRATOR, Optional.of("an orchestrator"));
    UUID id = UUID.randomUUID();
    try (HttpClientResponse response =
        post(Optional.of("Bearer " + orchestrator.key().text()), id)) {
      assertThat(response.status()).isEqualTo(Status.FORBIDDEN_403);
      assertThat(response.headers().get(HeaderNames.WWW_AUTHENTICATE).allValues())
          .containsExactly(
              "Bearer realm=\"naap\", error=\"insufficient_scope\", scope=\"gateway\"");
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("forbidden");
      assertThat(error.get("message").asText())
          .isEqualTo(
              "POST /v1/telemetry/events needs an API key of scope gateway (or admin); key "
                  + orchestrator.key().id()
                  + " has scope orchestrator.");
      assertThat(error.get("details"))
          .isEqualTo(
              Json.parse(
                  "{\"requiredScope\":\"gateway\",\"keyId\":\""
                      + orchestrator.key().id()
                      + "\",\"keyScope\":\"orchestrator\"}"));
    }
    assertThat(storedEvent(id)).isFalse();
  }

  @Test
  void gatewayAndAdminKeysMayPostTelemetry() {
    for (KeyScope scope : List.of(KeyScope.GATEWAY, KeyScope.ADMIN)) {
      String key = FeatureApi.key(scope, "may post");
      // the scheme is case-insensitive (RFC 7235)
      for (String scheme : List.of("Bearer ", "bearer ", "BEARER  ")) {
        UUID id = UUID.randomUUID();
        try (HttpClientResponse response = post(Optional.of(scheme + key), id)) {
          String body = response.as(String.class);
          assertThat(response.status()).as(scope + " " + body).isEqualTo(Status.OK_200);
          assertThat(Json.parse(body).get("accepted").asLong()).isEqualTo(1);
        }
        assertThat(storedEvent(id)).as(scope + " " + scheme).isTrue();
      }
    }
  }

  @Test
  void readsNeedNoKeyAndIgnoreOne() {
    for (String path : List.of("/health", "/v1/telemetry/quarantine", "/v1/supply", "/openapi")) {
      try (HttpClientResponse open = client.get(path).request()) {
        assertThat(open.status()).as(path).isEqualTo(Status.OK_200);
      }
      try (HttpClientResponse withGarbage =
          client.get(path).header(HeaderNames.AUTHORIZATION, "Bearer nonsense").request()) {
        assertThat(withGarbage.status()).as(path).isEqualTo(Status.OK_200);
      }
    }
  }

  @Test
  void refusalsAreTimedWithTheirStatusAndRoute() {
    String orchestrator = FeatureApi.key(KeyScope.ORCHESTRATOR, "timed");
    try (HttpClientResponse unauthorized = post(Optional.empty(), UUID.randomUUID());
        HttpClientResponse forbidden =
            post(Optional.of("Bearer " + orchestrator), UUID.randomUUID())) {
      assertThat(unauthorized.status()).isEqualTo(Status.UNAUTHORIZED_401);
      assertThat(forbidden.status()).isEqualTo(Status.FORBIDDEN_403);
    }
    try (HttpClientResponse metrics =
        client.get("/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
      assertThat(metrics.as(String.class))
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*method=\"POST\",route=\""
                  + EVENTS
                  + "\"[^}]*status=\"401\"")
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*method=\"POST\",route=\""
                  + EVENTS
                  + "\"[^}]*status=\"403\"");
    }
  }

  private HttpClientResponse post(Optional<String> authorization, UUID id) {
    var request = client.post(EVENTS).header(HeaderNames.CONTENT_TYPE, "application/x-ndjson");
    authorization.ifPresent(value -> request.header(HeaderNames.AUTHORIZATION, value));
    return request.submit(event(id));
  }

  private static boolean storedEvent(UUID id) {
    return new TelemetryStore(FeatureApi.database()).event(id).isPresent();
  }

  private static String event(UUID id) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"stream_trace\",\"timestamp\":\"1767908945298\",\"gateway\":\"\","
        + "\"data\":{\"type\":\"gateway_receive_stream_request\",\"timestamp\":1767908945298,"
        + "\"stream_id\":\"auth-"
        + id
        + "\",\"request_id\":\"r-1\",\"pipeline_id\":\"\","
        + "\"orchestrator_info\":{\"address\":\"\",\"url\":\"\"}}}";
  }
}
