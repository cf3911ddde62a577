package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import io.naap.indexer.rpc.FakeLogProvider.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The walk's edges: giving up, stopping early, a failing handler, prefetching. */
class LogChunksTest {
  private final List<Duration> pauses = new ArrayList<>();
  private final RpcErrorCounts counts = new RpcErrorCounts();

  private LogChunks chunks(LogChunks.RangeFetch fetch, RangeSettings range, boolean prefetch) {
    RetryPolicy retry =
        new RetryPolicy(
            new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(5), 4, 100, 0.2),
            new Random(3),
            pauses::add,
            counts);
    return new LogChunks(fetch, new RangePlanner(range), retry, prefetch);
  }

  private static int[] blocks(int count, int logsEach) {
    int[] logs = new int[count];
    Arrays.fill(logs, logsEach);
    return logs;
  }

  @Test
  void aSingleBlockOverTheProvidersLogCapFailsAfterTheRetryBudget() {
    int[] logsPerBlock = blocks(100, 1);
    logsPerBlock[60] = 50;
    FakeLogProvider provider =
        new FakeLogProvider(
            logsPerBlock, OptionalLong.empty(), OptionalInt.of(20), Format.SUGGESTED_RANGE, 0);
    List<long[]> delivered = new ArrayList<>();

    assertThatThrownBy(
            () ->
                chunks(provider, new RangeSettings(10, 1_000, 64), true)
                    .walk(
                        0,
                        99,
                        (from, to, logs) -> {
                          delivered.add(new long[] {from, to});
                          return true;
                        }))
        .isInstanceOf(ChainSourceException.class)
        .hasMessageContaining("eth_getLogs for blocks 60..60 failed 4 times in a row")
        .hasMessageContaining("RANGE_LIMIT");

    // everything before the block was handed on, in order, once
    assertThat(delivered.getFirst()[0]).isZero();
    assertThat(delivered.getLast()[1]).isEqualTo(59);
    for (int i = 1; i < delivered.size(); i++) {
      assertThat(delivered.get(i)[0]).isEqualTo(delivered.get(i - 1)[1] + 1);
    }
    // four attempts at the block alone, three pauses between them
    assertThat(provider.requests().stream().filter(r -> r.from() == 60 && r.to() == 60)).hasSize(4);
    assertThat(pauses).hasSize(3);
  }

  @Test
  void anEndpointThatKeepsFailingEndsTheWalkWithinTheBudget() {
    int[] attempts = {0};
    LogChunks.RangeFetch down =
        (from, to) -> {
          attempts[0]++;
          throw RpcException.of(RpcErrorKind.HTTP_ERROR, "HTTP 503");
        };

    assertThatThrownBy(
            () ->
                chunks(down, RangeSettings.defaults(), true)
                    .walk(0, 1_000_000, (from, to, logs) -> true))
        .isInstanceOf(ChainSourceException.class)
        .hasMessage(
            "eth_getLogs for blocks 0..9 failed 4 times in a row, the last time with HTTP_ERROR:"
                + " HTTP 503");
    assertThat(attempts[0]).isEqualTo(4);
  }

  @Test
  void stopsWhenTheHandlerSaysSo() {
    FakeLogProvider provider =
        new FakeLogProvider(
            blocks(1_000, 1), OptionalLong.empty(), OptionalInt.empty(), Format.TOO_LARGE, 0);
    List<Long> starts = new ArrayList<>();

    chunks(provider, new RangeSettings(10, 10, 10), false)
        .walk(
            0,
            999,
            (from, to, logs) -> {
              starts.add(from);
              return starts.size() < 3;
            });

    assertThat(starts).containsExactly(0L, 10L, 20L);
    assertThat(provider.requests()).hasSize(3);
  }

  @Test
  void aFailingHandlerEndsTheWalkWithItsException() {
    FakeLogProvider provider =
        new FakeLogProvider(
            blocks(1_000, 1), OptionalLong.empty(), OptionalInt.empty(), Format.TOO_LARGE, 0);

    assertThatThrownBy(
            () ->
                chunks(provider, new RangeSettings(10, 10, 10), true)
                    .walk(
                        0,
                        999,
                        (from, to, logs) -> {
                          throw new IllegalStateException("storage down");
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("storage down");
    // the chunk being prefetched at most
    assertThat(provider.requests().size()).isLessThanOrEqualTo(2);
  }

  @Test
  void fetchesTheNextChunkWhileTheHandlerWorks() throws Exception {
    FakeLogProvider provider =
        new FakeLogProvider(
            blocks(100, 1), OptionalLong.empty(), OptionalInt.empty(), Format.TOO_LARGE, 0);
    CountDownLatch secondRequested = new CountDownLatch(1);
    LogChunks.RangeFetch watched =
        (from, to) -> {
          List<RawLog> logs = provider.fetch(from, to);
          if (from > 0) {
            secondRequested.countDown();
          }
          return logs;
        };
    boolean[] overlapped = {false};

    chunks(watched, new RangeSettings(10, 10, 10), true)
        .walk(
            0,
            99,
            (from, to, logs) -> {
              if (from == 0) {
                // the handler of the first chunk waits for the second request
                try {
                  overlapped[0] = secondRequested.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return true;
            });

    assertThat(overlapped[0]).isTrue();
  }

  @Test
  void refusesRangesThatAreNotRanges() {
    LogChunks chunks =
        chunks(
            (from, to) -> {
              throw new AssertionError("no request expected");
            },
            RangeSettings.defaults(),
            false);
    assertThatThrownBy(() -> chunks.walk(5, 4, (from, to, logs) -> true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chunks.walk(-1, 4, (from, to, logs) -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
