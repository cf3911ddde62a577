package io.naap.indexer.rpc;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON-RPC error object as a node sent it.
 *
 * @param data the {@code data} member: a string's content, anything else as JSON text
 */
record JsonRpcError(int code, String message, Optional<String> data) {
  /** JSON-RPC's codes for a request the node will refuse however often it is sent. */
  private static final int INVALID_REQUEST = -32600;

  private static final int METHOD_NOT_FOUND = -32601;
  private static final int INVALID_PARAMS = -32602;
  private static final int RESOURCE_NOT_FOUND = -32001;

  JsonRpcError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(data, "data");
  }

  /**
   * This error as a classified failure of {@code method}: a range limit (for {@code eth_getLogs}
   * only), a rate limit, or another error, retried unless the request itself is at fault.
   */
  RpcException toException(String method) {
    String text = method + " answered error " + code + " \"" + message + "\"" + dataText();
    if (method.equals("eth_getLogs")) {
      Optional<RangeLimit> limit = RangeLimit.recognise(code, message, data);
      if (limit.isPresent()) {
        return RpcException.rangeLimited(text, limit.get());
      }
    }
    if (isRateLimit()) {
      return RpcException.rateLimited(text, Optional.empty());
    }
    if (code == INVALID_REQUEST || code == METHOD_NOT_FOUND || code == INVALID_PARAMS) {
      return RpcException.permanent(RpcErrorKind.RPC_ERROR, text);
    }
    return RpcException.of(RpcErrorKind.RPC_ERROR, text);
  }

  /**
   * HTTP's 429 as a JSON-RPC code, or words providers use for rate limits and quotas (Infura's
   * -32005 {@code project ID request rate exceeded} and {@code daily request count exceeded,
   * request rate limited}, Alchemy's {@code exceeded its compute units per second capacity}).
   */
  boolean isRateLimit() {
    if (code == 429) {
      return true;
    }
    String lower = (message + " " + data.orElse("")).toLowerCase(Locale.ROOT);
    return lower.contains("rate limit")
        || lower.contains("rate-limit")
        || lower.contains("ratelimit")
        || lower.contains("request rate")
        || lower.contains("too many requests")
        || lower.contains("compute units")
        || lower.contains("request count exceeded")
        || lower.contains("throughput");
  }

  /**
   * Whether the node says it does not know the block asked for by hash: {@code unknown block}
   * (geth, anvil), {@code block not found} and the like, or -32001 {@code resource not found}
   * (Nethermind).
   */
  boolean isUnknownBlock() {
    String lower = message.toLowerCase(Locale.ROOT);
    return code == RESOURCE_NOT_FOUND
        || lower.contains("unknown block")
        || (lower.contains("block") && lower.contains("not found"))
        || lower.contains("header not found");
  }

  private String dataText() {
    return data.map(text -> " data " + text).orElse("");
  }
}
