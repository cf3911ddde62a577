package io.naap.storage.auth;

/** What {@link ApiKeyStore#revoke} did. */
public sealed interface Revocation {
  /** The key was valid and is revoked now. */
  record Revoked(StoredApiKey key) implements Revocation {}

  /** The key had been revoked before; nothing changed. */
  record AlreadyRevoked(StoredApiKey key) implements Revocation {}

  /** No key has this id. */
  record Unknown(String id) implements Revocation {}
}
