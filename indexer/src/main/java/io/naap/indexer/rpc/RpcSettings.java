package io.naap.indexer.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link JsonRpcChainSource} can be tuned with.
 *
 * @param requestTimeout how long one request may take, its whole answer included
 * @param connectTimeout how long opening a connection may take
 * @param range how {@code eth_getLogs} ranges are sized
 * @param retry how failures are retried
 * @param prefetch whether the next range is fetched while the previous one is being handled
 */
public record RpcSettings(
    Duration requestTimeout,
    Duration connectTimeout,
    RangeSettings range,
    RetrySettings retry,
    boolean prefetch) {
  public RpcSettings {
    Objects.requireNonNull(requestTimeout, "rpc requestTimeout");
    Objects.requireNonNull(connectTimeout, "rpc connectTimeout");
    Objects.requireNonNull(range, "rpc range");
    Objects.requireNonNull(retry, "rpc retry");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("rpc requestTimeout must be > 0: " + requestTimeout);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("rpc connectTimeout must be > 0: " + connectTimeout);
    }
  }

  /** 30 s a request, 10 s to connect, default ranges and retries, prefetching. */
  public static RpcSettings defaults() {
    return new RpcSettings(
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        RangeSettings.defaults(),
        RetrySettings.defaults(),
        true);
  }

  public RpcSettings withRange(RangeSettings range) {
    return new RpcSettings(requestTimeout, connectTimeout, range, retry, prefetch);
  }

  public RpcSettings withRetry(RetrySettings retry) {
    return new RpcSettings(requestTimeout, connectTimeout, range, retry, prefetch);
  }

  public RpcSettings withRequestTimeout(Duration requestTimeout) {
    return new RpcSettings(requestTimeout, connectTimeout, range, retry, prefetch);
  }

  public RpcSettings withPrefetch(boolean prefetch) {
    return new RpcSettings(requestTimeout, connectTimeout, range, retry, prefetch);
  }
}
