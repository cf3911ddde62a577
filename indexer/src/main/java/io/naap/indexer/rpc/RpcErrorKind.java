package io.naap.indexer.rpc;

/**
 * Why one JSON-RPC request failed: the kinds an operator tells apart on {@code /v1/indexer/status}
 * and in {@code /metrics}, because each calls for another fix (a smaller range, a better plan with
 * the provider, a closer node, a provider bug report).
 */
public enum RpcErrorKind {
  /** The provider refused an {@code eth_getLogs} range as too wide or too rich in logs. */
  RANGE_LIMIT,
  /** HTTP 429, or a JSON-RPC error saying the request rate or quota is exceeded. */
  RATE_LIMITED,
  /** No complete answer within the request timeout. */
  TIMEOUT,
  /** Any other HTTP status outside 2xx. */
  HTTP_ERROR,
  /**
   * An answer that is not the JSON-RPC response asked for: not JSON, truncated, the wrong shape,
   * another request's id, or logs that cannot be the answer (outside the range, removed).
   */
  MALFORMED_RESPONSE,
  /** Any other JSON-RPC error object. */
  RPC_ERROR,
  /** The connection could not be made, or was refused, reset or closed. */
  CONNECTION
}
