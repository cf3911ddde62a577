package io.naap.storage.incentives;

import java.util.Locale;

/** What became of a built distribution's payout root. */
public enum DistributionStatus {
  /** Built and stored; waiting for operator signatures. */
  BUILT,
  /**
   * No account's cumulative amount changed (or nobody has any): there is no new root to publish.
   */
  UNCHANGED,
  /** A publishing transaction was sent; its hash is stored. */
  SUBMITTED,
  /** The root is on chain. */
  PUBLISHED,
  /** Can never be published: the distributor holds a later epoch (the reason says which). */
  SUPERSEDED;

  /** The value stored in the status column. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True while the root may still go on chain. */
  public boolean open() {
    return this == BUILT || this == SUBMITTED;
  }

  static DistributionStatus of(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
