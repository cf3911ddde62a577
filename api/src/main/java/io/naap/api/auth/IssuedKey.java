package io.naap.api.auth;

import io.naap.storage.auth.StoredApiKey;
import java.util.Objects;

/**
 * A key just made: its text, to hand over once, and what was stored of it (id, scope, label, time,
 * salt and hash: never the key).
 */
public record IssuedKey(ApiKey key, StoredApiKey stored) {
  public IssuedKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stored, "stored");
    if (!key.id().equals(stored.id()) || key.scope() != stored.scope()) {
      throw new IllegalArgumentException("key " + key + " does not belong to " + stored);
    }
  }
}
