package io.naap.storage.telemetry;

import static io.naap.storage.generated.Tables.TELEMETRY_EVENT;
import static io.naap.storage.generated.Tables.TELEMETRY_EVENT_BLOCK;
import static io.naap.storage.generated.Tables.TELEMETRY_INGEST_BATCH;
import static io.naap.storage.generated.Tables.TELEMETRY_QUARANTINE;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.generated.tables.records.TelemetryEventBlockRecord;
import io.naap.storage.generated.tables.records.TelemetryIngestBatchRecord;
import io.naap.storage.generated.tables.records.TelemetryQuarantineRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
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
  private static final String STAGING = "telemetry_event_key_staging";

  /**
   * A temporary table per pooled connection, created on the connection's first use of the staging
   * path and emptied at each commit (a rollback empties it too). Named apart from the staging table
   * of the rows before V6, so that a connection that outlives that migration cannot hold a stale
   * shape under this name.
   */
  private static final String CREATE_STAGING =
      "create temporary table if not exists "
          + STAGING
          + " (id uuid, block_id bigint) on commit delete rows";

  private static final String INSERT_NEW_KEYS =
      "insert into telemetry_event (id, block_id) select id, block_id from "
          + STAGING
          // one lock order for every caller: concurrent overlapping batches cannot deadlock
          + " order by id on conflict (id) do nothing returning id";

  private static final String COPY_KEYS = "copy %s (id, block_id) from stdin (format binary)";

  private static final String COPY_BLOCKS =
      "copy telemetry_event_block (id, source, received_at, events, first_occurred_at,"
          + " last_occurred_at, codec, raw_bytes, data) from stdin (format binary)";

  private static final int BLOCK_FIELDS = 9;

  private static final String NEXT_BLOCK_IDS =
      "select nextval(pg_get_serial_sequence('telemetry_event_block', 'id'))"
          + " from generate_series(1, ?)";

  private static final String COPY_QUARANTINE =
      "copy telemetry_quarantine (received_at, source, reason, detail, event_id, raw)"
          + " from stdin (format binary)";

  private static final int QUARANTINE_FIELDS = 6;

  /** PostgreSQL's SQLSTATE for a unique constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DSLContext dsl;
  private final int maxConcurrentBatches;

  /** Block writers between calls (one per concurrent call at most): their buffers stay warm. */
  private final Queue<EventBlock.Writer> writers = new ConcurrentLinkedQueue<>();

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
            Set<UUID> inserted =
                tx.connectionResult(
                    connection -> {
                      EventBlock.Writer writer = writers.poll();
                      if (writer == null) {
                        writer = new EventBlock.Writer();
                      }
                      Set<UUID> stored =
                          insertNew(
                              connection, writer, distinct, batch.source(), batch.receivedAt());
                      if (writer.reusable() && writers.size() < maxConcurrentBatches) {
                        writers.add(writer);
                      }
                      return stored;
                    });
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
    if (distinctIds(events)) {
      return events;
    }
    Map<UUID, TelemetryEventRow> first = LinkedHashMap.newLinkedHashMap(events.size());
    for (TelemetryEventRow event : events) {
      first.putIfAbsent(event.id(), event);
    }
    return List.copyOf(first.values());
  }

  /**
   * Whether no two events share an id: the usual batch, whose ids the pipeline has deduplicated
   * already. Sorting the ids' high halves costs a fraction of hashing every id; only when two high
   * halves are equal do the whole ids decide.
   */
  static boolean distinctIds(List<TelemetryEventRow> events) {
    int size = events.size();
    long[] high = new long[size];
    for (int i = 0; i < size; i++) {
      high[i] = events.get(i).id().getMostSignificantBits();
    }
    Arrays.sort(high);
    for (int i = 1; i < size; i++) {
      if (high[i] == high[i - 1]) {
        Set<UUID> ids = HashSet.newHashSet(size);
        for (TelemetryEventRow event : events) {
          if (!ids.add(event.id())) {
            return false;
          }
        }
        return true;
      }
    }
    return true;
  }

  /** One row of {@code telemetry_event}: an event's id and the block holding its record. */
  private record EventKey(UUID id, long blockId) {}

  /**
   * Stores the events whose id is not stored yet, each as a record in a compressed block ({@code
   * telemetry_event_block}) and a key row ({@code telemetry_event}), and returns their ids. Fast
   * path, for the usual batch of new events: encode the blocks, then {@code COPY} the keys straight
   * into {@code telemetry_event} under a savepoint, then the blocks. If one id is stored already (a
   * re-sent batch, or a concurrent ingestion of the same ids), the key COPY fails on the primary
   * key and is rolled back to the savepoint; then the batch asks which of its ids exist (one index
   * probe per id) and does the same with the others (so a re-sent batch is encoded twice: the price
   * of one round of work for the usual batch). If yet another concurrent ingestion gets in between,
   * the last resort is the staging path ({@code COPY} the keys into a temporary table, then {@code
   * INSERT ... ON CONFLICT DO NOTHING RETURNING id}), after which the blocks are written with the
   * records of the keys really inserted.
   */
  private static Set<UUID> insertNew(
      Connection connection,
      EventBlock.Writer writer,
      List<TelemetryEventRow> events,
      String source,
      Instant receivedAt)
      throws SQLException {
    if (events.isEmpty()) {
      return Set.of();
    }
    List<NumberedBlock> blocks = numbered(connection, writer.encode(events, source, receivedAt));
    if (copyKeysUnlessStored(connection, keys(blocks))) {
      copyBlocks(connection, blocks);
      return idsOf(events);
    }
    Set<UUID> stored = storedIds(connection, events);
    List<TelemetryEventRow> fresh = new ArrayList<>(events.size() - stored.size());
    for (TelemetryEventRow event : events) {
      if (!stored.contains(event.id())) {
        fresh.add(event);
      }
    }
    if (fresh.isEmpty()) {
      return Set.of();
    }
    blocks = numbered(connection, writer.encode(fresh, source, receivedAt));
    List<EventKey> keys = keys(blocks);
    if (copyKeysUnlessStored(connection, keys)) {
      copyBlocks(connection, blocks);
      return idsOf(fresh);
    }
    Set<UUID> inserted = insertKeysThroughStaging(connection, keys);
    // each block again with the records of its keys that went in: a subset of one block's events
    // is one block, kept under the id its keys point to
    List<NumberedBlock> kept = new ArrayList<>(blocks.size());
    for (NumberedBlock block : blocks) {
      List<TelemetryEventRow> rows =
          block.encoded().rows().stream().filter(row -> inserted.contains(row.id())).toList();
      if (!rows.isEmpty()) {
        kept.add(new NumberedBlock(block.id(), writer.encode(rows, source, receivedAt).getFirst()));
      }
    }
    copyBlocks(connection, kept);
    return inserted;
  }

  /** A block and the id its row and its events' keys get. */
  private record NumberedBlock(long id, EventBlock.EncodedBlock encoded) {}

  /** The blocks with new ids from the block table's sequence, in order. */
  private static List<NumberedBlock> numbered(
      Connection connection, List<EventBlock.EncodedBlock> blocks) throws SQLException {
    List<NumberedBlock> numbered = new ArrayList<>(blocks.size());
    try (PreparedStatement statement = connection.prepareStatement(NEXT_BLOCK_IDS)) {
      statement.setInt(1, blocks.size());
      try (ResultSet result = statement.executeQuery()) {
        for (EventBlock.EncodedBlock block : blocks) {
          if (!result.next()) {
            throw new SQLException(
                "the sequence gave " + numbered.size() + " block ids, not " + blocks.size());
          }
          numbered.add(new NumberedBlock(result.getLong(1), block));
        }
      }
    }
    return numbered;
  }

  /** The key rows of the blocks' events, in {@link #sortedById} order. */
  private static List<EventKey> keys(List<NumberedBlock> blocks) {
    List<EventKey> keys = new ArrayList<>();
    for (NumberedBlock block : blocks) {
      for (TelemetryEventRow row : block.encoded().rows()) {
        keys.add(new EventKey(row.id(), block.id()));
      }
    }
    // one insertion order for every caller, so that two batches sharing ids wait for each other
    // instead of deadlocking (and neighbouring keys land together in the primary key's b-tree)
    return sortedById(keys, EventKey::id);
  }

  private static long copyKeys(Connection connection, String table, List<EventKey> keys)
      throws SQLException {
    return BinaryCopy.copy(
        connection,
        String.format(COPY_KEYS, table),
        keys,
        (copy, key) -> {
          copy.row(2);
          copy.uuid(key.id());
          copy.bigint(key.blockId());
        });
  }

  private static void copyBlocks(Connection connection, List<NumberedBlock> blocks)
      throws SQLException {
    BinaryCopy.copy(
        connection,
        COPY_BLOCKS,
        blocks,
        (copy, numbered) -> {
          EventBlock block = numbered.encoded().block();
          copy.row(BLOCK_FIELDS);
          copy.bigint(numbered.id());
          copy.text(block.source());
          copy.timestamp(block.receivedAt());
          copy.integer(block.events());
          copy.timestamp(block.firstOccurredAt());
          copy.timestamp(block.lastOccurredAt());
          copy.text(block.codec());
          copy.integer(block.rawBytes());
          copy.bytes(block.data());
        });
  }

  /** PostgreSQL's order of uuids: the 16 bytes compared unsigned, as the primary key has them. */
  private static final Comparator<UUID> UUID_ORDER =
      Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
          .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

  private static final int INDEX_BITS = 20;

  /**
   * The rows in PostgreSQL's order of their ids. Usually by a primitive sort of the ids' first 44
   * bits, each packed with the row's position, many times cheaper than sorting the rows with a
   * comparator; when two ids share those bits (or the batch is too large to pack), by the
   * comparator.
   */
  static <T> List<T> sortedById(List<T> rows, Function<T, UUID> idOf) {
    int size = rows.size();
    if (size < 1 << INDEX_BITS) {
      long[] keys = new long[size];
      for (int i = 0; i < size; i++) {
        long high = idOf.apply(rows.get(i)).getMostSignificantBits();
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
        List<T> sorted = new ArrayList<>(size);
        long positionMask = (1L << INDEX_BITS) - 1;
        for (long key : keys) {
          sorted.add(rows.get((int) (key & positionMask)));
        }
        return sorted;
      }
    }
    List<T> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(idOf, UUID_ORDER));
    return sorted;
  }

  /**
   * Copies the keys into {@code telemetry_event} under a savepoint; returns false, with nothing
   * copied, when one of their ids is stored already.
   */
  private static boolean copyKeysUnlessStored(Connection connection, List<EventKey> keys)
      throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      copyKeys(connection, "telemetry_event", keys);
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
    return new IdsOf(events);
  }

  /**
   * The ids of events with distinct ids, as a set that hashes them only when asked whether it holds
   * one: a caller that stored every event of its batch asks for the size alone.
   */
  private static final class IdsOf extends AbstractSet<UUID> {
    private final List<TelemetryEventRow> events;
    private Set<UUID> hashed;

    IdsOf(List<TelemetryEventRow> events) {
      this.events = events;
    }

    @Override
    public int size() {
      return events.size();
    }

    @Override
    public Iterator<UUID> iterator() {
      Iterator<TelemetryEventRow> rows = events.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public UUID next() {
          return rows.next().id();
        }
      };
    }

    @Override
    public synchronized boolean contains(Object id) {
      if (hashed == null) {
        hashed = HashSet.newHashSet(events.size());
        events.forEach(event -> hashed.add(event.id()));
      }
      return hashed.contains(id);
    }
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

  private static Set<UUID> insertKeysThroughStaging(Connection connection, List<EventKey> keys)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_STAGING);
      copyKeys(connection, STAGING, keys);
      Set<UUID> inserted = HashSet.newHashSet(keys.size());
      try (ResultSet ids = statement.executeQuery(INSERT_NEW_KEYS)) {
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

  /** The stored event with this id, if any: its record, read from its block. */
  public Optional<TelemetryEventRow> event(UUID id) {
    Objects.requireNonNull(id, "id");
    var block = TELEMETRY_EVENT_BLOCK;
    try {
      return dsl.select(block.fields())
          .from(block)
          .join(TELEMETRY_EVENT)
          .on(TELEMETRY_EVENT.BLOCK_ID.eq(block.ID))
          .where(TELEMETRY_EVENT.ID.eq(id))
          .fetchOptional(record -> record.into(block))
          .flatMap(
              stored -> rowsOf(stored).stream().filter(event -> event.id().equals(id)).findFirst());
    } catch (DataAccessException e) {
      throw new StorageException("cannot read telemetry event " + id, e);
    }
  }

  /**
   * Every stored event that occurred in {@code [from, until)}, block after block in storage order,
   * each block's in arrival order: what a recomputation reads. Only the blocks whose time span
   * overlaps the range are read (index {@code telemetry_event_block_occurred_idx}), one at a time.
   */
  public void forEachEvent(Instant from, Instant until, Consumer<TelemetryEventRow> action) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    var block = TELEMETRY_EVENT_BLOCK;
    scanBlocks(
        List.of(block.FIRST_OCCURRED_AT.lt(until), block.LAST_OCCURRED_AT.ge(from)),
        event -> {
          if (!event.occurredAt().isBefore(from) && event.occurredAt().isBefore(until)) {
            action.accept(event);
          }
        });
  }

  /** Every stored event, block after block in storage order. Reads the whole store. */
  public void forEachEvent(Consumer<TelemetryEventRow> action) {
    scanBlocks(List.of(), action);
  }

  /**
   * Every stored event of the stream, in event order ({@code occurredAt}, then id). For tests and
   * diagnosis: it reads every block (the raw store is read by time; a stream's report comes from
   * its session).
   */
  public List<TelemetryEventRow> eventsOfStream(String streamId) {
    ColumnRules.text(streamId, "streamId", 1, TelemetryEventRow.MAX_FIELD_LENGTH);
    List<TelemetryEventRow> events = new ArrayList<>();
    forEachEvent(
        event -> {
          if (event.streamId().filter(streamId::equals).isPresent()) {
            events.add(event);
          }
        });
    events.sort(
        Comparator.comparing(TelemetryEventRow::occurredAt)
            .thenComparing(TelemetryEventRow::id, UUID_ORDER));
    return events;
  }

  private void scanBlocks(List<Condition> conditions, Consumer<TelemetryEventRow> action) {
    Objects.requireNonNull(action, "action");
    var block = TELEMETRY_EVENT_BLOCK;
    // block ids first, then one block at a time: a scan never holds more than one block's records
    List<Long> ids;
    try {
      ids = dsl.select(block.ID).from(block).where(conditions).orderBy(block.ID).fetch(block.ID);
    } catch (DataAccessException e) {
      throw new StorageException("cannot list the telemetry event blocks", e);
    }
    for (long id : ids) {
      TelemetryEventBlockRecord stored;
      try {
        stored = dsl.selectFrom(block).where(block.ID.eq(id)).fetchSingle();
      } catch (DataAccessException e) {
        throw new StorageException("cannot read telemetry event block " + id, e);
      }
      rowsOf(stored).forEach(action);
    }
  }

  private static List<TelemetryEventRow> rowsOf(TelemetryEventBlockRecord stored) {
    try {
      return new EventBlock(
              stored.getSource(),
              stored.getReceivedAt(),
              stored.getEvents(),
              stored.getFirstOccurredAt(),
              stored.getLastOccurredAt(),
              stored.getCodec(),
              stored.getRawBytes(),
              stored.getData())
          .rows();
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "telemetry event block " + stored.getId() + " cannot be read: " + e.getMessage(), e);
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
