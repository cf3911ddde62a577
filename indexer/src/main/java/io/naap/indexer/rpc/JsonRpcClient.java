package io.naap.indexer.rpc;

import io.naap.indexer.chain.BlockHeader;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One attempt at each JSON-RPC call the indexer makes, over HTTP: sends the request, waits for the
 * whole answer within the timeout, parses it and classifies whatever went wrong as an {@link
 * RpcException}, counting requests and failures. No retries here: {@link RetryPolicy} decides.
 * Thread-safe.
 *
 * <p>The endpoint's URL is never put in a message: providers' URLs carry API keys.
 */
final class JsonRpcClient {
  private static final Comparator<RawLog> BLOCK_ORDER =
      Comparator.comparingLong(RawLog::blockNumber).thenComparingInt(RawLog::logIndex);

  private final HttpClient http;
  private final URI endpoint;
  private final Duration timeout;
  private final RpcErrorCounts counts;
  private final AtomicLong ids = new AtomicLong();

  JsonRpcClient(HttpClient http, URI endpoint, Duration timeout, RpcErrorCounts counts) {
    this.http = Objects.requireNonNull(http, "http");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.counts = Objects.requireNonNull(counts, "counts");
  }

  /** The quantity a parameterless method returns ({@code eth_chainId}, {@code eth_blockNumber}). */
  long quantity(String method) throws RpcException {
    return call(method, "[]", parser -> HexText.quantity(parser, method));
  }

  /** Block {@code number}'s header, or nothing when the node does not have it. */
  Optional<BlockHeader> header(long number) throws RpcException {
    return call(
        "eth_getBlockByNumber", "[\"" + hex(number) + "\",false]", new BlockHeaderReader(number));
  }

  /**
   * The logs of blocks {@code from..to} of the contracts in {@code addressesJson} (a JSON array of
   * address strings), sorted by block and log index.
   *
   * @throws RpcException also when a log lies outside the range or appears twice (malformed)
   */
  List<RawLog> logs(String addressesJson, long from, long to) throws RpcException {
    String params =
        "[{\"address\":"
            + addressesJson
            + ",\"fromBlock\":\""
            + hex(from)
            + "\",\"toBlock\":\""
            + hex(to)
            + "\"}]";
    List<RawLog> logs = call("eth_getLogs", params, new LogsReader());
    for (RawLog log : logs) {
      if (log.blockNumber() < from || log.blockNumber() > to) {
        throw counted(
            RpcException.malformed(
                "eth_getLogs "
                    + from
                    + ".."
                    + to
                    + " returned a log of block "
                    + log.blockNumber()));
      }
    }
    return inBlockOrder(logs);
  }

  /**
   * The logs of the block with hash {@code blockHash} (EIP-234) of the contracts in {@code
   * addressesJson}, sorted by log index; nothing when the node does not know the block.
   *
   * @throws RpcException also when a log names another block or appears twice (malformed)
   */
  Optional<List<RawLog>> logsOfBlock(String addressesJson, String blockHash) throws RpcException {
    String params = "[{\"address\":" + addressesJson + ",\"blockHash\":\"" + blockHash + "\"}]";
    switch (exchange("eth_getLogs", params, new LogsReader())) {
      case JsonRpcResponse.Result<List<RawLog>>(List<RawLog> logs) -> {
        for (RawLog log : logs) {
          if (!log.blockHash().equals(blockHash)) {
            throw counted(
                RpcException.malformed(
                    "eth_getLogs of block "
                        + blockHash
                        + " returned a log of block "
                        + log.blockHash()));
          }
        }
        return Optional.of(inBlockOrder(logs));
      }
      case JsonRpcResponse.Failure<List<RawLog>>(JsonRpcError error) -> {
        if (error.isUnknownBlock()) {
          return Optional.empty();
        }
        throw counted(error.toException("eth_getLogs"));
      }
    }
  }

  private <T> T call(String method, String params, JsonRpcResponse.ResultReader<T> reader)
      throws RpcException {
    return switch (exchange(method, params, reader)) {
      case JsonRpcResponse.Result<T>(T value) -> value;
      case JsonRpcResponse.Failure<T>(JsonRpcError error) ->
          throw counted(error.toException(method));
    };
  }

  /**
   * Sends one request and reads its answer: a result or a JSON-RPC error; anything else (no answer,
   * an HTTP error, a body that is not the JSON-RPC answer) is thrown, counted.
   */
  private <T> JsonRpcResponse<T> exchange(
      String method, String params, JsonRpcResponse.ResultReader<T> reader) throws RpcException {
    long id = ids.incrementAndGet();
    byte[] request =
        ("{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    counts.requested();
    try {
      HttpResponse<byte[]> response = send(method, request);
      return answer(method, id, response, reader);
    } catch (RpcException e) {
      throw counted(e);
    }
  }

  private RpcException counted(RpcException e) {
    counts.failed(e.kind());
    return e;
  }

  private HttpResponse<byte[]> send(String method, byte[] body) throws RpcException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    // the request timeout covers the wait for the headers; this deadline covers the body too
    CompletableFuture<HttpResponse<byte[]>> answer =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw RpcException.of(RpcErrorKind.TIMEOUT, method + " got no answer within " + timeout);
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new ChainSourceException("interrupted while waiting for " + method, e);
    } catch (CancellationException e) {
      throw new ChainSourceException(method + " was cancelled", e);
    } catch (ExecutionException e) {
      throw transportFailure(method, e.getCause());
    }
  }

  private static RpcException transportFailure(String method, Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return RpcException.of(
          RpcErrorKind.CONNECTION, method + ": could not connect in time", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return RpcException.of(RpcErrorKind.TIMEOUT, method + " got no answer in time", cause);
    }
    String what = cause == null ? "unknown" : cause.getClass().getSimpleName();
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    if (cause instanceof IOException) {
      return RpcException.of(RpcErrorKind.CONNECTION, method + " failed: " + what + detail, cause);
    }
    return RpcException.of(
        RpcErrorKind.CONNECTION, method + " failed unexpectedly: " + what + detail, cause);
  }

  private static <T> JsonRpcResponse<T> answer(
      String method, long id, HttpResponse<byte[]> response, JsonRpcResponse.ResultReader<T> reader)
      throws RpcException {
    int status = response.statusCode();
    byte[] body = response.body() == null ? new byte[0] : response.body();
    if (status == 429) {
      throw RpcException.rateLimited(
          method + " answered HTTP 429 Too Many Requests", retryAfter(response));
    }
    if (status / 100 != 2) {
      throw limitIn(method, id, body, reader).orElseGet(() -> httpError(method, status, body));
    }
    return JsonRpcResponse.parse(body, id, reader);
  }

  /**
   * The range or rate limit a non-2xx answer states as a JSON-RPC error, if it does: some providers
   * send their errors with 4xx and 5xx statuses.
   */
  private static <T> Optional<RpcException> limitIn(
      String method, long id, byte[] body, JsonRpcResponse.ResultReader<T> reader) {
    try {
      if (JsonRpcResponse.parse(body, id, reader)
          instanceof JsonRpcResponse.Failure<T>(JsonRpcError error)) {
        RpcException classified = error.toException(method);
        if (classified.kind() == RpcErrorKind.RANGE_LIMIT
            || classified.kind() == RpcErrorKind.RATE_LIMITED) {
          return Optional.of(classified);
        }
      }
      return Optional.empty();
    } catch (RpcException notJsonRpc) {
      return Optional.empty();
    }
  }

  private static RpcException httpError(String method, int status, byte[] body) {
    return RpcException.of(
        RpcErrorKind.HTTP_ERROR,
        method + " answered HTTP " + status + ": " + JsonRpcResponse.preview(body));
  }

  /** The {@code Retry-After} header in seconds, if there is one (dates are ignored). */
  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .filter(
            value ->
                !value.isEmpty()
                    && value.length() <= 9
                    && value.chars().allMatch(c -> c >= '0' && c <= '9'))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)));
  }

  /**
   * The logs sorted by block and log index (nodes send them so; sorted only when they did not),
   * after checking that none appears twice.
   */
  private List<RawLog> inBlockOrder(List<RawLog> logs) throws RpcException {
    boolean sorted = true;
    for (int i = 1; i < logs.size() && sorted; i++) {
      sorted = BLOCK_ORDER.compare(logs.get(i - 1), logs.get(i)) <= 0;
    }
    if (!sorted) {
      logs.sort(BLOCK_ORDER);
    }
    for (int i = 1; i < logs.size(); i++) {
      if (BLOCK_ORDER.compare(logs.get(i - 1), logs.get(i)) == 0) {
        throw counted(
            RpcException.malformed(
                "eth_getLogs returned log "
                    + logs.get(i).logIndex()
                    + " of block "
                    + logs.get(i).blockNumber()
                    + " twice"));
      }
    }
    return logs;
  }

  private static String hex(long number) {
    return "0x" + Long.toHexString(number);
  }
}
