package io.naap.sla.kpi;

/**
 * Whether a stream started on an orchestrator that had the model loaded (warm) or had to load it
 * (cold), as the orchestrator's advertised per-model {@code warm} flag said when the stream
 * started; unknown without one.
 */
public enum StartupKind {
  COLD,
  WARM,
  UNKNOWN
}
