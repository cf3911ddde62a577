package io.naap.telemetry.loadgen;

import java.util.Locale;

/** Which prompt dataset test streams draw from. */
public enum DatasetChoice {
  /** Only the fixed "good" prompts. */
  GOOD,
  /** Only the "random" prompts (average, edge, bad). */
  RANDOM,
  /** Each stream draws from one of the two, half and half. */
  MIXED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
