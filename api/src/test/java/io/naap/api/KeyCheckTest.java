package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.naap.api.auth.Authentication;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.storage.auth.KeyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCheckTest {
  private static final Operation POST_EVENTS = new Operation(Method.POST, "/v1/telemetry/events");
  private final List<String> presented = new ArrayList<>();
  private final KeyCheck check =
      new KeyCheck(
          token -> {
            presented.add(token);
            return switch (token) {
              case "gw" -> new Authentication.Authenticated("00000000000000a1", KeyScope.GATEWAY);
              case "orch" ->
                  new Authentication.Authenticated("00000000000000a2", KeyScope.ORCHESTRATOR);
              case "root" -> new Authentication.Authenticated("00000000000000a3", KeyScope.ADMIN);
              default -> new Authentication.Refused("unknown");
            };
          });

  private static WritableHeaders<?> authorization(String... values) {
    WritableHeaders<?> headers = WritableHeaders.create();
    for (String value : values) {
      headers.add(HeaderNames.AUTHORIZATION, value);
    }
    return headers;
  }

  @Test
  void passesTheBearerTokenToTheAuthenticator() {
    assertThat(check.require(KeyScope.GATEWAY, authorization("Bearer gw"), POST_EVENTS))
        .isEqualTo(new Authentication.Authenticated("00000000000000a1", KeyScope.GATEWAY));
    assertThat(check.require(KeyScope.GATEWAY, authorization("bearer   gw  "), POST_EVENTS).scope())
        .isEqualTo(KeyScope.GATEWAY);
    assertThat(presented).containsExactly("gw", "gw");
  }

  @Test
  void anAdminKeySatisfiesEveryScope() {
    for (KeyScope scope : KeyScope.values()) {
      assertThat(check.require(scope, authorization("Bearer root"), POST_EVENTS).keyId())
          .isEqualTo("00000000000000a3");
    }
    assertThat(
            new Authentication.Authenticated("00000000000000a1", KeyScope.GATEWAY)
                .grants(KeyScope.ADMIN))
        .isFalse();
  }

  @Test
  void noHeaderIsUnauthorizedWithAPlainChallenge() {
    assertThatThrownBy(() -> check.require(KeyScope.GATEWAY, WritableHeaders.create(), POST_EVENTS))
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
              assertThat(refused.details()).isEqualTo(Map.of("requiredScope", "gateway"));
              assertThat(refused.headers())
                  .singleElement()
                  .satisfies(
                      header -> {
                        assertThat(header.headerName()).isEqualTo(HeaderNames.WWW_AUTHENTICATE);
                        assertThat(header.get()).isEqualTo("Bearer realm=\"naap\"");
                      });
            });
    assertThat(presented).isEmpty();
  }

  @Test
  void aHeaderThatIsNotOneBearerTokenIsUnauthorizedWithoutAskingTheAuthenticator() {
    for (WritableHeaders<?> headers :
        List.of(
            authorization("gw"),
            authorization("Bearer"),
            authorization("Basic Z3c6"),
            authorization("Bearer gw gw"),
            authorization("Bearer\tgw"),
            authorization("Bearer gw", "Bearer gw"))) {
      assertThatThrownBy(() -> check.require(KeyScope.GATEWAY, headers, POST_EVENTS))
          .as(headers.toString())
          .isInstanceOfSatisfying(
              ApiException.class,
              refused -> {
                assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                assertThat(refused.getMessage())
                    .isEqualTo("The Authorization header must be one 'Bearer <key>'.");
                assertThat(refused.headers().getFirst().get())
                    .isEqualTo("Bearer realm=\"naap\", error=\"invalid_token\"");
              });
    }
    assertThat(presented).isEmpty();
  }

  @Test
  void aRefusedKeyIsUnauthorizedWithTheReason() {
    assertThatThrownBy(
            () -> check.require(KeyScope.GATEWAY, authorization("Bearer nope"), POST_EVENTS))
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
              assertThat(refused.getMessage()).isEqualTo("The API key was refused: unknown.");
            });
  }

  @Test
  void aKeyOfAnotherScopeIsForbiddenWithInsufficientScope() {
    assertThatThrownBy(
            () -> check.require(KeyScope.GATEWAY, authorization("Bearer orch"), POST_EVENTS))
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(refused.getMessage())
                  .isEqualTo(
                      "POST /v1/telemetry/events needs an API key of scope gateway (or admin);"
                          + " key 00000000000000a2 has scope orchestrator.");
              assertThat(refused.details())
                  .isEqualTo(
                      Map.of(
                          "requiredScope", "gateway",
                          "keyId", "00000000000000a2",
                          "keyScope", "orchestrator"));
              assertThat(refused.headers().getFirst().get())
                  .isEqualTo(
                      "Bearer realm=\"naap\", error=\"insufficient_scope\", scope=\"gateway\"");
            });
    assertThatThrownBy(() -> check.require(KeyScope.ADMIN, authorization("Bearer gw"), POST_EVENTS))
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }
}
