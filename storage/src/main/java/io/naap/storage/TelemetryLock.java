package io.naap.storage;

/**
 * The one lock that serialises every writer of telemetry: the raw store's deduplication and event
 * blocks, then sessions, KPI rollups and the directory. A transaction-scoped PostgreSQL advisory
 * lock, released at commit or rollback, so writers in any number of processes sharing the database
 * store and derive in some serial order: each sees every event the ones before it committed (the
 * deduplication window of {@code TelemetryStore} depends on it), no lost update, no deadlock
 * between two merges of the same rollup rows. Taking it again in the same transaction is free.
 */
public final class TelemetryLock {
  /** An arbitrary 64-bit key, unique to this lock within the database. */
  private static final long KEY = 0x6e61617000000001L;

  private TelemetryLock() {}

  /** Blocks until this transaction holds the lock. */
  public static void acquire(StoreTransaction tx) {
    tx.dsl().fetch("select pg_advisory_xact_lock(?)", KEY);
  }
}
