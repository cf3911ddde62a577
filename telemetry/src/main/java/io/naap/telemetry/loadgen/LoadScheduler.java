package io.naap.telemetry.loadgen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.EthAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Keeps synthetic test load on every orchestrator of a {@link SyntheticFleet} and writes what the
 * load generator's gateways would publish about it, in the exact gateway event format.
 *
 * <p>The rule: at every moment after {@link #WARM_UP}, each orchestrator carries at least {@code
 * ceil(minLoad x capacity)} test streams (at least one): a stream counts on the orchestrator it is
 * pinned to (test streams measure one orchestrator each) or, after a swap, on the one serving it.
 * When a stream ends, fails or is swapped away, the orchestrator it leaves gets a new one at that
 * instant. An offline orchestrator's attempts count as load for {@link #OFFLINE_RETRY} each.
 *
 * <p>A pure step function: {@link #advance(Instant)} runs the simulation up to the given instant
 * and returns every event that happened since the previous call, in event-time order. Events only
 * depend on the random source, the start and the settings, never on how time is cut into calls: two
 * schedulers with equally seeded sources and the same start produce the same events whatever
 * instants they are advanced to. Not thread-safe: one caller at a time.
 */
public final class LoadScheduler {
  /** Initial streams start at random within this window after the start. */
  public static final Duration WARM_UP = Duration.ofSeconds(5);

  /** How often each gateway publishes network capabilities and a discovery round. */
  public static final Duration NETWORK_INTERVAL = Duration.ofSeconds(60);

  /** How long an attempt on an offline orchestrator counts as its load before the next one. */
  public static final Duration OFFLINE_RETRY = Duration.ofSeconds(60);

  static final long STATUS_INTERVAL = 10_000;
  static final long METRICS_INTERVAL = 5_000;
  static final long SWAP_WINDOW = 180_000;
  static final int MAX_SWAPS_IN_WINDOW = 2;
  static final int DISCOVERY_LIMIT = 8;

  /** Input frame rates of streams on random prompts: webcams and phones. */
  private static final double[] INPUT_FPS = {20, 24, 25, 30};

  /**
   * Streams on the good prompts come from a fixed 30 fps source, above every model's output, so
   * their output depends on the GPU and workload only.
   */
  private static final double BENCHMARK_INPUT_FPS = 30;

  private static final long MIB = 1L << 20;
  private static final String[] START_SWAP_REASONS = {
    "context deadline exceeded",
    "no processed segments received within 5s",
    "error dialing orchestrator: i/o timeout",
  };
  private static final String[] RUNNING_SWAP_REASONS = {
    "stream stalled: no output segments for 5s",
    "orchestrator unhealthy: output fps below the threshold",
    "error sending segment: connection reset by peer",
  };

  private final SyntheticFleet fleet;
  private final PromptDataset goodPrompts;
  private final PromptDataset randomPrompts;
  private final LoadSettings settings;
  private final RandomGenerator rng;
  private final long start;
  private final Ids ids;
  private final GatewayEventWriter writer;
  private final Timeline timeline = new Timeline();
  private final Map<EthAddress, Integer> load = new HashMap<>();
  private final Map<String, Integer> streamsOnGpu = new HashMap<>();
  private final List<String> emitted = new ArrayList<>();
  private long advancedTo;
  private int openStreams;
  private long streamsStarted;

  /**
   * @param fleet the orchestrators to load
   * @param good the "good" prompt dataset
   * @param random the "random" prompt dataset
   * @param settings minimum load, stream durations, dataset choice
   * @param randomGenerator the source of every random choice: seed it to reproduce a run
   * @param start the instant the load begins
   */
  public LoadScheduler(
      SyntheticFleet fleet,
      PromptDataset good,
      PromptDataset random,
      LoadSettings settings,
      RandomGenerator randomGenerator,
      Instant start) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.goodPrompts = Objects.requireNonNull(good, "good");
    this.randomPrompts = Objects.requireNonNull(random, "random");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rng = Objects.requireNonNull(randomGenerator, "randomGenerator");
    this.start = start.toEpochMilli();
    this.advancedTo = Long.MIN_VALUE;
    this.ids = new Ids(randomGenerator, this.start);
    this.writer = new GatewayEventWriter(ids);
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      load.put(orchestrator.address(), 0);
    }
    timeline.at(this.start, () -> networkRound(this.start));
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      for (int i = 0; i < target(orchestrator); i++) {
        timeline.at(
            this.start + uniform(0, WARM_UP.toMillis() - 1), () -> startStream(orchestrator));
      }
    }
  }

  /** A scheduler over the bundled prompt datasets. */
  public static LoadScheduler withBundledPrompts(
      SyntheticFleet fleet, LoadSettings settings, RandomGenerator random, Instant start) {
    return new LoadScheduler(
        fleet, PromptDataset.good(), PromptDataset.random(), settings, random, start);
  }

  /**
   * The bundled fleet and prompts under {@code settings}, every random choice drawn from {@code
   * seed}: the fleet's assignment from one stream of it, the load from another.
   */
  public static LoadScheduler seeded(long seed, LoadSettings settings, Instant start) {
    SplittableRandom root = new SplittableRandom(seed);
    SyntheticFleet fleet = SyntheticFleet.bundled(root.split());
    return withBundledPrompts(fleet, settings, root.split(), start);
  }

  /**
   * Runs the simulation up to {@code now} (inclusive) and returns the envelope JSON texts of every
   * event that happened since the previous call, in event-time order ({@code data.timestamp} where
   * the family has one, else the envelope's).
   *
   * @throws IllegalArgumentException when {@code now} is before a previous call's instant
   */
  public List<String> advance(Instant now) {
    long until = now.toEpochMilli();
    if (until < advancedTo) {
      throw new IllegalArgumentException(
          "time runs forward: advanced to "
              + Instant.ofEpochMilli(advancedTo)
              + ", asked for "
              + now);
    }
    advancedTo = until;
    timeline.runUntil(until);
    List<String> events = List.copyOf(emitted);
    emitted.clear();
    return events;
  }

  /** Test streams counting on the orchestrator now (pinned to it, or swapped to it). */
  public int load(EthAddress orchestrator) {
    return load.getOrDefault(orchestrator, 0);
  }

  /** Every orchestrator's load now, in fleet order. */
  public Map<EthAddress, Integer> loads() {
    Map<EthAddress, Integer> loads = new LinkedHashMap<>();
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      loads.put(orchestrator.address(), load(orchestrator.address()));
    }
    return loads;
  }

  /** The least load kept on the orchestrator: {@code ceil(minLoad x capacity)}, at least one. */
  public int target(SyntheticOrchestrator orchestrator) {
    return settings.target(orchestrator.capacity());
  }

  /** Streams requested and not closed yet. */
  public int activeStreams() {
    return openStreams;
  }

  /** Streams requested since the start (attempts on offline orchestrators included). */
  public long streamsStarted() {
    return streamsStarted;
  }

  public SyntheticFleet fleet() {
    return fleet;
  }

  public LoadSettings settings() {
    return settings;
  }

  public Instant start() {
    return Instant.ofEpochMilli(start);
  }

  // ---- the network: capabilities and discovery per gateway, every minute ----

  private void networkRound(long time) {
    Region[] gateways = Region.values();
    for (int i = 0; i < gateways.length; i++) {
      Region gateway = gateways[i];
      long at = time + 100L * i;
      timeline.at(at, () -> emit(writer.networkCapabilities(at, gateway, capabilitiesEntries())));
      timeline.at(at + 40, () -> emit(writer.discovery(at + 40, gateway, discoverAll(gateway))));
    }
    long next = time + NETWORK_INTERVAL.toMillis();
    timeline.at(next, () -> networkRound(next));
  }

  private List<ObjectNode> capabilitiesEntries() {
    List<ObjectNode> entries = new ArrayList<>();
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      Map<String, Long> memory = new HashMap<>();
      for (SyntheticGpu gpu : orchestrator.gpus()) {
        memory.put(gpu.id(), memoryUsed(orchestrator, gpu, streamsOnGpu.getOrDefault(gpu.id(), 0)));
      }
      int inUse = orchestrator.profile().reachable() ? load(orchestrator.address()) : 0;
      entries.add(
          GatewayEventWriter.capabilitiesEntry(
              fleet.capabilitiesTemplate(orchestrator), orchestrator, inUse, memory));
    }
    return entries;
  }

  /** Every reachable orchestrator, nearest first: offline ones never answer discovery. */
  private List<GatewayEventWriter.Discovered> discoverAll(Region gateway) {
    List<GatewayEventWriter.Discovered> found = new ArrayList<>();
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      if (orchestrator.profile().reachable()) {
        found.add(new GatewayEventWriter.Discovered(orchestrator, latency(gateway, orchestrator)));
      }
    }
    found.sort(byLatency());
    return found;
  }

  /** The reachable orchestrators of the stream's model, nearest first, its target among them. */
  private List<GatewayEventWriter.Discovered> discoverFor(StreamRun stream) {
    List<GatewayEventWriter.Discovered> found = new ArrayList<>();
    GatewayEventWriter.Discovered target = null;
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      if (orchestrator.profile().reachable() && orchestrator.workload() == stream.workload) {
        var entry =
            new GatewayEventWriter.Discovered(orchestrator, latency(stream.gateway, orchestrator));
        found.add(entry);
        if (orchestrator == stream.target) {
          target = entry;
        }
      }
    }
    found.sort(byLatency());
    if (found.size() > DISCOVERY_LIMIT) {
      List<GatewayEventWriter.Discovered> first =
          new ArrayList<>(found.subList(0, DISCOVERY_LIMIT));
      if (target != null && !first.contains(target)) {
        first.set(DISCOVERY_LIMIT - 1, target);
        first.sort(byLatency());
      }
      return first;
    }
    return found;
  }

  private static Comparator<GatewayEventWriter.Discovered> byLatency() {
    return Comparator.comparingLong(GatewayEventWriter.Discovered::latencyMillis)
        .thenComparing(entry -> entry.orchestrator().address().value());
  }

  /** A measured round trip: the regions' base, the orchestrator's own offset, up to 8 ms noise. */
  private long latency(Region gateway, SyntheticOrchestrator orchestrator) {
    return gateway.baseRoundTripMillis(orchestrator.region())
        + orchestrator.latencyOffsetMillis()
        + rng.nextInt(9);
  }

  // ---- streams ----

  private void topUp(SyntheticOrchestrator orchestrator) {
    while (load(orchestrator.address()) < target(orchestrator)) {
      startStream(orchestrator);
    }
  }

  private void startStream(SyntheticOrchestrator target) {
    long now = timeline.now();
    Region[] regions = Region.values();
    Region gateway =
        rng.nextDouble() < 0.6 ? target.region() : regions[rng.nextInt(regions.length)];
    long duration =
        uniform(settings.shortestStream().toMillis(), settings.longestStream().toMillis());
    List<Prompt> prompts =
        switch (settings.dataset()) {
          case GOOD -> goodPrompts.prompts();
          case RANDOM -> randomPrompts.prompts();
          case MIXED -> rng.nextBoolean() ? goodPrompts.prompts() : randomPrompts.prompts();
        };
    List<Prompt> startable =
        prompts.stream().filter(prompt -> prompt.kind() != PromptKind.BAD).toList();
    StreamRun stream =
        new StreamRun(
            ids.streamId(),
            ids.shortHex(),
            gateway,
            target.workload(),
            target,
            now,
            now + duration,
            now + uniform(300, 500),
            prompts,
            startable.get(rng.nextInt(startable.size())),
            prompts == goodPrompts.prompts()
                ? BENCHMARK_INPUT_FPS
                : INPUT_FPS[rng.nextInt(INPUT_FPS.length)],
            uniform(110_000, 220_000));
    openStreams++;
    streamsStarted++;
    book(stream, target);
    emit(writer.streamTrace(now, stream, null, "gateway_receive_stream_request", null));
    long discoveredAt = now + uniform(200, 350);
    if (!target.profile().reachable()) {
      attemptOnOffline(stream, discoveredAt);
      return;
    }
    timeline.at(
        discoveredAt,
        () -> {
          emit(writer.discovery(discoveredAt, stream.gateway, discoverFor(stream)));
          startLeg(stream, target, discoveredAt, true);
        });
    timeline.at(stream.endsAt, () -> end(stream));
    scheduleMetrics(stream, stream.ingestStartedAt + uniform(4_850, 4_950));
  }

  /** The gateway finds no orchestrator for the stream at {@code at}, and closes it later. */
  private void noOrchestratorAvailable(StreamRun stream, long at, long closeAfter) {
    timeline.at(
        at,
        () ->
            emit(writer.streamTrace(at, stream, null, "gateway_no_orchestrators_available", null)));
    closeStream(stream, at + closeAfter, null);
  }

  /**
   * The target is not in discovery: the gateway has no orchestrator for this pinned stream. The
   * attempt counts as the offline orchestrator's load until the next one.
   */
  private void attemptOnOffline(StreamRun stream, long discoveredAt) {
    timeline.at(
        discoveredAt,
        () -> emit(writer.discovery(discoveredAt, stream.gateway, discoverFor(stream))));
    long noneAt = discoveredAt + uniform(20, 80);
    noOrchestratorAvailable(stream, noneAt, uniform(100, 400));
    timeline.at(
        stream.requestedAt + OFFLINE_RETRY.toMillis(),
        () -> {
          SyntheticOrchestrator target = stream.booked;
          release(stream);
          if (target != null) {
            topUp(target);
          }
        });
  }

  /** The part of the stream on {@code orchestrator}, from its choice ({@code begin}) on. */
  private void startLeg(
      StreamRun stream, SyntheticOrchestrator orchestrator, long begin, boolean first) {
    SyntheticGpu gpu = leastLoadedGpu(orchestrator);
    streamsOnGpu.merge(gpu.id(), 1, Integer::sum);
    long runnerStart = begin + (first ? uniform(30, 80) : uniform(50, 150));
    Leg leg = new Leg(stream, orchestrator, gpu, ids.shortHex(), ids.shortHex(), runnerStart);
    stream.leg = leg;
    stream.visited.add(orchestrator.address());
    schedulePayment(leg, begin + (first ? uniform(1, 5) : uniform(100, 300)), 0);
    if (first) {
      timeline.at(
          runnerStart,
          () -> {
            if (leg.active) {
              emit(writer.paramsUpdate(runnerStart, leg, stream.prompt));
            }
          });
      schedulePromptChange(stream, runnerStart + uniform(30_000, 90_000));
    }

    BehaviourProfile profile = orchestrator.profile();
    long startup = uniform(profile.startupMinMillis(), profile.startupMaxMillis());
    long returnDelay = uniform(150, 300);
    long ingestAt;
    long processing;
    if (first) {
      long base = stream.requestedAt;
      ingestAt = Math.max(base + Math.min(uniform(1_000, 2_300), startup - 450), runnerStart + 20);
      processing = base + startup - ingestAt - returnDelay;
    } else {
      ingestAt = begin + uniform(200, 600);
      processing = startup - uniform(1_000, 2_300) - returnDelay;
    }
    long runnerReceiveAt = ingestAt + uniform(1, 4);
    long runnerSendAt = runnerReceiveAt + Math.max(80, processing);
    long outputAt = runnerSendAt + returnDelay;
    trace(leg, ingestAt, "gateway_send_first_ingest_segment");
    trace(leg, runnerReceiveAt, "runner_receive_first_ingest_segment");

    double fate = rng.nextDouble();
    double failure = profile.startupFailureProbability();
    if (fate < failure) {
      String message = failureMessage(gpu);
      timeline.at(runnerReceiveAt + uniform(1_000, 4_000), () -> fail(leg, message));
      return;
    }
    if (fate < failure + profile.swapProbability()) {
      if (rng.nextBoolean()) {
        String reason = START_SWAP_REASONS[rng.nextInt(START_SWAP_REASONS.length)];
        timeline.at(ingestAt + uniform(4_000, 8_000), () -> swap(leg, reason));
        return;
      }
      // a swap-prone orchestrator loses its streams early (output stalls within the first
      // minute), so the profile shows in the KPIs of a fresh naap up within a minute
      long earliest = outputAt + 20_000;
      long latest = Math.min(stream.endsAt - 10_000, outputAt + 45_000);
      if (earliest < latest) {
        String reason = RUNNING_SWAP_REASONS[rng.nextInt(RUNNING_SWAP_REASONS.length)];
        timeline.at(uniform(earliest, latest), () -> swap(leg, reason));
      }
    }
    trace(leg, runnerSendAt, "runner_send_first_processed_segment");
    timeline.at(
        outputAt,
        () -> {
          if (!leg.active) {
            return;
          }
          leg.firstOutputAt = outputAt;
          leg.stateUpdatedAt = outputAt;
          emit(
              writer.streamTrace(
                  outputAt, stream, leg, "gateway_receive_first_processed_segment", null));
          long k = (outputAt - leg.runnerStartedAt) / STATUS_INTERVAL + 1;
          scheduleStatus(leg, k);
        });
    trace(leg, outputAt + uniform(3_000, 4_500), "gateway_receive_few_processed_segments");
  }

  private void trace(Leg leg, long time, String type) {
    timeline.at(
        time,
        () -> {
          if (leg.active) {
            emit(writer.streamTrace(time, leg.stream, leg, type, null));
          }
        });
  }

  private SyntheticGpu leastLoadedGpu(SyntheticOrchestrator orchestrator) {
    List<SyntheticGpu> gpus = orchestrator.liveVideoGpus();
    SyntheticGpu best = gpus.getFirst();
    for (SyntheticGpu gpu : gpus) {
      if (streamsOnGpu.getOrDefault(gpu.id(), 0) < streamsOnGpu.getOrDefault(best.id(), 0)) {
        best = gpu;
      }
    }
    return best;
  }

  private static String failureMessage(SyntheticGpu gpu) {
    double total = gpu.memoryTotal() / (double) (1L << 30);
    return String.format(
        Locale.ROOT,
        "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; %.2f GiB total capacity;"
            + " %.2f GiB already allocated; %.2f GiB free; %.2f GiB reserved in total by PyTorch)",
        total,
        total * 0.92,
        total * 0.03,
        total * 0.94);
  }

  // ---- a leg's outcomes ----

  /** An inference error before any output: the gateway closes the stream. */
  private void fail(Leg leg, String message) {
    StreamRun stream = leg.stream;
    if (!leg.active || stream.closed) {
      return;
    }
    long now = timeline.now();
    leg.lastError = message;
    leg.lastErrorAt = now;
    emit(writer.streamError(now, leg, message));
    endLeg(leg);
    closeStream(stream, now + uniform(200, 1_000), leg);
    leaveAndTopUp(stream);
  }

  /** The gateway abandons the leg's orchestrator and continues the stream on another one. */
  private void swap(Leg leg, String reason) {
    StreamRun stream = leg.stream;
    if (!leg.active || stream.closed) {
      return;
    }
    long now = timeline.now();
    emit(writer.streamTrace(now, stream, leg, "orchestrator_swap", reason));
    endLeg(leg);
    SyntheticOrchestrator from = leg.orchestrator;
    release(stream);
    stream.swapTimes.add(now);
    long recent = stream.swapTimes.stream().filter(t -> t > now - SWAP_WINDOW).count();
    if (recent > MAX_SWAPS_IN_WINDOW) {
      closeStream(stream, now + uniform(50, 200), null);
      topUp(from);
      return;
    }
    Optional<SyntheticOrchestrator> next = replacement(stream);
    if (next.isEmpty()) {
      long noneAt = now + uniform(20, 80);
      noOrchestratorAvailable(stream, noneAt, uniform(100, 300));
      topUp(from);
      return;
    }
    book(stream, next.get());
    startLeg(stream, next.get(), now, false);
    topUp(from);
  }

  /**
   * Where the gateway continues a swapped stream: the nearest reachable orchestrator of the model
   * with spare capacity that the stream has not been on.
   */
  private Optional<SyntheticOrchestrator> replacement(StreamRun stream) {
    return fleet.orchestrators().stream()
        .filter(o -> o.profile().reachable())
        .filter(o -> o.workload() == stream.workload)
        .filter(o -> !stream.visited.contains(o.address()))
        .filter(o -> load(o.address()) < o.capacity())
        .min(
            Comparator.comparingLong(
                    (SyntheticOrchestrator o) ->
                        stream.gateway.baseRoundTripMillis(o.region()) + o.latencyOffsetMillis())
                .thenComparing(o -> o.address().value()));
  }

  /** The stream's time is up: the client stops, the gateway closes the ingest. */
  private void end(StreamRun stream) {
    if (stream.closed) {
      return;
    }
    long now = timeline.now();
    Leg leg = stream.leg;
    if (leg != null && leg.active) {
      endLeg(leg);
    }
    stream.closed = true;
    openStreams--;
    emit(writer.streamTrace(now, stream, leg, "gateway_ingest_stream_closed", null));
    leaveAndTopUp(stream);
  }

  private void endLeg(Leg leg) {
    leg.active = false;
    streamsOnGpu.merge(leg.gpu.id(), -1, Integer::sum);
  }

  private void closeStream(StreamRun stream, long at, Leg leg) {
    if (!stream.closed) {
      stream.closed = true;
      openStreams--;
    }
    timeline.at(
        at, () -> emit(writer.streamTrace(at, stream, leg, "gateway_ingest_stream_closed", null)));
  }

  private void leaveAndTopUp(StreamRun stream) {
    SyntheticOrchestrator left = stream.booked;
    release(stream);
    if (left != null) {
      topUp(left);
    }
  }

  private void book(StreamRun stream, SyntheticOrchestrator orchestrator) {
    load.merge(orchestrator.address(), 1, Integer::sum);
    stream.booked = orchestrator;
  }

  private void release(StreamRun stream) {
    if (stream.booked != null) {
      load.merge(stream.booked.address(), -1, Integer::sum);
      stream.booked = null;
    }
  }

  // ---- while a leg produces output ----

  private void scheduleStatus(Leg leg, long k) {
    long time = leg.runnerStartedAt + k * STATUS_INTERVAL + uniform(0, 4);
    timeline.at(
        time,
        () -> {
          if (!leg.producing()) {
            return;
          }
          status(leg, time);
          scheduleStatus(leg, k + 1);
        });
  }

  private void status(Leg leg, long time) {
    StreamRun stream = leg.stream;
    SyntheticOrchestrator orchestrator = leg.orchestrator;
    double inputFps = Math.max(1, stream.inputFps * (1 + 0.01 * rng.nextGaussian()));
    double mean = orchestrator.expectedFps(leg.gpu) * stream.prompt.fpsFactor();
    double sample = mean * (1 + orchestrator.profile().fpsVariation() * rng.nextGaussian());
    double fps = Math.min(inputFps, Math.max(0.05 * mean, sample));
    String state = fps < 0.6 * mean ? "DEGRADED_INFERENCE" : "ONLINE";
    if (!state.equals(leg.state)) {
      leg.state = state;
      leg.stateUpdatedAt = Math.max(leg.lastStatusAt, time - uniform(200, 3_000));
    }
    emit(
        writer.status(
            time,
            time - uniform(0, 3),
            leg,
            fps,
            inputFps,
            time - uniform(20, 120),
            time - uniform(5, 100)));
    leg.lastStatusAt = time;
    leg.lastFps = fps;
    long gpuAt = time + uniform(5, 60);
    timeline.at(
        gpuAt,
        () -> {
          if (leg.producing()) {
            gpuMetrics(leg, gpuAt);
          }
        });
  }

  /**
   * The extension event: FLOPS achieved by the stream's frames over the last window against the
   * GPU's peak; utilisation around the profile's mean.
   */
  private void gpuMetrics(Leg leg, long time) {
    SyntheticOrchestrator orchestrator = leg.orchestrator;
    GpuClass gpuClass = leg.gpu.gpuClass();
    double peak = gpuClass.peakTflops();
    double achieved =
        Math.min(0.95 * peak, leg.lastFps * orchestrator.workload().teraflopPerFrame());
    BehaviourProfile profile = orchestrator.profile();
    double spread = profile == BehaviourProfile.JITTERY ? 0.12 : 0.03;
    double utilisation =
        Math.min(100, Math.max(5, 100 * (profile.utilisation() + spread * rng.nextGaussian())));
    int streams = Math.max(1, streamsOnGpu.getOrDefault(leg.gpu.id(), 1));
    emit(
        writer.gpuMetrics(
            time,
            leg,
            memoryUsed(orchestrator, leg.gpu, streams),
            STATUS_INTERVAL,
            Math.round(achieved * 100) / 100.0,
            peak,
            Math.round(utilisation * 10) / 10.0));
  }

  /** VRAM in use with {@code streams} streams of the workload on the GPU (runtime included). */
  private long memoryUsed(SyntheticOrchestrator orchestrator, SyntheticGpu gpu, int streams) {
    if (streams <= 0) {
      return 0;
    }
    long used = streams * orchestrator.workload().memoryBytes() + 600 * MIB + uniform(0, 300 * MIB);
    return Math.min(used, (long) (gpu.memoryTotal() * 0.97));
  }

  private void schedulePayment(Leg leg, long time, int index) {
    timeline.at(
        time,
        () -> {
          if (!leg.active) {
            return;
          }
          emit(writer.payment(time, leg, index, index == 0 ? 2 : 1, leg.stream.gateway));
          long next = index < 2 ? time + uniform(5_800, 6_200) : time + uniform(52_000, 56_000);
          schedulePayment(leg, next, index + 1);
        });
  }

  /**
   * The client changes the prompt: a {@code params_update}; a bad prompt is rejected with an error
   * (the params in force stay), any other one applies within a second.
   */
  private void schedulePromptChange(StreamRun stream, long time) {
    timeline.at(
        time,
        () -> {
          if (stream.closed) {
            return;
          }
          Leg leg = stream.leg;
          Prompt next = stream.prompts.get(rng.nextInt(stream.prompts.size()));
          if (leg.active) {
            emit(writer.paramsUpdate(time, leg, next));
            if (next.kind() == PromptKind.BAD) {
              long errorAt = time + uniform(300, 1_500);
              timeline.at(
                  errorAt,
                  () -> {
                    if (leg.active) {
                      leg.lastError = next.error().orElseThrow();
                      leg.lastErrorAt = errorAt;
                      emit(writer.streamError(errorAt, leg, leg.lastError));
                    }
                  });
            } else {
              long appliedAt = time + uniform(200, 800);
              timeline.at(
                  appliedAt,
                  () -> {
                    if (!stream.closed) {
                      stream.prompt = next;
                      stream.leg.paramsUpdatedAt = appliedAt;
                    }
                  });
            }
          }
          schedulePromptChange(stream, time + uniform(30_000, 90_000));
        });
  }

  /** Client-to-gateway ingest every 5 s: cumulative bytes and packets, track statistics. */
  private void scheduleMetrics(StreamRun stream, long time) {
    timeline.at(
        time,
        () -> {
          if (stream.closed) {
            return;
          }
          long since = time - Math.max(stream.ingestStartedAt, stream.lastMetricsAt);
          double seconds = Math.max(0, since) / 1000.0;
          long received =
              Math.max(
                  0, Math.round(stream.bytesPerSecond * seconds * (1 + 0.15 * rng.nextGaussian())));
          stream.bytesReceived += received;
          stream.bytesSent +=
              Math.max(0, Math.round(700 * seconds * (1 + 0.1 * rng.nextGaussian())));
          stream.videoPackets += received / 1_150;
          stream.audioPackets += Math.round(50 * seconds);
          if (rng.nextDouble() < 0.03) {
            stream.videoPacketsLost += 1 + rng.nextInt(5);
          }
          double lossPercent =
              stream.videoPackets == 0 ? 0 : 100.0 * stream.videoPacketsLost / stream.videoPackets;
          String quality = lossPercent > 2 ? "poor" : lossPercent > 0.5 ? "fair" : "good";
          emit(
              writer.ingestMetrics(
                  time,
                  stream,
                  3 + 7 * rng.nextDouble(),
                  19.9 + 0.02 * rng.nextGaussian(),
                  quality));
          stream.lastMetricsAt = time;
          scheduleMetrics(stream, time + METRICS_INTERVAL + uniform(-1, 1));
        });
  }

  // ---- parts ----

  private void emit(String event) {
    emitted.add(event);
  }

  /** A uniform draw in [min, max]. */
  private long uniform(long min, long max) {
    return max <= min ? min : min + rng.nextLong(max - min + 1);
  }
}
