package io.naap.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeLimitedCheckTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHangingChecks() {
    release.countDown();
  }

  @Test
  void passesAnAnswerThrough() {
    HealthCheck up = () -> HealthCheckResponse.builder().status(true).detail("block", 42).build();

    HealthCheckResponse response = new TimeLimitedCheck(up, TIMEOUT).call();

    assertThat(response.status()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.details()).containsEntry("block", 42);
  }

  @Test
  void keepsTheNameAndRegistersAsReadiness() {
    HealthCheck database =
        new HealthCheck() {
          @Override
          public String name() {
            return "database";
          }

          @Override
          public HealthCheckType type() {
            return HealthCheckType.LIVENESS;
          }

          @Override
          public HealthCheckResponse call() {
            return HealthCheckResponse.builder().build();
          }
        };

    TimeLimitedCheck check = new TimeLimitedCheck(database, TIMEOUT);

    assertThat(check.name()).isEqualTo("database");
    assertThat(check.type()).isEqualTo(HealthCheckType.READINESS);
  }

  @Test
  void reportsAThrowingCheckAsDownWithoutItsMessage() {
    HealthCheck failing =
        () -> {
          throw new IllegalStateException("password=hunter2");
        };

    HealthCheckResponse response = new TimeLimitedCheck(failing, TIMEOUT).call();

    assertThat(response.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.details().get("error").toString())
        .contains("IllegalStateException")
        .doesNotContain("hunter2");
  }

  @Test
  void reportsAnErrorOrMissingAnswerAsDown() {
    HealthCheck error =
        () ->
            HealthCheckResponse.builder()
                .status(HealthCheckResponse.Status.ERROR)
                .detail("why", "disk")
                .build();
    HealthCheck silent = () -> null;

    assertThat(new TimeLimitedCheck(error, TIMEOUT).call().status())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(new TimeLimitedCheck(error, TIMEOUT).call().details()).containsEntry("why", "disk");
    assertThat(new TimeLimitedCheck(silent, TIMEOUT).call().status())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void givesUpOnAHangingCheckAfterTheTimeout() {
    TimeLimitedCheck check = new TimeLimitedCheck(hanging(new AtomicInteger()), TIMEOUT);

    long started = System.nanoTime();
    HealthCheckResponse response = check.call();
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.status()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.details().get("error").toString()).contains("200 ms");
    assertThat(waited).isBetween(TIMEOUT, TIMEOUT.plusSeconds(2));
  }

  @Test
  void startsNoSecondRunWhileTheFirstStillHangs() {
    AtomicInteger runs = new AtomicInteger();
    TimeLimitedCheck check = new TimeLimitedCheck(hanging(runs), TIMEOUT);

    check.call();
    check.call();
    check.call();

    assertThat(runs).hasValue(1);
  }

  @Test
  void runsAgainOnceTheEarlierRunFinished() {
    AtomicInteger runs = new AtomicInteger();
    HealthCheck counting =
        () -> {
          runs.incrementAndGet();
          return HealthCheckResponse.builder().build();
        };
    TimeLimitedCheck check = new TimeLimitedCheck(counting, TIMEOUT);

    check.call();
    check.call();

    assertThat(runs).hasValue(2);
  }

  private HealthCheck hanging(AtomicInteger runs) {
    return () -> {
      runs.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return HealthCheckResponse.builder().build();
    };
  }
}
