package io.naap.storage.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do; the values of {@code api_key.scope}. Which operations need which scope,
 * and that an admin key is accepted wherever a scope is required, is the API's rule ({@code
 * api/README.md}).
 */
public enum KeyScope {
  /** Posts gateway telemetry. */
  GATEWAY,
  /** Acts for an orchestrator. */
  ORCHESTRATOR,
  /** Operates naap: accepted by every operation that requires a key. */
  ADMIN;

  private final String code = name().toLowerCase(Locale.ROOT);

  /** The stored and printed form: {@code gateway}, {@code orchestrator}, {@code admin}. */
  public String code() {
    return code;
  }

  /** The scope whose {@link #code()} is {@code code} exactly, if any. */
  public static Optional<KeyScope> fromCode(String code) {
    return Arrays.stream(values()).filter(scope -> scope.code.equals(code)).findFirst();
  }

  /** Every code, in declaration order, for messages: {@code gateway, orchestrator, admin}. */
  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(KeyScope::code).toList());
  }

  @Override
  public String toString() {
    return code;
  }
}
