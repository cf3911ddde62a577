package io.naap.storage.kpi;

import static io.naap.storage.generated.Tables.PAYMENT_ORPHAN;

import io.naap.storage.StoreTransaction;
import io.naap.storage.generated.tables.records.PaymentOrphanRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Payments waiting for their stream ({@code payment_orphan}), in the caller's transaction, which
 * must hold {@link io.naap.storage.TelemetryLock}.
 */
public final class PaymentOrphanStore {
  private PaymentOrphanStore() {}

  public static void save(StoreTransaction tx, Collection<PaymentOrphanRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    var t = PAYMENT_ORPHAN;
    var insert =
        tx.dsl()
            .insertInto(t, t.EVENT_ID, t.REQUEST_ID, t.PAYMENT_SESSION_ID, t.ARRIVAL_AT, t.PAYMENT);
    for (PaymentOrphanRow row : rows) {
      insert =
          insert.values(
              row.eventId(),
              row.requestId().orElse(null),
              row.paymentSessionId().orElse(null),
              row.arrivalAt(),
              JSONB.jsonb(row.payment()));
    }
    insert.onConflictDoNothing().execute();
  }

  /** Removes and returns the orphans naming any of these request or payment session ids. */
  public static List<PaymentOrphanRow> take(
      StoreTransaction tx, Collection<String> requestIds, Collection<String> paymentSessionIds) {
    if (requestIds.isEmpty() && paymentSessionIds.isEmpty()) {
      return List.of();
    }
    var t = PAYMENT_ORPHAN;
    Condition named = DSL.falseCondition();
    if (!requestIds.isEmpty()) {
      named = named.or(t.REQUEST_ID.eq(SqlArrays.anyOf(requestIds)));
    }
    if (!paymentSessionIds.isEmpty()) {
      named = named.or(t.PAYMENT_SESSION_ID.eq(SqlArrays.anyOf(paymentSessionIds)));
    }
    return tx.dsl().deleteFrom(t).where(named).returning().fetch(PaymentOrphanStore::row);
  }

  /**
   * Removes and returns the oldest orphans that arrived before {@code cutoff}, at most {@code
   * limit}; ties broken by event id, so a replay of the derivation takes the same ones.
   */
  public static List<PaymentOrphanRow> takeOlderThan(
      StoreTransaction tx, Instant cutoff, int limit) {
    var t = PAYMENT_ORPHAN;
    var ids =
        tx.dsl()
            .select(t.EVENT_ID)
            .from(t)
            .where(t.ARRIVAL_AT.lt(cutoff))
            .orderBy(t.ARRIVAL_AT, t.EVENT_ID)
            .limit(limit)
            .fetch(t.EVENT_ID);
    if (ids.isEmpty()) {
      return List.of();
    }
    return tx.dsl()
        .deleteFrom(t)
        .where(t.EVENT_ID.in(ids))
        .returning()
        .fetch(PaymentOrphanStore::row);
  }

  private static PaymentOrphanRow row(PaymentOrphanRecord record) {
    return new PaymentOrphanRow(
        record.getEventId(),
        Optional.ofNullable(record.getRequestId()),
        Optional.ofNullable(record.getPaymentSessionId()),
        record.getArrivalAt(),
        record.getPayment().data());
  }
}
