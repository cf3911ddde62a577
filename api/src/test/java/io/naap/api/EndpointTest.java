package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.naap.api.auth.Authentication;
import io.naap.storage.auth.KeyScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointTest {
  private static final Handler OK = (request, response) -> response.send("ok");

  @Test
  void everyMethodThatCanChangeStateMustRequireAScope() {
    for (Method method : List.of(Method.POST, Method.PUT, Method.PATCH, Method.DELETE)) {
      assertThatThrownBy(() -> new Endpoint(method, "/things", Optional.empty(), OK))
          .as(method.text())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              method.text()
                  + " /things can change state, so it must require an API key scope"
                  + " (Endpoint.post(path, scope, handler))");
    }
    assertThat(Endpoint.post("/things", KeyScope.ORCHESTRATOR, OK).scope())
        .contains(KeyScope.ORCHESTRATOR);
    assertThat(Endpoint.get("/things", OK).scope()).isEmpty();
    assertThat(new Endpoint(Method.GET, "/admin/things", Optional.of(KeyScope.ADMIN), OK).scope())
        .contains(KeyScope.ADMIN);
  }

  @Test
  void aServerWithAnOperationThatRequiresAKeyNeedsAnAuthenticator() {
    List<Endpoint> endpoints = List.of(Endpoint.post("/things", KeyScope.GATEWAY, OK));

    assertThatThrownBy(
            () ->
                new ApiServer(ApiSettings.onLoopback(0), TestMeters.REGISTRY, List.of(), endpoints))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "operations [POST /things] require API keys: give the server an Authenticator that"
                + " checks them");
    ApiServer server =
        new ApiServer(
            ApiSettings.onLoopback(0),
            TestMeters.REGISTRY,
            List.of(),
            endpoints,
            token -> new Authentication.Refused("none"));
    assertThat(server.routes().scopes())
        .isEqualTo(Map.of(new Operation(Method.POST, "/things"), KeyScope.GATEWAY));
  }
}
