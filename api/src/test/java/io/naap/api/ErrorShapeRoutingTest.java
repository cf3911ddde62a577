package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.naap.api.auth.Authentication;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.storage.auth.KeyScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every error leaves the production routing as {@code {"error": {"code", "message", "details"}}}.
 */
@RoutingTest
class ErrorShapeRoutingTest {
  private static final String KEY = "the-test-key";
  private static final ApiServer API =
      new ApiServer(
          ApiSettings.onLoopback(0),
          TestMeters.REGISTRY,
          List.of(FakeChecks.up("database")),
          List.of(
              Endpoint.get(
                  "/orchestrators/{address}",
                  (request, response) -> {
                    String address = request.path().pathParameters().get("address");
                    throw new ApiException(
                        ErrorCode.NOT_FOUND,
                        "no orchestrator " + address,
                        Map.of("address", address));
                  }),
              Endpoint.get(
                  "/broken",
                  (request, response) -> {
                    throw new IllegalStateException(
                        "jdbc:postgresql://db-host/naap?password=hunter2");
                  }),
              Endpoint.post("/broken", KeyScope.ADMIN, (request, response) -> response.send("ok")),
              Endpoint.post(
                  "/samples",
                  KeyScope.GATEWAY,
                  (request, response) -> {
                    Sample sample = request.content().as(Sample.class);
                    response.send(String.valueOf(sample.count()));
                  })),
          token ->
              token.equals(KEY)
                  ? new Authentication.Authenticated("00000000000000ad", KeyScope.ADMIN)
                  : new Authentication.Refused("not the test key"));

  private final DirectClient client;

  ErrorShapeRoutingTest(DirectClient client) {
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
  void answersAnUnknownPathWithNotFound() {
    try (HttpClientResponse response = client.get("/no/such/thing").request()) {
      assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
      assertJsonContentType(response);
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("not_found");
      assertThat(error.get("message").asText()).contains("/no/such/thing");
      assertThat(error.get("details").get("path").asText()).isEqualTo("/no/such/thing");
      assertThat(error.get("details").get("method").asText()).isEqualTo("GET");
    }
  }

  @Test
  void answersAWrongMethodWithMethodNotAllowedAndAllow() {
    try (HttpClientResponse response = client.method(Method.DELETE).path("/health").request()) {
      assertThat(response.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
      assertThat(response.headers().get(HeaderNames.ALLOW).values()).isEqualTo("GET");
      assertJsonContentType(response);
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("method_not_allowed");
      assertThat(error.get("details").get("allowed")).containsExactly(Json.parse("\"GET\""));
    }
  }

  @Test
  void listsEveryAllowedMethodOfAPath() {
    try (HttpClientResponse response = client.method(Method.PUT).path("/broken").request()) {
      assertThat(response.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
      assertThat(response.headers().get(HeaderNames.ALLOW).values()).isEqualTo("GET, POST");
    }
  }

  @Test
  void answersAHeadRequestWithHeadersOnly() {
    try (HttpClientResponse response = client.method(Method.HEAD).path("/health").request()) {
      assertThat(response.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
      assertThat(response.headers().get(HeaderNames.ALLOW).values()).isEqualTo("GET");
      assertThat(response.entity().hasEntity()).isFalse();
    }
  }

  @Test
  void passesAnApiExceptionFromAHandlerThrough() {
    try (HttpClientResponse response = client.get("/orchestrators/0xabc").request()) {
      assertThat(response.status()).isEqualTo(Status.NOT_FOUND_404);
      assertJsonContentType(response);
      assertThat(Json.parse(response.as(String.class)))
          .isEqualTo(
              Json.parse(
                  "{\"error\":{\"code\":\"not_found\",\"message\":\"no orchestrator 0xabc\","
                      + "\"details\":{\"address\":\"0xabc\"}}}"));
    }
  }

  @Test
  void hidesAnUnhandledExceptionBehindInternalError() {
    try (HttpClientResponse response = client.get("/broken").request()) {
      assertThat(response.status()).isEqualTo(Status.INTERNAL_SERVER_ERROR_500);
      assertJsonContentType(response);
      String body = response.as(String.class);
      assertThat(Json.parse(body).get("error").get("code").asText()).isEqualTo("internal_error");
      assertThat(body).doesNotContain("hunter2", "IllegalStateException", "at io.naap");
    }
  }

  @Test
  void answersAMalformedQueryWithBadRequest() {
    try (HttpClientResponse response =
        client.get("/openapi").queryParam("format", "xml").request()) {
      assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
      assertJsonContentType(response);
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("bad_request");
      assertThat(error.get("message").asText()).contains("xml");
    }
  }

  @Test
  void answersAnUnservableAcceptWithNotAcceptable() {
    try (HttpClientResponse response =
        client.get("/openapi").header(HeaderNames.ACCEPT, "text/html").request()) {
      assertThat(response.status()).isEqualTo(Status.NOT_ACCEPTABLE_406);
      assertJsonContentType(response);
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("not_acceptable");
      assertThat(error.get("details").get("supported").toString()).contains("application/json");
    }
  }

  @Test
  void acceptsAReadableBody() {
    try (HttpClientResponse response = postJson("/samples", "{\"count\": 3}")) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      assertThat(response.as(String.class)).isEqualTo("3");
    }
  }

  @Test
  void answersABodyThatIsNotJsonWithBadRequest() {
    try (HttpClientResponse response = postJson("/samples", "{\"count\": ")) {
      assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
      assertJsonContentType(response);
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("bad_request");
      assertThat(error.get("details").get("line").asInt()).isEqualTo(1);
    }
  }

  @Test
  void answersABodyOfTheWrongShapeWithBadRequest() {
    try (HttpClientResponse response = postJson("/samples", "{\"count\": \"many\"}")) {
      assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
      assertThat(Json.parse(response.as(String.class)).get("error").get("code").asText())
          .isEqualTo("bad_request");
    }
  }

  @Test
  void explainsAValueTheRecordRejects() {
    try (HttpClientResponse response = postJson("/samples", "{\"count\": -1}")) {
      assertThat(response.status()).isEqualTo(Status.BAD_REQUEST_400);
      assertThat(
              Json.parse(response.as(String.class))
                  .get("error")
                  .get("details")
                  .get("reason")
                  .asText())
          .isEqualTo("count must not be negative");
    }
  }

  @Test
  void answersABodyOfAnUnreadableContentTypeWithUnsupportedMediaType() {
    try (HttpClientResponse response =
        client
            .method(Method.POST)
            .path("/samples")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + KEY)
            .header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
            .submit("count=3")) {
      assertThat(response.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE_415);
      assertJsonContentType(response);
      JsonNode error = Json.parse(response.as(String.class)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("unsupported_media_type");
      assertThat(error.get("details").get("contentType").asText())
          .isEqualTo("application/x-www-form-urlencoded");
    }
  }

  @Test
  void checksTheKeyBeforeTheBodyIsRead() {
    try (HttpClientResponse response =
        client
            .method(Method.POST)
            .path("/samples")
            .header(HeaderNames.CONTENT_TYPE, "application/json")
            .submit("{\"count\": ")) {
      assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
      assertJsonContentType(response);
      assertThat(Json.parse(response.as(String.class)).at("/error/code").asText())
          .isEqualTo("unauthorized");
    }
    try (HttpClientResponse response =
        client
            .method(Method.POST)
            .path("/samples")
            .header(HeaderNames.AUTHORIZATION, "Bearer not-" + KEY)
            .header(HeaderNames.CONTENT_TYPE, "application/json")
            .submit("{\"count\": 3}")) {
      assertThat(response.status()).isEqualTo(Status.UNAUTHORIZED_401);
      assertThat(Json.parse(response.as(String.class)).at("/error/message").asText())
          .isEqualTo("The API key was refused: not the test key.");
    }
  }

  @Test
  void refusesAnotherMethodOnAPathThatNeedsAKeyBeforeAskingForOne() {
    try (HttpClientResponse response = client.method(Method.PUT).path("/samples").request()) {
      assertThat(response.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
      assertThat(response.headers().get(HeaderNames.ALLOW).values()).isEqualTo("POST");
      assertThat(response.headers().contains(HeaderNames.WWW_AUTHENTICATE)).isFalse();
    }
  }

  private HttpClientResponse postJson(String path, String body) {
    return client
        .method(Method.POST)
        .path(path)
        .header(HeaderNames.AUTHORIZATION, "Bearer " + KEY)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .submit(body);
  }

  record Sample(int count) {
    Sample {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative");
      }
    }
  }

  private static void assertJsonContentType(HttpClientResponse response) {
    assertThat(response.headers().contentType())
        .hasValueSatisfying(
            type -> assertThat(type.mediaType().text()).isEqualTo("application/json"));
  }
}
