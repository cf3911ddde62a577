package io.naap.api.incentives;

import io.helidon.common.parameters.Parameters;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.QueryParameters;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The epochs {@code [from, to]} a report covers, from its {@code from} and {@code to} parameters:
 * {@code to} defaults to the latest distributed epoch, {@code from} to {@code to - 99} (at least
 * 1); a range ending before it starts, or over {@value #MAX_EPOCHS} epochs, is a 400.
 *
 * @param from the first epoch, >= 1
 * @param to the last epoch, >= from
 */
record EpochRange(long from, long to) {
  /** The most epochs one report covers. */
  static final long MAX_EPOCHS = 1_000;

  /** The epochs a report covers when {@code from} is not given. */
  static final long DEFAULT_EPOCHS = 100;

  /** Decimal digits of the largest int64, 9223372036854775807. */
  private static final int MAX_DIGITS = 19;

  EpochRange {
    if (from < 1 || to < from || to - from >= MAX_EPOCHS) {
      throw new IllegalArgumentException("not a report range: [" + from + ", " + to + "]");
    }
  }

  /**
   * The range a request asks for.
   *
   * @param latest the latest distributed epoch, read only when {@code to} is not given
   * @throws ApiException 400 for a malformed or out-of-bounds range; 404 when {@code to} is not
   *     given and nothing was distributed yet
   */
  static EpochRange of(Parameters query, Supplier<OptionalLong> latest) {
    Optional<Long> askedFrom = QueryParameters.text(query, "from").map(text -> epoch("from", text));
    Optional<Long> askedTo = QueryParameters.text(query, "to").map(text -> epoch("to", text));
    long to;
    if (askedTo.isPresent()) {
      to = askedTo.get();
    } else {
      OptionalLong distributed = latest.get();
      if (distributed.isEmpty()) {
        throw new ApiException(
            ErrorCode.NOT_FOUND,
            "no epoch has been distributed yet, so 'to' has no default: nothing to report",
            Map.of("parameter", "to"));
      }
      to = distributed.getAsLong();
    }
    long from = askedFrom.orElse(Math.max(1, to - (DEFAULT_EPOCHS - 1)));
    if (to < from) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "'to' ("
              + to
              + (askedTo.isPresent() ? "" : ", the latest distributed epoch")
              + ") is before 'from' ("
              + from
              + ")",
          Map.of("from", from, "to", to));
    }
    if (to - from >= MAX_EPOCHS) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "the range ["
              + from
              + ", "
              + to
              + "] covers "
              + (to - from + 1)
              + " epochs; ask for at most "
              + MAX_EPOCHS,
          Map.of("from", from, "to", to, "max", MAX_EPOCHS));
    }
    return new EpochRange(from, to);
  }

  /** An epoch number: a positive decimal integer within int64, or a 400 naming {@code name}. */
  static long epoch(String name, String text) {
    String value = text.trim();
    if (!value.isEmpty()
        && value.length() <= MAX_DIGITS
        && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        long epoch = Long.parseLong(value);
        if (epoch >= 1) {
          return epoch;
        }
      } catch (NumberFormatException e) {
        // beyond int64: answered below
      }
    }
    throw QueryParameters.invalid(
        name, "an epoch number: a positive decimal integer (at most 2^63 - 1)", text);
  }
}
