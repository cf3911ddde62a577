package io.naap.storage.telemetry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which quarantine rows to read, newest first: start with {@link #newest(int)}, narrow with the
 * {@code with...} methods, and page on with {@link #startingAfter(QuarantineCursor)} from the last
 * row read.
 *
 * @param from earliest {@code receivedAt} included
 * @param until {@code receivedAt} from which rows are excluded
 * @param reason only rows with this reason
 * @param source only rows from this source
 * @param after only rows after this cursor in newest-first order (keyset paging)
 * @param limit most rows returned, 1 to {@value #MAX_LIMIT}
 */
public record QuarantineQuery(
    Optional<Instant> from,
    Optional<Instant> until,
    Optional<String> reason,
    Optional<String> source,
    Optional<QuarantineCursor> after,
    int limit) {
  public static final int MAX_LIMIT = 1000;

  public QuarantineQuery {
    Objects.requireNonNull(from, "from must be an Optional");
    Objects.requireNonNull(until, "until must be an Optional");
    from = from.map(at -> ColumnRules.instant(at, "from"));
    until = until.map(at -> ColumnRules.instant(at, "until"));
    Objects.requireNonNull(reason, "reason must be an Optional")
        .ifPresent(QuarantineRow::requireReason);
    Objects.requireNonNull(source, "source must be an Optional").ifPresent(ColumnRules::source);
    Objects.requireNonNull(after, "after must be an Optional");
    if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
      throw new IllegalArgumentException(
          "until (" + until.get() + ") must not be before from (" + from.get() + ")");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The newest {@code limit} rows, of every reason and source. */
  public static QuarantineQuery newest(int limit) {
    return new QuarantineQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }

  /** Only rows received in {@code [from, until)}. */
  public QuarantineQuery withReceivedBetween(Instant from, Instant until) {
    return new QuarantineQuery(Optional.of(from), Optional.of(until), reason, source, after, limit);
  }

  public QuarantineQuery withReason(String reason) {
    return new QuarantineQuery(from, until, Optional.of(reason), source, after, limit);
  }

  public QuarantineQuery withSource(String source) {
    return new QuarantineQuery(from, until, reason, Optional.of(source), after, limit);
  }

  /** The next page: rows older than {@code cursor}, the cursor of the last row read. */
  public QuarantineQuery startingAfter(QuarantineCursor cursor) {
    return new QuarantineQuery(from, until, reason, source, Optional.of(cursor), limit);
  }
}
