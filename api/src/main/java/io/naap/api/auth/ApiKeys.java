package io.naap.api.auth;

import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.auth.Revocation;
import io.naap.storage.auth.StoredApiKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys over the database: made, listed, revoked and checked.
 *
 * <p>A key ({@link ApiKey}) carries 256 random bits; only its public id, its scope and label and
 * {@code HMAC-SHA256(salt, key text)} with a random 16-byte salt of its own are stored. A slow
 * password hash (bcrypt, scrypt, Argon2) would protect guessable secrets; a 256-bit random secret
 * cannot be guessed from its hash, so one HMAC per request suffices, and a per-key salt keeps equal
 * hashes from ever showing up. For the same reason no server-side pepper is used: it would only
 * make the CLI and the server share one more secret. Hashes are compared with {@link
 * java.security.MessageDigest#isEqual}, in time independent of where they differ.
 *
 * <p>Checking a key reads its row by id on every request (a primary key lookup), so a revocation
 * takes effect at once. Nothing here logs a key.
 */
public final class ApiKeys implements Authenticator {
  private static final String HMAC = "HmacSHA256";
  private static final int ID_ATTEMPTS = 5;

  private final ApiKeyStore store;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param random the source of ids, secrets and salts: a {@link SecureRandom}, since they are
   *     credentials
   */
  public ApiKeys(ApiKeyStore store, Clock clock, SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Makes and stores a key.
   *
   * @param label who holds it or what it is for: 1 to 100 characters, no control characters
   * @return the key, whose text is known only to the caller from now on
   * @throws IllegalArgumentException for a label that breaks those rules
   */
  public IssuedKey create(KeyScope scope, Optional<String> label) {
    Objects.requireNonNull(scope, "scope");
    label.ifPresent(StoredApiKey::requireLabel);
    for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      ApiKey key = ApiKey.generate(scope, random);
      byte[] salt = new byte[StoredApiKey.SALT_BYTES];
      random.nextBytes(salt);
      StoredApiKey stored =
          new StoredApiKey(
              key.id(), scope, label, clock.instant(), Optional.empty(), salt, hash(salt, key));
      if (store.insert(stored)) {
        return new IssuedKey(key, stored);
      }
      // 64-bit ids: a collision is all but impossible, yet costs nothing to survive
    }
    throw new IllegalStateException(
        "drew "
            + ID_ATTEMPTS
            + " key ids in a row that exist already: is the random source broken?");
  }

  /** Every key, revoked ones included, oldest first; never a key's text. */
  public List<StoredApiKey> list() {
    return store.all();
  }

  /**
   * Revokes the key {@code id}; requests with it are refused from the next one on.
   *
   * @throws IllegalArgumentException when {@code id} is not a key id (16 lowercase hex digits)
   */
  public Revocation revoke(String id) {
    return store.revoke(id, clock.instant());
  }

  /** Revokes every valid key labelled {@code label}, returning them. */
  public List<StoredApiKey> revokeLabelled(String label) {
    return store.revokeLabelled(label, clock.instant());
  }

  @Override
  public Authentication authenticate(String bearerToken) {
    Optional<ApiKey> presented = ApiKey.parse(bearerToken);
    if (presented.isEmpty()) {
      return new Authentication.Refused(
          "the bearer token is not a naap API key (" + ApiKey.format() + ")");
    }
    ApiKey key = presented.get();
    Optional<StoredApiKey> stored = store.find(key.id());
    if (stored.isEmpty() || !stored.get().hashEquals(hash(stored.get().salt(), key))) {
      // one answer for an unknown id and a wrong secret
      return new Authentication.Refused("no API key matches the bearer token");
    }
    StoredApiKey valid = stored.get();
    if (valid.revoked()) {
      // told only to whoever holds the whole key
      return new Authentication.Refused(
          "API key " + valid.id() + " was revoked at " + valid.revokedAt().get());
    }
    return new Authentication.Authenticated(valid.id(), valid.scope());
  }

  /** HMAC-SHA256 of the key's text under {@code salt}. */
  static byte[] hash(byte[] salt, ApiKey key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(salt, HMAC));
      return mac.doFinal(key.text().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // every Java platform must provide HmacSHA256
      throw new IllegalStateException("this JVM cannot compute " + HMAC, e);
    }
  }
}
