package io.naap.api.auth;

import io.naap.storage.auth.KeyScope;
import io.naap.storage.auth.StoredApiKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an API key: {@code naap_<scope>_<id>_<secret>}, e.g. {@code
 * naap_gateway_3f9c0a1b2c3d4e5f_<43 characters>}.
 *
 * <ul>
 *   <li>{@code scope}: {@code gateway}, {@code orchestrator} or {@code admin}, so that a person or
 *       a secret scanner can tell keys apart; the stored scope is the one that counts, and since
 *       the hash covers the whole text, a key whose scope was edited matches nothing;
 *   <li>{@code id}: 16 lowercase hex digits (64 random bits), public: the lookup key of the stored
 *       row, listed by {@code naap keys list} and named in errors and logs;
 *   <li>{@code secret}: 32 bytes from {@link SecureRandom} in unpadded base64url (43 characters).
 * </ul>
 *
 * <p>{@link #toString()} never shows the secret; only {@link #text()} does, for the one place that
 * must print or send it.
 */
public final class ApiKey {
  static final int SECRET_BYTES = 32;
  static final int ID_BYTES = 8;
  private static final String PREFIX = "naap_";
  private static final Pattern FORMAT =
      Pattern.compile("naap_([a-z]+)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

  private final KeyScope scope;
  private final String id;
  private final String text;

  private ApiKey(KeyScope scope, String id, String text) {
    this.scope = scope;
    this.id = id;
    this.text = text;
  }

  /** A new key of {@code scope}: a random id and a random secret from {@code random}. */
  static ApiKey generate(KeyScope scope, SecureRandom random) {
    Objects.requireNonNull(scope, "scope");
    byte[] id = new byte[ID_BYTES];
    random.nextBytes(id);
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    String idText = HexFormat.of().formatHex(id);
    return new ApiKey(
        scope,
        idText,
        PREFIX
            + scope.code()
            + "_"
            + idText
            + "_"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /**
   * Reads a key presented by a client or given on a command line; empty when {@code text} does not
   * have the key format. Says nothing about whether such a key exists.
   */
  public static Optional<ApiKey> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher match = FORMAT.matcher(text);
    if (!match.matches()) {
      return Optional.empty();
    }
    return KeyScope.fromCode(match.group(1)).map(scope -> new ApiKey(scope, match.group(2), text));
  }

  /** The format, for messages: {@code naap_<scope>_<id>_<secret>}. */
  public static String format() {
    return PREFIX + "<scope>_<id>_<secret>";
  }

  /** The scope the key's text names. */
  public KeyScope scope() {
    return scope;
  }

  /** The public id, as stored ({@link StoredApiKey#id()}). */
  public String id() {
    return id;
  }

  /** The whole key, secret included: to print once or to send as a bearer token, never to log. */
  public String text() {
    return text;
  }

  /** Whether {@code text} looks like a key, whatever its scope: to warn about a key misplaced. */
  public static boolean looksLikeOne(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key && text.equals(key.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The key without its secret: {@code naap_gateway_<id>_***}. */
  @Override
  public String toString() {
    return PREFIX + scope.code() + "_" + id + "_***";
  }
}
