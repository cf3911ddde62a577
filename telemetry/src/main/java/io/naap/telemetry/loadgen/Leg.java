package io.naap.telemetry.loadgen;

/**
 * The part of a stream served by one orchestrator: from the gateway choosing it (or swapping to it)
 * until the stream is swapped away, fails or ends. A leg is one payment session.
 */
final class Leg {
  final StreamRun stream;
  final SyntheticOrchestrator orchestrator;
  final SyntheticGpu gpu;
  final String sessionId;
  final String manifestId;

  /** When the runner started the stream ({@code data.start_time}). */
  final long runnerStartedAt;

  boolean active = true;

  /** When the gateway received the first processed segment, or -1. */
  long firstOutputAt = -1;

  String state = "ONLINE";
  long stateUpdatedAt;
  long lastStatusAt;
  long paramsUpdatedAt;
  String lastError;
  long lastErrorAt;
  double lastFps;

  Leg(
      StreamRun stream,
      SyntheticOrchestrator orchestrator,
      SyntheticGpu gpu,
      String sessionId,
      String manifestId,
      long runnerStartedAt) {
    this.stream = stream;
    this.orchestrator = orchestrator;
    this.gpu = gpu;
    this.sessionId = sessionId;
    this.manifestId = manifestId;
    this.runnerStartedAt = runnerStartedAt;
    this.lastStatusAt = runnerStartedAt;
    this.paramsUpdatedAt = runnerStartedAt;
  }

  boolean producing() {
    return active && firstOutputAt >= 0;
  }
}
