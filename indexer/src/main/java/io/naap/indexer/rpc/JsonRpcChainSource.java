package io.naap.indexer.rpc;

import io.naap.indexer.chain.BlockHeader;
import io.naap.indexer.chain.ChainSource;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A {@link ChainSource} over one HTTP JSON-RPC endpoint: a node, or a provider such as Alchemy or
 * Infura. Built for backfills of hundreds of thousands of logs through providers that refuse wide
 * ranges, rate-limit, time out and now and then answer garbage:
 *
 * <ul>
 *   <li>plain {@link HttpClient} (HTTP/1.1, kept-alive connections) and Jackson's streaming parser
 *       straight into {@link io.naap.indexer.chain.RawLog}s (measured here: raw HTTP about 1.7
 *       times web3j's rate);
 *   <li>{@code eth_getLogs} ranges sized by the logs they return and narrowed as the provider's
 *       errors say ({@link RangePlanner}), the next range fetched while the handler stores the
 *       previous one;
 *   <li>every failure classified ({@link RpcErrorKind}) and counted ({@link #errors()}), retried
 *       with jittered exponential backoff within a bounded budget, then reported as a {@link
 *       ChainSourceException} naming the last error.
 * </ul>
 *
 * Thread-safe. Close it to release its connections.
 */
public final class JsonRpcChainSource implements ChainSource, AutoCloseable {
  private final HttpClient http;
  private final RpcErrorCounts counts;
  private final JsonRpcClient client;
  private final RangePlanner planner;
  private final RetryPolicy retry;
  private final boolean prefetch;

  /**
   * A source over {@code endpoint} ({@code http} or {@code https}) with jitter from an unseeded
   * random source.
   */
  public JsonRpcChainSource(URI endpoint, RpcSettings settings) {
    this(endpoint, settings, new SplittableRandom(), Sleeper.SYSTEM);
  }

  /**
   * A source over {@code endpoint}, drawing backoff jitter from {@code random} and pausing with
   * {@code sleeper}. Opens no connection yet.
   */
  public JsonRpcChainSource(
      URI endpoint, RpcSettings settings, RandomGenerator random, Sleeper sleeper) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "the RPC endpoint must be an http or https URL, not " + scheme + ":...");
    }
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.counts = new RpcErrorCounts();
    this.client = new JsonRpcClient(http, endpoint, settings.requestTimeout(), counts);
    this.planner = new RangePlanner(settings.range());
    this.retry = new RetryPolicy(settings.retry(), random, sleeper, counts);
    this.prefetch = settings.prefetch();
  }

  @Override
  public long chainId() {
    return retry.call("eth_chainId", () -> client.quantity("eth_chainId"));
  }

  @Override
  public long head() {
    return retry.call("eth_blockNumber", () -> client.quantity("eth_blockNumber"));
  }

  @Override
  public BlockHeader header(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("a block number is >= 0: " + number);
    }
    return retry
        .call("eth_getBlockByNumber " + number, () -> client.header(number))
        .orElseThrow(() -> new ChainSourceException("no block " + number));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each chunk is one {@code eth_getLogs} answer; the handler may call this source meanwhile
   * (e.g. for headers).
   *
   * @throws IllegalArgumentException when {@code addresses} is empty or holds something that is not
   *     an address, or {@code from..to} is not a range of block numbers
   */
  @Override
  public void logs(Collection<String> addresses, long from, long to, ChunkHandler handler) {
    String addressesJson = addressesJson(addresses);
    new LogChunks((start, end) -> client.logs(addressesJson, start, end), planner, retry, prefetch)
        .walk(from, to, handler);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One {@code eth_getLogs} request by block hash, retried like any other.
   *
   * @throws IllegalArgumentException when {@code blockHash} is not 0x and 64 hex digits, or {@code
   *     addresses} holds something that is not an address
   */
  @Override
  public List<RawLog> logs(Collection<String> addresses, String blockHash) {
    String addressesJson = addressesJson(addresses);
    Objects.requireNonNull(blockHash, "blockHash");
    if (!blockHash.matches("0[xX][0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not a block hash: " + blockHash);
    }
    String hash = blockHash.toLowerCase(Locale.ROOT);
    return retry
        .call("eth_getLogs of block " + hash, () -> client.logsOfBlock(addressesJson, hash))
        .orElseThrow(() -> new ChainSourceException("no block with hash " + hash));
  }

  /** Requests, retries and failures by kind so far. */
  public RpcErrorCounts errors() {
    return counts;
  }

  /** The width of the next {@code eth_getLogs} request and the ceiling. */
  public RangeState range() {
    return new RangeState(planner.span(), planner.ceiling(), planner.learnedCap());
  }

  @Override
  public void close() {
    http.shutdownNow();
    http.close();
  }

  /** The addresses as a JSON array: lower-cased, without duplicates, in order. */
  static String addressesJson(Collection<String> addresses) {
    Objects.requireNonNull(addresses, "addresses");
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no contract address: eth_getLogs would read every log");
    }
    TreeSet<String> unique = new TreeSet<>();
    for (String address : addresses) {
      if (address == null || !address.matches("0[xX][0-9a-fA-F]{40}")) {
        throw new IllegalArgumentException("not a contract address: " + address);
      }
      unique.add(address.toLowerCase(Locale.ROOT));
    }
    StringBuilder json = new StringBuilder(unique.size() * 45 + 2).append('[');
    for (String address : unique) {
      json.append(json.length() > 1 ? ",\"" : "\"").append(address).append('"');
    }
    return json.append(']').toString();
  }
}
