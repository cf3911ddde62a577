package io.naap.indexer.rpc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's refusal of an {@code eth_getLogs} range, with what it suggests instead. Providers
 * say it in their own words (see {@link #recognise}); the range planner turns each shape into a
 * narrower range.
 */
sealed interface RangeLimit {
  /** The provider names a range that would work: its width is what counts. */
  record SuggestedRange(long from, long to) implements RangeLimit {
    public SuggestedRange {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("not a range: " + from + ".." + to);
      }
    }

    long blocks() {
      return to - from + 1;
    }
  }

  /** The provider never serves more than {@code blocks} blocks a request. */
  record BlockCap(long blocks) implements RangeLimit {
    public BlockCap {
      if (blocks < 1) {
        throw new IllegalArgumentException("a block cap is >= 1: " + blocks);
      }
    }
  }

  /** The range is too large, without a hint how much: bisect. */
  record TooLarge() implements RangeLimit {}

  /** QuickNode's error code for a range over its block limit. */
  int QUICKNODE_RANGE_CODE = -32614;

  /**
   * The range limit a JSON-RPC error of {@code eth_getLogs} expresses, if it is one. Recognised,
   * from the most precise answer to the least:
   *
   * <ul>
   *   <li>a suggested range in hex brackets (Alchemy's {@code this block range should work:
   *       [0x7f29d5, 0x7f2ab1]}, Infura's {@code Try with this block range [0x1CB7E3A,
   *       0x1CB80A6].}), in {@code data} as {@code {"from":..,"to":..}} (Infura), or in decimal
   *       (reth's {@code retry with the range 25766988-25775072});
   *   <li>a block cap: {@code range 1000000 exceeds limit of 10000} (Infura), {@code eth_getLogs is
   *       limited to a 10,000 range} (QuickNode), {@code range 9009594 is bigger than range limit
   *       2000} (Tenderly), {@code maximum block range: 2000};
   *   <li>too large, no numbers: {@code block range is bigger than maxBlockRange}, {@code Log
   *       response size exceeded}, {@code query returned more than 10000 results}, {@code query
   *       timeout exceeded}, {@code response too large}, or QuickNode's code -32614.
   * </ul>
   *
   * @param data the error's {@code data} as text, if any
   */
  static Optional<RangeLimit> recognise(int code, String message, Optional<String> data) {
    String text = (message == null ? "" : message) + " " + data.orElse("");
    String lower = text.toLowerCase(Locale.ROOT);
    boolean rangeError =
        code == QUICKNODE_RANGE_CODE
            || Patterns.RANGE_WORDS.stream().anyMatch(lower::contains)
            || Patterns.MORE_THAN_RESULTS.matcher(lower).find();
    if (!rangeError) {
      return Optional.empty();
    }
    return suggestedRange(text).or(() -> blockCap(lower)).or(() -> Optional.of(new TooLarge()));
  }

  private static Optional<RangeLimit> suggestedRange(String text) {
    Matcher bracket = Patterns.HEX_BRACKET.matcher(text);
    if (bracket.find()) {
      return range(hex(bracket.group(1)), hex(bracket.group(2)));
    }
    Matcher from = Patterns.FROM_FIELD.matcher(text);
    Matcher to = Patterns.TO_FIELD.matcher(text);
    if (from.find() && to.find()) {
      return range(hex(from.group(1)), hex(to.group(1)));
    }
    Matcher decimal = Patterns.DECIMAL_RANGE.matcher(text);
    if (decimal.find()) {
      return range(decimal(decimal.group(1)), decimal(decimal.group(2)));
    }
    return Optional.empty();
  }

  private static Optional<RangeLimit> blockCap(String lower) {
    for (Pattern pattern : Patterns.BLOCK_CAPS) {
      Matcher matcher = pattern.matcher(lower);
      if (matcher.find()) {
        long blocks = decimal(matcher.group(1));
        if (blocks >= 1) {
          return Optional.of(new BlockCap(blocks));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<RangeLimit> range(long from, long to) {
    return from >= 0 && to >= from ? Optional.of(new SuggestedRange(from, to)) : Optional.empty();
  }

  /** A hex number ("0x" and 1 to 15 digits; -1 for anything else). */
  private static long hex(String text) {
    String digits = text.substring(2);
    return digits.length() <= 15 ? Long.parseLong(digits, 16) : -1;
  }

  /** A decimal number, thousands separated by commas or not (-1 past 15 digits). */
  private static long decimal(String text) {
    String digits = text.replace(",", "");
    return !digits.isEmpty() && digits.length() <= 15 ? Long.parseLong(digits) : -1;
  }

  /** The texts providers use; a holder class because interface fields are public. */
  final class Patterns {
    private Patterns() {}

    static final List<String> RANGE_WORDS =
        List.of(
            "log response size exceeded",
            "query returned more than",
            "max results",
            "maxblockrange",
            "block range",
            "blocks range",
            "range limit",
            "exceeds limit of",
            "exceeds the limit of",
            "limited to a",
            "query timeout exceeded",
            "response too large",
            "response size exceeded",
            "response is too big",
            "too many results",
            "retry with the range");

    static final Pattern MORE_THAN_RESULTS = Pattern.compile("more than [\\d,]+ (?:results|logs)");

    static final Pattern HEX_BRACKET =
        Pattern.compile(
            "\\[\\s*(0x[0-9a-f]+)\\s*,\\s*(0x[0-9a-f]+)\\s*]", Pattern.CASE_INSENSITIVE);
    static final Pattern FROM_FIELD =
        Pattern.compile("\"from(?:block)?\"\\s*:\\s*\"(0x[0-9a-f]+)\"", Pattern.CASE_INSENSITIVE);
    static final Pattern TO_FIELD =
        Pattern.compile("\"to(?:block)?\"\\s*:\\s*\"(0x[0-9a-f]+)\"", Pattern.CASE_INSENSITIVE);
    static final Pattern DECIMAL_RANGE =
        Pattern.compile("retry with the range (\\d+)\\s*-\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    /** Block caps, on lower-cased text. */
    static final List<Pattern> BLOCK_CAPS =
        List.of(
            Pattern.compile("exceeds (?:the )?limit of ([\\d,]+)"),
            Pattern.compile("limited to an? ([\\d,]+)\\s*(?:-?blocks?\\s*)?range"),
            Pattern.compile(
                "(?:bigger|larger|greater) than (?:the )?range limit (?:of )?([\\d,]+)"),
            Pattern.compile("max(?:imum)? block range(?: is| of|:|=)?\\s*([\\d,]+)"));
  }
}
