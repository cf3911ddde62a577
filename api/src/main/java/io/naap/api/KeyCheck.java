package io.naap.api;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.naap.api.auth.Authentication;
import io.naap.api.auth.Authenticator;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.storage.auth.KeyScope;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The API key check in front of every operation that requires a scope, with RFC 6750 bearer tokens:
 * 401 with {@code WWW-Authenticate: Bearer} for a missing, malformed, unknown or revoked key, 403
 * for a valid key of another scope (an admin key is accepted everywhere). The token never appears
 * in an answer or a log.
 */
final class KeyCheck {
  private static final String REALM = "naap";
  private static final String SCHEME = "bearer";

  private final Authenticator authenticator;

  KeyCheck(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /**
   * The key of a request to {@code operation}, which requires {@code scope}.
   *
   * @throws ApiException 401 or 403, with the headers RFC 6750 asks for
   */
  Authentication.Authenticated require(KeyScope scope, Headers headers, Operation operation) {
    List<String> values =
        headers.contains(HeaderNames.AUTHORIZATION)
            ? headers.get(HeaderNames.AUTHORIZATION).allValues()
            : List.of();
    if (values.isEmpty()) {
      throw unauthorized(
          operation
              + " needs an API key of scope "
              + scope
              + " (or admin): send 'Authorization: Bearer <key>'; naap keys create --scope "
              + scope
              + " makes one.",
          scope,
          challenge());
    }
    String value = values.size() == 1 ? values.getFirst().strip() : "";
    int space = value.indexOf(' ');
    String token = space < 0 ? "" : value.substring(space + 1).strip();
    if (space < 0
        || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)
        || token.isEmpty()
        || token.chars().anyMatch(Character::isWhitespace)) {
      throw unauthorized(
          "The Authorization header must be one 'Bearer <key>'.", scope, invalidToken());
    }
    return switch (authenticator.authenticate(token)) {
      case Authentication.Refused refused ->
          throw unauthorized(
              "The API key was refused: " + refused.reason() + ".", scope, invalidToken());
      case Authentication.Authenticated key when key.grants(scope) -> key;
      case Authentication.Authenticated key ->
          throw new ApiException(
              ErrorCode.FORBIDDEN,
              operation
                  + " needs an API key of scope "
                  + scope
                  + " (or admin); key "
                  + key.keyId()
                  + " has scope "
                  + key.scope()
                  + ".",
              Map.of(
                  "requiredScope", scope.code(),
                  "keyId", key.keyId(),
                  "keyScope", key.scope().code()),
              HeaderValues.create(
                  HeaderNames.WWW_AUTHENTICATE,
                  challenge() + ", error=\"insufficient_scope\", scope=\"" + scope + "\""));
    };
  }

  private static ApiException unauthorized(String message, KeyScope scope, String challenge) {
    Header header = HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, challenge);
    return new ApiException(
        ErrorCode.UNAUTHORIZED, message, Map.of("requiredScope", scope.code()), header);
  }

  private static String challenge() {
    return "Bearer realm=\"" + REALM + "\"";
  }

  private static String invalidToken() {
    return challenge() + ", error=\"invalid_token\"";
  }
}
