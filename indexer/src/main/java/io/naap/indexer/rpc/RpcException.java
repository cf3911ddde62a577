package io.naap.indexer.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One failed attempt at a JSON-RPC request, classified. Internal: the retry policy decides what it
 * means, and a {@link io.naap.indexer.chain.ChainSourceException} carries it out of the package.
 */
final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DETAIL = 300;

  private final RpcErrorKind kind;
  private final transient Optional<RangeLimit> rangeLimit;
  private final transient Optional<Duration> retryAfter;
  private final boolean retryable;

  private RpcException(
      RpcErrorKind kind,
      String message,
      Optional<RangeLimit> rangeLimit,
      Optional<Duration> retryAfter,
      boolean retryable,
      Throwable cause) {
    super(kind + ": " + shorten(message), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.rangeLimit = rangeLimit;
    this.retryAfter = retryAfter;
    this.retryable = retryable;
  }

  /** A failure worth another attempt. */
  static RpcException of(RpcErrorKind kind, String message) {
    return new RpcException(kind, message, Optional.empty(), Optional.empty(), true, null);
  }

  static RpcException of(RpcErrorKind kind, String message, Throwable cause) {
    return new RpcException(kind, message, Optional.empty(), Optional.empty(), true, cause);
  }

  static RpcException malformed(String message) {
    return of(RpcErrorKind.MALFORMED_RESPONSE, message);
  }

  /** A rate limit, with the provider's {@code Retry-After} if it sent one. */
  static RpcException rateLimited(String message, Optional<Duration> retryAfter) {
    return new RpcException(
        RpcErrorKind.RATE_LIMITED, message, Optional.empty(), retryAfter, true, null);
  }

  static RpcException rangeLimited(String message, RangeLimit limit) {
    return new RpcException(
        RpcErrorKind.RANGE_LIMIT, message, Optional.of(limit), Optional.empty(), true, null);
  }

  /** A failure that the same request will meet again (e.g. the node lacks the method). */
  static RpcException permanent(RpcErrorKind kind, String message) {
    return new RpcException(kind, message, Optional.empty(), Optional.empty(), false, null);
  }

  RpcErrorKind kind() {
    return kind;
  }

  /** What the provider suggested; present for {@link RpcErrorKind#RANGE_LIMIT} only. */
  Optional<RangeLimit> rangeLimit() {
    return rangeLimit;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  boolean retryable() {
    return retryable;
  }

  private static String shorten(String message) {
    String text = message == null ? "" : message;
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }
}
