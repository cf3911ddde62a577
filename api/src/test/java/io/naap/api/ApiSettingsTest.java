package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

  @Test
  void bindsToLoopbackByDefault() {
    ApiSettings settings = ApiSettings.onLoopback(0);

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isZero();
    assertThat(settings.healthCheckTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsPortOutOfRangeNamingTheSetting() {
    assertThatThrownBy(() -> ApiSettings.onLoopback(65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api.port")
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> ApiSettings.onLoopback(-1)).hasMessageContaining("api.port");
  }

  @Test
  void rejectsBlankHost() {
    assertThatThrownBy(() -> new ApiSettings(" ", 8080, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api.host");
  }

  @Test
  void rejectsNonPositiveHealthCheckTimeout() {
    assertThatThrownBy(() -> new ApiSettings("127.0.0.1", 8080, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api.health-check-timeout");
  }
}
