package io.naap.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseSettingsTest {
  private static final String URL = "jdbc:postgresql://localhost:5432/naap";

  @Test
  void neverShowsThePassword() {
    DatabaseSettings settings = new DatabaseSettings(URL, "naap", Optional.of("s3cret-pw"), 8);

    assertThat(settings.toString())
        .doesNotContain("s3cret-pw")
        .contains(URL, "user=naap", "password=(set)", "maxPoolSize=8");
    assertThat(new DatabaseSettings(URL, "naap", Optional.empty(), 8).toString())
        .contains("password=(none)");
  }

  @Test
  void waitsTenSecondsForAConnectionByDefault() {
    assertThat(new DatabaseSettings(URL, "naap", Optional.empty(), 8).connectionTimeout())
        .isEqualTo(DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT)
        .isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mysql://localhost/naap", "postgresql://localhost/naap", ""})
  void rejectsUrlsThatAreNotPostgresJdbc(String url) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseSettings(url, "naap", Optional.empty(), 8))
        .withMessageContaining("jdbcUrl must start with jdbc:postgresql:");
  }

  @Test
  void rejectsAPasswordInTheUrlWithoutEchoingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new DatabaseSettings(
                    URL + "?user=naap&Password=hunter2", "naap", Optional.empty(), 8))
        .withMessageContaining("must not carry a password")
        .withMessageNotContaining("hunter2");
  }

  @Test
  void rejectsABlankUserAndAnEmptyPassword() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseSettings(URL, " ", Optional.empty(), 8))
        .withMessage("database user must not be blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseSettings(URL, "naap", Optional.of(""), 8))
        .withMessageContaining("database password must not be empty");
    assertThatNullPointerException().isThrownBy(() -> new DatabaseSettings(URL, "naap", null, 8));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101})
  void rejectsPoolSizesOutsideOneToOneHundred(int size) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DatabaseSettings(URL, "naap", Optional.empty(), size))
        .withMessage("database maxPoolSize must be 1..100, got " + size);
  }

  @Test
  void rejectsConnectionTimeoutsOutsideAQuarterSecondToFiveMinutes() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new DatabaseSettings(URL, "naap", Optional.empty(), 8, Duration.ofMillis(249)));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new DatabaseSettings(URL, "naap", Optional.empty(), 8, Duration.ofMinutes(6)));
    assertThat(
            new DatabaseSettings(URL, "naap", Optional.empty(), 1, Duration.ofMillis(250))
                .maxPoolSize())
        .isEqualTo(1);
  }
}
