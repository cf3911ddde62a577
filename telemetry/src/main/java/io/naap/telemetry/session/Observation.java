package io.naap.telemetry.session;

import java.util.Objects;

/**
 * One KPI contribution of a stream, kept in the session state while the stream's workload is not
 * known yet, then added to the rollups of its minute, hour and day.
 *
 * @param at unix ms the observation is counted at (its bucket)
 * @param orchestrator the orchestrator as the events name it (lower-case hex), null when none
 * @param url the orchestrator's service URL as named, null when unknown
 * @param a the kind's first figure (see {@link Kind})
 * @param b the kind's second figure
 * @param c the kind's third figure
 * @param fees expected fees in wei (decimal text), for payments
 */
record Observation(
    Kind kind,
    long at,
    String orchestrator,
    String url,
    double a,
    double b,
    double c,
    String fees) {
  /** What an observation counts, and what its figures mean. */
  enum Kind {
    /** A stream started; no figure. */
    SESSION,
    /** An orchestrator started serving the stream; no figure. */
    SEGMENT,
    /** Startup latency: a = ms, b = 0 unknown, 1 cold, 2 warm. */
    STARTUP,
    /** End-to-end latency: a = ms. */
    END_TO_END,
    /** Prompt-to-first-frame latency: a = ms. */
    PROMPT_TO_FIRST_FRAME,
    /** Output fps sample: a = fps, b = growth of the sum of squared deviations. */
    FPS,
    /** Seconds with output: a = seconds. */
    INFERENCE,
    /** Bytes moved: a = up, b = down, c = seconds covered. */
    TRANSFER,
    /** A swap charged to the orchestrator abandoned. */
    SWAP,
    /** A failure: a = 1 when excused. */
    FAILURE,
    /** Runner restarts: a = count. */
    RESTARTS,
    /** A gpu_metrics sample: a = achieved TFLOPS, b = peak TFLOPS. */
    GPU,
    /** A payment: a = tickets, b = wei per pixel (NaN when unknown), fees = expected fees. */
    PAYMENT
  }

  Observation {
    Objects.requireNonNull(kind, "kind");
  }

  static Observation of(Kind kind, long at, String orchestrator, String url) {
    return new Observation(kind, at, orchestrator, url, 0, 0, 0, null);
  }

  static Observation of(Kind kind, long at, String orchestrator, String url, double a) {
    return new Observation(kind, at, orchestrator, url, a, 0, 0, null);
  }

  static Observation of(
      Kind kind, long at, String orchestrator, String url, double a, double b, double c) {
    return new Observation(kind, at, orchestrator, url, a, b, c, null);
  }
}
