package io.naap.storage.kpi;

import io.naap.storage.StoreTransaction;

/**
 * The one lock that serialises every writer of derived state (sessions, KPI rollups, directory): a
 * transaction-scoped PostgreSQL advisory lock, released at commit or rollback. Writers take it
 * after their raw events are stored, so concurrent ingestions still copy events in parallel and
 * only apply their derived updates one after the other, in some serial order: no lost update, no
 * deadlock between two merges of the same rollup rows.
 */
public final class KpiLock {
  /** An arbitrary 64-bit key, unique to this lock within the database. */
  private static final long KEY = 0x6e61617000000001L;

  private KpiLock() {}

  /** Blocks until this transaction holds the lock. */
  public static void acquire(StoreTransaction tx) {
    tx.dsl().fetch("select pg_advisory_xact_lock(?)", KEY);
  }
}
