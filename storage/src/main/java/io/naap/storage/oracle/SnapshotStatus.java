package io.naap.storage.oracle;

import java.util.Locale;

/** What became of a built snapshot's publication. */
public enum SnapshotStatus {
  /** Built; operators sign it, and it waits for enough signatures. */
  BUILT,
  /** A publishing transaction was sent; its hash is stored. */
  SUBMITTED,
  /** On chain: the block, the gas and the submitter are stored. */
  PUBLISHED,
  /** Can never be published as built: the contract holds another root or a later epoch. */
  SUPERSEDED;

  /** The value stored in {@code oracle_snapshot.status}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SnapshotStatus of(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** Whether the oracle still works on it (signs, submits, or waits for the transaction). */
  public boolean open() {
    return this == BUILT || this == SUBMITTED;
  }
}
