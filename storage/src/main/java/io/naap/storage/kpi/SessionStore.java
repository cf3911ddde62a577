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
import org.jooq.exception.DataAccessException;

/**
 * Live stream sessions in tables {@code stream_session} and {@code stream_payment_session}. The
 * write methods run in the caller's transaction, which must hold {@link
 * io.naap.storage.TelemetryLock}; reads for the API run on their own.
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
        tx.dsl()
            .selectFrom(STREAM_SESSION)
            .where(STREAM_SESSION.STREAM_ID.eq(SqlArrays.anyOf(streamIds)))
            .fetch()) {
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
        .where(STREAM_SESSION.REQUEST_ID.eq(SqlArrays.anyOf(requestIds)))
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
        .where(STREAM_PAYMENT_SESSION.PAYMENT_SESSION_ID.eq(SqlArrays.anyOf(paymentSessionIds)))
        .forEach(record -> found.put(record.getPaymentSessionId(), record.getStreamId()));
    return found;
  }

  private static final String UPSERT =
      "insert into stream_session (stream_id, request_id, gateway, traffic, workload, status,"
          + " started_at, last_event_at, last_arrival_at, closed_at, closed_arrival_at,"
          + " close_reason, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (stream_id) do update set request_id = excluded.request_id,"
          + " gateway = excluded.gateway, traffic = excluded.traffic,"
          + " workload = excluded.workload, status = excluded.status,"
          + " started_at = excluded.started_at, last_event_at = excluded.last_event_at,"
          + " last_arrival_at = excluded.last_arrival_at, closed_at = excluded.closed_at,"
          + " closed_arrival_at = excluded.closed_arrival_at,"
          + " close_reason = excluded.close_reason, state = excluded.state";

  /**
   * Inserts or replaces these sessions: one prepared statement, batched (rendering one multi-row
   * statement for a few hundred sessions cost more than the database's work).
   */
  public static void save(StoreTransaction tx, Collection<SessionRow> sessions) {
    if (sessions.isEmpty()) {
      return;
    }
    tx.dsl()
        .connection(
            connection -> {
              try (java.sql.PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                for (SessionRow session : sessions) {
                  statement.setString(1, session.streamId());
                  statement.setString(2, session.requestId().orElse(null));
                  statement.setString(3, session.gateway().orElse(null));
                  statement.setString(4, session.traffic());
                  statement.setString(5, session.workload().orElse(null));
                  statement.setString(6, session.status());
                  statement.setObject(7, offset(session.startedAt()));
                  statement.setObject(8, offset(session.lastEventAt()));
                  statement.setObject(9, offset(session.lastArrivalAt()));
                  statement.setObject(
                      10, session.closedAt().map(SessionStore::offset).orElse(null));
                  statement.setObject(
                      11, session.closedArrivalAt().map(SessionStore::offset).orElse(null));
                  statement.setString(12, session.closeReason().orElse(null));
                  statement.setString(13, session.state());
                  statement.addBatch();
                }
                statement.executeBatch();
              }
            });
  }

  private static java.time.OffsetDateTime offset(Instant instant) {
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

  private static final String LINK_PAYMENT_SESSIONS =
      "insert into stream_payment_session (payment_session_id, stream_id)"
          + " select * from unnest(?::text[], ?::text[]) on conflict do nothing";

  /** Records which stream each payment session id belongs to (first link wins). */
  public static void linkPaymentSessions(StoreTransaction tx, Map<String, String> streamByPayment) {
    if (streamByPayment.isEmpty()) {
      return;
    }
    String[] paymentSessionIds = new String[streamByPayment.size()];
    String[] streamIds = new String[streamByPayment.size()];
    int i = 0;
    for (Map.Entry<String, String> link : streamByPayment.entrySet()) {
      paymentSessionIds[i] = link.getKey();
      streamIds[i] = link.getValue();
      i++;
    }
    tx.dsl()
        .connection(
            connection -> {
              try (java.sql.PreparedStatement statement =
                  connection.prepareStatement(LINK_PAYMENT_SESSIONS)) {
                statement.setArray(1, connection.createArrayOf("text", paymentSessionIds));
                statement.setArray(2, connection.createArrayOf("text", streamIds));
                statement.executeUpdate();
              }
            });
  }

  /**
   * Stream ids of open sessions that received nothing since {@code idleSince}, and of closed ones
   * that closed before {@code closedBefore}: what the sweep closes and finalises. Oldest first
   * (ties by stream id, so a replay of the derivation picks the same ones), at most {@code limit}.
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
        .orderBy(STREAM_SESSION.LAST_ARRIVAL_AT, STREAM_SESSION.STREAM_ID)
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
        record.getState());
  }
}
