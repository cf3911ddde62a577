package io.naap.storage.kpi;

import static io.naap.storage.generated.Tables.ORCHESTRATOR_DIRECTORY;
import static io.naap.storage.generated.Tables.ORCHESTRATOR_DISCOVERY;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The orchestrator directory ({@code orchestrator_directory}) and discovery latencies ({@code
 * orchestrator_discovery}): the latest of each, newer observations replacing older ones.
 */
public final class DirectoryStore {
  private final DSLContext dsl;

  public DirectoryStore(Database database) {
    this.dsl = database.dsl();
  }

  /** Stores entries, each replacing the stored one unless that one was seen later. */
  public static void saveEntries(StoreTransaction tx, Collection<DirectoryRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    var t = ORCHESTRATOR_DIRECTORY;
    var insert = tx.dsl().insertInto(t, t.ADDRESS, t.LOCAL_ADDRESS, t.URI, t.ENTRY, t.SEEN_AT);
    for (DirectoryRow row : rows) {
      insert =
          insert.values(
              row.address().bytes(),
              row.localAddress().map(EthereumAddress::bytes).orElse(null),
              row.uri().orElse(null),
              JSONB.jsonb(row.entry()),
              row.seenAt());
    }
    insert
        .onConflict(t.ADDRESS)
        .doUpdate()
        .set(t.LOCAL_ADDRESS, DSL.excluded(t.LOCAL_ADDRESS))
        .set(t.URI, DSL.excluded(t.URI))
        .set(t.ENTRY, DSL.excluded(t.ENTRY))
        .set(t.SEEN_AT, DSL.excluded(t.SEEN_AT))
        .where(t.SEEN_AT.le(DSL.excluded(t.SEEN_AT)))
        .execute();
  }

  /** Stores latencies, each replacing the stored one unless that one was observed later. */
  public static void saveDiscoveries(StoreTransaction tx, Collection<DiscoveryRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    var t = ORCHESTRATOR_DISCOVERY;
    var insert = tx.dsl().insertInto(t, t.GATEWAY, t.ADDRESS, t.URL, t.LATENCY_MS, t.OBSERVED_AT);
    for (DiscoveryRow row : rows) {
      insert =
          insert.values(
              row.gateway(),
              row.address().bytes(),
              row.url().orElse(null),
              row.latencyMs(),
              row.observedAt());
    }
    insert
        .onConflict(t.GATEWAY, t.ADDRESS)
        .doUpdate()
        .set(t.URL, DSL.excluded(t.URL))
        .set(t.LATENCY_MS, DSL.excluded(t.LATENCY_MS))
        .set(t.OBSERVED_AT, DSL.excluded(t.OBSERVED_AT))
        .where(t.OBSERVED_AT.le(DSL.excluded(t.OBSERVED_AT)))
        .execute();
  }

  /** Every directory entry, in the caller's transaction. */
  public static List<DirectoryRow> entries(StoreTransaction tx) {
    return readEntries(tx.dsl());
  }

  /** Every discovery latency, in the caller's transaction. */
  public static List<DiscoveryRow> discoveries(StoreTransaction tx) {
    return readDiscoveries(tx.dsl());
  }

  /** Every directory entry, read outside any ingestion. */
  public List<DirectoryRow> entries() {
    try {
      return readEntries(dsl);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the orchestrator directory", e);
    }
  }

  /** Every discovery latency, read outside any ingestion. */
  public List<DiscoveryRow> discoveries() {
    try {
      return readDiscoveries(dsl);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read discovery latencies", e);
    }
  }

  private static List<DirectoryRow> readEntries(DSLContext dsl) {
    var t = ORCHESTRATOR_DIRECTORY;
    return dsl.selectFrom(t)
        .orderBy(t.ADDRESS)
        .fetch(
            record ->
                new DirectoryRow(
                    new EthereumAddress(record.getAddress()),
                    Optional.ofNullable(record.getLocalAddress()).map(EthereumAddress::new),
                    Optional.ofNullable(record.getUri()),
                    record.getEntry().data(),
                    record.getSeenAt()));
  }

  private static List<DiscoveryRow> readDiscoveries(DSLContext dsl) {
    var t = ORCHESTRATOR_DISCOVERY;
    return dsl.selectFrom(t)
        .orderBy(t.GATEWAY, t.ADDRESS)
        .fetch(
            record ->
                new DiscoveryRow(
                    record.getGateway(),
                    new EthereumAddress(record.getAddress()),
                    Optional.ofNullable(record.getUrl()),
                    record.getLatencyMs(),
                    record.getObservedAt()));
  }
}
