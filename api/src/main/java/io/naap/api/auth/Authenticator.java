package io.naap.api.auth;

/**
 * Checks the bearer tokens of requests to operations that require an API key. The port the API
 * server authenticates through; {@link ApiKeys} is the implementation over the database.
 * Implementations must be thread-safe and must not log or keep the token.
 */
@FunctionalInterface
public interface Authenticator {
  /** Whose key {@code bearerToken} is; {@link Authentication.Refused} when it is none. */
  Authentication authenticate(String bearerToken);
}
