package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.indexer.chain.ChainSourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Backoff with full jitter, the per-request limit and the shared budget, without sleeping. */
class RetryPolicyTest {
  private final List<Duration> pauses = new ArrayList<>();
  private final RpcErrorCounts counts = new RpcErrorCounts();

  private RetryPolicy policy(RetrySettings settings, long seed) {
    return new RetryPolicy(settings, new Random(seed), pauses::add, counts);
  }

  private static RetrySettings settings(int maxAttempts, int capacity, double perSuccess) {
    return new RetrySettings(
        Duration.ofMillis(200), Duration.ofSeconds(30), maxAttempts, capacity, perSuccess);
  }

  @Test
  void backoffIsUniformUnderACapThatDoublesUpToTheMaximum() {
    RetryPolicy policy = policy(RetrySettings.defaults(), 1);
    for (int failures = 1; failures <= 12; failures++) {
      Duration cap = Duration.ofMillis(Math.min(30_000, 200L << (failures - 1)));
      Duration lowest = cap;
      Duration highest = Duration.ZERO;
      for (int i = 0; i < 2_000; i++) {
        Duration pause = policy.backoff(failures);
        assertThat(pause).isBetween(Duration.ZERO, cap);
        lowest = pause.compareTo(lowest) < 0 ? pause : lowest;
        highest = pause.compareTo(highest) > 0 ? pause : highest;
      }
      // full jitter: the pauses spread over the whole interval
      assertThat(lowest).as("failures %d", failures).isLessThan(cap.dividedBy(20));
      assertThat(highest)
          .as("failures %d", failures)
          .isGreaterThan(cap.multipliedBy(19).dividedBy(20));
    }
    assertThat(policy.backoff(1_000)).isLessThanOrEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theSameSeedGivesTheSamePauses() {
    RetryPolicy one = policy(RetrySettings.defaults(), 42);
    RetryPolicy other = policy(RetrySettings.defaults(), 42);
    for (int failures = 1; failures < 10; failures++) {
      assertThat(one.backoff(failures)).isEqualTo(other.backoff(failures));
    }
  }

  @Test
  void retriesARequestUntilItSucceeds() {
    RetryPolicy policy = policy(settings(5, 100, 0.2), 7);
    int[] attempts = {0};

    String result =
        policy.call(
            "eth_blockNumber",
            () -> {
              if (++attempts[0] < 4) {
                throw RpcException.of(RpcErrorKind.TIMEOUT, "slow");
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(attempts[0]).isEqualTo(4);
    assertThat(pauses).hasSize(3);
    assertThat(counts.snapshot().retries()).isEqualTo(3);
  }

  @Test
  void givesUpAfterMaxAttemptsNamingTheLastError() {
    RetryPolicy policy = policy(settings(4, 100, 0.2), 7);
    int[] attempts = {0};

    assertThatThrownBy(
            () ->
                policy.call(
                    "eth_blockNumber",
                    () -> {
                      attempts[0]++;
                      throw RpcException.of(
                          attempts[0] < 4 ? RpcErrorKind.TIMEOUT : RpcErrorKind.HTTP_ERROR,
                          "attempt " + attempts[0]);
                    }))
        .isInstanceOf(ChainSourceException.class)
        .hasMessage(
            "eth_blockNumber failed 4 times in a row, the last time with HTTP_ERROR: attempt 4");
    assertThat(attempts[0]).isEqualTo(4);
    assertThat(pauses).hasSize(3);
  }

  @Test
  void doesNotRetryWhatWillFailAgain() {
    RetryPolicy policy = policy(settings(8, 100, 0.2), 7);
    int[] attempts = {0};

    assertThatThrownBy(
            () ->
                policy.call(
                    "eth_foo",
                    () -> {
                      attempts[0]++;
                      throw RpcException.permanent(RpcErrorKind.RPC_ERROR, "method not found");
                    }))
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("method not found");
    assertThat(attempts[0]).isEqualTo(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void theSharedBudgetStopsRetriesDuringAnOutageAndSuccessesRefillIt() {
    RetryPolicy policy = policy(settings(100, 5, 0.5), 7);
    RpcException down = RpcException.of(RpcErrorKind.CONNECTION, "refused");

    for (int failures = 1; failures <= 5; failures++) {
      policy.failed("request", failures, down);
    }
    assertThatThrownBy(() -> policy.failed("request", 6, down))
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("retry budget is spent")
        .hasMessageContaining("CONNECTION: refused");
    // another request fails at once too
    assertThatThrownBy(() -> policy.failed("other", 1, down))
        .hasMessageContaining("retry budget is spent");
    assertThat(counts.snapshot().retries()).isEqualTo(5);

    policy.succeeded();
    policy.succeeded();
    policy.failed("request", 1, down);
    assertThat(counts.snapshot().retries()).isEqualTo(6);
    assertThat(policy.budget()).isZero();
  }

  @Test
  void aRetryAfterLengthensThePauseUpToTheMaximum() {
    RetryPolicy policy =
        policy(new RetrySettings(Duration.ofMillis(10), Duration.ofSeconds(2), 8, 100, 0.2), 7);

    policy.failed(
        "eth_getLogs", 1, RpcException.rateLimited("429", Optional.of(Duration.ofSeconds(1))));
    policy.failed(
        "eth_getLogs", 2, RpcException.rateLimited("429", Optional.of(Duration.ofSeconds(60))));

    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void anInterruptedPauseEndsTheRetries() {
    RetryPolicy policy =
        new RetryPolicy(
            settings(8, 100, 0.2),
            new Random(1),
            pause -> {
              throw new InterruptedException();
            },
            counts);

    assertThatThrownBy(
            () -> policy.failed("eth_getLogs", 1, RpcException.of(RpcErrorKind.TIMEOUT, "slow")))
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isTrue();
  }
}
