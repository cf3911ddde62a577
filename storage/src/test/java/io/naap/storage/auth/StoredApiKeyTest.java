package io.naap.storage.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoredApiKeyTest {
  private static final Instant CREATED = Instant.parse("2026-11-28T09:30:00.123456789Z");
  private static final String ID = "0123456789abcdef";

  private static StoredApiKey key(
      String id, Optional<String> label, Optional<Instant> revokedAt, int salt, int hash) {
    return new StoredApiKey(
        id, KeyScope.GATEWAY, label, CREATED, revokedAt, new byte[salt], new byte[hash]);
  }

  @Test
  void keepsMicrosecondsAsPostgresDoes() {
    StoredApiKey key = key(ID, Optional.empty(), Optional.of(CREATED.plusNanos(10)), 16, 32);

    assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-11-28T09:30:00.123456Z"));
    assertThat(key.revokedAt()).contains(Instant.parse("2026-11-28T09:30:00.123456Z"));
    assertThat(key.revoked()).isTrue();
  }

  @Test
  void acceptsOnlySixteenLowercaseHexDigitsAsIdWithoutEchoingTheText() {
    for (String bad :
        new String[] {
          "0123456789ABCDEF", "0123456789abcde", "0123456789abcdef0", "naap_gateway_x"
        }) {
      assertThatThrownBy(() -> key(bad, Optional.empty(), Optional.empty(), 16, 32))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("16 lowercase hex digits")
          .hasMessageNotContaining(bad);
    }
  }

  @Test
  void acceptsLabelsOfOneToAHundredCharactersWithoutControls() {
    assertThat(key(ID, Optional.of("é".repeat(100)), Optional.empty(), 16, 32).label())
        .contains("é".repeat(100));
    assertThat(key(ID, Optional.of("gateway 🎥 eu-1"), Optional.empty(), 16, 32).label())
        .contains("gateway 🎥 eu-1");
    for (String bad : new String[] {"", "x".repeat(101), "a\tb", "a\u0000", "a\u0085", "a\ud800"}) {
      assertThatThrownBy(() -> key(ID, Optional.of(bad), Optional.empty(), 16, 32))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("label");
    }
  }

  @Test
  void requiresSixteenBytesOfSaltAndThirtyTwoOfHash() {
    assertThatThrownBy(() -> key(ID, Optional.empty(), Optional.empty(), 15, 32))
        .hasMessage("a key's salt is 16 bytes, got 15");
    assertThatThrownBy(() -> key(ID, Optional.empty(), Optional.empty(), 16, 33))
        .hasMessage("a key's hash is 32 bytes, got 33");
  }

  @Test
  void cannotBeRevokedBeforeItWasMade() {
    assertThatThrownBy(
            () -> key(ID, Optional.empty(), Optional.of(CREATED.minusSeconds(1)), 16, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before it was made");
  }

  @Test
  void copiesItsBytesAndComparesThemByValue() {
    byte[] salt = new byte[16];
    byte[] hash = new byte[32];
    StoredApiKey key =
        new StoredApiKey(
            ID, KeyScope.ADMIN, Optional.empty(), CREATED, Optional.empty(), salt, hash);
    salt[0] = 1;
    hash[0] = 1;
    key.hash()[1] = 1;

    assertThat(key.salt()).containsOnly(0);
    assertThat(key.hash()).containsOnly(0);
    assertThat(key.hashEquals(new byte[32])).isTrue();
    assertThat(key.hashEquals(hash)).isFalse();
    assertThat(key.hashEquals(new byte[31])).isFalse();
    assertThat(key)
        .isEqualTo(
            new StoredApiKey(
                ID,
                KeyScope.ADMIN,
                Optional.empty(),
                CREATED,
                Optional.empty(),
                new byte[16],
                new byte[32]))
        .hasSameHashCodeAs(
            new StoredApiKey(
                ID,
                KeyScope.ADMIN,
                Optional.empty(),
                CREATED,
                Optional.empty(),
                new byte[16],
                new byte[32]));
    assertThat(key.toString()).contains(ID).contains("admin").doesNotContain("salt=");
  }

  @Test
  void scopesHaveStableLowercaseCodes() {
    assertThat(KeyScope.codes()).isEqualTo("gateway, orchestrator, admin");
    assertThat(KeyScope.fromCode("orchestrator")).contains(KeyScope.ORCHESTRATOR);
    assertThat(KeyScope.fromCode("Admin")).isEmpty();
    assertThat(KeyScope.fromCode("root")).isEmpty();
  }
}
