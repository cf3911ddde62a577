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
import io.naap.api.error.ErrorCode;
import io.naap.storage.auth.KeyScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The published document ({@code META-INF/openapi.yaml}, as served at {@code /openapi}) and the
 * production routing describe the same API: every documented operation is served, every other
 * method on a documented path is refused with 405, and the server knows no operation the document
 * does not.
 *
 * <p>{@link FeatureApi} builds the server with every feature service's endpoints, as the app does,
 * over a real PostgreSQL: add a new feature service there and this test covers it.
 */
@RoutingTest
class ApiContractIT {
  private static final List<String> OPENAPI_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final ApiServer API = FeatureApi.server();
  private static final String ADMIN_KEY = FeatureApi.key(KeyScope.ADMIN, "ApiContractIT");

  private final DirectClient client;
  private JsonNode document;

  ApiContractIT(DirectClient client) {
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

  @BeforeEach
  void fetchDocument() {
    try (HttpClientResponse response =
        client.get("/openapi").queryParam("format", "json").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      document = Json.parse(response.as(String.class));
    }
  }

  @Test
  void isAVersionedOpenApi31Document() {
    assertThat(document.get("openapi").asText()).startsWith("3.1.");
    assertThat(document.get("info").get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void documentsExactlyTheOperationsTheServerRoutes() {
    assertThat(documentedOperations())
        .containsExactlyInAnyOrderElementsOf(API.routes().operations());
  }

  @Test
  void servesEveryDocumentedOperation() {
    SoftAssertions softly = new SoftAssertions();
    for (Operation operation : documentedOperations()) {
      // with a key that every operation accepts, so that each handler runs
      try (HttpClientResponse response =
          client
              .method(operation.method())
              .path(concrete(operation.path()))
              .header(HeaderNames.AUTHORIZATION, "Bearer " + ADMIN_KEY)
              .request()) {
        softly
            .assertThat(response.status())
            .as(operation.toString())
            .isNotIn(Status.METHOD_NOT_ALLOWED_405, Status.UNAUTHORIZED_401, Status.FORBIDDEN_403);
        if (response.status() == Status.NOT_FOUND_404) {
          // an operation may answer 404 for a resource it does not have ("sample"), but never the
          // router's "no resource at this path"
          softly
              .assertThat(response.as(String.class))
              .as(operation.toString())
              .doesNotContain("There is no resource at");
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void refusesEveryOtherMethodOnADocumentedPath() {
    SoftAssertions softly = new SoftAssertions();
    documentedMethodsByPath()
        .forEach(
            (path, documented) -> {
              for (String name : OPENAPI_METHODS) {
                Method method = Method.create(name.toUpperCase());
                if (documented.contains(method.text())) {
                  continue;
                }
                try (HttpClientResponse response =
                    client.method(method).path(concrete(path)).request()) {
                  softly
                      .assertThat(response.status())
                      .as(method.text() + " " + path)
                      .isEqualTo(Status.METHOD_NOT_ALLOWED_405);
                  softly
                      .assertThat(response.headers().get(HeaderNames.ALLOW).values())
                      .as("Allow of " + path)
                      .isEqualTo(String.join(", ", documented));
                }
              }
            });
    softly.assertAll();
  }

  @Test
  void answersEveryErrorOfEveryOperationWithTheErrorSchema() {
    SoftAssertions softly = new SoftAssertions();
    forEachOperation(
        (operation, node) ->
            softly
                .assertThat(node.at("/responses/default/$ref").asText())
                .as(operation.toString())
                .isEqualTo("#/components/responses/Error"));
    softly.assertAll();
    assertThat(
            document
                .at("/components/responses/Error/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/Error");
  }

  @Test
  void documentsTheKeyScopeEachOperationRequires() {
    assertThat(document.at("/components/securitySchemes/apiKey/type").asText()).isEqualTo("http");
    assertThat(document.at("/components/securitySchemes/apiKey/scheme").asText())
        .isEqualTo("bearer");
    assertThat(document.has("security"))
        .as("no document-wide requirement: reads are open")
        .isFalse();
    Map<Operation, KeyScope> documented = new LinkedHashMap<>();
    SoftAssertions softly = new SoftAssertions();
    forEachOperation(
        (operation, node) -> {
          JsonNode security = node.get("security");
          boolean mutating =
              !List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(operation.method().text());
          if (security == null) {
            softly.assertThat(mutating).as(operation + " changes state but needs no key").isFalse();
            return;
          }
          softly.assertThat(security).as(operation + " security").hasSize(1);
          JsonNode scopes = security.get(0).get("apiKey");
          softly.assertThat(scopes).as(operation + " apiKey scopes").isNotNull().hasSize(1);
          if (scopes != null && scopes.size() == 1) {
            documented.put(operation, KeyScope.fromCode(scopes.get(0).asText()).orElseThrow());
          }
          softly
              .assertThat(node.at("/responses/401/$ref").asText())
              .as(operation + " 401")
              .isEqualTo("#/components/responses/Unauthorized");
          softly
              .assertThat(node.at("/responses/403/$ref").asText())
              .as(operation + " 403")
              .isEqualTo("#/components/responses/Forbidden");
        });
    softly.assertAll();
    assertThat(documented).isNotEmpty().isEqualTo(API.routes().scopes());
    for (String response : List.of("Unauthorized", "Forbidden")) {
      assertThat(
              document
                  .at(
                      "/components/responses/"
                          + response
                          + "/content/application~1json/schema/$ref")
                  .asText())
          .isEqualTo("#/components/schemas/Error");
      assertThat(document.at("/components/responses/" + response + "/headers/WWW-Authenticate"))
          .isNotNull()
          .isNotEmpty();
    }
  }

  @Test
  void publishesTheErrorCatalogue() {
    List<String> documented = new ArrayList<>();
    document
        .at("/components/schemas/Error/properties/error/properties/code/enum")
        .forEach(code -> documented.add(code.asText()));

    assertThat(documented)
        .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    assertThat(document.at("/components/schemas/Error/properties/error/required"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("code", "message", "details");
  }

  private Set<Operation> documentedOperations() {
    Set<Operation> operations = new java.util.HashSet<>();
    forEachOperation((operation, node) -> operations.add(operation));
    return operations;
  }

  private Map<String, Set<String>> documentedMethodsByPath() {
    Map<String, Set<String>> methods = new LinkedHashMap<>();
    forEachOperation(
        (operation, node) ->
            methods
                .computeIfAbsent(operation.path(), path -> new TreeSet<>())
                .add(operation.method().text()));
    return methods;
  }

  private void forEachOperation(java.util.function.BiConsumer<Operation, JsonNode> action) {
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (String method : OPENAPI_METHODS) {
        JsonNode operation = path.getValue().get(method);
        if (operation != null) {
          action.accept(
              new Operation(Method.create(method.toUpperCase()), path.getKey()), operation);
        }
      }
    }
  }

  /** A request path for a template: every {@code {parameter}} becomes a sample value. */
  private static String concrete(String template) {
    return template.replaceAll("\\{[^/}]+}", "sample");
  }
}
