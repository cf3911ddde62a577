package io.naap.indexer.rpc;

import io.naap.indexer.chain.ChainSource.ChunkHandler;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Walks a block range in consecutive chunks: each chunk is fetched with a range from the {@link
 * RangePlanner} (narrowed on range-limit errors, which are not retries), retried per the {@link
 * RetryPolicy}, and handed to the handler; with prefetching, the next chunk is fetched on a virtual
 * thread while the handler works on the current one. Chunks are fetched one after another either
 * way, so the planner sees the same sequence of answers with and without prefetching.
 */
final class LogChunks {
  private final RangeFetch fetch;
  private final RangePlanner planner;
  private final RetryPolicy retry;
  private final boolean prefetch;

  /** One {@code eth_getLogs} request for blocks {@code from..to}: one attempt, no retry. */
  @FunctionalInterface
  interface RangeFetch {
    List<RawLog> fetch(long from, long to) throws RpcException;
  }

  /** The logs of blocks {@code from..to}, sorted by block and log index. */
  record Chunk(long from, long to, List<RawLog> logs) {}

  LogChunks(RangeFetch fetch, RangePlanner planner, RetryPolicy retry, boolean prefetch) {
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.prefetch = prefetch;
  }

  /**
   * Hands blocks {@code from..to} to {@code handler} in consecutive chunks, stopping when it
   * returns false.
   *
   * @throws ChainSourceException when a chunk cannot be fetched within the retry budget; the chunks
   *     before it have been handed on
   */
  void walk(long from, long to, ChunkHandler handler) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("not a block range: " + from + ".." + to);
    }
    Objects.requireNonNull(handler, "handler");
    Chunk chunk = chunk(from, to);
    while (true) {
      FutureTask<Chunk> next = null;
      if (chunk.to() < to && prefetch) {
        long start = chunk.to() + 1;
        next = new FutureTask<>(() -> chunk(start, to));
        Thread.ofVirtual().name("naap-rpc-prefetch-" + start).start(next);
      }
      boolean more;
      try {
        more = handler.accept(chunk.from(), chunk.to(), chunk.logs());
      } catch (RuntimeException | Error e) {
        cancel(next);
        throw e;
      }
      if (!more) {
        cancel(next);
        return;
      }
      if (chunk.to() == to) {
        return;
      }
      chunk = next == null ? chunk(chunk.to() + 1, to) : await(next);
    }
  }

  /**
   * The chunk that starts at block {@code start}, no further than {@code to}. Ends: a range-limit
   * error narrows the range (and the narrower request has its own attempts), a refused single block
   * is a failure, and failures of one request are bounded by the retry policy.
   */
  Chunk chunk(long start, long to) {
    int failures = 0;
    while (true) {
      long end = start + Math.min(to - start, planner.span() - 1);
      try {
        List<RawLog> logs = fetch.fetch(start, end);
        retry.succeeded();
        planner.succeeded(end - start + 1, logs.size());
        return new Chunk(start, end, Collections.unmodifiableList(logs));
      } catch (RpcException e) {
        if (e.kind() == RpcErrorKind.RANGE_LIMIT
            && e.rangeLimit().isPresent()
            && planner.limited(start, end, e.rangeLimit().get())) {
          failures = 0; // a narrower range is another request, sent at once: not a retry
          continue;
        }
        failures++;
        retry.failed("eth_getLogs for blocks " + start + ".." + end, failures, e);
      }
    }
  }

  private static Chunk await(FutureTask<Chunk> next) {
    try {
      return next.get();
    } catch (InterruptedException e) {
      next.cancel(true);
      Thread.currentThread().interrupt();
      throw new ChainSourceException("interrupted while fetching logs", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ChainSourceException failure) {
        // the same failure, thrown again from the caller's thread
        throw new ChainSourceException(failure.getMessage(), failure);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new ChainSourceException("fetching logs failed: " + cause, cause);
    }
  }

  private static void cancel(FutureTask<Chunk> next) {
    if (next != null) {
      next.cancel(true);
    }
  }
}
