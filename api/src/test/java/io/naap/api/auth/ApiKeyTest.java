package io.naap.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.auth.KeyScope;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  /** A seeded generator: the same keys every run. */
  private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }

  @Test
  void aKeyNamesItsScopeAndIdAndCarries256RandomBits() throws Exception {
    for (KeyScope scope : KeyScope.values()) {
      ApiKey key = ApiKey.generate(scope, seeded(1));

      assertThat(key.text())
          .matches("naap_" + scope.code() + "_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")
          .startsWith("naap_" + scope.code() + "_" + key.id() + "_");
      String secret = key.text().substring(key.text().length() - 43);
      assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
      assertThat(key.scope()).isEqualTo(scope);
    }
  }

  @Test
  void keysDiffer() throws Exception {
    SecureRandom random = seeded(2);
    Set<String> ids = new HashSet<>();
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ApiKey key = ApiKey.generate(KeyScope.GATEWAY, random);
      ids.add(key.id());
      texts.add(key.text());
    }
    assertThat(ids).hasSize(1_000);
    assertThat(texts).hasSize(1_000);
  }

  @Test
  void readsBackWhatItMakes() throws Exception {
    ApiKey key = ApiKey.generate(KeyScope.ORCHESTRATOR, seeded(3));

    ApiKey parsed = ApiKey.parse(key.text()).orElseThrow();

    assertThat(parsed).isEqualTo(key);
    assertThat(parsed.id()).isEqualTo(key.id());
    assertThat(parsed.scope()).isEqualTo(KeyScope.ORCHESTRATOR);
  }

  @Test
  void refusesTextOfAnotherShape() throws Exception {
    String good = ApiKey.generate(KeyScope.GATEWAY, seeded(4)).text();
    String secret = good.substring(good.length() - 43);
    for (String bad :
        new String[] {
          "",
          "naap_",
          good + "A",
          good.substring(0, good.length() - 1),
          " " + good,
          good.replace("naap_", "NAAP_"),
          "naap_root_0123456789abcdef_" + secret,
          "naap_gateway_0123456789ABCDEF_" + secret,
          "naap_gateway_0123456789abcde_" + secret,
          "naap_gateway_0123456789abcdef_" + secret.substring(1) + "=",
          "naap_gateway_0123456789abcdef_" + secret.substring(1) + "+",
        }) {
      assertThat(ApiKey.parse(bad)).as(bad).isEmpty();
    }
    assertThat(ApiKey.parse(null)).isEmpty();
  }

  @Test
  void neverShowsItsSecretUnlessAskedForItsText() throws Exception {
    ApiKey key = ApiKey.generate(KeyScope.ADMIN, seeded(5));
    String secret = key.text().substring(key.text().length() - 43);

    assertThat(key.toString()).isEqualTo("naap_admin_" + key.id() + "_***").doesNotContain(secret);
    assertThat(ApiKey.format()).isEqualTo("naap_<scope>_<id>_<secret>");
    assertThat(ApiKey.looksLikeOne(key.text())).isTrue();
    assertThat(ApiKey.looksLikeOne(key.id())).isFalse();
  }
}
