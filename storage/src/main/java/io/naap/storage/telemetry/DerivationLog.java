package io.naap.storage.telemetry;

import static io.naap.storage.generated.Tables.TELEMETRY_DERIVATION;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.generated.tables.records.TelemetryDerivationRecord;
import io.naap.storage.telemetry.TelemetryStore.BlockRange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The order in which stored events became sessions and KPIs ({@code telemetry_derivation}): one
 * step per ingestion call that applied new events and per sweep that changed something, recorded in
 * the step's own transaction under {@link io.naap.storage.TelemetryLock}, so steps commit in
 * sequence order. Replaying the steps over the stored blocks derives the same sessions and KPI
 * rollups again ({@code naap oracle recompute}).
 */
public final class DerivationLog {
  private static final int PAGE = 1_000;

  private final DSLContext dsl;

  public DerivationLog(Database database) {
    this.dsl = Objects.requireNonNull(database, "database").dsl();
  }

  /** One step of the derivation. */
  public sealed interface Step permits Events, Sweep {
    /** The step's place in the order. */
    long seq();

    /** Events: their arrival time; sweep: the time it ran as of. */
    Instant at();
  }

  /** The events of one ingestion call, applied as one batch. */
  public record Events(long seq, Instant at, String source, BlockRange blocks) implements Step {
    public Events {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(blocks, "blocks");
    }
  }

  /** A sweep as of {@code at}, changing at most {@code limit} sessions. */
  public record Sweep(long seq, Instant at, int limit) implements Step {
    public Sweep {
      Objects.requireNonNull(at, "at");
      if (limit < 1) {
        throw new IllegalArgumentException("a sweep's limit is positive: " + limit);
      }
    }
  }

  /** Records that the events of {@code blocks}, received at {@code at}, were just applied. */
  public static void recordEvents(
      StoreTransaction tx, Instant at, String source, BlockRange blocks) {
    var t = TELEMETRY_DERIVATION;
    tx.dsl()
        .insertInto(t, t.KIND, t.AT, t.SOURCE, t.FIRST_BLOCK, t.LAST_BLOCK)
        .values("events", at, source, blocks.first(), blocks.last())
        .execute();
  }

  /** Records that a sweep as of {@code at} with {@code limit} just changed something. */
  public static void recordSweep(StoreTransaction tx, Instant at, int limit) {
    var t = TELEMETRY_DERIVATION;
    tx.dsl().insertInto(t, t.KIND, t.AT, t.SWEEP_LIMIT).values("sweep", at, limit).execute();
  }

  /**
   * The last step committed, 0 when none. Read under {@link io.naap.storage.TelemetryLock} it is
   * exactly the steps the derived state reflects.
   */
  public static long latest(StoreTransaction tx) {
    var t = TELEMETRY_DERIVATION;
    Long seq = tx.dsl().select(t.SEQ).from(t).orderBy(t.SEQ.desc()).limit(1).fetchOne(t.SEQ);
    return seq == null ? 0 : seq;
  }

  /** Every step up to {@code throughSeq}, in order, read a page at a time. */
  public void forEach(long throughSeq, Consumer<? super Step> action) {
    Objects.requireNonNull(action, "action");
    var t = TELEMETRY_DERIVATION;
    long after = 0;
    while (true) {
      List<Step> page;
      try {
        page =
            dsl.selectFrom(t)
                .where(t.SEQ.gt(after).and(t.SEQ.le(throughSeq)))
                .orderBy(t.SEQ)
                .limit(PAGE)
                .fetch(DerivationLog::step);
      } catch (DataAccessException e) {
        throw new StorageException("cannot read the telemetry derivation log after " + after, e);
      }
      page.forEach(action);
      if (page.size() < PAGE) {
        return;
      }
      after = page.getLast().seq();
    }
  }

  private static Step step(TelemetryDerivationRecord row) {
    return switch (row.getKind()) {
      case "events" ->
          new Events(
              row.getSeq(),
              row.getAt(),
              row.getSource(),
              new BlockRange(row.getFirstBlock(), row.getLastBlock()));
      case "sweep" -> new Sweep(row.getSeq(), row.getAt(), row.getSweepLimit());
      default ->
          throw new StorageException(
              "telemetry derivation step " + row.getSeq() + " has unknown kind " + row.getKind());
    };
  }
}
