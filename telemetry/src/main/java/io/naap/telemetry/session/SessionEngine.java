package io.naap.telemetry.session;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.sla.kpi.FpsMoments;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StoreTransaction;
import io.naap.storage.TelemetryLock;
import io.naap.storage.kpi.DirectoryRow;
import io.naap.storage.kpi.DirectoryStore;
import io.naap.storage.kpi.DiscoveryRow;
import io.naap.storage.kpi.PaymentOrphanRow;
import io.naap.storage.kpi.PaymentOrphanStore;
import io.naap.storage.kpi.SessionRow;
import io.naap.storage.kpi.SessionStore;
import io.naap.storage.telemetry.DerivationLog;
import io.naap.telemetry.event.AiStreamEvent;
import io.naap.telemetry.event.AiStreamEventType;
import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.DiscoveredOrchestrator;
import io.naap.telemetry.event.DiscoveryResults;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.GpuMetrics;
import io.naap.telemetry.event.InferenceStatus;
import io.naap.telemetry.event.NetworkCapabilities;
import io.naap.telemetry.event.OrchestratorCapabilities;
import io.naap.telemetry.event.OrchestratorInfo;
import io.naap.telemetry.event.StreamIngestMetrics;
import io.naap.telemetry.event.StreamTrace;
import io.naap.telemetry.event.StreamTraceType;
import io.naap.telemetry.session.Observation.Kind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reconstructs live stream sessions from newly stored events and turns them into KPI observations:
 * the one place where events become sessions and KPIs. Runs inside the ingestion's transaction (so
 * a batch's events, sessions and KPIs commit together) under {@link TelemetryLock}. Thread-safe:
 * holds no state between calls.
 *
 * <p>Rules (EVENTS.md):
 *
 * <ul>
 *   <li>A session per stream id, with its request id; payments without a stream id join it by
 *       request id, or by the payment session id an earlier payment of the stream tied to it.
 *   <li>Events apply in event time order within a batch; every derived figure is order-independent
 *       across batches (earliest milestone times, counters), so late and out-of-order events land
 *       where they belong.
 *   <li>Each orchestrator that served a stream is a segment; an {@code orchestrator_swap} is
 *       charged to the orchestrator it names (the one abandoned).
 *   <li>A session closes on {@code gateway_ingest_stream_closed} or after {@link
 *       SessionSettings#inactivity()} without events ({@link #sweep}); a closed session still takes
 *       events for {@link SessionSettings#lateness()}, then becomes final, and the segments that
 *       never produced output are failures then (excused when no orchestrator was available).
 *       Events for a final session are stored but not applied (counted as late).
 *   <li>Observations wait in the session while its workload (model) is unknown, so they are counted
 *       under the right workload; a closed session flushes them anyway.
 * </ul>
 */
public final class SessionEngine {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * Errors that are not the orchestrator's fault: EVENTS.md's list, plus naap's addition of
   * parameters the client sent that the runner refused ({@code invalid params}, {@code
   * params_update rejected}): a bad prompt is the client's doing, and the runner keeps serving the
   * previous parameters.
   */
  private static final List<String> EXCUSED_ERRORS =
      List.of(
          "no orchestrators available",
          "whip disconnected",
          "mediamtx ingest disconnected",
          "missing video",
          "ice connection state failed",
          "user disconnected",
          "invalid params",
          "params_update rejected");

  /** The longest gap between two output times still counted as continuous inference. */
  private static final long MAX_INFERENCE_GAP_MS = 60_000;

  private static final Pattern NUMBERED_MANIFEST = Pattern.compile("^\\d+_(.+)$");

  private static final int MAX_ERRORS_KEPT = 10;

  private static final double MAX_PLAUSIBLE_FPS = 1_000;

  /** The longest model id, request id or payment session id the engine keys anything by. */
  static final int MAX_NAME_LENGTH = 256;

  private final SessionSettings settings;

  public SessionEngine(SessionSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** What one call did, for metrics. */
  public record Applied(int sessionsTouched, int observations, int lateEvents) {}

  /**
   * Applies events that were just stored (not duplicates) in the caller's transaction.
   *
   * @param arrival when naap received them (the inactivity clock)
   * @param source the ingestion source ({@code loadgen} marks test traffic)
   */
  public Applied apply(
      StoreTransaction tx, Collection<GatewayEvent> events, Instant arrival, String source) {
    if (events.isEmpty()) {
      return new Applied(0, 0, 0);
    }
    TelemetryLock.acquire(tx);
    List<GatewayEvent> ordered = inEventTimeOrder(events);
    saveDirectory(tx, ordered);
    Directory directory =
        Directory.of(
            DirectoryStore.entries(tx), DirectoryStore.discoveries(tx), settings.regions());
    Batch batch = new Batch(tx, directory, arrival.toEpochMilli(), source);
    batch.load(ordered);
    for (GatewayEvent event : ordered) {
      batch.apply(event);
    }
    return batch.finish();
  }

  /**
   * Closes open sessions idle for longer than the inactivity timeout and finalises closed ones
   * older than the lateness, at most {@code limit} per call, in the caller's transaction.
   *
   * @return how many sessions changed
   */
  public int sweep(StoreTransaction tx, Instant now, int limit) {
    TelemetryLock.acquire(tx);
    List<String> due =
        SessionStore.due(
            tx, now.minus(settings.inactivity()), now.minus(settings.lateness()), limit);
    Directory directory =
        Directory.of(
            DirectoryStore.entries(tx), DirectoryStore.discoveries(tx), settings.regions());
    Batch batch = new Batch(tx, directory, now.toEpochMilli(), "sweep");
    int expired =
        batch.expireOrphans(now.minus(settings.inactivity()).minus(settings.lateness()), limit);
    for (SessionRow row : SessionStore.sessions(tx, due).values()) {
      SessionState state = read(row.state());
      batch.states.put(state.streamId, state);
      batch.touched.add(state.streamId);
      long nowMs = now.toEpochMilli();
      if ("open".equals(state.status)
          && nowMs - state.lastArrivalAt > settings.inactivity().toMillis()) {
        state.status = "closed";
        state.closedAt = state.lastEventAt;
        state.closedArrivalAt = nowMs;
        state.closeReason = "inactivity";
      }
      if ("closed".equals(state.status)
          && nowMs - state.closedArrivalAt > settings.lateness().toMillis()) {
        batch.finalise(state);
      }
    }
    batch.finish();
    if (!due.isEmpty() || expired > 0) {
      // what it changed depends on when it ran: recorded, so a replay sweeps at the same points
      DerivationLog.recordSweep(tx, now, limit);
    }
    return due.size();
  }

  /**
   * The events by event time; events of the same millisecond keep their input order. A primitive
   * sort of keys packing each time with the event's position (times are 2015-2100 by the decoder's
   * bounds, 42 bits; positions below 2^20), many times cheaper than sorting the events by a
   * comparator; a batch too large to pack, or a time outside 0..2^43, takes the stable comparator
   * sort.
   */
  static List<GatewayEvent> inEventTimeOrder(Collection<GatewayEvent> events) {
    GatewayEvent[] array = events.toArray(GatewayEvent[]::new);
    long[] keys = new long[array.length];
    boolean packable = array.length < 1 << POSITION_BITS;
    boolean sorted = true;
    for (int i = 0; i < array.length && packable; i++) {
      long millis = array[i].occurredAt().toEpochMilli();
      packable = millis >= 0 && millis < 1L << (Long.SIZE - 1 - POSITION_BITS);
      keys[i] = millis << POSITION_BITS | i;
      sorted &= i == 0 || keys[i - 1] < keys[i];
    }
    if (packable && sorted) {
      return List.of(array); // already in event-time order (stable: ties keep input order)
    }
    List<GatewayEvent> ordered = new ArrayList<>(array.length);
    if (packable) {
      java.util.Arrays.sort(keys);
      for (long key : keys) {
        ordered.add(array[(int) (key & ((1L << POSITION_BITS) - 1))]);
      }
      return ordered;
    }
    ordered.addAll(java.util.Arrays.asList(array));
    ordered.sort(java.util.Comparator.comparingLong(event -> event.occurredAt().toEpochMilli()));
    return ordered;
  }

  private static final int POSITION_BITS = 20;

  /** Reads a stored state document. */
  static SessionState read(String json) {
    try {
      return JSON.readValue(json, SessionState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a stored session state does not parse: " + e.getMessage(), e);
    }
  }

  private static String write(SessionState state) {
    try {
      return JSON.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a session state", e);
    }
  }

  /** Stores the directory facts of the batch: capabilities entries and discovery latencies. */
  /** An orchestrator's capabilities as one event announced them. */
  private record Announced(OrchestratorCapabilities orchestrator, java.time.Instant at) {}

  private static void saveDirectory(StoreTransaction tx, List<GatewayEvent> ordered) {
    // the latest announcement of each orchestrator, in the order they first appear; only those
    // become rows (a busy chunk repeats the same capabilities many times)
    Map<EthereumAddress, Announced> latest = new LinkedHashMap<>();
    Map<String, DiscoveryRow> discoveries = new LinkedHashMap<>();
    for (GatewayEvent event : ordered) {
      switch (event) {
        case NetworkCapabilities capabilities -> {
          for (OrchestratorCapabilities orchestrator : capabilities.orchestrators()) {
            if (orchestrator.address().isEmpty()) {
              continue;
            }
            latest.put(
                storable(orchestrator.address().get()),
                new Announced(orchestrator, event.occurredAt()));
          }
        }
        case DiscoveryResults results -> {
          String gateway = event.gateway().orElse("");
          for (DiscoveredOrchestrator found : results.orchestrators()) {
            if (found.address().isEmpty() || found.latency().isEmpty()) {
              continue;
            }
            long ms = found.latency().get().toMillis();
            if (ms < 0 || ms > Integer.MAX_VALUE) {
              continue;
            }
            EthereumAddress address = storable(found.address().get());
            discoveries.put(
                gateway + " " + address.toHex(),
                new DiscoveryRow(gateway, address, found.url(), (int) ms, event.occurredAt()));
          }
        }
        default -> {}
      }
    }
    List<DirectoryRow> entries = new ArrayList<>(latest.size());
    latest.forEach(
        (address, announced) ->
            entries.add(
                Directory.row(
                    address,
                    announced.orchestrator().localAddress().map(SessionEngine::storable),
                    announced.orchestrator().uri(),
                    DirectoryEntry.of(announced.orchestrator()),
                    announced.at())));
    DirectoryStore.saveEntries(tx, entries);
    DirectoryStore.saveDiscoveries(tx, discoveries.values());
  }

  private static EthereumAddress storable(EthAddress address) {
    return EthereumAddress.fromHex(address.value());
  }

  static boolean excused(String message) {
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    for (String excused : EXCUSED_ERRORS) {
      if (lower.contains(excused)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an fps figure can be a real frame rate: an accepted event may carry any finite number,
   * but a sample outside [0, 1000] would skew every statistic, so it is counted apart instead.
   */
  static boolean plausibleFps(double fps) {
    return fps >= 0 && fps <= MAX_PLAUSIBLE_FPS;
  }

  /** The model a payment's manifest names ({@code <n>_<model>}), if it names one. */
  static Optional<String> manifestModel(Optional<String> manifestId) {
    if (manifestId.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = NUMBERED_MANIFEST.matcher(manifestId.get());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The work of one call: loaded sessions, their changes, the observations to roll up. */
  private final class Batch {
    private final StoreTransaction tx;
    private final Directory directory;
    private final long arrival;
    private final String source;
    private final Map<String, SessionState> states = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final Map<String, String> streamByRequest = new HashMap<>();
    private final Map<String, String> streamByPaymentSession = new HashMap<>();
    private final Map<String, String> newPaymentLinks = new LinkedHashMap<>();
    private final List<PendingPayment> orphans = new ArrayList<>();
    private final Rollups rollups;
    private int lateEvents;

    Batch(StoreTransaction tx, Directory directory, long arrival, String source) {
      this.tx = tx;
      this.directory = directory;
      this.arrival = arrival;
      this.source = source;
      this.rollups = new Rollups(directory, settings.regions());
    }

    /** Loads every session the events may touch, with the request and payment session links. */
    void load(List<GatewayEvent> events) {
      Set<String> streamIds = new HashSet<>();
      Set<String> requestIds = new HashSet<>();
      Set<String> paymentSessions = new HashSet<>();
      for (GatewayEvent event : events) {
        event.streamId().ifPresent(streamIds::add);
        if (event instanceof CreateNewPayment payment) {
          payment.requestId().filter(id -> !id.isEmpty()).ifPresent(requestIds::add);
          payment.sessionId().filter(id -> !id.isEmpty()).ifPresent(paymentSessions::add);
        }
      }
      streamByRequest.putAll(SessionStore.streamsByRequest(tx, requestIds));
      streamByPaymentSession.putAll(SessionStore.streamsByPaymentSession(tx, paymentSessions));
      streamIds.addAll(streamByRequest.values());
      streamIds.addAll(streamByPaymentSession.values());
      for (SessionRow row : SessionStore.sessions(tx, streamIds).values()) {
        SessionState state = read(row.state());
        states.put(row.streamId(), state);
        if (state.requestId != null) {
          streamByRequest.putIfAbsent(state.requestId, state.streamId);
        }
        for (String paymentSession : state.paymentSessions) {
          streamByPaymentSession.putIfAbsent(paymentSession, state.streamId);
        }
      }
    }

    void apply(GatewayEvent event) {
      switch (event) {
        case NetworkCapabilities ignored -> {}
        case DiscoveryResults ignored -> {}
        case CreateNewPayment payment -> payment(payment);
        case GpuMetrics metrics when metrics.streamId().isEmpty() ->
            rollups.add(
                gpuObservation(metrics, metrics.occurredAt().toEpochMilli()),
                metrics.gateway().orElse(null),
                traffic(metrics.gateway()),
                metrics.pipeline().orElse(null));
        default -> {
          if (event.streamId().isEmpty()) {
            return;
          }
          SessionState state = session(event);
          if (state == null) {
            return;
          }
          long at = event.occurredAt().toEpochMilli();
          switch (event) {
            case StreamTrace trace -> trace(state, trace, at);
            case AiStreamStatus status -> status(state, status, at);
            case AiStreamEvent streamEvent -> streamEvent(state, streamEvent, at);
            case StreamIngestMetrics metrics -> transfer(state, metrics, at);
            case GpuMetrics metrics -> gpu(state, metrics, at);
            default -> {}
          }
        }
      }
    }

    /** The session of a stream event, created on its first event; null when it is final. */
    private SessionState session(GatewayEvent event) {
      String streamId = event.streamId().get();
      long at = event.occurredAt().toEpochMilli();
      SessionState state = states.get(streamId);
      if (state == null) {
        state = new SessionState();
        state.streamId = streamId;
        state.startedAt = at;
        state.lastEventAt = at;
        state.gateway = event.gateway().orElse(null);
        state.traffic = traffic(event.gateway());
        states.put(streamId, state);
      }
      if ("final".equals(state.status)) {
        state.lateEvents++;
        lateEvents++;
        touched.add(streamId);
        return null;
      }
      if ("closed".equals(state.status) && "inactivity".equals(state.closeReason)) {
        state.status = "open";
        state.closedAt = null;
        state.closedArrivalAt = null;
        state.closeReason = null;
      }
      touched.add(streamId);
      state.events++;
      state.startedAt = Math.min(state.startedAt, at);
      state.lastEventAt = Math.max(state.lastEventAt, at);
      state.lastArrivalAt = Math.max(state.lastArrivalAt, arrival);
      if (state.gateway == null) {
        state.gateway = event.gateway().orElse(null);
        state.traffic = traffic(event.gateway());
      }
      Optional<String> requestId = event.requestId().filter(id -> !id.isEmpty());
      if (state.requestId == null && requestId.isPresent()) {
        state.requestId = requestId.get();
      }
      requestId.ifPresent(id -> streamByRequest.putIfAbsent(id, streamId));
      return state;
    }

    private String traffic(Optional<String> gateway) {
      boolean test =
          "loadgen".equals(source)
              || gateway.map(name -> name.startsWith(settings.testGatewayPrefix())).orElse(false);
      return test ? "test" : "real";
    }

    private void model(SessionState state, Optional<String> model) {
      if (state.model == null
          && model.isPresent()
          && !model.get().isEmpty()
          && model.get().length() <= MAX_NAME_LENGTH) {
        state.model = model.get();
      }
    }

    private void trace(SessionState state, StreamTrace trace, long at) {
      model(state, trace.pipeline());
      if (trace.type() != StreamTraceType.UNKNOWN) {
        state.milestones.merge(trace.type().wireName(), at, Math::min);
      }
      switch (trace.type()) {
        case GATEWAY_NO_ORCHESTRATORS_AVAILABLE -> state.noOrchestrators = true;
        case ORCHESTRATOR_SWAP -> {
          SessionState.Segment abandoned = segment(state, trace.orchestratorInfo(), at);
          if (abandoned != null && !abandoned.swapped) {
            abandoned.swapped = true;
            abandoned.swapReason = trace.message().orElse(null);
            abandoned.to = abandoned.to == null ? at : Math.min(abandoned.to, at);
            observe(state, Observation.of(Kind.SWAP, at, abandoned.named, abandoned.url));
          }
        }
        case GATEWAY_INGEST_STREAM_CLOSED -> {
          if ("open".equals(state.status)) {
            state.status = "closed";
            state.closedAt = at;
            state.closedArrivalAt = arrival;
            state.closeReason = "stream_closed";
          } else if (state.closedAt != null) {
            state.closedAt = Math.max(state.closedAt, at);
          }
        }
        case GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT,
            GATEWAY_RECEIVE_FEW_PROCESSED_SEGMENTS,
            RUNNER_SEND_FIRST_PROCESSED_SEGMENT -> {
          SessionState.Segment segment = segment(state, trace.orchestratorInfo(), at);
          if (segment != null) {
            output(state, segment, at);
          }
        }
        default -> segment(state, trace.orchestratorInfo(), at);
      }
    }

    private void status(SessionState state, AiStreamStatus status, long at) {
      model(state, status.pipeline());
      InferenceStatus inference = status.inference();
      inference
          .startTime()
          .ifPresent(
              start ->
                  state.inferenceStart =
                      state.inferenceStart == null
                          ? start.toEpochMilli()
                          : Math.min(state.inferenceStart, start.toEpochMilli()));
      SessionState.Segment segment = segment(state, status.orchestratorInfo(), at);
      if (segment == null) {
        return;
      }
      if (inference.lastParamsHash().isPresent()) {
        String hash = inference.lastParamsHash().get();
        if (state.paramsUpdateAt != null
            && at > state.paramsUpdateAt
            && !hash.equals(state.paramsHashAtUpdate)) {
          // the runner's last output time, when it says one after the update, is when the new
          // prompt's frame came out; else the status's own time bounds it
          long shown =
              inference
                  .lastOutputTime()
                  .map(Instant::toEpochMilli)
                  .filter(output -> output > state.paramsUpdateAt && output <= at)
                  .orElse(at);
          observe(
              state,
              Observation.of(
                  Kind.PROMPT_TO_FIRST_FRAME,
                  state.paramsUpdateAt,
                  segment.named,
                  segment.url,
                  shown - state.paramsUpdateAt));
          state.promptChanges++;
          state.paramsUpdateAt = null;
          state.paramsHashAtUpdate = null;
        }
        state.paramsHash = hash;
      }
      if (inference.outputFps().isPresent() && !plausibleFps(inference.outputFps().getAsDouble())) {
        state.implausibleSamples++;
      } else if (inference.outputFps().isPresent()) {
        double fps = inference.outputFps().getAsDouble();
        FpsMoments before = new FpsMoments(segment.fpsCount, segment.fpsMean, segment.fpsSquares);
        FpsMoments after = before.add(fps);
        segment.fpsCount = after.count();
        segment.fpsMean = after.mean();
        segment.fpsSquares = after.deviationSquares();
        segment.fpsMin = Double.isNaN(segment.fpsMin) ? fps : Math.min(segment.fpsMin, fps);
        segment.fpsMax = Double.isNaN(segment.fpsMax) ? fps : Math.max(segment.fpsMax, fps);
        observe(
            state,
            Observation.of(
                Kind.FPS,
                at,
                segment.named,
                segment.url,
                fps,
                Math.max(0, after.deviationSquares() - before.deviationSquares()),
                0));
        if (fps > 0) {
          output(state, segment, at);
        }
      }
      if (inference.restartCount().isPresent()
          && inference.restartCount().getAsInt() > segment.restarts) {
        int more = inference.restartCount().getAsInt() - segment.restarts;
        segment.restarts = inference.restartCount().getAsInt();
        observe(state, Observation.of(Kind.RESTARTS, at, segment.named, segment.url, more));
      }
      inference
          .lastError()
          .filter(error -> !error.isEmpty())
          .ifPresent(error -> error(state, error));
    }

    private void streamEvent(SessionState state, AiStreamEvent event, long at) {
      model(state, event.pipeline());
      if (event.type() == AiStreamEventType.PARAMS_UPDATE) {
        // prompt-to-first-frame of a prompt change: from here to the first status showing a new
        // parameters hash (measured in status())
        if (state.paramsUpdateAt == null || at > state.paramsUpdateAt) {
          state.paramsUpdateAt = at;
          state.paramsHashAtUpdate = state.paramsHash;
        }
        return;
      }
      if (event.type() != AiStreamEventType.ERROR) {
        return;
      }
      String message = event.message().orElse("");
      error(state, message);
      SessionState.Segment segment =
          event.orchestratorInfo().address().isPresent()
              ? segment(state, event.orchestratorInfo(), at)
              : current(state);
      boolean excused = excused(message);
      if (segment == null) {
        if (!state.emitted.contains("unattributed-failure")) {
          state.emitted.add("unattributed-failure");
          observe(state, Observation.of(Kind.FAILURE, at, null, null, 1));
        }
        return;
      }
      if (!segment.failed) {
        segment.failed = true;
        segment.excused = excused;
        observe(
            state, Observation.of(Kind.FAILURE, at, segment.named, segment.url, excused ? 1 : 0));
      }
    }

    private void gpu(SessionState state, GpuMetrics metrics, long at) {
      model(state, metrics.pipeline());
      SessionState.Segment segment = segment(state, metrics.orchestratorInfo(), at);
      if (segment != null) {
        segment.gpuSamples++;
        segment.achievedTflops += metrics.achievedTflops();
        segment.peakTflops += metrics.peakTflops();
      }
      observe(state, gpuObservation(metrics, at));
    }

    private static Observation gpuObservation(GpuMetrics metrics, long at) {
      return Observation.of(
          Kind.GPU,
          at,
          metrics.orchestratorInfo().address().map(EthAddress::value).orElse(null),
          metrics.orchestratorInfo().url().orElse(null),
          metrics.achievedTflops(),
          metrics.peakTflops(),
          0);
    }

    private void error(SessionState state, String message) {
      if (state.errors.size() < MAX_ERRORS_KEPT && !state.errors.contains(message)) {
        state.errors.add(message);
      }
    }

    private void transfer(SessionState state, StreamIngestMetrics metrics, long at) {
      if (metrics.bytesReceived().isEmpty() || metrics.bytesSent().isEmpty()) {
        return;
      }
      long[] sample = {at, metrics.bytesReceived().getAsLong(), metrics.bytesSent().getAsLong()};
      SessionState.Segment segment = current(state);
      String named = segment == null ? null : segment.named;
      String url = segment == null ? null : segment.url;
      if (state.transferFirst == null) {
        state.transferFirst = sample;
        state.transferLast = sample;
      } else if (at > state.transferLast[0]) {
        observe(state, transfer(at, named, url, state.transferLast, sample));
        state.transferLast = sample;
      } else if (at < state.transferFirst[0]) {
        observe(state, transfer(at, named, url, sample, state.transferFirst));
        state.transferFirst = sample;
      }
    }

    /**
     * The bytes moved between two cumulative transfer samples ({@code [time, received, sent]}),
     * {@code earlier} before {@code later}, over the seconds between them.
     */
    private static Observation transfer(
        long at, String named, String url, long[] earlier, long[] later) {
      return Observation.of(
          Kind.TRANSFER,
          at,
          named,
          url,
          grown(earlier[1], later[1]),
          grown(earlier[2], later[2]),
          (later[0] - earlier[0]) / 1000.0);
    }

    /** Bytes a cumulative counter grew by; a counter that went back was reset. */
    private static long grown(long before, long after) {
      return after >= before ? after - before : after;
    }

    private void payment(CreateNewPayment payment) {
      PendingPayment pending =
          PendingPayment.of(
              payment,
              traffic(payment.gateway()),
              manifestModel(payment.manifestId()).orElse(null));
      if (attach(pending)) {
        return;
      }
      if (pending.requestId() != null || pending.sessionId() != null) {
        orphans.add(pending);
      } else {
        rollups.add(pending.observation(), pending.gateway(), pending.traffic(), pending.model());
      }
    }

    /**
     * Attaches a payment to the session of the stream it names; false when that stream is not known
     * (yet).
     */
    private boolean attach(PendingPayment payment) {
      String streamId =
          payment.requestId() == null ? null : streamByRequest.get(payment.requestId());
      if (streamId == null && payment.sessionId() != null) {
        streamId = streamByPaymentSession.get(payment.sessionId());
      }
      SessionState state = streamId == null ? null : states.get(streamId);
      if (state == null) {
        return false;
      }
      touched.add(state.streamId);
      if ("final".equals(state.status)) {
        state.lateEvents++;
        lateEvents++;
        rollups.add(payment.observation(), payment.gateway(), payment.traffic(), payment.model());
        return true;
      }
      state.events++;
      model(state, Optional.ofNullable(payment.model()));
      if (payment.sessionId() != null && state.paymentSessions.add(payment.sessionId())) {
        if (streamByPaymentSession.putIfAbsent(payment.sessionId(), state.streamId) == null) {
          newPaymentLinks.put(payment.sessionId(), state.streamId);
        }
      }
      state.payments++;
      state.tickets += payment.tickets();
      if (payment.fees() != null) {
        state.feesWei =
            new BigDecimal(state.feesWei).add(new BigDecimal(payment.fees())).toPlainString();
      }
      observe(state, payment.observation());
      return true;
    }

    /**
     * Attaches the payments that were waiting for the streams this batch touched (in memory, and
     * stored by earlier batches), until no more can be; keeps the rest for later batches.
     */
    private void settleOrphans() {
      for (int round = 0; round < 4; round++) {
        boolean progressed = false;
        List<PendingPayment> waiting = new ArrayList<>();
        for (PendingPayment payment : orphans) {
          if (attach(payment)) {
            progressed = true;
          } else {
            waiting.add(payment);
          }
        }
        orphans.clear();
        orphans.addAll(waiting);
        Set<String> requestIds = new HashSet<>();
        Set<String> paymentSessions = new HashSet<>();
        for (String streamId : touched) {
          SessionState state = states.get(streamId);
          if (state.requestId != null) {
            requestIds.add(state.requestId);
          }
          paymentSessions.addAll(state.paymentSessions);
        }
        List<PaymentOrphanRow> stored = PaymentOrphanStore.take(tx, requestIds, paymentSessions);
        for (PaymentOrphanRow row : stored) {
          orphans.add(PendingPayment.parse(row.payment()));
        }
        if (!progressed && stored.isEmpty()) {
          break;
        }
      }
      List<PaymentOrphanRow> rows = new ArrayList<>(orphans.size());
      for (PendingPayment payment : orphans) {
        rows.add(
            new PaymentOrphanRow(
                java.util.UUID.fromString(payment.eventId()),
                Optional.ofNullable(payment.requestId()),
                Optional.ofNullable(payment.sessionId()),
                Instant.ofEpochMilli(arrival),
                payment.json()));
      }
      PaymentOrphanStore.save(tx, rows);
    }

    /** Rolls up, on their own, payments that waited longer than any stream could claim them. */
    /** Rolls up on their own the orphans too old to be claimed; returns how many. */
    int expireOrphans(Instant cutoff, int limit) {
      List<PaymentOrphanRow> expired = PaymentOrphanStore.takeOlderThan(tx, cutoff, limit);
      for (PaymentOrphanRow row : expired) {
        PendingPayment payment = PendingPayment.parse(row.payment());
        rollups.add(payment.observation(), payment.gateway(), payment.traffic(), payment.model());
      }
      return expired.size();
    }

    /** The segment of the orchestrator an event names, opened on first sight; null when none. */
    private SessionState.Segment segment(SessionState state, OrchestratorInfo info, long at) {
      if (info.address().isEmpty()) {
        return null;
      }
      String named = info.address().get().value();
      String url = info.url().filter(u -> !u.isEmpty()).orElse(null);
      for (SessionState.Segment segment : state.segments) {
        if (segment.named.equals(named)
            && (url == null || segment.url == null || url.equals(segment.url))) {
          if (segment.url == null) {
            segment.url = url;
          }
          segment.from = Math.min(segment.from, at);
          return segment;
        }
      }
      SessionState.Segment previous = current(state);
      if (previous != null && previous.to == null && previous.from <= at) {
        previous.to = at;
      }
      SessionState.Segment segment = new SessionState.Segment();
      segment.named = named;
      segment.url = url;
      segment.from = at;
      state.segments.add(segment);
      if (state.segments.size() == 1) {
        observe(state, Observation.of(Kind.SESSION, state.startedAt, named, url));
        state.emitted.add("session");
      }
      observe(state, Observation.of(Kind.SEGMENT, at, named, url));
      return segment;
    }

    /** The segment that started last. */
    private static SessionState.Segment current(SessionState state) {
      SessionState.Segment latest = null;
      for (SessionState.Segment segment : state.segments) {
        if (latest == null || segment.from >= latest.from) {
          latest = segment;
        }
      }
      return latest;
    }

    private void output(SessionState state, SessionState.Segment segment, long at) {
      segment.output = true;
      if (segment.outputFirst == null) {
        segment.outputFirst = at;
        segment.outputLast = at;
        return;
      }
      long seconds = 0;
      if (at > segment.outputLast) {
        seconds = Math.min(at - segment.outputLast, MAX_INFERENCE_GAP_MS);
        segment.outputLast = at;
      } else if (at < segment.outputFirst) {
        seconds = Math.min(segment.outputFirst - at, MAX_INFERENCE_GAP_MS);
        segment.outputFirst = at;
      }
      if (seconds > 0) {
        observe(
            state,
            Observation.of(Kind.INFERENCE, at, segment.named, segment.url, seconds / 1000.0));
      }
    }

    /** The one-off latencies whose two ends are known. */
    private void latencies(SessionState state) {
      Long request = state.milestones.get("gateway_receive_stream_request");
      Long firstProcessed = state.milestones.get("gateway_receive_first_processed_segment");
      if (request != null && firstProcessed != null && state.emitted.add("startup")) {
        SessionState.Segment served = servedAt(state, firstProcessed);
        String named = served == null ? null : served.named;
        String url = served == null ? null : served.url;
        Optional<Boolean> warm =
            named == null
                ? Optional.empty()
                : directory.warm(
                    directory.key(named, Optional.ofNullable(url)),
                    Optional.ofNullable(state.model));
        double kind = warm.map(w -> w ? 2.0 : 1.0).orElse(0.0);
        observe(
            state,
            Observation.of(Kind.STARTUP, request, named, url, firstProcessed - request, kind, 0));
      }
      Long firstIngest = state.milestones.get("gateway_send_first_ingest_segment");
      Long runnerFirst = state.milestones.get("runner_send_first_processed_segment");
      if (firstIngest != null && runnerFirst != null && state.emitted.add("e2e")) {
        SessionState.Segment served = servedAt(state, runnerFirst);
        observe(
            state,
            Observation.of(
                Kind.END_TO_END,
                firstIngest,
                served == null ? null : served.named,
                served == null ? null : served.url,
                runnerFirst - firstIngest));
      }
      Long playable = state.milestones.get("gateway_receive_few_processed_segments");
      if (playable != null && state.inferenceStart != null && state.emitted.add("p2ff")) {
        SessionState.Segment served = servedAt(state, playable);
        observe(
            state,
            Observation.of(
                Kind.PROMPT_TO_FIRST_FRAME,
                state.inferenceStart,
                served == null ? null : served.named,
                served == null ? null : served.url,
                playable - state.inferenceStart));
      }
    }

    /** The segment serving the stream at a time: the latest that started at or before it. */
    private static SessionState.Segment servedAt(SessionState state, long at) {
      SessionState.Segment best = null;
      for (SessionState.Segment segment : state.segments) {
        if (segment.from <= at && (best == null || segment.from >= best.from)) {
          best = segment;
        }
      }
      return best != null ? best : current(state);
    }

    /** Makes a closed session final: segments that never produced output failed. */
    void finalise(SessionState state) {
      state.status = "final";
      if (!state.emitted.add("final")) {
        return;
      }
      long at = state.closedAt == null ? state.lastEventAt : state.closedAt;
      if (state.segments.isEmpty()) {
        if (state.emitted.add("session")) {
          observe(state, Observation.of(Kind.SESSION, state.startedAt, null, null));
        }
        if (!state.emitted.contains("unattributed-failure")) {
          // nobody served the stream: no orchestrator was available, or the client left first
          observe(state, Observation.of(Kind.FAILURE, at, null, null, 1));
        }
        return;
      }
      for (SessionState.Segment segment : state.segments) {
        if (!segment.output && !segment.swapped && !segment.failed) {
          segment.failed = true;
          segment.excused = state.noOrchestrators;
          observe(
              state,
              Observation.of(
                  Kind.FAILURE, at, segment.named, segment.url, state.noOrchestrators ? 1 : 0));
        }
      }
    }

    private void observe(SessionState state, Observation observation) {
      state.pending.add(observation);
    }

    Applied finish() {
      settleOrphans();
      List<SessionRow> rows = new ArrayList<>(touched.size());
      for (String streamId : touched) {
        SessionState state = states.get(streamId);
        latencies(state);
        boolean ready =
            state.model != null
                || !"open".equals(state.status)
                || state.pending.size() > settings.maxPendingObservations();
        if (ready && !state.pending.isEmpty()) {
          for (Observation observation : state.pending) {
            rollups.add(observation, state.gateway, state.traffic, state.model);
          }
          state.pending = new ArrayList<>();
        }
        rows.add(row(state));
      }
      SessionStore.save(tx, rows);
      SessionStore.linkPaymentSessions(tx, newPaymentLinks);
      int observations = rollups.store(tx, Instant.ofEpochMilli(arrival));
      return new Applied(touched.size(), observations, lateEvents);
    }

    private SessionRow row(SessionState state) {
      return new SessionRow(
          state.streamId,
          Optional.ofNullable(state.requestId),
          Optional.ofNullable(state.gateway),
          state.traffic,
          Optional.ofNullable(state.model),
          state.status,
          Instant.ofEpochMilli(state.startedAt),
          Instant.ofEpochMilli(state.lastEventAt),
          Instant.ofEpochMilli(state.lastArrivalAt),
          Optional.ofNullable(state.closedAt).map(Instant::ofEpochMilli),
          Optional.ofNullable(state.closedArrivalAt).map(Instant::ofEpochMilli),
          Optional.ofNullable(state.closeReason),
          write(state));
    }
  }
}
