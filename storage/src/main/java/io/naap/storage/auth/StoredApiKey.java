package io.naap.storage.auth;

import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of {@code api_key}: an API key's public id, scope, label, lifetime and the salted hash
 * that a presented key is checked against. The key itself is never part of it. The table's
 * constraints hold on construction.
 *
 * @param id the public id: 16 lowercase hex digits
 * @param scope what the key may do
 * @param label who holds it or what it is for: 1 to 100 characters, no control characters
 * @param createdAt when it was made, truncated to microseconds (PostgreSQL's precision)
 * @param revokedAt when it was revoked, at or after {@code createdAt}; empty while valid
 * @param salt 16 random bytes, the HMAC key of {@code hash}
 * @param hash 32 bytes: HMAC-SHA256(salt, key text)
 */
public record StoredApiKey(
    String id,
    KeyScope scope,
    Optional<String> label,
    Instant createdAt,
    Optional<Instant> revokedAt,
    byte[] salt,
    byte[] hash) {
  public static final int SALT_BYTES = 16;
  public static final int HASH_BYTES = 32;
  public static final int MAX_LABEL_LENGTH = 100;
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

  public StoredApiKey {
    requireId(id);
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(label, "label must be an Optional");
    label.ifPresent(StoredApiKey::requireLabel);
    Objects.requireNonNull(createdAt, "createdAt");
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(revokedAt, "revokedAt must be an Optional");
    revokedAt = revokedAt.map(at -> at.truncatedTo(ChronoUnit.MICROS));
    Instant created = createdAt;
    if (revokedAt.filter(at -> at.isBefore(created)).isPresent()) {
      throw new IllegalArgumentException(
          "key "
              + id
              + " cannot be revoked ("
              + revokedAt.get()
              + ") before it was made ("
              + createdAt
              + ")");
    }
    salt = requireLength(salt, SALT_BYTES, "salt");
    hash = requireLength(hash, HASH_BYTES, "hash");
  }

  /** Checks a key id: 16 lowercase hex digits. */
  public static String requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      // the text is not echoed: it may be a whole key given where its id was expected
      throw new IllegalArgumentException(
          "a key id is 16 lowercase hex digits, got " + id.length() + " characters");
    }
    return id;
  }

  /**
   * Checks a label: 1 to 100 characters (code points), none of them a control character (U+0000 to
   * U+001F, U+007F to U+009F) or an unpaired surrogate, which PostgreSQL text cannot hold.
   */
  public static String requireLabel(String label) {
    Objects.requireNonNull(label, "label");
    int length = label.codePointCount(0, label.length());
    if (length < 1 || length > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "a key label has 1 to " + MAX_LABEL_LENGTH + " characters, got " + length);
    }
    if (label.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
      throw new IllegalArgumentException(
          "a key label must not contain control characters (tabs, line breaks and the like)");
    }
    if (label
        .codePoints()
        .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw new IllegalArgumentException("a key label must not contain an unpaired surrogate");
    }
    return label;
  }

  /** Whether the key was revoked. */
  public boolean revoked() {
    return revokedAt.isPresent();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** Compares {@code candidate} with the stored hash in time independent of where they differ. */
  public boolean hashEquals(byte[] candidate) {
    return MessageDigest.isEqual(hash, candidate);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredApiKey key
        && id.equals(key.id)
        && scope == key.scope
        && label.equals(key.label)
        && createdAt.equals(key.createdAt)
        && revokedAt.equals(key.revokedAt)
        && Arrays.equals(salt, key.salt)
        && Arrays.equals(hash, key.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, scope, label, createdAt, revokedAt, Arrays.hashCode(hash));
  }

  /** Id, scope, label and lifetime; the salt and hash stay out of logs. */
  @Override
  public String toString() {
    return "StoredApiKey[id="
        + id
        + ", scope="
        + scope
        + ", label="
        + label
        + ", createdAt="
        + createdAt
        + ", revokedAt="
        + revokedAt
        + "]";
  }

  private static byte[] requireLength(byte[] bytes, int length, String what) {
    Objects.requireNonNull(bytes, what);
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          "a key's " + what + " is " + length + " bytes, got " + bytes.length);
    }
    return bytes.clone();
  }
}
