package io.naap.telemetry.session;

import io.naap.storage.kpi.RollupKey;
import io.naap.storage.kpi.SessionRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One stream as naap reconstructed it: lifecycle, the orchestrators that served it and its KPIs.
 * Latencies are in ms; fps figures over the runner's status samples; bandwidth over the gateway's
 * ingest counters between the first and the last sample.
 *
 * @param startupLatencyMs {@code gateway_receive_first_processed_segment} - {@code
 *     gateway_receive_stream_request}
 * @param endToEndLatencyMs {@code runner_send_first_processed_segment} - {@code
 *     gateway_send_first_ingest_segment}
 * @param promptToFirstFrameMs {@code gateway_receive_few_processed_segments} - the runner's {@code
 *     start_time}
 * @param jitterCoefficient pooled within-segment population std(fps) / mean(fps); with one
 *     orchestrator, the stream's std(fps) / mean(fps)
 * @param bandwidthUpKbps client to gateway: (last - first {@code BytesReceived}) x 8 / seconds
 *     between the samples / 1000
 * @param bandwidthDownKbps gateway to client, the same over {@code BytesSent}
 */
public record StreamReport(
    String streamId,
    Optional<String> requestId,
    Optional<String> gateway,
    String gatewayRegion,
    String traffic,
    String workload,
    String status,
    Optional<String> closeReason,
    Instant startedAt,
    Instant lastEventAt,
    Optional<Instant> closedAt,
    OptionalLong startupLatencyMs,
    String startupKind,
    OptionalLong endToEndLatencyMs,
    OptionalLong promptToFirstFrameMs,
    long fpsSamples,
    OptionalDouble meanFps,
    OptionalDouble minFps,
    OptionalDouble maxFps,
    OptionalDouble jitterCoefficient,
    long bytesUp,
    long bytesDown,
    OptionalDouble transferSeconds,
    OptionalDouble bandwidthUpKbps,
    OptionalDouble bandwidthDownKbps,
    List<Served> orchestrators,
    long swaps,
    long failures,
    long payments,
    long tickets,
    BigDecimal expectedFeesWei,
    List<String> errors,
    long events,
    long lateEvents) {

  /**
   * One orchestrator's part of the stream.
   *
   * @param orchestrator its key: the on-chain address when resolved (lower-case hex), else the
   *     address as the events name it
   * @param named the address the events used (possibly a local signing address)
   */
  public record Served(
      String orchestrator,
      String named,
      Optional<String> url,
      String gpu,
      String region,
      Instant from,
      Optional<Instant> to,
      boolean producedOutput,
      boolean swappedAway,
      Optional<String> swapReason,
      boolean failed,
      boolean excused,
      long fpsSamples,
      OptionalDouble meanFps,
      OptionalDouble jitterCoefficient,
      int restarts) {}

  /** The report of a stored session, resolving addresses, GPUs and regions through a directory. */
  public static StreamReport of(SessionRow row, Directory directory, RegionConfig regions) {
    SessionState state = SessionEngine.read(row.state());
    List<Served> served = new ArrayList<>();
    long samples = 0;
    double weightedMean = 0;
    double squares = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    long swaps = 0;
    long failures = 0;
    for (SessionState.Segment segment : state.segments) {
      String key = directory.key(segment.named, Optional.ofNullable(segment.url));
      served.add(
          new Served(
              key,
              segment.named,
              Optional.ofNullable(segment.url),
              directory.gpu(key, Optional.ofNullable(state.model)),
              directory.region(key),
              Instant.ofEpochMilli(segment.from),
              Optional.ofNullable(segment.to).map(Instant::ofEpochMilli),
              segment.output,
              segment.swapped,
              Optional.ofNullable(segment.swapReason),
              segment.failed,
              segment.excused,
              segment.fpsCount,
              segment.fpsCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(segment.fpsMean),
              cv(segment.fpsCount, segment.fpsMean, segment.fpsSquares),
              segment.restarts));
      samples += segment.fpsCount;
      weightedMean += segment.fpsMean * segment.fpsCount;
      squares += segment.fpsSquares;
      if (segment.fpsCount > 0) {
        min = Double.isNaN(min) ? segment.fpsMin : Math.min(min, segment.fpsMin);
        max = Double.isNaN(max) ? segment.fpsMax : Math.max(max, segment.fpsMax);
      }
      swaps += segment.swapped ? 1 : 0;
      failures += segment.failed && !segment.excused ? 1 : 0;
    }
    double mean = samples == 0 ? Double.NaN : weightedMean / samples;
    Long request = state.milestones.get("gateway_receive_stream_request");
    Long firstProcessed = state.milestones.get("gateway_receive_first_processed_segment");
    Long firstIngest = state.milestones.get("gateway_send_first_ingest_segment");
    Long runnerFirst = state.milestones.get("runner_send_first_processed_segment");
    Long playable = state.milestones.get("gateway_receive_few_processed_segments");
    OptionalDouble seconds = OptionalDouble.empty();
    OptionalDouble up = OptionalDouble.empty();
    OptionalDouble down = OptionalDouble.empty();
    long bytesUp = 0;
    long bytesDown = 0;
    if (state.transferFirst != null && state.transferLast[0] > state.transferFirst[0]) {
      double s = (state.transferLast[0] - state.transferFirst[0]) / 1000.0;
      bytesUp = Math.max(0, state.transferLast[1] - state.transferFirst[1]);
      bytesDown = Math.max(0, state.transferLast[2] - state.transferFirst[2]);
      seconds = OptionalDouble.of(s);
      up = OptionalDouble.of(bytesUp * 8.0 / s / 1000.0);
      down = OptionalDouble.of(bytesDown * 8.0 / s / 1000.0);
    }
    String startupKind = "unknown";
    if (firstProcessed != null && !state.segments.isEmpty()) {
      SessionState.Segment first = state.segments.get(0);
      startupKind =
          directory
              .warm(
                  directory.key(first.named, Optional.ofNullable(first.url)),
                  Optional.ofNullable(state.model))
              .map(warm -> warm ? "warm" : "cold")
              .orElse("unknown");
    }
    return new StreamReport(
        state.streamId,
        Optional.ofNullable(state.requestId),
        Optional.ofNullable(state.gateway),
        regions.gatewayRegion(Optional.ofNullable(state.gateway)).orElse(RollupKey.UNKNOWN),
        state.traffic,
        state.model == null ? RollupKey.UNKNOWN : state.model,
        state.status,
        Optional.ofNullable(state.closeReason),
        Instant.ofEpochMilli(state.startedAt),
        Instant.ofEpochMilli(state.lastEventAt),
        Optional.ofNullable(state.closedAt).map(Instant::ofEpochMilli),
        difference(request, firstProcessed),
        startupKind,
        difference(firstIngest, runnerFirst),
        difference(state.inferenceStart, playable),
        samples,
        samples == 0 ? OptionalDouble.empty() : OptionalDouble.of(mean),
        Double.isNaN(min) ? OptionalDouble.empty() : OptionalDouble.of(min),
        Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(max),
        cv(samples, mean, squares),
        bytesUp,
        bytesDown,
        seconds,
        up,
        down,
        List.copyOf(served),
        swaps,
        failures,
        state.payments,
        state.tickets,
        new BigDecimal(state.feesWei),
        List.copyOf(state.errors),
        state.events,
        state.lateEvents);
  }

  private static OptionalLong difference(Long from, Long to) {
    return from == null || to == null ? OptionalLong.empty() : OptionalLong.of(to - from);
  }

  private static OptionalDouble cv(long count, double mean, double squares) {
    return count == 0 || mean <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.sqrt(squares / count) / mean);
  }
}
