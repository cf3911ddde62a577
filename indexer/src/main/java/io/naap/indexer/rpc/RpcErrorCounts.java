package io.naap.indexer.rpc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every JSON-RPC request a chain source sends, every failure by {@link RpcErrorKind} and
 * every retry, so that no RPC failure is invisible: the numbers behind {@code /v1/indexer/status}
 * and {@code /metrics}. Thread-safe; counts only grow.
 */
public final class RpcErrorCounts {
  private final LongAdder requests = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final Map<RpcErrorKind, LongAdder> errors = new EnumMap<>(RpcErrorKind.class);

  public RpcErrorCounts() {
    for (RpcErrorKind kind : RpcErrorKind.values()) {
      errors.put(kind, new LongAdder());
    }
  }

  /**
   * The counts at one moment (each counter read once; counters updated meanwhile may or may not
   * show).
   *
   * @param requests requests sent, retries included
   * @param retries requests sent again after a failure (a narrower range after a range-limit error
   *     is not a retry)
   * @param errors failed requests by kind, every kind present
   */
  public record Snapshot(long requests, long retries, Map<RpcErrorKind, Long> errors) {
    public Snapshot {
      errors = Collections.unmodifiableMap(new EnumMap<>(errors));
    }

    /** Failed requests of {@code kind}. */
    public long errors(RpcErrorKind kind) {
      return errors.getOrDefault(kind, 0L);
    }

    /** Failed requests of every kind. */
    public long totalErrors() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** A request was sent. */
  void requested() {
    requests.increment();
  }

  /** A request failed for the reason {@code kind}. */
  void failed(RpcErrorKind kind) {
    errors.get(kind).increment();
  }

  /** A failed request is about to be sent again. */
  void retried() {
    retries.increment();
  }

  public Snapshot snapshot() {
    Map<RpcErrorKind, Long> byKind = new EnumMap<>(RpcErrorKind.class);
    errors.forEach((kind, count) -> byKind.put(kind, count.sum()));
    return new Snapshot(requests.sum(), retries.sum(), byKind);
  }
}
