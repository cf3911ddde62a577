package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts from many threads add up, and a snapshot names every kind. */
class RpcErrorCountsTest {
  @Test
  void countsFromManyThreadsAddUp() throws Exception {
    RpcErrorCounts counts = new RpcErrorCounts();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 1_000; i++) {
                      counts.requested();
                      counts.failed(RpcErrorKind.values()[i % RpcErrorKind.values().length]);
                      if (i % 2 == 0) {
                        counts.retried();
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    RpcErrorCounts.Snapshot snapshot = counts.snapshot();
    assertThat(snapshot.requests()).isEqualTo(8_000);
    assertThat(snapshot.retries()).isEqualTo(4_000);
    assertThat(snapshot.totalErrors()).isEqualTo(8_000);
    assertThat(snapshot.errors()).containsOnlyKeys(RpcErrorKind.values());
  }

  @Test
  void aSnapshotListsKindsWithoutErrorsAsZeroAndDoesNotChangeAfterwards() {
    RpcErrorCounts counts = new RpcErrorCounts();
    counts.failed(RpcErrorKind.TIMEOUT);
    RpcErrorCounts.Snapshot snapshot = counts.snapshot();
    counts.failed(RpcErrorKind.TIMEOUT);

    assertThat(snapshot.errors(RpcErrorKind.TIMEOUT)).isEqualTo(1);
    assertThat(snapshot.errors(RpcErrorKind.RANGE_LIMIT)).isZero();
    assertThat(snapshot.errors()).hasSize(RpcErrorKind.values().length);
    assertThat(counts.snapshot().errors(RpcErrorKind.TIMEOUT)).isEqualTo(2);
  }
}
