package io.naap.telemetry.session;

import io.naap.storage.Database;
import io.naap.storage.telemetry.DerivationLog;
import io.naap.storage.telemetry.TelemetryEventRow;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecodeResult;
import io.naap.telemetry.decode.Decoded;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.Quarantined;
import io.naap.telemetry.event.GatewayEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Derives sessions and KPI rollups again from the raw event store alone: the steps of the {@link
 * DerivationLog} replayed in order on another, empty database (a scratch schema), each ingestion
 * call's stored events decoded anew and applied as one batch at its arrival time, each recorded
 * sweep run as of its time. With the same {@link SessionSettings} it gives the same rollups the
 * live derivation had after the last step replayed: the check behind {@code naap oracle recompute}.
 */
public final class DerivationReplay {
  /**
   * Steps applied in one transaction of the target: fewer commits, bounded work per commit (the
   * target's transactions take the telemetry lock, which live ingestion into the same database
   * waits for).
   */
  private static final int STEPS_PER_TRANSACTION = 100;

  /** Blocks (up to 10,000 events each) read and applied in one transaction of the target. */
  private static final int BLOCKS_PER_TRANSACTION = 4;

  private final SessionEngine engine;
  private final EventDecoder decoder;

  public DerivationReplay(SessionEngine engine, EventDecoder decoder) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** What a replay did. */
  public record Replayed(long steps, long batches, long events, long sweeps) {}

  /**
   * Replays every step up to {@code throughSeq} from {@code source}'s log and blocks onto {@code
   * target}, which must be migrated and hold no telemetry.
   *
   * @throws ReplayException when a stored event no longer decodes, or a step's blocks are missing
   */
  public Replayed replay(
      DerivationLog log, TelemetryStore source, long throughSeq, Database target) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Tally tally = new Tally();
    List<DerivationLog.Step> pending = new ArrayList<>(STEPS_PER_TRANSACTION);
    log.forEach(
        throughSeq,
        step -> {
          pending.add(step);
          long blocks =
              pending.stream()
                  .mapToLong(
                      each ->
                          each instanceof DerivationLog.Events events
                              ? events.blocks().last() - events.blocks().first() + 1
                              : 0)
                  .sum();
          if (pending.size() == STEPS_PER_TRANSACTION || blocks >= BLOCKS_PER_TRANSACTION) {
            apply(pending, source, target, tally);
            pending.clear();
          }
        });
    apply(pending, source, target, tally);
    return new Replayed(tally.steps, tally.batches, tally.events, tally.sweeps);
  }

  private static final class Tally {
    long steps;
    long batches;
    long events;
    long sweeps;
  }

  private void apply(
      List<DerivationLog.Step> steps, TelemetryStore source, Database target, Tally tally) {
    if (steps.isEmpty()) {
      return;
    }
    List<List<GatewayEvent>> decoded = new ArrayList<>(steps.size());
    for (DerivationLog.Step step : steps) {
      decoded.add(step instanceof DerivationLog.Events events ? decode(events, source) : List.of());
    }
    target.inTransaction(
        tx -> {
          for (int i = 0; i < steps.size(); i++) {
            switch (steps.get(i)) {
              case DerivationLog.Events events -> {
                engine.apply(tx, decoded.get(i), events.at(), events.source());
                tally.batches++;
                tally.events += decoded.get(i).size();
              }
              case DerivationLog.Sweep sweep -> {
                engine.sweep(tx, sweep.at(), sweep.limit());
                tally.sweeps++;
              }
            }
            tally.steps++;
          }
          return null;
        });
  }

  private List<GatewayEvent> decode(DerivationLog.Events step, TelemetryStore source) {
    List<TelemetryEventRow> rows = source.events(step.blocks());
    if (rows.isEmpty()) {
      throw new ReplayException(
          "derivation step "
              + step.seq()
              + " applied blocks "
              + step.blocks().first()
              + ".."
              + step.blocks().last()
              + ", which the raw store no longer holds");
    }
    List<GatewayEvent> events = new ArrayList<>(rows.size());
    for (TelemetryEventRow row : rows) {
      DecodeResult result = decoder.decode(row.payloadJson().getBytes(StandardCharsets.UTF_8));
      switch (result) {
        case Decoded(GatewayEvent event) -> events.add(event);
        case Quarantined quarantined ->
            throw new ReplayException(
                "stored event "
                    + row.id()
                    + " (derivation step "
                    + step.seq()
                    + ") no longer decodes: "
                    + quarantined.reason().code()
                    + ": "
                    + quarantined.detail());
      }
    }
    return events;
  }

  /** The raw store cannot be replayed as recorded. */
  public static final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
      super(message);
    }
  }
}
