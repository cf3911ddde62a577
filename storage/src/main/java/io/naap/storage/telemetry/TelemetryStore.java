package io.naap.storage.telemetry;

import static io.naap.storage.generated.Tables.TELEMETRY_EVENT;
import static io.naap.storage.generated.Tables.TELEMETRY_INGEST_BATCH;
import static io.naap.storage.generated.Tables.TELEMETRY_QUARANTINE;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.generated.tables.records.TelemetryEventRecord;
import io.naap.storage.generated.tables.records.TelemetryIngestBatchRecord;
import io.naap.storage.generated.tables.records.TelemetryQuarantineRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The raw telemetry store: accepted events (deduplicated on the producer's id), quarantined
 * records, and one audit row per ingestion call, in tables {@code telemetry_event}, {@code
 * telemetry_quarantine} and {@code telemetry_ingest_batch}. Thread-safe; concurrent ingestions of
 * the same id store it once, and only one of them reports it as inserted.
 */
public final class TelemetryStore {
  private static final String STAGING = "telemetry_event_staging";

  /**
   * A temporary table per pooled connection, created on the connection's first ingestion and
   * emptied at each commit (a rollback empties it too). Declared here, not copied from {@code
   * telemetry_event}, so that a connection that outlives a migration cannot hold a stale shape.
   */
  private static final String CREATE_STAGING =
      "create temporary table if not exists "
          + STAGING
          + " ("
          + EventCopy.COLUMN_DEFINITIONS
          + ") on commit delete rows";

  private static final String INSERT_NEW_EVENTS =
      "insert into telemetry_event ("
          + EventCopy.COLUMNS
          + ") select "
          + EventCopy.COLUMNS
          + " from "
          + STAGING
          // one lock order for every caller: concurrent overlapping batches cannot deadlock
          + " order by id on conflict (id) do nothing returning id";

  private static final String COPY_QUARANTINE =
      "copy telemetry_quarantine (received_at, source, reason, detail, event_id, raw)"
          + " from stdin (format binary)";

  private static final int QUARANTINE_FIELDS = 6;

  /** PostgreSQL's SQLSTATE for a unique constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DSLContext dsl;
  private final int maxConcurrentBatches;

  public TelemetryStore(Database database) {
    this.dsl = database.dsl();
    this.maxConcurrentBatches = database.maxPoolSize();
  }

  /** How many {@link #ingest} calls can run at once: one per pooled connection. */
  public int maxConcurrentBatches() {
    return maxConcurrentBatches;
  }

  /**
   * Stores one ingestion call in one transaction, so that a failure leaves nothing of it: the
   * events whose id is not stored yet (the others are duplicates and are left untouched; an id
   * repeated within the batch counts once, its first occurrence being the one stored), the
   * quarantined records, and the audit row, whose accepted and duplicate counts are those of what
   * was really inserted. Events travel by {@code COPY} (binary) into a temporary staging table and
   * move on with {@code INSERT ... ON CONFLICT (id) DO NOTHING RETURNING id}.
   *
   * @return the audit row and its id, and the ids this call inserted
   * @throws StorageException when the database fails; nothing of the batch is stored then
   */
  public IngestResult ingest(TelemetryBatch batch) {
    return ingest(batch, AfterInsert.NOTHING);
  }

  /**
   * What a caller derives from newly stored events, in the same transaction: if it throws, nothing
   * of the batch is stored.
   */
  @FunctionalInterface
  public interface AfterInsert {
    AfterInsert NOTHING = (tx, inserted) -> {};

    /**
     * @param inserted the ids of the events this batch stored (not the duplicates)
     */
    void apply(StoreTransaction tx, Set<UUID> inserted);
  }

  /**
   * Stores one ingestion call like {@link #ingest(TelemetryBatch)}, then runs {@code after} in the
   * same transaction with the ids that were new.
   */
  public IngestResult ingest(TelemetryBatch batch, AfterInsert after) {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(after, "after");
    List<TelemetryEventRow> distinct = firstOfEachId(batch.events());
    try {
      return dsl.transactionResult(
          transaction -> {
            DSLContext tx = transaction.dsl();
            Set<UUID> inserted = tx.connectionResult(connection -> insertNew(connection, distinct));
            if (!batch.quarantined().isEmpty()) {
              tx.connectionResult(connection -> copyQuarantine(connection, batch.quarantined()));
            }
            IngestBatchRow audit =
                new IngestBatchRow(
                    batch.source(),
                    batch.receivedAt(),
                    batch.received(),
                    inserted.size(),
                    batch.received() - inserted.size() - batch.quarantined().size(),
                    batch.quarantined().size());
            long batchId = insertAudit(tx, audit);
            after.apply(new StoreTransaction(tx), inserted);
            return new IngestResult(batchId, audit, inserted);
          });
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot ingest a batch of "
              + batch.received()
              + " records from "
              + batch.source()
              + " received at "
              + batch.receivedAt()
              + " ("
              + batch.events().size()
              + " events, "
              + batch.quarantined().size()
              + " quarantined); nothing of it was stored",
          e);
    }
  }

  private static List<TelemetryEventRow> firstOfEachId(List<TelemetryEventRow> events) {
    Map<UUID, TelemetryEventRow> first = LinkedHashMap.newLinkedHashMap(events.size());
    for (TelemetryEventRow event : events) {
      first.putIfAbsent(event.id(), event);
    }
    return first.size() == events.size() ? events : List.copyOf(first.values());
  }

  /**
   * Stores the events whose id is not stored yet and returns their ids. Fast path, for the usual
   * batch of new events: {@code COPY} them straight into {@code telemetry_event}, under a
   * savepoint. If one id is stored already (a re-sent batch, or a concurrent ingestion of the same
   * ids), the COPY fails on the primary key and is rolled back to the savepoint; then the batch
   * asks which of its ids exist (one index probe per id) and copies the others the same way. If yet
   * another concurrent ingestion gets in between, the last resort is the staging path ({@code COPY}
   * into a temporary table, then {@code INSERT ... ON CONFLICT DO NOTHING}), always right but
   * writing every row twice.
   */
  private static Set<UUID> insertNew(Connection connection, List<TelemetryEventRow> events)
      throws SQLException {
    if (events.isEmpty()) {
      return Set.of();
    }
    // one insertion order for every caller, so that two batches sharing ids wait for each other
    // instead of deadlocking (and neighbouring keys land together in the primary key's b-tree)
    List<TelemetryEventRow> sorted = sortedById(events);
    if (copyUnlessStored(connection, sorted)) {
      return idsOf(sorted);
    }
    Set<UUID> stored = storedIds(connection, sorted);
    List<TelemetryEventRow> fresh = new ArrayList<>(sorted.size() - stored.size());
    for (TelemetryEventRow event : sorted) {
      if (!stored.contains(event.id())) {
        fresh.add(event);
      }
    }
    if (fresh.isEmpty()) {
      return Set.of();
    }
    if (copyUnlessStored(connection, fresh)) {
      return idsOf(fresh);
    }
    return insertThroughStaging(connection, fresh);
  }

  /** PostgreSQL's order of uuids: the 16 bytes compared unsigned, as the primary key has them. */
  private static final Comparator<TelemetryEventRow> BY_ID =
      Comparator.comparing(
              (TelemetryEventRow row) -> row.id().getMostSignificantBits(), Long::compareUnsigned)
          .thenComparing(row -> row.id().getLeastSignificantBits(), Long::compareUnsigned);

  private static final int INDEX_BITS = 20;

  /**
   * The events in {@link #BY_ID} order. Usually by a primitive sort of the ids' first 44 bits, each
   * packed with the event's position, many times cheaper than sorting the rows with a comparator;
   * when two ids share those bits (or the batch is too large to pack), by the comparator.
   */
  static List<TelemetryEventRow> sortedById(List<TelemetryEventRow> events) {
    int size = events.size();
    if (size < 1 << INDEX_BITS) {
      long[] keys = new long[size];
      for (int i = 0; i < size; i++) {
        long high = events.get(i).id().getMostSignificantBits();
        keys[i] = (high >>> INDEX_BITS << INDEX_BITS) | i;
      }
      // unsigned order of the packed keys: flip the sign bit, sort signed
      for (int i = 0; i < size; i++) {
        keys[i] ^= Long.MIN_VALUE;
      }
      Arrays.sort(keys);
      boolean distinctPrefixes = true;
      for (int i = 1; i < size && distinctPrefixes; i++) {
        distinctPrefixes = keys[i] >>> INDEX_BITS != keys[i - 1] >>> INDEX_BITS;
      }
      if (distinctPrefixes) {
        List<TelemetryEventRow> sorted = new ArrayList<>(size);
        long positionMask = (1L << INDEX_BITS) - 1;
        for (long key : keys) {
          sorted.add(events.get((int) (key & positionMask)));
        }
        return sorted;
      }
    }
    List<TelemetryEventRow> sorted = new ArrayList<>(events);
    sorted.sort(BY_ID);
    return sorted;
  }

  /**
   * Copies the events into {@code telemetry_event} under a savepoint; returns false, with nothing
   * copied, when one of their ids is stored already.
   */
  private static boolean copyUnlessStored(Connection connection, List<TelemetryEventRow> events)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      EventCopy.copy(connection, "telemetry_event", events);
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(savepoint);
      return false;
    }
  }

  private static Set<UUID> idsOf(List<TelemetryEventRow> events) {
    Set<UUID> ids = HashSet.newHashSet(events.size());
    events.forEach(event -> ids.add(event.id()));
    return ids;
  }

  /** The ids among the events' that are stored already. */
  private static Set<UUID> storedIds(Connection connection, List<TelemetryEventRow> events)
      throws SQLException {
    UUID[] ids = new UUID[events.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = events.get(i).id();
    }
    Set<UUID> stored = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement("select id from telemetry_event where id = any(?)")) {
      statement.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          stored.add(result.getObject(1, UUID.class));
        }
      }
    }
    return stored;
  }

  private static Set<UUID> insertThroughStaging(
      Connection connection, List<TelemetryEventRow> events) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_STAGING);
      EventCopy.copy(connection, STAGING, events);
      Set<UUID> inserted = HashSet.newHashSet(events.size());
      try (ResultSet ids = statement.executeQuery(INSERT_NEW_EVENTS)) {
        while (ids.next()) {
          inserted.add(ids.getObject(1, UUID.class));
        }
      }
      return inserted;
    }
  }

  private static long copyQuarantine(Connection connection, List<QuarantineRow> rows)
      throws SQLException {
    return BinaryCopy.copy(
        connection,
        COPY_QUARANTINE,
        rows,
        (copy, row) -> {
          copy.row(QUARANTINE_FIELDS);
          copy.timestamp(row.receivedAt());
          copy.text(row.source());
          copy.text(row.reason());
          copy.text(row.detail());
          copy.text(row.eventId());
          copy.text(row.raw());
        });
  }

  private static long insertAudit(DSLContext tx, IngestBatchRow audit) {
    var table = TELEMETRY_INGEST_BATCH;
    return tx.insertInto(table)
        .set(table.SOURCE, audit.source())
        .set(table.RECEIVED_AT, audit.receivedAt())
        .set(table.RECEIVED, audit.received())
        .set(table.ACCEPTED, audit.accepted())
        .set(table.DUPLICATE, audit.duplicate())
        .set(table.QUARANTINED, audit.quarantined())
        .returning(table.ID)
        .fetchSingle(table.ID);
  }

  /** The stored event with this id, if any. */
  public Optional<TelemetryEventRow> event(UUID id) {
    Objects.requireNonNull(id, "id");
    try {
      return dsl.selectFrom(TELEMETRY_EVENT)
          .where(TELEMETRY_EVENT.ID.eq(id))
          .fetchOptional()
          .map(TelemetryStore::toEvent);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read telemetry event " + id, e);
    }
  }

  /**
   * Every stored event of the stream, in event order ({@code occurredAt}, then id). For tests and
   * diagnosis: no index serves it (the raw store is read by time; a stream's report comes from its
   * session), so on a large store it scans the table.
   */
  public List<TelemetryEventRow> eventsOfStream(String streamId) {
    ColumnRules.text(streamId, "streamId", 1, TelemetryEventRow.MAX_FIELD_LENGTH);
    try {
      return dsl.selectFrom(TELEMETRY_EVENT)
          .where(TELEMETRY_EVENT.STREAM_ID.eq(streamId))
          .orderBy(TELEMETRY_EVENT.OCCURRED_AT, TELEMETRY_EVENT.ID)
          .fetch(TelemetryStore::toEvent);
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot read the telemetry events of stream '" + streamId + "'", e);
    }
  }

  /**
   * Quarantined records matching the query, newest first ({@code receivedAt}, then id, both
   * descending), at most {@code query.limit()} of them.
   */
  public List<StoredQuarantine> quarantine(QuarantineQuery query) {
    Objects.requireNonNull(query, "query");
    var table = TELEMETRY_QUARANTINE;
    List<Condition> conditions = new ArrayList<>();
    query.from().ifPresent(from -> conditions.add(table.RECEIVED_AT.ge(from)));
    query.until().ifPresent(until -> conditions.add(table.RECEIVED_AT.lt(until)));
    query.reason().ifPresent(reason -> conditions.add(table.REASON.eq(reason)));
    query.source().ifPresent(source -> conditions.add(table.SOURCE.eq(source)));
    query
        .after()
        .ifPresent(
            cursor ->
                conditions.add(
                    DSL.row(table.RECEIVED_AT, table.ID).lt(cursor.receivedAt(), cursor.id())));
    try {
      return dsl.selectFrom(table)
          .where(conditions)
          .orderBy(table.RECEIVED_AT.desc(), table.ID.desc())
          .limit(query.limit())
          .fetch(TelemetryStore::toStoredQuarantine);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the telemetry quarantine for " + query, e);
    }
  }

  /** The audit row of the ingestion call with this batch id, if any. */
  public Optional<IngestBatchRow> ingestBatch(long batchId) {
    try {
      return dsl.selectFrom(TELEMETRY_INGEST_BATCH)
          .where(TELEMETRY_INGEST_BATCH.ID.eq(batchId))
          .fetchOptional()
          .map(TelemetryStore::toIngestBatch);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read telemetry ingest batch " + batchId, e);
    }
  }

  /** How many events are stored. Counts the whole table: for tests and small stores. */
  public long eventCount() {
    return count(TELEMETRY_EVENT, "telemetry events");
  }

  /** How many records are quarantined. Counts the whole table: for tests and small stores. */
  public long quarantineCount() {
    return count(TELEMETRY_QUARANTINE, "quarantined telemetry records");
  }

  private long count(org.jooq.Table<?> table, String what) {
    try {
      return dsl.selectCount().from(table).fetchSingle().value1();
    } catch (DataAccessException e) {
      throw new StorageException("cannot count the " + what, e);
    }
  }

  private static TelemetryEventRow toEvent(TelemetryEventRecord row) {
    try {
      return new TelemetryEventRow(
          row.getId(),
          row.getFamily(),
          Optional.ofNullable(row.getSubtype()),
          row.getOccurredAt(),
          row.getReceivedAt(),
          Optional.ofNullable(row.getGateway()),
          Optional.ofNullable(row.getStreamId()),
          Optional.ofNullable(row.getRequestId()),
          Optional.ofNullable(row.getOrchestrator()).map(EthereumAddress::new),
          row.getSource(),
          row.getPayload());
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "telemetry event " + row.getId() + " breaks the telemetry_event rules: " + e.getMessage(),
          e);
    }
  }

  private static StoredQuarantine toStoredQuarantine(TelemetryQuarantineRecord row) {
    try {
      return new StoredQuarantine(
          row.getId(),
          new QuarantineRow(
              row.getReceivedAt(),
              row.getSource(),
              row.getReason(),
              row.getDetail(),
              Optional.ofNullable(row.getEventId()),
              row.getRaw()));
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "quarantine row "
              + row.getId()
              + " breaks the telemetry_quarantine rules: "
              + e.getMessage(),
          e);
    }
  }

  private static IngestBatchRow toIngestBatch(TelemetryIngestBatchRecord row) {
    try {
      return new IngestBatchRow(
          row.getSource(),
          row.getReceivedAt(),
          row.getReceived(),
          row.getAccepted(),
          row.getDuplicate(),
          row.getQuarantined());
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "ingest batch "
              + row.getId()
              + " breaks the telemetry_ingest_batch rules: "
              + e.getMessage(),
          e);
    }
  }
}
