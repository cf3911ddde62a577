package io.naap.storage.kpi;

import static io.naap.storage.generated.Tables.STREAM_PAYMENT_SESSION;
import static io.naap.storage.generated.Tables.STREAM_SESSION;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.generated.tables.records.StreamSessionRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/**
 * Live stream sessions in tables {@code stream_session} and {@code stream_payment_session}. The
 * write methods run in the caller's transaction, which must hold {@link KpiLock}; reads for the API
 * run on their own.
 */
public final class SessionStore {
  private final DSLContext dsl;

  public SessionStore(Database database) {
    this.dsl = database.dsl();
  }

  /** The sessions of these streams that exist, by stream id. */
  public static Map<String, SessionRow> sessions(
      StoreTransaction tx, Collection<String> streamIds) {
    Map<String, SessionRow> found = HashMap.newHashMap(streamIds.size());
    if (streamIds.isEmpty()) {
      return found;
    }
    for (StreamSessionRecord record :
        tx.dsl().selectFrom(STREAM_SESSION).where(STREAM_SESSION.STREAM_ID.in(streamIds)).fetch()) {
      found.put(record.getStreamId(), row(record));
    }
    return found;
  }

  /** The stream of each request id that names one, by request id. */
  public static Map<String, String> streamsByRequest(
      StoreTransaction tx, Collection<String> requestIds) {
    Map<String, String> found = new HashMap<>();
    if (requestIds.isEmpty()) {
      return found;
    }
    tx.dsl()
        .select(STREAM_SESSION.REQUEST_ID, STREAM_SESSION.STREAM_ID)
        .from(STREAM_SESSION)
        .where(STREAM_SESSION.REQUEST_ID.in(requestIds))
        .orderBy(STREAM_SESSION.STARTED_AT)
        .forEach(record -> found.putIfAbsent(record.value1(), record.value2()));
    return found;
  }

  /** The stream of each payment session id learnt so far, by payment session id. */
  public static Map<String, String> streamsByPaymentSession(
      StoreTransaction tx, Collection<String> paymentSessionIds) {
    Map<String, String> found = new HashMap<>();
    if (paymentSessionIds.isEmpty()) {
      return found;
    }
    tx.dsl()
        .selectFrom(STREAM_PAYMENT_SESSION)
        .where(STREAM_PAYMENT_SESSION.PAYMENT_SESSION_ID.in(paymentSessionIds))
        .forEach(record -> found.put(record.getPaymentSessionId(), record.getStreamId()));
    return found;
  }

  /** Inserts or replaces these sessions. */
  public static void save(StoreTransaction tx, Collection<SessionRow> sessions) {
    if (sessions.isEmpty()) {
      return;
    }
    var insert =
        tx.dsl()
            .insertInto(
                STREAM_SESSION,
                STREAM_SESSION.STREAM_ID,
                STREAM_SESSION.REQUEST_ID,
                STREAM_SESSION.GATEWAY,
                STREAM_SESSION.TRAFFIC,
                STREAM_SESSION.WORKLOAD,
                STREAM_SESSION.STATUS,
                STREAM_SESSION.STARTED_AT,
                STREAM_SESSION.LAST_EVENT_AT,
                STREAM_SESSION.LAST_ARRIVAL_AT,
                STREAM_SESSION.CLOSED_AT,
                STREAM_SESSION.CLOSED_ARRIVAL_AT,
                STREAM_SESSION.CLOSE_REASON,
                STREAM_SESSION.STATE);
    for (SessionRow session : sessions) {
      insert =
          insert.values(
              session.streamId(),
              session.requestId().orElse(null),
              session.gateway().orElse(null),
              session.traffic(),
              session.workload().orElse(null),
              session.status(),
              session.startedAt(),
              session.lastEventAt(),
              session.lastArrivalAt(),
              session.closedAt().orElse(null),
              session.closedArrivalAt().orElse(null),
              session.closeReason().orElse(null),
              JSONB.jsonb(session.state()));
    }
    insert
        .onConflict(STREAM_SESSION.STREAM_ID)
        .doUpdate()
        .set(STREAM_SESSION.REQUEST_ID, org.jooq.impl.DSL.excluded(STREAM_SESSION.REQUEST_ID))
        .set(STREAM_SESSION.GATEWAY, org.jooq.impl.DSL.excluded(STREAM_SESSION.GATEWAY))
        .set(STREAM_SESSION.TRAFFIC, org.jooq.impl.DSL.excluded(STREAM_SESSION.TRAFFIC))
        .set(STREAM_SESSION.WORKLOAD, org.jooq.impl.DSL.excluded(STREAM_SESSION.WORKLOAD))
        .set(STREAM_SESSION.STATUS, org.jooq.impl.DSL.excluded(STREAM_SESSION.STATUS))
        .set(STREAM_SESSION.STARTED_AT, org.jooq.impl.DSL.excluded(STREAM_SESSION.STARTED_AT))
        .set(STREAM_SESSION.LAST_EVENT_AT, org.jooq.impl.DSL.excluded(STREAM_SESSION.LAST_EVENT_AT))
        .set(
            STREAM_SESSION.LAST_ARRIVAL_AT,
            org.jooq.impl.DSL.excluded(STREAM_SESSION.LAST_ARRIVAL_AT))
        .set(STREAM_SESSION.CLOSED_AT, org.jooq.impl.DSL.excluded(STREAM_SESSION.CLOSED_AT))
        .set(
            STREAM_SESSION.CLOSED_ARRIVAL_AT,
            org.jooq.impl.DSL.excluded(STREAM_SESSION.CLOSED_ARRIVAL_AT))
        .set(STREAM_SESSION.CLOSE_REASON, org.jooq.impl.DSL.excluded(STREAM_SESSION.CLOSE_REASON))
        .set(STREAM_SESSION.STATE, org.jooq.impl.DSL.excluded(STREAM_SESSION.STATE))
        .execute();
  }

  /** Records which stream each payment session id belongs to (first link wins). */
  public static void linkPaymentSessions(StoreTransaction tx, Map<String, String> streamByPayment) {
    if (streamByPayment.isEmpty()) {
      return;
    }
    var insert =
        tx.dsl()
            .insertInto(
                STREAM_PAYMENT_SESSION,
                STREAM_PAYMENT_SESSION.PAYMENT_SESSION_ID,
                STREAM_PAYMENT_SESSION.STREAM_ID);
    for (Map.Entry<String, String> link : streamByPayment.entrySet()) {
      insert = insert.values(link.getKey(), link.getValue());
    }
    insert.onConflictDoNothing().execute();
  }

  /**
   * Stream ids of open sessions that received nothing since {@code idleSince}, and of closed ones
   * that closed before {@code closedBefore}: what the sweep closes and finalises. Oldest first, at
   * most {@code limit}.
   */
  public static List<String> due(
      StoreTransaction tx, Instant idleSince, Instant closedBefore, int limit) {
    return tx.dsl()
        .select(STREAM_SESSION.STREAM_ID)
        .from(STREAM_SESSION)
        .where(
            STREAM_SESSION
                .STATUS
                .eq("open")
                .and(STREAM_SESSION.LAST_ARRIVAL_AT.lt(idleSince))
                .or(
                    STREAM_SESSION
                        .STATUS
                        .eq("closed")
                        .and(STREAM_SESSION.CLOSED_ARRIVAL_AT.lt(closedBefore))))
        .orderBy(STREAM_SESSION.LAST_ARRIVAL_AT)
        .limit(limit)
        .fetch(STREAM_SESSION.STREAM_ID);
  }

  /** The session of a stream, read outside any ingestion. */
  public Optional<SessionRow> session(String streamId) {
    Objects.requireNonNull(streamId, "streamId");
    try {
      return dsl.selectFrom(STREAM_SESSION)
          .where(STREAM_SESSION.STREAM_ID.eq(streamId))
          .fetchOptional()
          .map(SessionStore::row);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the session of stream " + streamId, e);
    }
  }

  private static SessionRow row(StreamSessionRecord record) {
    return new SessionRow(
        record.getStreamId(),
        Optional.ofNullable(record.getRequestId()),
        Optional.ofNullable(record.getGateway()),
        record.getTraffic(),
        Optional.ofNullable(record.getWorkload()),
        record.getStatus(),
        record.getStartedAt(),
        record.getLastEventAt(),
        record.getLastArrivalAt(),
        Optional.ofNullable(record.getClosedAt()),
        Optional.ofNullable(record.getClosedArrivalAt()),
        Optional.ofNullable(record.getCloseReason()),
        record.getState().data());
  }
}
