package io.naap.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How JSON-RPC error objects are classified, and which are worth another attempt. */
class JsonRpcErrorTest {
  @Test
  void rangeLimitsCountOnlyForGetLogs() {
    JsonRpcError error =
        new JsonRpcError(-32005, "query returned more than 10000 results", Optional.empty());
    RpcException forLogs = error.toException("eth_getLogs");
    assertThat(forLogs.kind()).isEqualTo(RpcErrorKind.RANGE_LIMIT);
    assertThat(forLogs.rangeLimit()).contains(new RangeLimit.TooLarge());
    assertThat(error.toException("eth_blockNumber").kind()).isEqualTo(RpcErrorKind.RPC_ERROR);
  }

  @Test
  void recognisesRateLimitsByCodeAndWords() {
    assertThat(kind(-32005, "project ID request rate exceeded"))
        .isEqualTo(RpcErrorKind.RATE_LIMITED);
    assertThat(kind(-32005, "daily request count exceeded, request rate limited"))
        .isEqualTo(RpcErrorKind.RATE_LIMITED);
    assertThat(
            kind(
                429,
                "Your app has exceeded its compute units per second capacity. If you have retries"
                    + " enabled, you can safely ignore this message."))
        .isEqualTo(RpcErrorKind.RATE_LIMITED);
    assertThat(kind(-32000, "Too Many Requests")).isEqualTo(RpcErrorKind.RATE_LIMITED);
  }

  @Test
  void retriesOtherErrorsUnlessTheRequestItselfIsAtFault() {
    RpcException transientError =
        new JsonRpcError(-32000, "header not found", Optional.empty()).toException("eth_getLogs");
    assertThat(transientError.kind()).isEqualTo(RpcErrorKind.RPC_ERROR);
    assertThat(transientError.retryable()).isTrue();

    for (int code : new int[] {-32600, -32601, -32602}) {
      RpcException permanent =
          new JsonRpcError(
                  code, "invalid argument 0: hex string without 0x prefix", Optional.empty())
              .toException("eth_getLogs");
      assertThat(permanent.kind()).isEqualTo(RpcErrorKind.RPC_ERROR);
      assertThat(permanent.retryable()).as("code %d", code).isFalse();
    }
  }

  @Test
  void namesTheMethodCodeMessageAndData() {
    RpcException error =
        new JsonRpcError(-32000, "execution reverted", Optional.of("0x08c379a0"))
            .toException("eth_call");
    assertThat(error)
        .hasMessage(
            "RPC_ERROR: eth_call answered error -32000 \"execution reverted\" data 0x08c379a0");
  }

  private static RpcErrorKind kind(int code, String message) {
    return new JsonRpcError(code, message, Optional.empty()).toException("eth_getLogs").kind();
  }
}
