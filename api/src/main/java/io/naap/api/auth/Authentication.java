package io.naap.api.auth;

import io.naap.storage.auth.KeyScope;
import java.util.Objects;

/** Who presented a bearer token, or why it was refused. */
public sealed interface Authentication {
  /** A valid key: its public id and its stored scope. */
  record Authenticated(String keyId, KeyScope scope) implements Authentication {
    public Authenticated {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(scope, "scope");
    }

    /**
     * Whether this key may call an operation that requires {@code required}: a key of that scope,
     * or an admin key, which is accepted wherever a key is required.
     */
    public boolean grants(KeyScope required) {
      return scope == required || scope == KeyScope.ADMIN;
    }
  }

  /**
   * Not a valid key.
   *
   * @param reason why, for the client: never contains the key's secret
   */
  record Refused(String reason) implements Authentication {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
