package io.naap.storage.kpi;

import static io.naap.storage.generated.Tables.KPI_ROLLUP;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.TelemetryLock;
import io.naap.storage.generated.tables.records.KpiRollupRecord;
import io.naap.storage.telemetry.DerivationLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.BinaryOperator;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Row8;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * KPI rollups in table {@code kpi_rollup}. Storage does not know what an aggregate holds: writers
 * pass the merge function of their binary form, readers decode it themselves.
 */
public final class KpiRollupStore {
  /** The primary key's columns, in key order. */
  private static final Row8<String, Instant, String, String, String, String, String, String> KEY =
      DSL.row(
          KPI_ROLLUP.BUCKET,
          KPI_ROLLUP.BUCKET_START,
          KPI_ROLLUP.ORCHESTRATOR,
          KPI_ROLLUP.WORKLOAD,
          KPI_ROLLUP.GPU,
          KPI_ROLLUP.REGION,
          KPI_ROLLUP.GATEWAY_REGION,
          KPI_ROLLUP.TRAFFIC);

  /** The columns a merge writes: the key's, then the aggregate and its time. */
  private static final List<Field<?>> COLUMNS = columns();

  private static List<Field<?>> columns() {
    List<Field<?>> columns = new ArrayList<>(List.of(KEY.fields()));
    columns.add(KPI_ROLLUP.STATS);
    columns.add(KPI_ROLLUP.UPDATED_AT);
    return List.copyOf(columns);
  }

  /** A key's values as a row of {@link #KEY}'s shape. */
  private static Row8<String, Instant, String, String, String, String, String, String> row(
      RollupKey key) {
    return DSL.row(
        key.bucket(),
        key.bucketStart(),
        key.orchestrator(),
        key.workload(),
        key.gpu(),
        key.region(),
        key.gatewayRegion(),
        key.traffic());
  }

  private final Database database;
  private final DSLContext dsl;

  public KpiRollupStore(Database database) {
    this.database = database;
    this.dsl = database.dsl();
  }

  /**
   * Rows as derived through a known step of the telemetry derivation.
   *
   * @param derivedThrough the last {@code DerivationLog} step they reflect, 0 when none
   */
  public record Derived(List<RollupRow> rows, long derivedThrough) {
    public Derived {
      rows = List.copyOf(rows);
    }
  }

  /**
   * The rows a query selects, read under {@link io.naap.storage.TelemetryLock} together with the
   * last derivation step they reflect: what a replay of the raw events through that step gives
   * again. Holds back telemetry writers for the read's duration.
   */
  public Derived rowsWithHorizon(RollupQuery query) {
    Objects.requireNonNull(query, "query");
    try {
      return database.inTransaction(
          tx -> {
            TelemetryLock.acquire(tx);
            long through = DerivationLog.latest(tx);
            return new Derived(select(tx.dsl(), query), through);
          });
    } catch (DataAccessException e) {
      throw new StorageException("cannot read KPI rollups for " + query, e);
    }
  }

  /**
   * Merges deltas into the stored rows of their keys (a missing row is created with the delta) in
   * the caller's transaction, which must hold {@link io.naap.storage.TelemetryLock}. One read and
   * one write statement whatever the number of keys.
   */
  public static void merge(
      StoreTransaction tx,
      SortedMap<RollupKey, byte[]> deltas,
      BinaryOperator<byte[]> mergeFunction,
      Instant now) {
    Objects.requireNonNull(mergeFunction, "mergeFunction");
    if (deltas.isEmpty()) {
      return;
    }
    DSLContext dsl = tx.dsl();
    List<Row8<String, Instant, String, String, String, String, String, String>> keys =
        new ArrayList<>(deltas.size());
    for (RollupKey key : deltas.keySet()) {
      keys.add(row(key));
    }
    Map<RollupKey, byte[]> stored = new HashMap<>();
    for (KpiRollupRecord record : dsl.selectFrom(KPI_ROLLUP).where(KEY.in(keys)).fetch()) {
      stored.put(key(record), record.getStats());
    }
    var insert = dsl.insertInto(KPI_ROLLUP).columns(COLUMNS);
    for (Map.Entry<RollupKey, byte[]> delta : deltas.entrySet()) {
      RollupKey key = delta.getKey();
      byte[] previous = stored.get(key);
      byte[] merged =
          previous == null ? delta.getValue() : mergeFunction.apply(previous, delta.getValue());
      List<Field<?>> values = new ArrayList<>(COLUMNS.size());
      values.addAll(List.of(row(key).fields()));
      values.add(DSL.val(merged, KPI_ROLLUP.STATS));
      values.add(DSL.val(now, KPI_ROLLUP.UPDATED_AT));
      insert = insert.values(values);
    }
    insert
        .onConflict(KEY.fields())
        .doUpdate()
        .set(KPI_ROLLUP.STATS, DSL.excluded(KPI_ROLLUP.STATS))
        .set(KPI_ROLLUP.UPDATED_AT, DSL.excluded(KPI_ROLLUP.UPDATED_AT))
        .execute();
  }

  /** The rows a query selects, in key order. */
  public List<RollupRow> rows(RollupQuery query) {
    Objects.requireNonNull(query, "query");
    try {
      return select(dsl, query);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read KPI rollups for " + query, e);
    }
  }

  private static List<RollupRow> select(DSLContext dsl, RollupQuery query) {
    Condition where =
        KPI_ROLLUP
            .BUCKET
            .eq(query.bucket())
            .and(KPI_ROLLUP.BUCKET_START.ge(query.from()))
            .and(KPI_ROLLUP.BUCKET_START.lt(query.to()));
    if (!query.orchestrators().isEmpty()) {
      where = where.and(KPI_ROLLUP.ORCHESTRATOR.in(query.orchestrators()));
    }
    if (query.workload().isPresent()) {
      where = where.and(KPI_ROLLUP.WORKLOAD.eq(query.workload().get()));
    }
    if (query.gpu().isPresent()) {
      where = where.and(KPI_ROLLUP.GPU.eq(query.gpu().get()));
    }
    if (query.region().isPresent()) {
      where = where.and(KPI_ROLLUP.REGION.eq(query.region().get()));
    }
    if (query.gatewayRegion().isPresent()) {
      where = where.and(KPI_ROLLUP.GATEWAY_REGION.eq(query.gatewayRegion().get()));
    }
    if (query.traffic().isPresent()) {
      where = where.and(KPI_ROLLUP.TRAFFIC.eq(query.traffic().get()));
    }
    return dsl.selectFrom(KPI_ROLLUP)
        .where(where)
        .orderBy(
            KPI_ROLLUP.BUCKET_START,
            KPI_ROLLUP.ORCHESTRATOR,
            KPI_ROLLUP.WORKLOAD,
            KPI_ROLLUP.GPU,
            KPI_ROLLUP.REGION,
            KPI_ROLLUP.GATEWAY_REGION,
            KPI_ROLLUP.TRAFFIC)
        .fetch(record -> new RollupRow(key(record), record.getStats()));
  }

  private static RollupKey key(KpiRollupRecord record) {
    return new RollupKey(
        record.getBucket(),
        record.getBucketStart(),
        record.getOrchestrator(),
        record.getWorkload(),
        record.getGpu(),
        record.getRegion(),
        record.getGatewayRegion(),
        record.getTraffic());
  }
}
