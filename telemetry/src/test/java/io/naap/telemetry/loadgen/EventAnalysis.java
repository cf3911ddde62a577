package io.naap.telemetry.loadgen;

import io.naap.telemetry.event.AiStreamEvent;
import io.naap.telemetry.event.AiStreamEventType;
import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.OrchestratorInfo;
import io.naap.telemetry.event.StreamTrace;
import io.naap.telemetry.event.StreamTraceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * KPIs computed straight from generated events, independently of the scheduler's state: what a
 * consumer of the gateway format would see. Orchestrators are recognised by the service URL the
 * events name (local addresses are shared by several orchestrators).
 */
final class EventAnalysis {
  private final SyntheticFleet fleet;
  private final Map<String, SyntheticOrchestrator> byUri = new HashMap<>();

  /** Each stream's events in event-time order. */
  final Map<String, List<GatewayEvent>> streams = new LinkedHashMap<>();

  EventAnalysis(SyntheticFleet fleet, List<GatewayEvent> events) {
    this.fleet = fleet;
    fleet.orchestrators().forEach(o -> byUri.put(o.uri(), o));
    for (GatewayEvent event : events) {
      event
          .streamId()
          .ifPresent(id -> streams.computeIfAbsent(id, k -> new ArrayList<>()).add(event));
    }
    streams.values().forEach(list -> list.sort(Comparator.comparing(GatewayEvent::occurredAt)));
  }

  Optional<SyntheticOrchestrator> named(OrchestratorInfo info) {
    return info.url().map(byUri::get);
  }

  static Optional<OrchestratorInfo> info(GatewayEvent event) {
    return switch (event) {
      case StreamTrace trace -> Optional.of(trace.orchestratorInfo());
      case AiStreamStatus status -> Optional.of(status.orchestratorInfo());
      case AiStreamEvent streamEvent -> Optional.of(streamEvent.orchestratorInfo());
      default -> Optional.empty();
    };
  }

  static boolean isTrace(GatewayEvent event, StreamTraceType type) {
    return event instanceof StreamTrace trace && trace.type() == type;
  }

  /** One stream on one orchestrator: its fps samples, whether it produced, how it ended. */
  static final class Session {
    final String streamId;
    final SyntheticOrchestrator orchestrator;
    final List<Double> fps = new ArrayList<>();
    boolean produced;
    boolean swappedAway;
    boolean failed;

    Session(String streamId, SyntheticOrchestrator orchestrator) {
      this.streamId = streamId;
      this.orchestrator = orchestrator;
    }

    double jitterCoefficient() {
      double mean = fps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double variance = fps.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / fps.size();
      return Math.sqrt(variance) / mean;
    }

    double meanFps() {
      return fps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
  }

  /** Every (stream, orchestrator) session that reached the orchestrator (first ingest segment). */
  List<Session> sessions() {
    List<Session> sessions = new ArrayList<>();
    for (Map.Entry<String, List<GatewayEvent>> stream : streams.entrySet()) {
      Session current = null;
      for (GatewayEvent event : stream.getValue()) {
        Optional<SyntheticOrchestrator> orchestrator = info(event).flatMap(this::named);
        if (isTrace(event, StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT)) {
          current = new Session(stream.getKey(), orchestrator.orElseThrow());
          sessions.add(current);
        } else if (current == null) {
          continue;
        } else if (isTrace(event, StreamTraceType.GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT)) {
          current.produced = true;
        } else if (isTrace(event, StreamTraceType.ORCHESTRATOR_SWAP)) {
          current.swappedAway = true;
        } else if (event instanceof AiStreamEvent error
            && error.type() == AiStreamEventType.ERROR
            && !current.produced) {
          current.failed = true;
        } else if (event instanceof AiStreamStatus status) {
          status.inference().outputFps().ifPresent(current.fps::add);
        }
      }
    }
    return sessions;
  }

  /** Sessions by the profile of their orchestrator. */
  Map<BehaviourProfile, List<Session>> sessionsByProfile() {
    Map<BehaviourProfile, List<Session>> byProfile = new EnumMap<>(BehaviourProfile.class);
    for (Session session : sessions()) {
      byProfile
          .computeIfAbsent(session.orchestrator.profile(), k -> new ArrayList<>())
          .add(session);
    }
    return byProfile;
  }

  /** Startup latency of each stream's first session: first processed segment - stream request. */
  Map<BehaviourProfile, List<Duration>> startupsByProfile() {
    Map<BehaviourProfile, List<Duration>> byProfile = new EnumMap<>(BehaviourProfile.class);
    for (List<GatewayEvent> events : streams.values()) {
      GatewayEvent request = events.getFirst();
      Optional<GatewayEvent> firstIngest =
          events.stream()
              .filter(e -> isTrace(e, StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT))
              .findFirst();
      Optional<GatewayEvent> firstOutput =
          events.stream()
              .filter(e -> isTrace(e, StreamTraceType.GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT))
              .findFirst();
      boolean swappedBefore =
          events.stream()
              .anyMatch(
                  e ->
                      isTrace(e, StreamTraceType.ORCHESTRATOR_SWAP)
                          && firstOutput.isPresent()
                          && e.occurredAt().isBefore(firstOutput.get().occurredAt()));
      if (firstIngest.isEmpty() || firstOutput.isEmpty() || swappedBefore) {
        continue;
      }
      SyntheticOrchestrator orchestrator =
          info(firstIngest.get()).flatMap(this::named).orElseThrow();
      byProfile
          .computeIfAbsent(orchestrator.profile(), k -> new ArrayList<>())
          .add(Duration.between(request.occurredAt(), firstOutput.get().occurredAt()));
    }
    return byProfile;
  }

  SyntheticFleet fleet() {
    return fleet;
  }
}
