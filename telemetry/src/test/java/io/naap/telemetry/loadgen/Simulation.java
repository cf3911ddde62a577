package io.naap.telemetry.loadgen;

import io.naap.telemetry.decode.DecodeBatch;
import io.naap.telemetry.decode.Decoded;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.GatewayEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A scheduler run on a fake clock: the events of every tick and the load after each. */
final class Simulation {
  static final Instant START = Instant.parse("2026-01-08T21:00:00Z");

  private static final TelemetryInput INPUT =
      new TelemetryInput(new EventDecoder(DecoderSettings.defaults()));

  final LoadScheduler scheduler;
  final List<String> events = new ArrayList<>();
  final List<Tick> ticks = new ArrayList<>();

  /** The state after one call of {@code advance}. */
  record Tick(Instant at, int eventCount, Map<EthAddress, Integer> loads) {}

  private Simulation(LoadScheduler scheduler) {
    this.scheduler = scheduler;
  }

  static Simulation run(long seed, LoadSettings settings, Duration length, Duration tick) {
    Simulation simulation = new Simulation(LoadScheduler.seeded(seed, settings, START));
    simulation.advanceBy(length, tick);
    return simulation;
  }

  /** Streams of 1-3 minutes so that many start, end and get replaced in a short run. */
  static LoadSettings shortStreams() {
    return LoadSettings.defaults()
        .withStreamDurations(Duration.ofMinutes(1), Duration.ofMinutes(3));
  }

  void advanceBy(Duration length, Duration tick) {
    Instant end = START.plus(length);
    Instant at = ticks.isEmpty() ? START : ticks.getLast().at();
    while (at.isBefore(end)) {
      at = at.plus(tick).isAfter(end) ? end : at.plus(tick);
      List<String> batch = scheduler.advance(at);
      events.addAll(batch);
      ticks.add(new Tick(at, batch.size(), scheduler.loads()));
    }
  }

  SyntheticFleet fleet() {
    return scheduler.fleet();
  }

  /** Every event through the production decoder, as one NDJSON input. */
  DecodeBatch decode() {
    return INPUT.read(String.join("\n", events).getBytes(StandardCharsets.UTF_8));
  }

  /** The decoded events; fails if any record did not decode. */
  List<GatewayEvent> decoded() {
    DecodeBatch batch = decode();
    List<GatewayEvent> decoded = new ArrayList<>();
    batch
        .outcomes()
        .forEach(
            outcome -> {
              if (!(outcome instanceof Decoded d)) {
                throw new AssertionError("not decoded: " + outcome);
              }
              decoded.add(d.event());
            });
    return decoded;
  }
}
