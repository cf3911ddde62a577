package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.naap.storage.auth.KeyScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable table =
      RouteTable.of(
          List.of(
              new Operation(Method.GET, "/health"),
              new Operation(Method.GET, "/orchestrators/{address}"),
              new Operation(Method.PUT, "/orchestrators/{address}"),
              new Operation(Method.GET, "/orchestrators/{address}/score")));

  @Test
  void routesAKnownOperationToItsTemplate() {
    assertThat(table.match(Method.GET, UriPath.create("/orchestrators/0xabc")))
        .isEqualTo(new RouteTable.Match.Routed("/orchestrators/{address}"));
    assertThat(table.match(Method.GET, UriPath.create("/orchestrators/0xabc/score")))
        .isEqualTo(new RouteTable.Match.Routed("/orchestrators/{address}/score"));
  }

  @Test
  void listsTheAllowedMethodsOfAKnownPath() {
    assertThat(table.match(Method.DELETE, UriPath.create("/orchestrators/0xabc")))
        .isEqualTo(
            new RouteTable.Match.WrongMethod(
                "/orchestrators/{address}", List.of(Method.GET, Method.PUT)));
  }

  @Test
  void doesNotKnowOtherPaths() {
    assertThat(table.match(Method.GET, UriPath.create("/orchestrators")))
        .isEqualTo(new RouteTable.Match.UnknownPath());
    assertThat(table.match(Method.GET, UriPath.create("/health/")))
        .isEqualTo(new RouteTable.Match.UnknownPath());
    assertThat(table.match(Method.GET, UriPath.create("/healthz")))
        .isEqualTo(new RouteTable.Match.UnknownPath());
  }

  @Test
  void answersTheScopeAnOperationRequires() {
    RouteTable scoped =
        RouteTable.of(
            List.of(new Operation(Method.GET, "/things"), new Operation(Method.POST, "/things")),
            Map.of(new Operation(Method.POST, "/things"), KeyScope.GATEWAY));

    assertThat(scoped.match(Method.POST, UriPath.create("/things")))
        .isEqualTo(new RouteTable.Match.Routed("/things", Optional.of(KeyScope.GATEWAY)));
    assertThat(scoped.match(Method.GET, UriPath.create("/things")))
        .isEqualTo(new RouteTable.Match.Routed("/things", Optional.empty()));
    assertThatThrownBy(
            () ->
                RouteTable.of(
                    List.of(new Operation(Method.GET, "/things")),
                    Map.of(new Operation(Method.POST, "/things"), KeyScope.GATEWAY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POST /things has a scope but is not served");
  }

  @Test
  void rejectsAnOperationDeclaredTwice() {
    assertThatThrownBy(
            () ->
                RouteTable.of(
                    List.of(
                        new Operation(Method.GET, "/health"),
                        new Operation(Method.GET, "/health"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /health");
  }

  @Test
  void refusesAFeatureEndpointThatShadowsABuiltInRoute() {
    assertThatThrownBy(
            () ->
                new ApiServer(
                    ApiSettings.onLoopback(0),
                    TestMeters.REGISTRY,
                    List.of(),
                    List.of(Endpoint.get("/metrics", (req, res) -> res.send()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /metrics");
  }
}
