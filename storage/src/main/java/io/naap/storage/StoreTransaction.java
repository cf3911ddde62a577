package io.naap.storage;

import java.util.Objects;
import org.jooq.DSLContext;

/**
 * An open database transaction that storage hands to a caller's step (see {@link
 * io.naap.storage.telemetry.TelemetryStore#ingest(io.naap.storage.telemetry.TelemetryBatch,
 * io.naap.storage.telemetry.TelemetryStore.AfterInsert)}), so that derived state is written in the
 * same transaction as the rows it comes from. Only storage's own stores use what it holds; it is
 * valid until the step returns.
 */
public final class StoreTransaction {
  private final DSLContext dsl;

  public StoreTransaction(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** The transaction's jOOQ context: for storage's stores only. */
  public DSLContext dsl() {
    return dsl;
  }
}
