package io.naap.indexer.rpc;

import io.naap.indexer.chain.RawLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A provider of logs over an in-memory chain, for the fetch logic without HTTP: it refuses ranges
 * wider than a block cap or richer than a log cap in the words of a chosen provider format, fails
 * every k-th request with a retryable error, and records every request.
 */
final class FakeLogProvider implements LogChunks.RangeFetch {
  /** How a refusal is worded. */
  enum Format {
    /** A block cap stated (Infura, QuickNode, Tenderly). */
    BLOCK_CAP,
    /** A range that would work, from the requested start (Alchemy, Infura). */
    SUGGESTED_RANGE,
    /** A range of the right width elsewhere: only a hint. */
    SUGGESTED_ELSEWHERE,
    /** No numbers. */
    TOO_LARGE
  }

  /** One request and how it ended. */
  record Request(long from, long to, Optional<RpcErrorKind> failure) {
    long blocks() {
      return to - from + 1;
    }
  }

  private static final RpcErrorKind[] FAULTS = {
    RpcErrorKind.RATE_LIMITED,
    RpcErrorKind.TIMEOUT,
    RpcErrorKind.MALFORMED_RESPONSE,
    RpcErrorKind.HTTP_ERROR,
    RpcErrorKind.CONNECTION,
    RpcErrorKind.RPC_ERROR
  };

  private static final int MAX_REQUESTS = 200_000;

  private final int[] logsPerBlock;
  private final OptionalLong blockCap;
  private final OptionalInt logCap;
  private final Format format;
  private final int faultEvery;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private int count;

  /**
   * @param logsPerBlock the chain: how many logs each block has
   * @param faultEvery every this many requests fails with a retryable error (0: none)
   */
  FakeLogProvider(
      int[] logsPerBlock,
      OptionalLong blockCap,
      OptionalInt logCap,
      Format format,
      int faultEvery) {
    this.logsPerBlock = logsPerBlock.clone();
    this.blockCap = blockCap;
    this.logCap = logCap;
    this.format = format;
    this.faultEvery = faultEvery;
  }

  @Override
  public synchronized List<RawLog> fetch(long from, long to) throws RpcException {
    count++;
    if (count > MAX_REQUESTS) {
      throw new AssertionError("more than " + MAX_REQUESTS + " requests: the fetch does not end");
    }
    if (from < 0 || to < from || to >= logsPerBlock.length) {
      throw new AssertionError(
          "asked for blocks " + from + ".." + to + " of " + logsPerBlock.length);
    }
    if (faultEvery > 0 && count % faultEvery == 0) {
      RpcErrorKind kind = FAULTS[(count / faultEvery) % FAULTS.length];
      requests.add(new Request(from, to, Optional.of(kind)));
      throw RpcException.of(kind, "injected fault " + count);
    }
    long blocks = to - from + 1;
    if (blockCap.isPresent() && blocks > blockCap.getAsLong()) {
      requests.add(new Request(from, to, Optional.of(RpcErrorKind.RANGE_LIMIT)));
      long cap = blockCap.getAsLong();
      throw refusal(from, from + cap - 1, new RangeLimit.BlockCap(cap));
    }
    List<RawLog> logs = logs(from, to);
    if (logCap.isPresent() && logs.size() > logCap.getAsInt()) {
      requests.add(new Request(from, to, Optional.of(RpcErrorKind.RANGE_LIMIT)));
      // the widest range from the start within the cap (the start block alone if it is over)
      long end = Math.max(from, logs.get(logCap.getAsInt()).blockNumber() - 1);
      throw refusal(from, end, null);
    }
    requests.add(new Request(from, to, Optional.empty()));
    return logs;
  }

  private RpcException refusal(long from, long end, RangeLimit.BlockCap cap) {
    RangeLimit limit =
        switch (format) {
          case BLOCK_CAP -> cap != null ? cap : new RangeLimit.SuggestedRange(from, end);
          case SUGGESTED_RANGE -> new RangeLimit.SuggestedRange(from, end);
          case SUGGESTED_ELSEWHERE -> new RangeLimit.SuggestedRange(from + 7, end + 7);
          case TOO_LARGE -> new RangeLimit.TooLarge();
        };
    return RpcException.rangeLimited("refused " + from + "..", limit);
  }

  /** The chain's logs in blocks {@code from..to}, in order. */
  List<RawLog> logs(long from, long to) {
    List<RawLog> logs = new ArrayList<>();
    for (long block = from; block <= to; block++) {
      for (int index = 0; index < logsPerBlock[(int) block]; index++) {
        logs.add(log(block, index));
      }
    }
    return logs;
  }

  private static RawLog log(long block, int index) {
    return new RawLog(
        block,
        word(block),
        word(block * 1_000 + index),
        index,
        index,
        "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        List.of(word(index)),
        "0x",
        false);
  }

  /** {@code value} as 0x and 64 hex digits. */
  private static String word(long value) {
    String digits = Long.toHexString(value);
    return "0x" + "0".repeat(64 - digits.length()) + digits;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  long failures(RpcErrorKind kind) {
    return requests().stream().filter(r -> r.failure().equals(Optional.of(kind))).count();
  }

  long faults() {
    return requests().stream()
        .filter(r -> r.failure().isPresent() && r.failure().get() != RpcErrorKind.RANGE_LIMIT)
        .count();
  }
}
