package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.Envelope.DATA;
import static io.naap.telemetry.decode.Fields.FREE_TEXT;
import static io.naap.telemetry.decode.Fields.IDENTIFIER_LENGTH;
import static io.naap.telemetry.decode.Fields.SUBTYPE_LENGTH;
import static io.naap.telemetry.decode.Fields.URL_LENGTH;
import static io.naap.telemetry.decode.Fields.path;

import io.naap.telemetry.event.AiStreamEvent;
import io.naap.telemetry.event.AiStreamEventType;
import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.GpuMetrics;
import io.naap.telemetry.event.InferenceStatus;
import io.naap.telemetry.event.OrchestratorInfo;
import io.naap.telemetry.event.StatusShape;
import io.naap.telemetry.event.StreamIngestMetrics;
import io.naap.telemetry.event.StreamTrace;
import io.naap.telemetry.event.StreamTraceType;
import io.naap.telemetry.event.TrackStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The families about one live stream: {@code stream_trace}, {@code ai_stream_status}, {@code
 * ai_stream_events}, {@code stream_ingest_metrics}, and naap's extension {@code gpu_metrics} (the
 * throughput of the GPU that serves a stream or a pipeline).
 */
final class StreamEventDecoding {
  // paths of fields in error details, spelled out once (Fields.path builds them at run time)
  private static final String STATS_PATH = DATA + ".stats";
  private static final String PEER_PATH = STATS_PATH + ".peer_conn_stats";
  private static final String TRACKS_PATH = STATS_PATH + ".track_stats";
  private static final String GPU_INFO_PATH = DATA + ".gpu_info";
  private static final String ORCHESTRATOR_INFO_PATH = DATA + ".orchestrator_info";

  /** Highest frame rate accepted: no video stream runs at more than 1000 fps. */
  static final BigDecimal MAX_FPS = BigDecimal.valueOf(1000);

  /** Bound of non-negative measurements without a natural bound (jitter, rtt, latency). */
  static final BigDecimal MAX_MEASUREMENT = new BigDecimal("1e15");

  static final int MAX_RESTART_COUNT = 1_000_000;

  /** Highest throughput accepted: 1 EFLOPS, far above any single device. */
  static final BigDecimal MAX_TFLOPS = BigDecimal.valueOf(1_000_000);

  /** Longest measurement window accepted: one day. */
  static final long MAX_WINDOW_MS = 86_400_000;

  static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100);

  private static final String INFERENCE_STATUS = "data.inference_status";
  private static final String INPUT_STATUS = "data.input_status";

  private StreamEventDecoding() {}

  /** The stream's keys that most stream families carry in {@code data}, read in this order. */
  private record StreamKeys(
      Optional<String> streamId,
      Optional<String> requestId,
      Optional<String> pipelineId,
      OrchestratorInfo orchestratorInfo) {
    static StreamKeys of(JsonObject data) {
      Optional<String> streamId = Fields.text(data, "stream_id", DATA, IDENTIFIER_LENGTH);
      Optional<String> requestId = Fields.text(data, "request_id", DATA, IDENTIFIER_LENGTH);
      Optional<String> pipelineId = Fields.text(data, "pipeline_id", DATA, IDENTIFIER_LENGTH);
      return new StreamKeys(
          streamId, requestId, pipelineId, StreamEventDecoding.orchestratorInfo(data));
    }
  }

  static StreamTrace streamTrace(Envelope envelope) {
    JsonObject data = envelope.objectData();
    String rawType = Fields.requiredText(data, "type", DATA, SUBTYPE_LENGTH);
    Optional<Instant> dataTime = dataTime(data);
    StreamKeys keys = StreamKeys.of(data);
    return new StreamTrace(
        envelope.header(dataTime),
        StreamTraceType.fromWireName(rawType),
        rawType,
        keys.streamId(),
        keys.requestId(),
        keys.pipelineId(),
        keys.orchestratorInfo(),
        Fields.text(data, "pipeline", DATA, IDENTIFIER_LENGTH),
        Fields.text(data, "message", DATA, FREE_TEXT));
  }

  static AiStreamStatus aiStreamStatus(Envelope envelope) {
    JsonObject data = envelope.objectData();
    Optional<String> subtype = Fields.text(data, "type", DATA, SUBTYPE_LENGTH);
    Optional<Instant> dataTime = dataTime(data);
    StreamKeys keys = StreamKeys.of(data);
    Optional<String> state = Fields.text(data, "state", DATA, IDENTIFIER_LENGTH);
    JsonObject inference = Fields.object(data, "inference_status", DATA).orElse(null);
    JsonObject input = Fields.object(data, "input_status", DATA).orElse(null);

    Optional<String> pipeline =
        Fields.text(data, "pipeline", DATA, IDENTIFIER_LENGTH)
            .or(() -> textIn(inference, "pipeline", INFERENCE_STATUS, IDENTIFIER_LENGTH));

    // captured layout: inference_status.fps, input_status{fps, last_input_time}, data.start_time
    OptionalDouble capturedOutputFps = fps(inference, "fps", INFERENCE_STATUS);
    OptionalDouble capturedInputFps = fps(input, "fps", INPUT_STATUS);
    Optional<Instant> capturedStart =
        Fields.time(data, "start_time", DATA, TimeScale.MILLISECONDS, true);
    Optional<Instant> capturedLastInput = anyTime(input, "last_input_time", INPUT_STATUS);
    // documented layout: inference_status{output_fps, input_fps, start_time (s), last_input_time}
    OptionalDouble documentedOutputFps = fps(inference, "output_fps", INFERENCE_STATUS);
    OptionalDouble documentedInputFps = fps(inference, "input_fps", INFERENCE_STATUS);
    Optional<Instant> documentedStart =
        inference == null
            ? Optional.empty()
            : Fields.time(inference, "start_time", INFERENCE_STATUS, TimeScale.SECONDS, true);
    Optional<Instant> documentedLastInput = anyTime(inference, "last_input_time", INFERENCE_STATUS);

    boolean captured =
        input != null
            || (inference != null && Fields.present(inference, "fps"))
            || Fields.present(data, "start_time")
            || Fields.present(data, "state");
    boolean documented =
        inference != null
            && (Fields.present(inference, "output_fps")
                || Fields.present(inference, "input_fps")
                || Fields.present(inference, "start_time"));
    StatusShape shape =
        captured && documented
            ? StatusShape.MIXED
            : captured
                ? StatusShape.CAPTURED
                : documented ? StatusShape.DOCUMENTED : StatusShape.NEITHER;

    InferenceStatus figures =
        new InferenceStatus(
            capturedOutputFps.isPresent() ? capturedOutputFps : documentedOutputFps,
            capturedInputFps.isPresent() ? capturedInputFps : documentedInputFps,
            capturedStart.or(() -> documentedStart),
            capturedLastInput.or(() -> documentedLastInput),
            anyTime(inference, "last_output_time", INFERENCE_STATUS),
            inference == null
                ? OptionalInt.empty()
                : Fields.smallInteger(
                    inference, "restart_count", INFERENCE_STATUS, 0, MAX_RESTART_COUNT),
            anyTime(inference, "last_restart_time", INFERENCE_STATUS),
            textIn(inference, "last_error", INFERENCE_STATUS, FREE_TEXT),
            anyTime(inference, "last_error_time", INFERENCE_STATUS),
            textIn(inference, "last_params_hash", INFERENCE_STATUS, IDENTIFIER_LENGTH),
            anyTime(inference, "last_params_update_time", INFERENCE_STATUS));

    return new AiStreamStatus(
        envelope.header(dataTime),
        subtype,
        shape,
        keys.streamId(),
        keys.requestId(),
        keys.pipelineId(),
        keys.orchestratorInfo(),
        pipeline,
        state,
        figures);
  }

  static AiStreamEvent aiStreamEvent(Envelope envelope) {
    JsonObject data = envelope.objectData();
    Optional<String> rawType = Fields.text(data, "type", DATA, SUBTYPE_LENGTH);
    Optional<Instant> dataTime = dataTime(data);
    StreamKeys keys = StreamKeys.of(data);
    Optional<String> pipeline = Fields.text(data, "pipeline", DATA, IDENTIFIER_LENGTH);
    Optional<String> capability = Fields.text(data, "capability", DATA, IDENTIFIER_LENGTH);
    Optional<String> message = Fields.text(data, "message", DATA, FREE_TEXT);
    Object params = Fields.value(data, "params");
    return new AiStreamEvent(
        envelope.header(dataTime),
        rawType.map(AiStreamEventType::fromWireName).orElse(AiStreamEventType.OTHER),
        rawType,
        keys.streamId(),
        keys.requestId(),
        keys.pipelineId(),
        keys.orchestratorInfo(),
        pipeline,
        capability,
        message,
        Optional.ofNullable(params).map(JsonTreeReader::text));
  }

  static StreamIngestMetrics streamIngestMetrics(Envelope envelope) {
    JsonObject data = envelope.objectData();
    Optional<String> subtype = Fields.text(data, "type", DATA, SUBTYPE_LENGTH);
    Optional<Instant> dataTime = dataTime(data);
    StreamKeys keys = StreamKeys.of(data);
    Optional<JsonObject> stats = Fields.object(data, "stats", DATA);
    String statsPath = STATS_PATH;
    Optional<JsonObject> peer =
        stats.isEmpty()
            ? Optional.empty()
            : Fields.object(stats.get(), "peer_conn_stats", statsPath);
    String peerPath = PEER_PATH;
    List<TrackStats> tracks = new ArrayList<>();
    Optional<JsonArray> trackArray =
        stats.isEmpty() ? Optional.empty() : Fields.array(stats.get(), "track_stats", statsPath);
    if (trackArray.isPresent()) {
      String tracksPath = TRACKS_PATH;
      for (int i = 0; i < trackArray.get().size(); i++) {
        String at = Fields.element(tracksPath, i);
        tracks.add(trackStats(Fields.elementObject(trackArray.get().get(i), at), at));
      }
    }
    return new StreamIngestMetrics(
        envelope.header(dataTime),
        subtype,
        keys.streamId(),
        keys.requestId(),
        keys.pipelineId(),
        keys.orchestratorInfo(),
        peer.isEmpty()
            ? OptionalLong.empty()
            : Fields.integer(peer.get(), "BytesReceived", peerPath, 0, Long.MAX_VALUE),
        peer.isEmpty()
            ? OptionalLong.empty()
            : Fields.integer(peer.get(), "BytesSent", peerPath, 0, Long.MAX_VALUE),
        tracks,
        stats.isEmpty()
            ? Optional.empty()
            : Fields.text(stats.get(), "conn_quality", statsPath, IDENTIFIER_LENGTH));
  }

  /**
   * A {@code gpu_metrics} event. Required: {@code orchestrator_info.address}, {@code
   * achieved_tflops} (0..1e6) and {@code peak_tflops} (above 0, at most 1e6), the achieved figure
   * at most {@link GpuMetrics#MEASUREMENT_TOLERANCE} above the peak; the rest is optional.
   */
  static GpuMetrics gpuMetrics(Envelope envelope) {
    JsonObject data = envelope.objectData();
    Optional<Instant> dataTime = dataTime(data);
    Optional<String> streamId = Fields.text(data, "stream_id", DATA, IDENTIFIER_LENGTH);
    Optional<String> requestId = Fields.text(data, "request_id", DATA, IDENTIFIER_LENGTH);
    Optional<String> pipeline = Fields.text(data, "pipeline", DATA, IDENTIFIER_LENGTH);
    OrchestratorInfo orchestratorInfo = requiredOrchestratorInfo(data);
    Optional<JsonObject> gpu = Fields.object(data, "gpu_info", DATA);
    String gpuPath = GPU_INFO_PATH;
    Optional<String> gpuId = Optional.empty();
    Optional<String> gpuName = Optional.empty();
    OptionalLong memoryTotal = OptionalLong.empty();
    OptionalLong memoryUsed = OptionalLong.empty();
    if (gpu.isPresent()) {
      gpuId = Fields.text(gpu.get(), "id", gpuPath, IDENTIFIER_LENGTH);
      gpuName = Fields.text(gpu.get(), "name", gpuPath, IDENTIFIER_LENGTH);
      memoryTotal =
          Fields.integer(
              gpu.get(), "memory_total", gpuPath, 0, NetworkEventDecoding.MAX_GPU_MEMORY);
      memoryUsed =
          Fields.integer(gpu.get(), "memory_used", gpuPath, 0, NetworkEventDecoding.MAX_GPU_MEMORY);
    }
    Optional<Duration> window = Optional.empty();
    OptionalLong windowMs = Fields.integer(data, "window_ms", DATA, 1, MAX_WINDOW_MS);
    if (windowMs.isPresent()) {
      window = Optional.of(Duration.ofMillis(windowMs.getAsLong()));
    }
    double achieved = requiredDecimal(data, "achieved_tflops", BigDecimal.ZERO, MAX_TFLOPS);
    double peak = requiredDecimal(data, "peak_tflops", BigDecimal.ZERO, MAX_TFLOPS);
    // checked on the doubles, as GpuMetrics checks them: a decimal too small for a double is 0
    if (!(peak > 0)) {
      throw new RecordRejected(
          QuarantineReason.OUT_OF_RANGE, path(DATA, "peak_tflops") + ": must be above 0");
    }
    if (achieved > peak * (1 + GpuMetrics.MEASUREMENT_TOLERANCE)) {
      throw new RecordRejected(
          QuarantineReason.OUT_OF_RANGE,
          path(DATA, "achieved_tflops")
              + ": "
              + achieved
              + " exceeds peak_tflops "
              + peak
              + " by more than "
              + Math.round(GpuMetrics.MEASUREMENT_TOLERANCE * 100)
              + "%");
    }
    OptionalDouble utilization =
        Fields.decimal(data, "utilization_pct", DATA, BigDecimal.ZERO, MAX_PERCENT);
    return new GpuMetrics(
        envelope.header(dataTime),
        streamId,
        requestId,
        pipeline,
        orchestratorInfo,
        gpuId,
        gpuName,
        memoryTotal,
        memoryUsed,
        window,
        achieved,
        peak,
        utilization);
  }

  /** {@code orchestrator_info} with a non-empty {@code address}. */
  private static OrchestratorInfo requiredOrchestratorInfo(JsonObject data) {
    String at = ORCHESTRATOR_INFO_PATH;
    JsonObject info =
        Fields.object(data, "orchestrator_info", DATA).orElseThrow(() -> Fields.missing(at));
    Fields.requiredText(info, "address", at, IDENTIFIER_LENGTH);
    return new OrchestratorInfo(
        Fields.address(info, "address", at), Fields.text(info, "url", at, URL_LENGTH));
  }

  /** A number that must be present and not empty, between min and max inclusive. */
  private static double requiredDecimal(
      JsonObject data, String name, BigDecimal min, BigDecimal max) {
    if (!Fields.present(data, name)) {
      throw Fields.missing(path(DATA, name));
    }
    OptionalDouble value = Fields.decimal(data, name, DATA, min, max);
    if (value.isEmpty()) {
      throw new RecordRejected(QuarantineReason.MISSING_FIELD, path(DATA, name) + ": is empty");
    }
    return value.getAsDouble();
  }

  private static TrackStats trackStats(JsonObject track, String at) {
    return new TrackStats(
        Fields.text(track, "type", at, IDENTIFIER_LENGTH),
        Fields.decimal(track, "jitter", at, BigDecimal.ZERO, MAX_MEASUREMENT),
        Fields.integer(track, "packets_lost", at, Integer.MIN_VALUE, Integer.MAX_VALUE),
        Fields.integer(track, "packets_received", at, 0, Long.MAX_VALUE),
        Fields.decimal(track, "packet_loss_pct", at, MAX_MEASUREMENT.negate(), MAX_MEASUREMENT),
        Fields.decimal(track, "rtt", at, BigDecimal.ZERO, MAX_MEASUREMENT),
        Fields.decimal(track, "latency", at, BigDecimal.ZERO, MAX_MEASUREMENT));
  }

  /** {@code data.timestamp}: unix milliseconds, the event's own time. */
  static Optional<Instant> dataTime(JsonObject data) {
    return Fields.time(data, "timestamp", DATA, TimeScale.MILLISECONDS, false);
  }

  static OrchestratorInfo orchestratorInfo(JsonObject data) {
    Optional<JsonObject> info = Fields.object(data, "orchestrator_info", DATA);
    if (info.isEmpty()) {
      return OrchestratorInfo.UNKNOWN;
    }
    String at = ORCHESTRATOR_INFO_PATH;
    return new OrchestratorInfo(
        Fields.address(info.get(), "address", at), Fields.text(info.get(), "url", at, URL_LENGTH));
  }

  private static OptionalDouble fps(JsonObject object, String name, String at) {
    return object == null
        ? OptionalDouble.empty()
        : Fields.decimal(object, name, at, BigDecimal.ZERO, MAX_FPS);
  }

  private static Optional<Instant> anyTime(JsonObject object, String name, String at) {
    return object == null
        ? Optional.empty()
        : Fields.time(object, name, at, TimeScale.SECONDS_OR_MILLISECONDS, true);
  }

  private static Optional<String> textIn(JsonObject object, String name, String at, int bound) {
    return object == null ? Optional.empty() : Fields.text(object, name, at, bound);
  }
}
