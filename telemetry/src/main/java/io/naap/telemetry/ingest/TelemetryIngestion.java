package io.naap.telemetry.ingest;

import io.naap.storage.EthereumAddress;
import io.naap.storage.telemetry.DerivationLog;
import io.naap.storage.telemetry.IngestResult;
import io.naap.storage.telemetry.QuarantineRow;
import io.naap.storage.telemetry.TelemetryBatch;
import io.naap.storage.telemetry.TelemetryEventRow;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecodeBatch;
import io.naap.telemetry.decode.Decoded;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.Duplicate;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.QuarantineReason;
import io.naap.telemetry.decode.Quarantined;
import io.naap.telemetry.decode.RecordOutcome;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.session.SessionEngine;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The one ingestion pipeline of gateway telemetry, shared by every source (HTTP, files, the load
 * generator): decode and validate each record ({@link TelemetryInput}), drop duplicates, store new
 * events and quarantined records, and account for every record.
 *
 * <p>Two ways in: {@link #ingest} keeps a whole input in one transaction (an HTTP body: all of it
 * is stored, or none of it); {@link #ingestStream} stores a large input chunk by chunk, each chunk
 * in its own transaction, with memory bounded by the chunk size. Re-ingesting an input is always
 * safe: its events come back as duplicates.
 */
public final class TelemetryIngestion {
  /** Records per transaction when streaming: large enough for COPY to pay off. */
  public static final int DEFAULT_CHUNK_RECORDS = 10_000;

  private final TelemetryInput input;
  private final TelemetryStore store;
  private final Clock clock;
  private final int chunkRecords;
  private final Optional<SessionEngine> sessions;

  /** A pipeline that stores events without deriving sessions or KPIs (the raw store alone). */
  public TelemetryIngestion(
      TelemetryInput input, TelemetryStore store, Clock clock, int chunkRecords) {
    this(input, store, clock, chunkRecords, Optional.empty());
  }

  /**
   * A pipeline that also applies every newly stored event to sessions and KPIs, in the same
   * transaction as the events.
   */
  public TelemetryIngestion(
      TelemetryInput input,
      TelemetryStore store,
      Clock clock,
      int chunkRecords,
      Optional<SessionEngine> sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.input = Objects.requireNonNull(input, "input");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (chunkRecords < 1) {
      throw new IllegalArgumentException("chunkRecords must be >= 1, got " + chunkRecords);
    }
    this.chunkRecords = chunkRecords;
  }

  /**
   * The pipeline every source of a running naap uses: the standard decoder, chunks of {@value
   * #DEFAULT_CHUNK_RECORDS} records, every new event applied to sessions and KPIs.
   */
  public static TelemetryIngestion standard(
      TelemetryStore store, Clock clock, SessionEngine sessions) {
    return new TelemetryIngestion(
        new TelemetryInput(new EventDecoder(DecoderSettings.defaults())),
        store,
        clock,
        DEFAULT_CHUNK_RECORDS,
        Optional.of(sessions));
  }

  /**
   * Ingests a whole input in one transaction and reports every quarantined record.
   *
   * @throws io.naap.telemetry.decode.MalformedInputException when the input's records cannot be
   *     counted (a broken JSON array); nothing is stored then
   */
  public IngestReport ingest(InputStream body, String source) {
    DecodeBatch batch = input.read(body);
    Chunk chunk = new Chunk(source, clock.instant(), 0, Integer.MAX_VALUE, sessions);
    batch.outcomes().forEach(chunk::add);
    Tally tally = new Tally(Integer.MAX_VALUE);
    chunk.store(store, tally, () -> {});
    return tally.report();
  }

  /**
   * Ingests an input of any size chunk by chunk; {@code progress} hears the number of records
   * handled so far after each chunk. Reports at most {@code maxNotices} quarantined records
   * individually (all are counted by reason).
   *
   * @throws io.naap.telemetry.decode.MalformedInputException when the input turns out to be a
   *     broken JSON array; the chunks before the break are stored (their events are valid), the
   *     rest is not
   */
  public IngestReport ingestStream(
      InputStream in, String source, int maxNotices, LongConsumer progress) {
    Tally tally = new Tally(maxNotices);
    Chunk[] chunk = {new Chunk(source, clock.instant(), 0, chunkRecords, sessions)};
    long[] seen = {0};
    // Decoding (this thread) and storing overlap, and so do two chunks: while one chunk's
    // transaction stores its events and derives its sessions and KPIs, the next one encodes and
    // compresses its blocks. Transactions still run one chunk at a time, in input order: a chunk's
    // transaction begins once the previous chunk's has ended, so it reads what that one committed
    // (and every writer holds TelemetryLock in its transaction anyway). At most two chunks are
    // being stored while a third is decoded.
    int overlapping = Math.min(2, store.maxConcurrentBatches());
    ExecutorService storers =
        Executors.newFixedThreadPool(
            overlapping,
            runnable -> Thread.ofPlatform().daemon().name("naap-ingest-store").unstarted(runnable));
    List<Future<?>> inFlight = new ArrayList<>();
    try {
      input.stream(
          in,
          outcome -> {
            chunk[0].add(outcome);
            seen[0]++;
            if (chunk[0].isFull()) {
              submit(storers, overlapping, inFlight, chunk[0], tally, progress, seen[0]);
              chunk[0] = new Chunk(source, clock.instant(), seen[0], chunkRecords, sessions);
            }
          });
      if (!chunk[0].isEmpty()) {
        submit(storers, overlapping, inFlight, chunk[0], tally, progress, seen[0]);
      }
      for (Future<?> stored : inFlight) {
        awaitStored(stored);
      }
      return tally.report();
    } catch (RuntimeException e) {
      // the chunks before a failure stay stored: wait for those in flight, then fail
      for (Future<?> stored : inFlight) {
        try {
          awaitStored(stored);
        } catch (RuntimeException other) {
          if (other != e) {
            e.addSuppressed(other);
          }
        }
      }
      throw e;
    } finally {
      storers.shutdownNow();
    }
  }

  /**
   * Starts storing {@code chunk} once fewer than {@code overlapping} chunks are in flight; its
   * transaction waits for the previous chunk's to end, and a chunk whose predecessor failed fails
   * too.
   */
  private void submit(
      ExecutorService storers,
      int overlapping,
      List<Future<?>> inFlight,
      Chunk chunk,
      Tally tally,
      LongConsumer progress,
      long handled) {
    while (inFlight.size() >= overlapping) {
      awaitStored(inFlight.removeFirst());
    }
    Future<?> previous = inFlight.isEmpty() ? null : inFlight.getLast();
    inFlight.add(
        storers.submit(
            () -> {
              chunk.store(store, tally, () -> awaitStored(previous));
              progress.accept(handled);
            }));
  }

  /** Waits for a chunk being stored; its failure is rethrown as it was thrown. */
  private static void awaitStored(Future<?> stored) {
    if (stored == null) {
      return;
    }
    try {
      stored.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a chunk was being stored", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The stored form of a decoded event: the one mapping from events to rows.
   *
   * @throws IllegalArgumentException when the store cannot hold the event (see {@link
   *     TelemetryEventRow})
   */
  public static TelemetryEventRow row(GatewayEvent event, String source, Instant receivedAt) {
    return new TelemetryEventRow(
        event.id(),
        event.family(),
        event.subtype(),
        event.occurredAt(),
        receivedAt,
        event.gateway(),
        event.streamId(),
        event.requestId(),
        event.orchestrator().map(address -> EthereumAddress.fromHex(address.value())),
        source,
        event.payload());
  }

  /** The records of one transaction, mapped to rows as they arrive. */
  private static final class Chunk {
    private final String source;
    private final Instant receivedAt;
    private final long firstIndex;
    private final int capacity;
    private final Optional<SessionEngine> sessions;
    private final List<TelemetryEventRow> events = new ArrayList<>();
    private final List<GatewayEvent> decoded = new ArrayList<>();
    private final List<QuarantineRow> quarantined = new ArrayList<>();
    private final List<QuarantineNotice> notices = new ArrayList<>();
    private int duplicates;
    private int size;

    Chunk(
        String source,
        Instant receivedAt,
        long firstIndex,
        int capacity,
        Optional<SessionEngine> sessions) {
      this.sessions = sessions;
      this.source = source;
      this.receivedAt = receivedAt;
      this.firstIndex = firstIndex;
      this.capacity = capacity;
    }

    void add(RecordOutcome outcome) {
      long index = firstIndex + size;
      size++;
      switch (outcome) {
        case Decoded decoded -> {
          try {
            events.add(row(decoded.event(), source, receivedAt));
            this.decoded.add(decoded.event());
          } catch (IllegalArgumentException unstorable) {
            // valid JSON that PostgreSQL cannot hold (a \u0000 escape, a lone surrogate, an
            // over-long indexed field): the store's row refuses it, so it is quarantined
            add(
                index,
                new Quarantined(
                    QuarantineReason.UNSTORABLE,
                    unstorable.getMessage(),
                    Optional.of(decoded.event().id().toString()),
                    decoded.event().json()));
          }
        }
        case Duplicate duplicate -> duplicates++;
        case Quarantined record -> add(index, record);
      }
    }

    private void add(long index, Quarantined record) {
      quarantined.add(
          new QuarantineRow(
              receivedAt,
              source,
              record.reason().code(),
              QuarantineRow.storable(record.detail(), QuarantineRow.MAX_DETAIL_LENGTH),
              record
                  .eventId()
                  .map(id -> QuarantineRow.storable(id, QuarantineRow.MAX_EVENT_ID_LENGTH))
                  .filter(id -> !id.isEmpty()),
              QuarantineRow.storable(record.rawText(), QuarantineRow.MAX_RAW_LENGTH)));
      notices.add(new QuarantineNotice(index, record.reason().code(), record.detail()));
    }

    boolean isFull() {
      return size >= capacity;
    }

    boolean isEmpty() {
      return size == 0;
    }

    /**
     * Stores the chunk in one transaction; {@code beforeTransaction} runs once its events are
     * encoded and before that transaction begins (it may wait, or throw to store nothing).
     */
    void store(TelemetryStore store, Tally tally, Runnable beforeTransaction) {
      TelemetryBatch batch =
          new TelemetryBatch(source, receivedAt, events, quarantined, duplicates);
      IngestResult result =
          sessions.isEmpty()
              ? store.ingest(batch, beforeTransaction, TelemetryStore.AfterInsert.NOTHING)
              : store.ingest(
                  batch,
                  beforeTransaction,
                  (tx, inserted, blocks) -> {
                    List<GatewayEvent> fresh = decoded;
                    if (inserted.size() < decoded.size()) {
                      fresh = new ArrayList<>(inserted.size());
                      for (GatewayEvent event : decoded) {
                        if (inserted.contains(event.id())) {
                          fresh.add(event);
                        }
                      }
                    }
                    sessions.get().apply(tx, fresh, receivedAt, source);
                    // where this call began and ended, for a replay of the derivation
                    blocks.ifPresent(
                        range -> DerivationLog.recordEvents(tx, receivedAt, source, range));
                  });
      tally.add(
          size,
          result.inserted().size(),
          duplicates + events.size() - result.inserted().size(),
          notices,
          result.batchId());
    }
  }

  /** Sums the chunks of one input (chunks add themselves in input order, one at a time). */
  private static final class Tally {
    private final int maxNotices;
    private final List<Long> batches = new ArrayList<>();
    private final TreeMap<String, Long> byReason = new TreeMap<>();
    private final List<QuarantineNotice> notices = new ArrayList<>();
    private long received;
    private long accepted;
    private long duplicate;
    private long quarantined;

    Tally(int maxNotices) {
      this.maxNotices = maxNotices;
    }

    synchronized void add(
        int records,
        int inserted,
        int duplicates,
        List<QuarantineNotice> chunkNotices,
        long batchId) {
      received += records;
      accepted += inserted;
      duplicate += duplicates;
      quarantined += chunkNotices.size();
      batches.add(batchId);
      for (QuarantineNotice notice : chunkNotices) {
        byReason.merge(notice.reason(), 1L, Long::sum);
        if (notices.size() < maxNotices) {
          notices.add(notice);
        }
      }
    }

    synchronized IngestReport report() {
      return new IngestReport(
          received, accepted, duplicate, quarantined, batches, byReason, notices);
    }
  }
}
