package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.indexer.chain.RawLog;
import io.naap.indexer.rpc.FakeLogProvider.Format;
import io.naap.indexer.rpc.FakeLogProvider.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the chain, the provider's limits, their wording and its faults: the chunks handed on
 * cover the range exactly once, in order, with every log of the range in order; no request is wider
 * than the cap or a cap the provider stated; every fault is retried exactly once.
 */
class LogChunksPropertiesTest {
  private record Delivered(long from, long to, List<RawLog> logs) {}

  @Property(tries = 300, seed = "20261129")
  void chunksCoverTheRangeExactlyOnceInOrderWithinTheCaps(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed,
      @ForAll @IntRange(min = 1, max = 4_000) int chainBlocks,
      @ForAll @IntRange(min = 1, max = 1_500) int maxBlocks,
      @ForAll @IntRange(min = 1, max = 300) int targetLogs,
      @ForAll Format format,
      @ForAll @IntRange(min = 0, max = 6) int faultEvery,
      @ForAll boolean prefetch) {
    Random random = new Random(seed);
    int[] logsPerBlock = new int[chainBlocks];
    int densest = 0;
    for (int block = 0; block < chainBlocks; block++) {
      int roll = random.nextInt(100);
      logsPerBlock[block] = roll < 60 ? 0 : roll < 90 ? random.nextInt(5) : random.nextInt(60);
      densest = Math.max(densest, logsPerBlock[block]);
    }
    OptionalLong blockCap =
        random.nextInt(10) < 7
            ? OptionalLong.of(1 + random.nextInt(maxBlocks))
            : OptionalLong.empty();
    OptionalInt logCap =
        random.nextInt(10) < 7
            ? OptionalInt.of(Math.max(1, densest) + random.nextInt(40))
            : OptionalInt.empty();
    // a fault every 1 request would never let one through
    int faults = faultEvery == 1 ? 2 : faultEvery;
    FakeLogProvider provider = new FakeLogProvider(logsPerBlock, blockCap, logCap, format, faults);
    long from = random.nextInt(1 + chainBlocks / 4);
    long to = chainBlocks - 1 - random.nextInt(1 + (int) (chainBlocks - from) / 4);
    RangeSettings range = new RangeSettings(targetLogs, maxBlocks, 1 + random.nextInt(maxBlocks));
    RpcErrorCounts counts = new RpcErrorCounts();
    RetryPolicy retry =
        new RetryPolicy(
            new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(10), 3, 1_000_000, 0),
            new Random(seed),
            pause -> {},
            counts);
    LogChunks chunks = new LogChunks(provider, new RangePlanner(range), retry, prefetch);

    List<Delivered> delivered = new ArrayList<>();
    chunks.walk(
        from,
        to,
        (chunkFrom, chunkTo, logs) -> {
          delivered.add(new Delivered(chunkFrom, chunkTo, logs));
          return true;
        });

    // exact coverage, in order
    assertThat(delivered).isNotEmpty();
    assertThat(delivered.getFirst().from()).isEqualTo(from);
    assertThat(delivered.getLast().to()).isEqualTo(to);
    for (int i = 0; i < delivered.size(); i++) {
      Delivered chunk = delivered.get(i);
      assertThat(chunk.to()).isGreaterThanOrEqualTo(chunk.from());
      if (i > 0) {
        assertThat(chunk.from()).isEqualTo(delivered.get(i - 1).to() + 1);
      }
      assertThat(chunk.logs())
          .allSatisfy(log -> assertThat(log.blockNumber()).isBetween(chunk.from(), chunk.to()))
          .isSortedAccordingTo(
              Comparator.comparingLong(RawLog::blockNumber).thenComparingInt(RawLog::logIndex));
    }
    assertThat(delivered.stream().flatMap(chunk -> chunk.logs().stream()).toList())
        .isEqualTo(provider.logs(from, to));

    // never wider than the cap, nor than a block cap once the provider stated it
    List<Request> requests = provider.requests();
    assertThat(requests).allSatisfy(r -> assertThat(r.blocks()).isLessThanOrEqualTo(maxBlocks));
    if (format == Format.BLOCK_CAP && blockCap.isPresent()) {
      int learned = firstBlockCapRefusal(requests, blockCap.getAsLong());
      for (Request request :
          requests.subList(Math.min(learned + 1, requests.size()), requests.size())) {
        assertThat(request.blocks()).isLessThanOrEqualTo(blockCap.getAsLong());
      }
    }
    // every fault retried once, nothing else retried
    assertThat(counts.snapshot().retries()).isEqualTo(provider.faults());

    Statistics.label("range limits").collect(provider.failures(RpcErrorKind.RANGE_LIMIT) > 0);
    Statistics.label("faults").collect(provider.faults() > 0);
    Statistics.label("range limits")
        .coverage(checker -> checker.check(true).percentage(p -> p > 40));
    Statistics.label("faults").coverage(checker -> checker.check(true).percentage(p -> p > 40));
  }

  /** The index of the first request refused for its width (requests.size() if none). */
  private static int firstBlockCapRefusal(List<Request> requests, long cap) {
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      if (request.failure().isPresent()
          && request.failure().get() == RpcErrorKind.RANGE_LIMIT
          && request.blocks() > cap) {
        return i;
      }
    }
    return requests.size();
  }
}
