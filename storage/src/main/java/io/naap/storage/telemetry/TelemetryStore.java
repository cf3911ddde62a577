package io.naap.storage.telemetry;

import static io.naap.storage.generated.Tables.TELEMETRY_EVENT_BLOCK;
import static io.naap.storage.generated.Tables.TELEMETRY_INGEST_BATCH;
import static io.naap.storage.generated.Tables.TELEMETRY_QUARANTINE;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.TelemetryLock;
import io.naap.storage.generated.tables.records.TelemetryEventBlockRecord;
import io.naap.storage.generated.tables.records.TelemetryIngestBatchRecord;
import io.naap.storage.generated.tables.records.TelemetryQuarantineRecord;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The raw telemetry store: accepted events (deduplicated on the producer's id within a window),
 * quarantined records, and one audit row per ingestion call, in tables {@code
 * telemetry_event_block}, {@code telemetry_quarantine} and {@code telemetry_ingest_batch}.
 * Thread-safe; concurrent ingestions of the same id, by this store or by any other over the same
 * database, store it once, and only one of them reports it as inserted.
 */
public final class TelemetryStore {
  /** How long an event id is remembered for deduplication by default: a day. */
  public static final Duration DEFAULT_DEDUPLICATION_WINDOW = Duration.ofHours(24);

  private static final String COPY_BLOCKS =
      "copy telemetry_event_block (id, source, received_at, events, first_occurred_at,"
          + " last_occurred_at, codec, raw_bytes, data, ids) from stdin (format binary)";

  private static final int BLOCK_FIELDS = 10;

  private static final String NEXT_BLOCK_IDS =
      "select nextval(pg_get_serial_sequence('telemetry_event_block', 'id'))"
          + " from generate_series(1, ?)";

  private static final String COPY_QUARANTINE =
      "copy telemetry_quarantine (received_at, source, reason, detail, event_id, raw)"
          + " from stdin (format binary)";

  private static final int QUARANTINE_FIELDS = 6;

  private final DSLContext dsl;
  private final int maxConcurrentBatches;
  private final DeduplicationWindow window;

  /** Block writers between calls (one per concurrent call at most): their buffers stay warm. */
  private final Queue<EventBlock.Writer> writers = new ConcurrentLinkedQueue<>();

  /** A store that remembers event ids for {@link #DEFAULT_DEDUPLICATION_WINDOW}. */
  public TelemetryStore(Database database) {
    this(database, DEFAULT_DEDUPLICATION_WINDOW);
  }

  /**
   * A store whose calls treat an event as a duplicate when an event with its id was received within
   * {@code deduplicationWindow} before the newest call (at least a minute). Its ids are held in
   * memory, 40 to 80 bytes each; each store loads them from the database on its first call. Stores
   * over one database, in one process or several, see each other's events.
   */
  public TelemetryStore(Database database, Duration deduplicationWindow) {
    this.dsl = database.dsl();
    this.maxConcurrentBatches = database.maxPoolSize();
    this.window = new DeduplicationWindow(deduplicationWindow);
  }

  /** How long this store remembers an event id. */
  public Duration deduplicationWindow() {
    return window.length();
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
   * was really inserted. "Stored yet" means received within the deduplication window (see {@link
   * #TelemetryStore(Database, Duration)}). The events are encoded and compressed into blocks before
   * the transaction; the transaction takes {@link io.naap.storage.TelemetryLock}, brings the window
   * up to date, and writes the blocks of the new events by {@code COPY} (binary).
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
    AfterInsert NOTHING = (tx, inserted, blocks) -> {};

    /**
     * @param inserted the ids of the events this batch stored (not the duplicates)
     * @param blocks the blocks that hold them, empty when none was new
     */
    void apply(StoreTransaction tx, Set<UUID> inserted, Optional<BlockRange> blocks);
  }

  /**
   * The blocks one ingestion call wrote: consecutive ids, allocated under the telemetry lock.
   *
   * @param first the first block's id
   * @param last the last block's id, {@code >= first}
   */
  public record BlockRange(long first, long last) {
    public BlockRange {
      if (first < 1 || last < first) {
        throw new IllegalArgumentException(
            "a block range is 1 <= first <= last: " + first + ".." + last);
      }
    }
  }

  /** What {@code insertNew} stored. */
  private record Inserted(Set<UUID> ids, Optional<BlockRange> blocks) {
    static final Inserted NONE = new Inserted(Set.of(), Optional.empty());
  }

  /**
   * Stores one ingestion call like {@link #ingest(TelemetryBatch)}, then runs {@code after} in the
   * same transaction with the ids that were new.
   */
  public IngestResult ingest(TelemetryBatch batch, AfterInsert after) {
    return ingest(batch, () -> {}, after);
  }

  /**
   * Stores one ingestion call like {@link #ingest(TelemetryBatch, AfterInsert)}, running {@code
   * beforeTransaction} once the batch's blocks are encoded and before its transaction begins (and
   * takes the writers' lock): a caller that orders its calls waits for the previous one there, not
   * while holding the lock that call needs. If it throws, nothing is stored.
   */
  public IngestResult ingest(TelemetryBatch batch, Runnable beforeTransaction, AfterInsert after) {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(beforeTransaction, "beforeTransaction");
    Objects.requireNonNull(after, "after");
    List<TelemetryEventRow> distinct = firstOfEachId(batch.events());
    EventBlock.Writer writer = writers.poll();
    if (writer == null) {
      writer = new EventBlock.Writer();
    }
    // encoding and compressing, the JVM's share of storing, before the lock: calls overlap there
    List<EventBlock.EncodedBlock> encoded =
        distinct.isEmpty()
            ? List.of()
            : writer.encode(distinct, batch.source(), batch.receivedAt());
    EventBlock.Writer blockWriter = writer;
    try {
      beforeTransaction.run();
      return dsl.transactionResult(
          transaction -> {
            DSLContext tx = transaction.dsl();
            TelemetryLock.acquire(new StoreTransaction(tx));
            Inserted stored =
                tx.connectionResult(
                    connection -> insertNew(connection, blockWriter, distinct, encoded, batch));
            Set<UUID> inserted = stored.ids();
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
            after.apply(new StoreTransaction(tx), inserted, stored.blocks());
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
    } finally {
      if (writer.reusable() && writers.size() < maxConcurrentBatches) {
        writers.add(writer);
      }
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

  /**
   * Stores the events whose id the deduplication window does not hold, each as a record in a
   * compressed block ({@code telemetry_event_block}, with the block's ids in column {@code ids}),
   * and returns their ids. The usual batch has no duplicate and its blocks, encoded before the
   * transaction, go as they are; otherwise the new events are encoded again.
   */
  private Inserted insertNew(
      Connection connection,
      EventBlock.Writer writer,
      List<TelemetryEventRow> events,
      List<EventBlock.EncodedBlock> encoded,
      TelemetryBatch batch)
      throws SQLException {
    window.catchUp(connection, batch.receivedAt());
    if (events.isEmpty()) {
      return Inserted.NONE;
    }
    List<TelemetryEventRow> fresh = window.absent(events);
    if (fresh.isEmpty()) {
      return Inserted.NONE;
    }
    List<EventBlock.EncodedBlock> blocks =
        fresh == events ? encoded : writer.encode(fresh, batch.source(), batch.receivedAt());
    List<NumberedBlock> numbered = numbered(connection, blocks);
    copyBlocks(connection, numbered);
    return new Inserted(
        idsOf(fresh),
        Optional.of(new BlockRange(numbered.getFirst().id(), numbered.getLast().id())));
  }

  /** A block and the id its row gets. */
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
          copy.bytes(idBytes(numbered.encoded().rows()));
        });
  }

  /** The events' ids, 16 bytes each (most significant half first, big-endian), in their order. */
  private static byte[] idBytes(List<TelemetryEventRow> rows) {
    ByteBuffer bytes = ByteBuffer.allocate(rows.size() * 16);
    for (TelemetryEventRow row : rows) {
      bytes.putLong(row.id().getMostSignificantBits()).putLong(row.id().getLeastSignificantBits());
    }
    return bytes.array();
  }

  /** PostgreSQL's order of uuids: the 16 bytes compared unsigned, as the primary key has them. */
  private static final Comparator<UUID> UUID_ORDER =
      Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
          .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

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

  /**
   * The stored event with this id, if any (the latest stored, should it have been stored again
   * after the deduplication window): its record, read from its block. For tests and diagnosis: it
   * searches every block's ids.
   */
  public Optional<TelemetryEventRow> event(UUID id) {
    Objects.requireNonNull(id, "id");
    var block = TELEMETRY_EVENT_BLOCK;
    byte[] needle =
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array();
    try {
      // a match may straddle two ids: the block's records decide
      for (TelemetryEventBlockRecord stored :
          dsl.selectFrom(block)
              .where(DSL.condition("position({0} in {1}) > 0", DSL.val(needle), block.IDS))
              .orderBy(block.ID.desc())
              .fetch()) {
        Optional<TelemetryEventRow> event =
            rowsOf(stored).stream().filter(row -> row.id().equals(id)).findFirst();
        if (event.isPresent()) {
          return event;
        }
      }
      return Optional.empty();
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

  /**
   * The events of a range of blocks, in block order and each block's in arrival order: what one
   * ingestion call stored, in the order it handed them on (what a replay of the derivation reads).
   */
  public List<TelemetryEventRow> events(BlockRange blocks) {
    Objects.requireNonNull(blocks, "blocks");
    var block = TELEMETRY_EVENT_BLOCK;
    List<TelemetryEventRow> events = new ArrayList<>();
    scanBlocks(List.of(block.ID.between(blocks.first(), blocks.last())), events::add);
    return events;
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

  /** How many events are stored. Reads every block's count: for tests and small stores. */
  public long eventCount() {
    try {
      return dsl.select(DSL.coalesce(DSL.sum(TELEMETRY_EVENT_BLOCK.EVENTS), BigDecimal.ZERO))
          .from(TELEMETRY_EVENT_BLOCK)
          .fetchSingle()
          .value1()
          .longValueExact();
    } catch (DataAccessException e) {
      throw new StorageException("cannot count the telemetry events", e);
    }
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
