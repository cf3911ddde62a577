package io.naap.indexer.rpc;

/**
 * How {@code eth_getLogs} ranges are sized. Requests are sized by the logs they return, not by
 * blocks alone: measured on a local anvil, requests of about 500 logs were fastest, and one request
 * of 10,000 blocks returning 500,000 logs fell to a tenth of that rate.
 *
 * @param targetLogs the number of logs a request should return
 * @param maxBlocks the widest range ever asked for (many providers refuse more than 10,000 blocks)
 * @param initialBlocks the width of the first request, before anything is known about the chain
 */
public record RangeSettings(int targetLogs, long maxBlocks, long initialBlocks) {
  /** The most a range may be set to: far above any provider's cap, far below overflow. */
  public static final long MAX_BLOCKS_LIMIT = 1L << 40;

  /** The most logs a request may aim at. */
  public static final int MAX_TARGET_LOGS = 1_000_000;

  public RangeSettings {
    if (targetLogs < 1 || targetLogs > MAX_TARGET_LOGS) {
      throw new IllegalArgumentException(
          "range targetLogs must be 1.." + MAX_TARGET_LOGS + ": " + targetLogs);
    }
    if (maxBlocks < 1 || maxBlocks > MAX_BLOCKS_LIMIT) {
      throw new IllegalArgumentException(
          "range maxBlocks must be 1.." + MAX_BLOCKS_LIMIT + ": " + maxBlocks);
    }
    if (initialBlocks < 1 || initialBlocks > maxBlocks) {
      throw new IllegalArgumentException(
          "range initialBlocks must be 1..maxBlocks (" + maxBlocks + "): " + initialBlocks);
    }
  }

  /**
   * 500 logs a request, at most 10,000 blocks, 10 blocks first: a dense history (thousands of logs
   * a block) would otherwise come back as one huge first answer and one huge first transaction, and
   * a sparse one widens to the cap in ten doublings.
   */
  public static RangeSettings defaults() {
    return new RangeSettings(500, 10_000, 10);
  }
}
