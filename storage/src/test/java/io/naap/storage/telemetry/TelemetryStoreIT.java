package io.naap.storage.telemetry;

import static io.naap.storage.generated.Tables.TELEMETRY_EVENT_BLOCK;
import static io.naap.storage.generated.Tables.TELEMETRY_INGEST_BATCH;
import static io.naap.storage.generated.Tables.TELEMETRY_QUARANTINE;
import static io.naap.storage.telemetry.TelemetryRows.ORCHESTRATOR;
import static io.naap.storage.telemetry.TelemetryRows.PAYLOAD;
import static io.naap.storage.telemetry.TelemetryRows.RECEIVED_AT;
import static io.naap.storage.telemetry.TelemetryRows.event;
import static io.naap.storage.telemetry.TelemetryRows.id;
import static io.naap.storage.telemetry.TelemetryRows.quarantined;
import static io.naap.storage.telemetry.TelemetryRows.streamEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.StorageException;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The class shares one migrated database: each test works on ids, streams, sources and time windows
 * of its own. The shared store's pool holds one connection, so every ingestion reuses the same
 * session, also after a failed one; its deduplication window (a century) holds every id the tests
 * store, whatever time they are received at. The window's own tests use stores of their own.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryStoreIT {
  private static final String CHECK_VIOLATION = "23514";
  private static final Duration CENTURY = Duration.ofDays(36_525);

  /** Every character that COPY's text format would have to escape, and then some. */
  private static final String AWKWARD =
      "tab\there, newline\nthere, cr\r, backslash \\ and \\N and \\. and \\\\x00, 'single'"
          + " \"double\" quotes, é ✓ שלום 中文 \uD83D\uDE00, controls \u0001\u0008\u000b\u000c"
          + "\u001b\u001f\u007f\u0085\u2028";

  private PostgresDatabase postgres;
  private Database database;
  private TelemetryStore store;
  private DSLContext raw;

  @BeforeAll
  void connect(PostgresDatabase postgres) {
    this.postgres = postgres;
    database = connect(postgres, 1);
    store = new TelemetryStore(database, CENTURY);
    raw = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void roundTripsEveryColumnExactly() {
    TelemetryEventRow event = event(id(0x100), "kafka");

    IngestResult result = store.ingest(batch("kafka", List.of(event), List.of(), 0));

    assertThat(result.inserted()).containsExactly(event.id());
    assertThat(store.event(event.id())).contains(event);
    TelemetryEventRow stored = store.event(event.id()).orElseThrow();
    assertThat(stored.family()).isEqualTo("stream_trace");
    assertThat(stored.subtype()).contains("gateway_receive_stream_request");
    assertThat(stored.gateway()).contains("gateway.example:8935");
    assertThat(stored.streamId()).contains("stream-1");
    assertThat(stored.requestId()).contains("request-1");
    assertThat(stored.orchestrator()).contains(ORCHESTRATOR);
    assertThat(stored.source()).isEqualTo("kafka");
    assertThat(stored.payloadJson()).isEqualTo(PAYLOAD);

    // What the server itself holds: the block, its ids (read as text: instants in UTC).
    var text =
        raw.resultQuery(
                "select encode(b.ids, 'hex')::uuid::text, b.source, b.events, b.codec, b.raw_bytes,"
                    + " octet_length(b.data) < b.raw_bytes,"
                    + " to_char(b.first_occurred_at at time zone 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),"
                    + " b.last_occurred_at = b.first_occurred_at,"
                    + " to_char(b.received_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
                    + " from telemetry_event_block b where position(uuid_send({0}) in b.ids) > 0",
                DSL.val(event.id()))
            .fetchSingle();
    assertThat(text.get(0, String.class)).isEqualTo("01234567-89ab-cdef-0000-000000000100");
    assertThat(text.get(1, String.class)).isEqualTo("kafka");
    assertThat(text.get(2, Integer.class)).isEqualTo(1);
    assertThat(text.get(3, String.class)).isEqualTo("zstd");
    // the record: id, two instants, seven lengths with their text, the orchestrator's 20 bytes
    assertThat(text.get(4, Integer.class))
        .isEqualTo(
            16
                + 8
                + 8
                + 4 * 8
                + 20
                + utf8(stored.family())
                + utf8(stored.subtype().orElseThrow())
                + utf8(stored.gateway().orElseThrow())
                + utf8(stored.streamId().orElseThrow())
                + utf8(stored.requestId().orElseThrow())
                + utf8("kafka")
                + utf8(PAYLOAD));
    assertThat(text.get(6, String.class)).isEqualTo("2026-01-08T10:15:30.123456");
    assertThat(text.get(7, Boolean.class)).isTrue();
    assertThat(text.get(8, String.class)).isEqualTo(RECEIVED_AT.toString().replace("Z", ""));
  }

  @Test
  void compressesTheBlocksOfABatch() {
    List<TelemetryEventRow> events =
        IntStream.range(0, 3_000)
            .mapToObj(n -> streamEvent(id(0x50_000 + n), "stream-compressed", RECEIVED_AT))
            .toList();

    store.ingest(batch("http", events, List.of(), 0));

    var blocks =
        raw.resultQuery(
                "select count(distinct b.id), sum(distinct b.raw_bytes),"
                    + " sum(distinct octet_length(b.data))"
                    + " from telemetry_event_block b where exists (select from unnest({0}::uuid[]) e"
                    + " where position(uuid_send(e) in b.ids) > 0)",
                DSL.val(events.stream().map(TelemetryEventRow::id).toArray(UUID[]::new)))
            .fetchSingle();
    assertThat(blocks.get(0, Long.class)).isEqualTo(1);
    // alike events: at least 5 times smaller
    assertThat(blocks.get(2, Long.class) * 5).isLessThan(blocks.get(1, Long.class));
    assertThat(store.eventsOfStream("stream-compressed")).isEqualTo(events);
  }

  @Test
  void storesAbsentFieldsAsAbsent() {
    TelemetryEventRow event = streamEvent(id(0x200), "stream-nulls", RECEIVED_AT);

    store.ingest(batch("http", List.of(event), List.of(), 0));

    TelemetryEventRow stored = store.event(event.id()).orElseThrow();
    assertThat(stored).isEqualTo(event);
    assertThat(stored.subtype()).isEmpty();
    assertThat(stored.gateway()).isEmpty();
    assertThat(stored.requestId()).isEmpty();
    assertThat(stored.orchestrator()).isEmpty();
  }

  @Test
  void keepsThePayloadExactlyAsReceived() {
    String received = "{ \"type\":\"x\",\n \"b\" : 1.50, \"a\":{\"y\":2,\"x\":[1, 2e2]}, \"b\":7 }";
    TelemetryEventRow event = withPayload(id(0x300), received);

    store.ingest(batch("http", List.of(event), List.of(), 0));

    assertThat(store.event(event.id()).orElseThrow().payloadJson()).isEqualTo(received);
  }

  @Test
  void textSurvivesTheCopyExactly() {
    String payload =
        "{\"message\": \"tab\\there \\\\ \\\"q\\\" é \\u00e9 \\ud83d\\ude00 \\u0001\", \"raw\": \""
            + AWKWARD
                .replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\u0001", "\\u0001")
                .replace("\u0008", "\\b")
                .replace("\u000b", "\\u000b")
                .replace("\u000c", "\\f")
                .replace("\u001b", "\\u001b")
                .replace("\u001f", "\\u001f")
            + "\"}";
    TelemetryEventRow event =
        new TelemetryEventRow(
            id(0x400),
            AWKWARD,
            Optional.of(AWKWARD + "subtype"),
            RECEIVED_AT,
            RECEIVED_AT,
            Optional.of(AWKWARD + "gateway"),
            Optional.of(AWKWARD + "stream"),
            Optional.of(AWKWARD + "request"),
            Optional.empty(),
            "file",
            payload);
    Instant at = Instant.parse("2027-01-01T00:00:00Z");
    QuarantineRow rejected =
        new QuarantineRow(at, "file", "awkward", AWKWARD, Optional.of(AWKWARD), AWKWARD);

    store.ingest(new TelemetryBatch("file", at, List.of(event), List.of(rejected), 0));

    TelemetryEventRow stored = store.event(event.id()).orElseThrow();
    assertThat(stored.family()).isEqualTo(AWKWARD);
    assertThat(stored.subtype()).contains(AWKWARD + "subtype");
    assertThat(stored.gateway()).contains(AWKWARD + "gateway");
    assertThat(stored.streamId()).contains(AWKWARD + "stream");
    assertThat(stored.requestId()).contains(AWKWARD + "request");
    assertThat(stored.payloadJson()).isEqualTo(payload);
    assertThat(store.eventsOfStream(AWKWARD + "stream")).containsExactly(stored);
    assertThat(
            store.quarantine(
                QuarantineQuery.newest(10)
                    .withReason("awkward")
                    .withReceivedBetween(at, at.plusSeconds(1))))
        .singleElement()
        .extracting(StoredQuarantine::row)
        .isEqualTo(rejected);
  }

  @Test
  void copiesValuesLargerThanTheCopyBuffer() {
    String large = "{\"blob\": \"" + "0123456789abcdef".repeat(16_384) + "\"}";
    TelemetryEventRow event = withPayload(id(0x500), large);
    String raw = "r".repeat(QuarantineRow.MAX_RAW_LENGTH);
    Instant at = Instant.parse("2027-02-01T00:00:00Z");
    QuarantineRow rejected = new QuarantineRow(at, "http", "too_large", "", Optional.empty(), raw);

    store.ingest(new TelemetryBatch("http", at, List.of(event), List.of(rejected), 0));

    assertThat(store.event(event.id())).contains(event);
    assertThat(store.quarantine(QuarantineQuery.newest(1).withReason("too_large")))
        .singleElement()
        .satisfies(stored -> assertThat(stored.row()).isEqualTo(rejected));
  }

  @Test
  void storesThousandsOfEventsInOneCall() {
    List<TelemetryEventRow> events =
        IntStream.range(0, 5_000)
            .mapToObj(n -> streamEvent(id(0x10_000 + n), "stream-bulk", RECEIVED_AT.plusMillis(n)))
            .toList();

    IngestResult result = store.ingest(batch("http", events, List.of(), 0));

    assertThat(result.inserted()).hasSize(5_000);
    assertThat(result.batch())
        .isEqualTo(new IngestBatchRow("http", RECEIVED_AT, 5_000, 5_000, 0, 0));
    assertThat(store.eventsOfStream("stream-bulk")).isEqualTo(events);
  }

  @Test
  void storesTheFirstOfIdsRepeatedWithinOneCall() {
    TelemetryEventRow first = streamEvent(id(0x600), "stream-repeat", RECEIVED_AT);
    TelemetryEventRow repeated = withPayload(id(0x600), "{\"second\": true}");
    TelemetryEventRow other = streamEvent(id(0x601), "stream-repeat", RECEIVED_AT.plusSeconds(1));

    IngestResult result =
        store.ingest(batch("http", List.of(first, repeated, other), List.of(), 0));

    assertThat(result.inserted()).containsExactlyInAnyOrder(first.id(), other.id());
    assertThat(result.batch()).isEqualTo(new IngestBatchRow("http", RECEIVED_AT, 3, 2, 1, 0));
    assertThat(store.event(first.id())).contains(first);
  }

  @Test
  void leavesStoredEventsUntouchedAndCountsEveryDuplicate() {
    TelemetryEventRow stored = streamEvent(id(0x700), "stream-again", RECEIVED_AT);
    store.ingest(batch("http", List.of(stored), List.of(), 0));
    TelemetryEventRow redelivered = withPayload(id(0x700), "{\"redelivered\": true}");
    TelemetryEventRow fresh = streamEvent(id(0x701), "stream-again", RECEIVED_AT);
    QuarantineRow rejected = quarantined("http", "invalid_json", RECEIVED_AT);

    IngestResult result =
        store.ingest(batch("http", List.of(redelivered, fresh, fresh), List.of(rejected), 2));

    assertThat(result.inserted()).containsExactly(fresh.id());
    assertThat(result.batch()).isEqualTo(new IngestBatchRow("http", RECEIVED_AT, 6, 1, 4, 1));
    assertThat(store.ingestBatch(result.batchId())).contains(result.batch());
    assertThat(store.event(stored.id())).contains(stored);
    assertThat(store.eventsOfStream("stream-again")).containsExactly(stored, fresh);
  }

  @Test
  void recordsACallOfOnlyDuplicatesOrOfNothing() {
    IngestResult onlyKnown = store.ingest(batch("file", List.of(), List.of(), 3));
    IngestResult nothing = store.ingest(batch("file", List.of(), List.of(), 0));

    assertThat(onlyKnown.inserted()).isEmpty();
    assertThat(store.ingestBatch(onlyKnown.batchId()))
        .contains(new IngestBatchRow("file", RECEIVED_AT, 3, 0, 3, 0));
    assertThat(store.ingestBatch(nothing.batchId()))
        .contains(new IngestBatchRow("file", RECEIVED_AT, 0, 0, 0, 0));
    assertThat(nothing.batchId()).isGreaterThan(onlyKnown.batchId());
    assertThat(store.ingestBatch(-1)).isEmpty();
  }

  @Test
  void ordersAStreamByEventTimeThenByIdAsPostgresComparesUuids() {
    Instant same = Instant.parse("2026-03-01T00:00:00Z");
    UUID high = new UUID(0x8000_0000_0000_0000L, 1); // negative as a Java long
    UUID low = new UUID(0x0000_0000_0000_0001L, 1);
    TelemetryEventRow last = streamEvent(id(0x800), "stream-order", same.plusNanos(1_000));
    TelemetryEventRow tiedHigh = streamEvent(high, "stream-order", same);
    TelemetryEventRow tiedLow = streamEvent(low, "stream-order", same);
    TelemetryEventRow first = streamEvent(id(0x801), "stream-order", same.minusSeconds(60));

    store.ingest(batch("http", List.of(last, tiedHigh, tiedLow, first), List.of(), 0));

    assertThat(store.eventsOfStream("stream-order"))
        .containsExactly(first, tiedLow, tiedHigh, last);
    assertThat(store.eventsOfStream("stream-unknown")).isEmpty();
    assertThat(store.event(id(0xdead))).isEmpty();
  }

  @Test
  void pagesAndFiltersTheQuarantineNewestFirst() {
    Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
    List<QuarantineRow> first =
        List.of(
            quarantined("kafka", "invalid_json", t0),
            quarantined("kafka", "number_unparsable", t0.plusSeconds(1)),
            quarantined("kafka", "invalid_json", t0.plusSeconds(2)),
            quarantined("kafka", "invalid_json", t0.plusSeconds(2)));
    List<QuarantineRow> second =
        List.of(
            quarantined("http", "invalid_json", t0.plusSeconds(3)),
            quarantined("http", "number_unparsable", t0.plusSeconds(1)),
            quarantined("http", "invalid_json", t0.plusSeconds(4)));
    store.ingest(new TelemetryBatch("kafka", t0, List.of(), first, 0));
    store.ingest(new TelemetryBatch("http", t0, List.of(), second, 0));
    QuarantineQuery window = QuarantineQuery.newest(3).withReceivedBetween(t0, t0.plusSeconds(5));

    List<StoredQuarantine> all = new ArrayList<>();
    List<StoredQuarantine> page = store.quarantine(window);
    List<Integer> pageSizes = new ArrayList<>();
    while (!page.isEmpty()) {
      pageSizes.add(page.size());
      all.addAll(page);
      page = store.quarantine(window.startingAfter(page.getLast().cursor()));
    }

    assertThat(pageSizes).containsExactly(3, 3, 1);
    assertThat(all)
        .extracting(StoredQuarantine::row)
        .containsExactly(
            second.get(2),
            second.get(0),
            first.get(3),
            first.get(2),
            second.get(1),
            first.get(1),
            first.get(0));
    assertThat(all).extracting(StoredQuarantine::id).doesNotHaveDuplicates();

    QuarantineQuery everything =
        QuarantineQuery.newest(100).withReceivedBetween(t0, t0.plusSeconds(5));
    assertThat(store.quarantine(everything.withReason("number_unparsable")))
        .extracting(StoredQuarantine::row)
        .containsExactly(second.get(1), first.get(1));
    assertThat(store.quarantine(everything.withSource("http").withReason("invalid_json")))
        .extracting(StoredQuarantine::row)
        .containsExactly(second.get(2), second.get(0));
    assertThat(
            store.quarantine(
                QuarantineQuery.newest(100)
                    .withReceivedBetween(t0.plusSeconds(1), t0.plusSeconds(2))))
        .extracting(StoredQuarantine::row)
        .containsExactly(second.get(1), first.get(1));
  }

  @Test
  void aFailingQuarantineRowRollsBackTheWholeCall() {
    UUID id = id(0x900);
    long events = store.eventCount();
    long quarantine = store.quarantineCount();
    long batches = raw.fetchCount(TELEMETRY_INGEST_BATCH);
    raw.execute(
        "alter table telemetry_quarantine add constraint test_no_poison check (reason <> 'poison')");
    try {
      assertThatThrownBy(
              () ->
                  store.ingest(
                      batch(
                          "http",
                          List.of(streamEvent(id, "stream-poison", RECEIVED_AT)),
                          List.of(
                              quarantined("http", "invalid_json", RECEIVED_AT),
                              quarantined("http", "poison", RECEIVED_AT)),
                          0)))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("nothing of it was stored")
          .hasStackTraceContaining("test_no_poison");
    } finally {
      raw.execute("alter table telemetry_quarantine drop constraint test_no_poison");
    }

    assertThat(store.event(id)).isEmpty();
    assertThat(store.eventCount()).isEqualTo(events);
    assertThat(store.quarantineCount()).isEqualTo(quarantine);
    assertThat(raw.fetchCount(TELEMETRY_INGEST_BATCH)).isEqualTo(batches);

    // The same session ingests again: the window never held the id of the call rolled back.
    IngestResult retried =
        store.ingest(
            batch("http", List.of(streamEvent(id, "stream-poison", RECEIVED_AT)), List.of(), 0));
    assertThat(retried.inserted()).containsExactly(id);
  }

  @Test
  void aFailingAuditRowRollsBackTheEventsAndTheQuarantine() {
    UUID id = id(0xa00);
    long quarantine = store.quarantineCount();
    raw.execute(
        "alter table telemetry_ingest_batch add constraint test_no_doomed check (source <> 'doomed')");
    try {
      assertThatThrownBy(
              () ->
                  store.ingest(
                      batch(
                          "doomed",
                          List.of(
                              new TelemetryEventRow(
                                  id,
                                  "stream_trace",
                                  Optional.empty(),
                                  RECEIVED_AT,
                                  RECEIVED_AT,
                                  Optional.empty(),
                                  Optional.empty(),
                                  Optional.empty(),
                                  Optional.empty(),
                                  "doomed",
                                  "{}")),
                          List.of(quarantined("doomed", "invalid_json", RECEIVED_AT)),
                          0)))
          .isInstanceOf(StorageException.class)
          .hasStackTraceContaining("test_no_doomed");
    } finally {
      raw.execute("alter table telemetry_ingest_batch drop constraint test_no_doomed");
    }

    assertThat(store.event(id)).isEmpty();
    assertThat(store.quarantineCount()).isEqualTo(quarantine);
  }

  /**
   * Two stores over one database, as two processes: each one's stored events are duplicates for the
   * other, whether it learns of them while running (the blocks committed since its last call) or
   * when it starts (the blocks received within its window).
   */
  @Test
  void storesOverOneDatabaseSeeEachOthersEvents() {
    TelemetryEventRow first = streamEvent(id(0x81_001), "stream-two-stores", RECEIVED_AT);
    TelemetryEventRow second = streamEvent(id(0x81_002), "stream-two-stores", RECEIVED_AT);
    try (Database other = connect(postgres, 1)) {
      TelemetryStore running = new TelemetryStore(other, CENTURY);
      assertThat(running.ingest(batch("http", List.of(), List.of(), 0)).inserted()).isEmpty();

      assertThat(store.ingest(batch("http", List.of(first), List.of(), 0)).inserted())
          .containsExactly(first.id());
      IngestResult again = running.ingest(batch("http", List.of(first, second), List.of(), 0));
      assertThat(again.inserted()).containsExactly(second.id());
      assertThat(again.batch().duplicate()).isEqualTo(1);
      assertThat(store.ingest(batch("http", List.of(second), List.of(), 0)).inserted()).isEmpty();

      TelemetryStore started = new TelemetryStore(other, CENTURY);
      IngestResult atStart = started.ingest(batch("http", List.of(first, second), List.of(), 0));
      assertThat(atStart.inserted()).isEmpty();
      assertThat(atStart.batch().duplicate()).isEqualTo(2);
    }
    assertThat(store.eventsOfStream("stream-two-stores")).containsExactly(first, second);
  }

  /**
   * An id is remembered for the window after the newest call: received again within it, a
   * duplicate; after it, stored again (and read back as the later one); a store starting later does
   * not load it either.
   */
  @Test
  void anIdReceivedAgainAfterTheWindowIsStoredAgain() {
    Instant t0 = Instant.parse("2031-01-01T00:00:00Z");
    Duration hour = Duration.ofHours(1);
    TelemetryEventRow event = streamEvent(id(0x82_001), "stream-window", t0);
    TelemetryEventRow again = withPayload(event.id(), "{\"again\": true}");
    try (Database own = connect(postgres, 1)) {
      TelemetryStore windowed = new TelemetryStore(own, hour);
      assertThat(windowed.deduplicationWindow()).isEqualTo(hour);
      assertThat(windowed.ingest(at(t0, event)).inserted()).containsExactly(event.id());
      assertThat(windowed.ingest(at(t0.plus(Duration.ofMinutes(59)), again)).inserted()).isEmpty();
      assertThat(windowed.ingest(at(t0.plus(Duration.ofMinutes(61)), again)).inserted())
          .containsExactly(event.id());
      assertThat(store.event(event.id())).contains(again);

      TelemetryStore later = new TelemetryStore(own, hour);
      assertThat(later.ingest(at(t0.plus(Duration.ofMinutes(150)), again)).inserted())
          .containsExactly(event.id());
      assertThat(later.ingest(at(t0.plus(Duration.ofMinutes(151)), again)).inserted()).isEmpty();
    }
    assertThatThrownBy(() -> new TelemetryStore(database, Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 1 minute");
  }

  private static TelemetryBatch at(Instant receivedAt, TelemetryEventRow event) {
    return new TelemetryBatch("http", receivedAt, List.of(event), List.of(), 0);
  }

  @Test
  void concurrentCallsStoreEachIdOnceAndReportItOnce() throws Exception {
    List<TelemetryEventRow> events =
        IntStream.range(0, 2_000)
            .mapToObj(n -> streamEvent(id(0x100_000 + n), "stream-race", RECEIVED_AT))
            .toList();
    // two stores as two processes, each with two callers of its own
    try (Database pool = connect(postgres, 2);
        Database otherPool = connect(postgres, 2);
        ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<TelemetryStore> stores =
          List.of(new TelemetryStore(pool), new TelemetryStore(otherPool));
      List<Callable<IngestResult>> calls = new ArrayList<>();
      for (int call = 0; call < 4; call++) {
        // Overlapping halves, in different orders.
        List<TelemetryEventRow> part =
            new ArrayList<>(events.subList((call % 2) * 500, (call % 2) * 500 + 1_500));
        if (call >= 2) {
          java.util.Collections.reverse(part);
        }
        TelemetryStore caller = stores.get(call / 2 == 0 ? call % 2 : 1 - call % 2);
        calls.add(() -> caller.ingest(batch("http", part, List.of(), 0)));
      }
      Set<UUID> inserted = new HashSet<>();
      int accepted = 0;
      for (Future<IngestResult> result : threads.invokeAll(calls)) {
        IngestResult done = result.get();
        accepted += done.batch().accepted();
        inserted.addAll(done.inserted());
        assertThat(done.batch().accepted() + done.batch().duplicate()).isEqualTo(1_500);
      }
      assertThat(accepted).isEqualTo(2_000);
      assertThat(inserted).hasSize(2_000);
    }
    assertThat(store.eventsOfStream("stream-race")).hasSize(2_000);
  }

  @Test
  void theBlockTableEnforcesItsRules() {
    var table = TELEMETRY_EVENT_BLOCK;
    assertViolates("telemetry_event_block_codec", insertBlock(table.CODEC, "gzip"));
    assertViolates("telemetry_event_block_events_positive", insertBlock(table.EVENTS, 0));
    assertViolates("telemetry_event_block_raw_bytes_positive", insertBlock(table.RAW_BYTES, 0));
    assertViolates("telemetry_event_block_source_format", insertBlock(table.SOURCE, "Bad"));
    assertViolates(
        "telemetry_event_block_span",
        insertBlock(table.FIRST_OCCURRED_AT, RECEIVED_AT.plusSeconds(1)));
    assertViolates("telemetry_event_block_ids_length", insertBlock(table.IDS, new byte[15]));
  }

  @Test
  void aCorruptBlockFailsItsReadersWithTheBlockNamed() {
    TelemetryEventRow event = streamEvent(id(0x60_000), "stream-corrupt", RECEIVED_AT);
    store.ingest(batch("http", List.of(event), List.of(), 0));
    long blockId =
        raw.resultQuery(
                "select id from telemetry_event_block where position(uuid_send({0}) in ids) > 0",
                DSL.val(event.id()))
            .fetchSingle()
            .get(0, Long.class);
    raw.update(TELEMETRY_EVENT_BLOCK)
        .set(TELEMETRY_EVENT_BLOCK.DATA, new byte[] {1, 2, 3})
        .where(TELEMETRY_EVENT_BLOCK.ID.eq(blockId))
        .execute();

    assertThatThrownBy(() -> store.event(event.id()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("telemetry event block " + blockId + " cannot be read");
    raw.deleteFrom(TELEMETRY_EVENT_BLOCK).where(TELEMETRY_EVENT_BLOCK.ID.eq(blockId)).execute();
  }

  @Test
  void theQuarantineTableEnforcesItsRules() {
    assertViolates(
        "telemetry_quarantine_reason_format", insertQuarantine(TELEMETRY_QUARANTINE.REASON, ""));
    assertViolates(
        "telemetry_quarantine_reason_format", insertQuarantine(TELEMETRY_QUARANTINE.REASON, "Bad"));
    assertViolates(
        "telemetry_quarantine_source_format", insertQuarantine(TELEMETRY_QUARANTINE.SOURCE, ""));
    assertViolates(
        "telemetry_quarantine_detail_length",
        insertQuarantine(TELEMETRY_QUARANTINE.DETAIL, "d".repeat(4097)));
    assertViolates(
        "telemetry_quarantine_event_id_length",
        insertQuarantine(TELEMETRY_QUARANTINE.EVENT_ID, ""));
    assertViolates(
        "telemetry_quarantine_raw_length",
        insertQuarantine(TELEMETRY_QUARANTINE.RAW, "r".repeat(65_537)));
  }

  @Test
  void theBatchTableRequiresTheCountsToAddUp() {
    assertViolates("telemetry_ingest_batch_counts_add_up", insertBatch(5, 3, 1, 0));
    assertViolates("telemetry_ingest_batch_counts_non_negative", insertBatch(0, 1, -1, 0));
    assertThat(insertBatchReturningId(4, 3, 1, 0)).isPositive();
  }

  private static Database connect(PostgresDatabase postgres, int connections) {
    return Database.connect(
        new DatabaseSettings(
            postgres.jdbcUrl(),
            LocalPostgres.SUPERUSER,
            Optional.empty(),
            connections,
            Duration.ofSeconds(30)));
  }

  private static TelemetryBatch batch(
      String source, List<TelemetryEventRow> events, List<QuarantineRow> quarantined, int known) {
    return new TelemetryBatch(source, RECEIVED_AT, events, quarantined, known);
  }

  private static TelemetryEventRow withPayload(UUID id, String payload) {
    TelemetryEventRow base = streamEvent(id, "stream-payload", RECEIVED_AT);
    return new TelemetryEventRow(
        id,
        base.family(),
        base.subtype(),
        base.occurredAt(),
        base.receivedAt(),
        base.gateway(),
        base.streamId(),
        base.requestId(),
        base.orchestrator(),
        "http",
        payload);
  }

  /** An otherwise valid block row with one column replaced. */
  private <T> Runnable insertBlock(Field<T> column, T value) {
    var table = TELEMETRY_EVENT_BLOCK;
    Map<Field<?>, Object> row = new LinkedHashMap<>();
    row.put(table.SOURCE, "http");
    row.put(table.RECEIVED_AT, RECEIVED_AT);
    row.put(table.EVENTS, 1);
    row.put(table.FIRST_OCCURRED_AT, RECEIVED_AT);
    row.put(table.LAST_OCCURRED_AT, RECEIVED_AT);
    row.put(table.CODEC, "none");
    row.put(table.RAW_BYTES, 3);
    row.put(table.DATA, new byte[] {1, 2, 3});
    row.put(table.IDS, new byte[16]);
    row.put(column, value);
    return () -> raw.insertInto(table).set(row).execute();
  }

  private static int utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** An otherwise valid quarantine row with one column replaced. */
  private <T> Runnable insertQuarantine(Field<T> column, T value) {
    var table = TELEMETRY_QUARANTINE;
    Map<Field<?>, Object> row = new LinkedHashMap<>();
    row.put(table.RECEIVED_AT, RECEIVED_AT);
    row.put(table.SOURCE, "http");
    row.put(table.REASON, "invalid_json");
    row.put(table.DETAIL, "");
    row.put(table.RAW, "");
    row.put(column, value);
    return () -> raw.insertInto(table).set(row).execute();
  }

  private Runnable insertBatch(int received, int accepted, int duplicate, int quarantined) {
    return () -> insertBatchReturningId(received, accepted, duplicate, quarantined);
  }

  private long insertBatchReturningId(int received, int accepted, int duplicate, int quarantined) {
    var table = TELEMETRY_INGEST_BATCH;
    return raw.insertInto(table)
        .set(table.SOURCE, "http")
        .set(table.RECEIVED_AT, RECEIVED_AT)
        .set(table.RECEIVED, received)
        .set(table.ACCEPTED, accepted)
        .set(table.DUPLICATE, duplicate)
        .set(table.QUARANTINED, quarantined)
        .returning(table.ID)
        .fetchSingle(table.ID);
  }

  private static void assertViolates(String constraint, Runnable insert) {
    assertThatThrownBy(insert::run)
        .isInstanceOf(DataAccessException.class)
        .satisfies(
            error -> {
              assertThat(((DataAccessException) error).sqlState()).isEqualTo(CHECK_VIOLATION);
              assertThat(error.getCause()).isInstanceOf(PSQLException.class);
              PSQLException cause = (PSQLException) error.getCause();
              assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
            });
  }
}
