package io.naap.telemetry.loadgen;

import io.naap.telemetry.event.EthAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One test stream as the gateway sees it: pinned to a target orchestrator, possibly continued on
 * others after swaps ({@link Leg}), with its client-side ingest and its prompts.
 */
final class StreamRun {
  final String streamId;
  final String requestId;
  final Region gateway;
  final Workload workload;
  final SyntheticOrchestrator target;
  final long requestedAt;
  final long endsAt;
  final long ingestStartedAt;
  final List<Prompt> prompts;
  final double inputFps;
  final double bytesPerSecond;
  final List<Long> swapTimes = new ArrayList<>();
  final Set<EthAddress> visited = new HashSet<>();

  /** The params in force (the last prompt applied). */
  Prompt prompt;

  /** The leg running now, or the last one. */
  Leg leg;

  /** The orchestrator whose load this stream counts in, or null once released. */
  SyntheticOrchestrator booked;

  boolean closed;
  long bytesReceived;
  long bytesSent;
  long videoPackets;
  long audioPackets;
  long videoPacketsLost;
  long lastMetricsAt;

  StreamRun(
      String streamId,
      String requestId,
      Region gateway,
      Workload workload,
      SyntheticOrchestrator target,
      long requestedAt,
      long endsAt,
      long ingestStartedAt,
      List<Prompt> prompts,
      Prompt prompt,
      double inputFps,
      double bytesPerSecond) {
    this.streamId = streamId;
    this.requestId = requestId;
    this.gateway = gateway;
    this.workload = workload;
    this.target = target;
    this.requestedAt = requestedAt;
    this.endsAt = endsAt;
    this.ingestStartedAt = ingestStartedAt;
    this.prompts = List.copyOf(prompts);
    this.prompt = prompt;
    this.inputFps = inputFps;
    this.bytesPerSecond = bytesPerSecond;
  }
}
