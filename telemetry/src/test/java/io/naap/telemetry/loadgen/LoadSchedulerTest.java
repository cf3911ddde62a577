package io.naap.telemetry.loadgen;

import static io.naap.telemetry.loadgen.EventAnalysis.info;
import static io.naap.telemetry.loadgen.EventAnalysis.isTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.DiscoveryResults;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.StreamTrace;
import io.naap.telemetry.event.StreamTraceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadSchedulerTest {
  private static Simulation run;
  private static List<GatewayEvent> decoded;
  private static EventAnalysis analysis;

  @BeforeAll
  static void runTwentyMinutes() {
    run =
        Simulation.run(
            11, Simulation.shortStreams(), Duration.ofMinutes(20), Duration.ofSeconds(1));
    decoded = run.decoded();
    analysis = new EventAnalysis(run.fleet(), decoded);
  }

  @Test
  void keepsAtLeastTheMinimumLoadOnEveryOrchestratorAtEveryTickAfterWarmUp() {
    Instant warm = Simulation.START.plus(LoadScheduler.WARM_UP);
    int checked = 0;
    for (Simulation.Tick tick : run.ticks) {
      if (tick.at().isBefore(warm)) {
        continue;
      }
      for (SyntheticOrchestrator orchestrator : run.fleet().orchestrators()) {
        int load = tick.loads().get(orchestrator.address());
        assertThat(load)
            .as(
                "%s (%s, capacity %d) at %s",
                orchestrator.uri(), orchestrator.profile(), orchestrator.capacity(), tick.at())
            .isGreaterThanOrEqualTo(run.scheduler.target(orchestrator))
            .isGreaterThanOrEqualTo((int) Math.ceil(0.2 * orchestrator.capacity()))
            .isLessThanOrEqualTo(orchestrator.capacity());
        checked++;
      }
    }
    assertThat(checked).isEqualTo((20 * 60 - 4) * run.fleet().orchestrators().size());
    assertThat(run.scheduler.streamsStarted())
        .as("streams ended and were replaced many times over")
        .isGreaterThan(5L * run.fleet().orchestrators().size());
  }

  @Test
  void aHigherMinimumLoadKeepsMoreStreams() {
    LoadSettings half = Simulation.shortStreams().withMinLoad(0.5);
    Simulation busy = Simulation.run(11, half, Duration.ofMinutes(3), Duration.ofSeconds(1));
    for (SyntheticOrchestrator orchestrator : busy.fleet().orchestrators()) {
      int expected = (int) Math.ceil(0.5 * orchestrator.capacity());
      assertThat(busy.scheduler.target(orchestrator)).isEqualTo(expected);
      assertThat(busy.ticks.getLast().loads().get(orchestrator.address()))
          .isGreaterThanOrEqualTo(expected);
    }
  }

  @Test
  void everyStreamGoesThroughTheGatewayLifecycleInOrder() {
    int closed = 0;
    for (Map.Entry<String, List<GatewayEvent>> stream : analysis.streams.entrySet()) {
      List<GatewayEvent> events = stream.getValue();
      assertThat(isTrace(events.getFirst(), StreamTraceType.GATEWAY_RECEIVE_STREAM_REQUEST))
          .as("%s starts with the request", stream.getKey())
          .isTrue();
      assertThat(((StreamTrace) events.getFirst()).orchestratorInfo().address())
          .as("no orchestrator is chosen at the request")
          .isEmpty();
      int closedAt = -1;
      List<StreamTraceType> legSteps = new ArrayList<>();
      Optional<EthAddress> legOrchestrator = Optional.empty();
      for (int i = 1; i < events.size(); i++) {
        GatewayEvent event = events.get(i);
        assertThat(closedAt)
            .as("%s: nothing after the stream closed", stream.getKey())
            .isEqualTo(-1);
        if (event instanceof StreamTrace trace) {
          switch (trace.type()) {
            case GATEWAY_SEND_FIRST_INGEST_SEGMENT -> {
              legSteps.clear();
              legSteps.add(trace.type());
              legOrchestrator = trace.orchestratorInfo().address();
              assertThat(legOrchestrator).isPresent();
            }
            case RUNNER_RECEIVE_FIRST_INGEST_SEGMENT,
                RUNNER_SEND_FIRST_PROCESSED_SEGMENT,
                GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT,
                GATEWAY_RECEIVE_FEW_PROCESSED_SEGMENTS -> {
              legSteps.add(trace.type());
              assertThat(trace.orchestratorInfo().address()).isEqualTo(legOrchestrator);
            }
            case ORCHESTRATOR_SWAP, GATEWAY_NO_ORCHESTRATORS_AVAILABLE -> legSteps.clear();
            case GATEWAY_INGEST_STREAM_CLOSED -> closedAt = i;
            default -> throw new AssertionError("unexpected " + trace.rawType());
          }
          assertThat(legSteps)
              .as("%s: a session's steps in the gateway's order", stream.getKey())
              .isSubsetOf(LEG_ORDER)
              .isEqualTo(LEG_ORDER.subList(0, legSteps.size()));
        } else if (event instanceof AiStreamStatus status) {
          assertThat(legSteps)
              .as("%s: statuses only once output flows", stream.getKey())
              .contains(StreamTraceType.GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT);
          assertThat(status.orchestratorInfo().address()).isEqualTo(legOrchestrator);
        }
      }
      if (closedAt >= 0) {
        closed++;
      }
    }
    assertThat(closed).as("streams closed within the run").isGreaterThan(200);
  }

  private static final List<StreamTraceType> LEG_ORDER =
      List.of(
          StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT,
          StreamTraceType.RUNNER_RECEIVE_FIRST_INGEST_SEGMENT,
          StreamTraceType.RUNNER_SEND_FIRST_PROCESSED_SEGMENT,
          StreamTraceType.GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT,
          StreamTraceType.GATEWAY_RECEIVE_FEW_PROCESSED_SEGMENTS);

  @Test
  void aSwapNamesTheAbandonedOrchestratorAndTheStreamContinuesElsewhere() {
    int swaps = 0;
    int continued = 0;
    for (List<GatewayEvent> events : analysis.streams.values()) {
      Optional<EthAddress> serving = Optional.empty();
      Optional<String> servingUrl = Optional.empty();
      for (int i = 0; i < events.size(); i++) {
        GatewayEvent event = events.get(i);
        if (isTrace(event, StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT)) {
          serving = info(event).orElseThrow().address();
          servingUrl = info(event).orElseThrow().url();
        } else if (isTrace(event, StreamTraceType.ORCHESTRATOR_SWAP)) {
          swaps++;
          StreamTrace swap = (StreamTrace) event;
          assertThat(swap.orchestratorInfo().address()).isEqualTo(serving).isPresent();
          assertThat(swap.orchestratorInfo().url()).isEqualTo(servingUrl);
          assertThat(swap.message()).as("the reason").isPresent();
          Optional<String> abandoned = servingUrl;
          Optional<GatewayEvent> next =
              events.subList(i + 1, events.size()).stream()
                  .filter(
                      e ->
                          isTrace(e, StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT)
                              || isTrace(e, StreamTraceType.GATEWAY_INGEST_STREAM_CLOSED))
                  .findFirst();
          if (next.isPresent()
              && isTrace(next.get(), StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT)) {
            continued++;
            assertThat(info(next.get()).orElseThrow().url()).isNotEqualTo(abandoned);
          }
        }
      }
    }
    assertThat(swaps).isGreaterThan(20);
    assertThat(continued).as("most swapped streams go on elsewhere").isGreaterThan(swaps / 2);
  }

  @Test
  void offlineOrchestratorsAreNeverDiscoveredNorServeButTheirAttemptsCount() {
    List<SyntheticOrchestrator> offline =
        run.fleet().orchestrators().stream()
            .filter(o -> o.profile() == BehaviourProfile.OFFLINE)
            .toList();
    assertThat(offline).isNotEmpty();
    for (GatewayEvent event : decoded) {
      if (event instanceof DiscoveryResults discovery) {
        assertThat(discovery.orchestrators())
            .noneMatch(
                found -> offline.stream().anyMatch(o -> found.url().equals(Optional.of(o.uri()))));
      }
      info(event)
          .flatMap(analysis::named)
          .ifPresent(named -> assertThat(named.profile()).isNotEqualTo(BehaviourProfile.OFFLINE));
    }
    assertThat(decoded)
        .filteredOn(e -> isTrace(e, StreamTraceType.GATEWAY_NO_ORCHESTRATORS_AVAILABLE))
        .as("the attempts on offline orchestrators, one a minute each")
        .hasSizeGreaterThanOrEqualTo(offline.size() * 19);
    for (SyntheticOrchestrator orchestrator : offline) {
      assertThat(run.ticks.getLast().loads().get(orchestrator.address())).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void eventsComeInEventTimeOrderWithinAndAcrossTicks() {
    for (int i = 1; i < decoded.size(); i++) {
      assertThat(decoded.get(i).occurredAt())
          .as("event %d", i)
          .isAfterOrEqualTo(decoded.get(i - 1).occurredAt());
    }
    Instant previous = Simulation.START.minusMillis(1);
    int index = 0;
    for (Simulation.Tick tick : run.ticks) {
      for (int i = 0; i < tick.eventCount(); i++, index++) {
        Instant at = decoded.get(index).occurredAt();
        assertThat(at).isAfter(previous).isBeforeOrEqualTo(tick.at());
      }
      previous = tick.at();
    }
  }

  @Test
  void theSameSeedAndStartGiveTheSameEventsAndAnotherSeedOthers() {
    Simulation again =
        Simulation.run(
            11, Simulation.shortStreams(), Duration.ofMinutes(20), Duration.ofSeconds(1));
    assertThat(again.events).isEqualTo(run.events);
    Simulation other =
        Simulation.run(12, Simulation.shortStreams(), Duration.ofMinutes(2), Duration.ofSeconds(1));
    assertThat(other.events.getFirst()).isNotEqualTo(run.events.getFirst());
  }

  @Test
  void eventsDoNotDependOnHowTimeIsCutIntoTicks() {
    LoadScheduler scheduler = LoadScheduler.seeded(11, Simulation.shortStreams(), Simulation.START);
    List<String> events = new ArrayList<>();
    SplittableRandom steps = new SplittableRandom(99);
    Instant at = Simulation.START;
    Instant end = Simulation.START.plus(Duration.ofMinutes(20));
    while (at.isBefore(end)) {
      at = at.plusMillis(1 + steps.nextInt(20_000));
      if (at.isAfter(end)) {
        at = end;
      }
      events.addAll(scheduler.advance(at));
      events.addAll(scheduler.advance(at));
    }
    assertThat(events).isEqualTo(run.events);
  }

  @Test
  void theSameSeedAtAnotherStartDoesNotRepeatEventIds() {
    LoadScheduler later =
        LoadScheduler.seeded(11, Simulation.shortStreams(), Simulation.START.plusSeconds(3_600));
    String first = later.advance(Simulation.START.plusSeconds(3_600)).getFirst();
    assertThat(first).startsWith("{\"id\":\"");
    assertThat(first.substring(7, 43)).isNotEqualTo(run.events.getFirst().substring(7, 43));
  }

  @Test
  void timeOnlyRunsForward() {
    LoadScheduler scheduler = LoadScheduler.seeded(1, LoadSettings.defaults(), Simulation.START);
    assertThat(scheduler.advance(Simulation.START.minusSeconds(10))).isEmpty();
    scheduler.advance(Simulation.START.plusSeconds(10));
    assertThatThrownBy(() -> scheduler.advance(Simulation.START.plusSeconds(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time runs forward");
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> LoadSettings.defaults().withMinLoad(0))
        .hasMessageContaining("min-load must be in (0, 1]");
    assertThatThrownBy(() -> LoadSettings.defaults().withMinLoad(1.5))
        .hasMessageContaining("min-load");
    assertThatThrownBy(
            () ->
                LoadSettings.defaults()
                    .withStreamDurations(Duration.ofSeconds(5), Duration.ofMinutes(1)))
        .hasMessageContaining("at least 10 s");
    assertThatThrownBy(
            () ->
                LoadSettings.defaults()
                    .withStreamDurations(Duration.ofMinutes(2), Duration.ofMinutes(1)))
        .hasMessageContaining("shorter than the shortest");
    LoadSettings fifth = LoadSettings.defaults();
    assertThat(fifth.target(1)).isEqualTo(1);
    assertThat(fifth.target(5)).isEqualTo(1);
    assertThat(fifth.target(6)).isEqualTo(2);
    assertThat(fifth.target(15)).isEqualTo(3);
  }
}
