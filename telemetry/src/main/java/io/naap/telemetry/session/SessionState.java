package io.naap.telemetry.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The session engine's full state of one stream, stored as the session row's JSON document. Times
 * are unix ms. Mutable; owned by {@link SessionEngine} while it applies a batch.
 */
final class SessionState {
  String streamId;
  String requestId;
  String gateway;
  String traffic;
  String model;
  String status = "open";
  long startedAt;
  long lastEventAt;
  long lastArrivalAt;
  Long closedAt;
  Long closedArrivalAt;
  String closeReason;

  /** Earliest time of each stream_trace subtype seen. */
  Map<String, Long> milestones = new TreeMap<>();

  /** The runner's inference start ({@code start_time}), the earliest seen. */
  Long inferenceStart;

  /** The parameters hash the runner reported last. */
  String paramsHash;

  /** A params_update not yet reflected in a status, and the hash in force when it was sent. */
  Long paramsUpdateAt;

  String paramsHashAtUpdate;

  /** Prompt changes whose first frame was measured. */
  long promptChanges;

  boolean noOrchestrators;
  List<Segment> segments = new ArrayList<>();

  /** Earliest and latest ingest byte counters: t, bytes received (up), bytes sent (down). */
  long[] transferFirst;

  long[] transferLast;

  long payments;
  long tickets;
  String feesWei = "0";
  Set<String> paymentSessions = new TreeSet<>();

  /** Which one-off observations were made: session, startup, e2e, p2ff, final. */
  Set<String> emitted = new TreeSet<>();

  List<Observation> pending = new ArrayList<>();
  long events;
  long lateEvents;

  /** fps samples outside [0, 1000], left out of the statistics. */
  long implausibleSamples;

  List<String> errors = new ArrayList<>();

  /** One orchestrator serving the stream. */
  static final class Segment {
    String named;
    String url;
    long from;
    Long to;
    boolean output;
    Long outputFirst;
    Long outputLast;
    boolean swapped;
    String swapReason;
    boolean failed;
    boolean excused;
    long fpsCount;
    double fpsMean;
    double fpsSquares;
    double fpsMin = Double.NaN;
    double fpsMax = Double.NaN;
    int restarts;
    long gpuSamples;
    double achievedTflops;
    double peakTflops;
  }
}
