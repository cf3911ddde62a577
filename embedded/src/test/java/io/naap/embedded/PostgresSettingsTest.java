package io.naap.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {
  @Test
  void keepsFurtherSettingsInOrderALaterValueReplacingAnEarlierOne() {
    PostgresSettings settings =
        PostgresSettings.persistent(Path.of("data"))
            .withServerConfig("work_mem", "4MB")
            .withServerConfig("pg_stat_statements.track", "top")
            .withServerConfig("work_mem", "8MB");

    assertThat(settings.serverConfig())
        .containsExactly(
            java.util.Map.entry("pg_stat_statements.track", "top"),
            java.util.Map.entry("work_mem", "8MB"));
    assertThat(PostgresSettings.ephemeral().serverConfig()).isEmpty();
  }

  @Test
  void refusesWhatIsNotASettingName() {
    PostgresSettings settings = PostgresSettings.ephemeral();

    assertThatThrownBy(() -> settings.withServerConfig("work_mem=1MB -c fsync", "off"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL setting name");
    assertThatThrownBy(() -> settings.withServerConfig("", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withServerConfig("work_mem", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("work_mem");
  }

  @Test
  void cannotBeChangedThroughItsMap() {
    PostgresSettings settings = PostgresSettings.ephemeral().withServerConfig("work_mem", "4MB");

    assertThatThrownBy(() -> settings.serverConfig().put("fsync", "off"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
