package io.naap.indexer.rpc;

import java.util.Objects;

/**
 * Sizes {@code eth_getLogs} ranges to the provider and the chain. It aims at {@link
 * RangeSettings#targetLogs()} logs a request: after a full-width success it widens the range toward
 * that target (at most doubling it), after a request that returned too many logs it narrows it in
 * proportion. A range-limit error narrows it to what the provider suggests: a suggested range's
 * width, a block cap (remembered as a ceiling from then on), or half. The width stays between 1
 * block and the ceiling ({@link RangeSettings#maxBlocks()} or a lower learned cap), and a
 * range-limit error always leaves it narrower than the refused range, so refusals end at 1 block.
 *
 * <p>One planner per chain source, shared by its calls (what it learned about the provider holds
 * for all of them); thread-safe.
 */
final class RangePlanner {
  private final RangeSettings settings;
  private long span;
  private long ceiling;

  RangePlanner(RangeSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.span = settings.initialBlocks();
    this.ceiling = settings.maxBlocks();
  }

  /** The width of the next request, 1..{@link #ceiling()}. */
  synchronized long span() {
    return span;
  }

  /** The widest range the planner will ask for: the configured cap or a lower learned one. */
  synchronized long ceiling() {
    return ceiling;
  }

  /** Whether a provider's block cap lowered the ceiling below the configured cap. */
  synchronized boolean learnedCap() {
    return ceiling < settings.maxBlocks();
  }

  /** A request of {@code blocks} blocks returned {@code logs} logs. */
  synchronized void succeeded(long blocks, int logs) {
    requirePositive(blocks);
    long target = settings.targetLogs();
    if (logs > target) {
      span = Math.min(span, Math.max(1, scale(blocks, target, logs)));
    } else if (blocks >= span) {
      long estimate = logs == 0 ? Long.MAX_VALUE : scale(blocks, target, logs);
      span = Math.min(ceiling, Math.min(2 * span, Math.max(span, estimate)));
    }
    // a shorter range (the end of a call) with few logs says little about the next one
  }

  /**
   * The provider refused blocks {@code from..to} with {@code limit}: narrows the range.
   *
   * @return false when the refused range was a single block: nothing narrower exists, the caller
   *     treats the refusal as a failure
   */
  synchronized boolean limited(long from, long to, RangeLimit limit) {
    long refused = to - from + 1;
    requirePositive(refused);
    if (refused == 1) {
      return false;
    }
    long next =
        switch (limit) {
          // a start other than ours: only the width is a hint
          case RangeLimit.SuggestedRange suggested -> suggested.blocks();
          case RangeLimit.BlockCap cap -> {
            ceiling = Math.min(ceiling, cap.blocks());
            yield cap.blocks();
          }
          case RangeLimit.TooLarge tooLarge -> refused / 2;
        };
    if (next >= refused) {
      // the provider refused less than it says it accepts: bisect so that it ends
      next = refused / 2;
    }
    span = Math.max(1, Math.min(next, ceiling));
    return true;
  }

  /** {@code blocks * target / logs}: at most 2^40 times 2^20, no overflow. */
  private static long scale(long blocks, long target, long logs) {
    return blocks * target / logs;
  }

  private static void requirePositive(long blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("a range has at least one block: " + blocks);
    }
  }
}
