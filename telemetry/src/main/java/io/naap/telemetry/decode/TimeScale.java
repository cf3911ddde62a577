package io.naap.telemetry.decode;

/** How a field gives unix time. */
enum TimeScale {
  MILLISECONDS,
  SECONDS,
  /**
   * Seconds or milliseconds, told apart by magnitude: within the accepted years the two ranges do
   * not overlap (1.4e9..4.1e9 seconds, 1.4e12..4.1e12 milliseconds).
   */
  SECONDS_OR_MILLISECONDS
}
