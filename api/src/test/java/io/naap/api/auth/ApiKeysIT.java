package io.naap.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.auth.Revocation;
import io.naap.storage.auth.StoredApiKey;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import io.naap.testkit.SteppedClock;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keys made, checked, listed and revoked over a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysIT {
  private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

  private final SteppedClock clock = new SteppedClock(START);
  private PostgresDatabase postgres;
  private Database database;
  private ApiKeys keys;

  @BeforeAll
  void connect(PostgresDatabase postgres) throws NoSuchAlgorithmException {
    this.postgres = postgres;
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(20261128L);
    keys = new ApiKeys(new ApiKeyStore(database), clock, random);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void aNewKeyAuthenticatesWithItsStoredScope() {
    IssuedKey issued = keys.create(KeyScope.GATEWAY, Optional.of("gateway eu-1"));

    assertThat(keys.authenticate(issued.key().text()))
        .isEqualTo(new Authentication.Authenticated(issued.key().id(), KeyScope.GATEWAY));
    assertThat(issued.stored().label()).contains("gateway eu-1");
    assertThat(issued.stored().revokedAt()).isEmpty();
    assertThat(keys.list()).contains(issued.stored());
  }

  @Test
  void aWrongSecretAnUnknownIdAndAnotherShapeAreRefused() {
    String text = keys.create(KeyScope.ADMIN, Optional.empty()).key().text();
    char last = text.charAt(text.length() - 1);
    String wrongSecret = text.substring(0, text.length() - 1) + (last == 'x' ? 'y' : 'x');
    String unknownId = "naap_admin_ffffffffffffffff_" + text.substring(text.length() - 43);

    assertThat(keys.authenticate(wrongSecret))
        .isEqualTo(new Authentication.Refused("no API key matches the bearer token"));
    assertThat(keys.authenticate(unknownId))
        .isEqualTo(new Authentication.Refused("no API key matches the bearer token"));
    assertThat(keys.authenticate("naap_admin_x"))
        .isEqualTo(
            new Authentication.Refused(
                "the bearer token is not a naap API key (naap_<scope>_<id>_<secret>)"));
  }

  @Test
  void aKeyWhoseScopeTextWasEditedMatchesNothing() {
    String text = keys.create(KeyScope.ORCHESTRATOR, Optional.empty()).key().text();

    assertThat(keys.authenticate(text.replaceFirst("^naap_orchestrator_", "naap_admin_")))
        .isInstanceOf(Authentication.Refused.class);
  }

  @Test
  void aRevokedKeyIsRefusedAndStaysListed() {
    IssuedKey issued = keys.create(KeyScope.GATEWAY, Optional.of("to revoke"));
    Instant revokedAt = clock.instant().plus(Duration.ofMinutes(5));
    clock.set(revokedAt);

    Revocation revocation = keys.revoke(issued.key().id());

    assertThat(revocation).isInstanceOf(Revocation.Revoked.class);
    assertThat(((Revocation.Revoked) revocation).key().revokedAt()).contains(revokedAt);
    assertThat(keys.authenticate(issued.key().text()))
        .isEqualTo(
            new Authentication.Refused(
                "API key " + issued.key().id() + " was revoked at " + revokedAt));
    assertThat(keys.revoke(issued.key().id())).isInstanceOf(Revocation.AlreadyRevoked.class);
    assertThat(keys.list())
        .filteredOn(key -> key.id().equals(issued.key().id()))
        .singleElement()
        .satisfies(key -> assertThat(key.revokedAt()).contains(revokedAt));
    assertThatThrownBy(() -> keys.revoke(issued.key().text()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(issued.key().text());
  }

  @Test
  void revokesTheKeysOfALabelSuchAsTheDevKeysOfAnEarlierRun() {
    List<IssuedKey> earlier = new ArrayList<>();
    for (KeyScope scope : KeyScope.values()) {
      earlier.add(keys.create(scope, Optional.of("dev keys of a run")));
    }
    IssuedKey kept = keys.create(KeyScope.GATEWAY, Optional.of("someone else"));

    assertThat(keys.revokeLabelled("dev keys of a run"))
        .extracting(StoredApiKey::id)
        .containsExactlyElementsOf(earlier.stream().map(key -> key.key().id()).toList());

    for (IssuedKey key : earlier) {
      assertThat(keys.authenticate(key.key().text())).isInstanceOf(Authentication.Refused.class);
    }
    assertThat(keys.authenticate(kept.key().text()))
        .isInstanceOf(Authentication.Authenticated.class);
  }

  @Test
  void everyKeyHasASaltOfItsOwn() {
    List<StoredApiKey> made = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      made.add(keys.create(KeyScope.GATEWAY, Optional.empty()).stored());
    }

    assertThat(made.stream().map(key -> HexFormat.of().formatHex(key.salt())).distinct())
        .hasSize(20);
    assertThat(made.stream().map(key -> HexFormat.of().formatHex(key.hash())).distinct())
        .hasSize(20);
  }

  @Test
  void onlyTheSaltedHashIsStoredNeverTheKey() throws SQLException {
    IssuedKey issued = keys.create(KeyScope.ADMIN, Optional.of("look for me"));
    String text = issued.key().text();
    String secret = text.substring(text.length() - 43);
    byte[] secretBytes = Base64.getUrlDecoder().decode(secret);

    String table = everyRowAsText();

    assertThat(table).contains(issued.key().id()).contains("look for me");
    assertThat(table)
        .doesNotContain(text)
        .doesNotContain(secret)
        .doesNotContain(secret.substring(0, 16))
        .doesNotContain(HexFormat.of().formatHex(secretBytes))
        .doesNotContain(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(HexFormat.of().formatHex(sha256(text)));
    assertThat(issued.stored().hash())
        .isEqualTo(ApiKeys.hash(issued.stored().salt(), issued.key()));
  }

  @Test
  void aLabelThatBreaksTheRulesIsRefusedBeforeAnythingIsStored() {
    int before = keys.list().size();
    for (String label : List.of("", "x".repeat(101), "two\nlines")) {
      assertThatThrownBy(() -> keys.create(KeyScope.GATEWAY, Optional.of(label)))
          .as(label)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("label");
    }
    assertThat(keys.list()).hasSize(before);
  }

  @Test
  void aTakenIdIsDrawnAgain() throws NoSuchAlgorithmException {
    // two generators in the same state: the second one's first id is taken, so it draws again
    ApiKeys first = new ApiKeys(new ApiKeyStore(database), clock, sameRandom());
    ApiKeys second = new ApiKeys(new ApiKeyStore(database), clock, sameRandom());

    IssuedKey one = first.create(KeyScope.GATEWAY, Optional.empty());
    IssuedKey two = second.create(KeyScope.GATEWAY, Optional.empty());

    assertThat(two.key().id()).isNotEqualTo(one.key().id());
    assertThat(second.authenticate(two.key().text()))
        .isInstanceOf(Authentication.Authenticated.class);
  }

  private static SecureRandom sameRandom() throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42L);
    return random;
  }

  private String everyRowAsText() throws SQLException {
    StringBuilder text = new StringBuilder();
    try (Connection connection = postgres.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select t::text from api_key t")) {
      while (rows.next()) {
        text.append(rows.getString(1)).append('\n');
      }
    }
    return text.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
