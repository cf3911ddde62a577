package io.naap.telemetry.kpi;

import io.naap.sla.kpi.KpiAggregate;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ProtocolState;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.kpi.KpiQueries.DemandGroup;
import io.naap.telemetry.kpi.KpiQueries.Dimension;
import io.naap.telemetry.session.Directory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Demand per orchestrator and protocol round: what the mirror booked to an orchestrator in a round
 * (rewards, winning tickets, fees credited) joined with the demand telemetry measured for it in the
 * round's time window (streams, inference minutes, payments, tickets, expected fees), for the
 * demand API and the incentive engine.
 *
 * <p><b>Window.</b> A round runs from the block time of its NewRound to the block time of the next
 * one (now while it is current). Telemetry is stored in minute buckets, so a minute belongs to the
 * round in progress at the minute's start: the round's buckets are those starting in {@code
 * [ceilMinute(startedAt), ceilMinute(nextStartedAt))}, or up to the minute in progress for the
 * current round. Consecutive rounds therefore share no minute and lose none. Whole hours inside the
 * window are read from hour rollups (exactly the merge of their minutes), the edges from minutes.
 * Without the round's start time (or, for a finished round, the next one's) the telemetry side is
 * {@link Telemetry.Unavailable} with the reason.
 *
 * <p><b>Identity.</b> On-chain events name orchestrators by their on-chain address; telemetry keys
 * its figures by the on-chain address when the network capabilities resolve the address an event
 * named, else by the address as named (a local signing address), else {@code unknown}. Both sides
 * are joined on the on-chain address: a telemetry key that is a local address standing for exactly
 * one on-chain orchestrator (in the current directory) is counted under that orchestrator, any
 * other address as it is; a key that is no address ({@code unknown}) is {@linkplain
 * Telemetry.Measured#unattributed() unattributed}.
 *
 * <p>Every orchestrator with either side appears, with zeros on the side it lacks. Thread-safe.
 */
public final class RoundDemand {
  private static final Duration MINUTE = Bucket.MINUTE.length();
  private static final Duration HOUR = Bucket.HOUR.length();

  private final KpiQueries queries;
  private final Clock clock;

  public RoundDemand(KpiQueries queries, Clock clock) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Demand figures of telemetry: real and test traffic apart. */
  public record Figures(KpiAggregate real, KpiAggregate test) {
    public Figures {
      Objects.requireNonNull(real, "real");
      Objects.requireNonNull(test, "test");
    }

    static Figures empty() {
      return new Figures(KpiAggregate.empty(), KpiAggregate.empty());
    }

    /** Real and test traffic together (a new aggregate). */
    public KpiAggregate total() {
      return KpiAggregate.empty().merge(real).merge(test);
    }

    void add(DemandGroup group) {
      real.merge(group.real());
      test.merge(group.test());
    }
  }

  /** What telemetry says about the round's window. */
  public sealed interface Telemetry {
    /**
     * The window was read.
     *
     * @param from the first minute bucket counted
     * @param to the end of the last minute bucket counted (exclusive)
     * @param complete false while the round is current (its window still grows)
     * @param unattributed demand whose orchestrator is unknown or not an address
     */
    record Measured(Instant from, Instant to, boolean complete, Figures unattributed)
        implements Telemetry {
      public Measured {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(unattributed, "unattributed");
      }
    }

    /** The window is unknown, so telemetry could not be joined; {@code reason} says why. */
    record Unavailable(String reason) implements Telemetry {
      public Unavailable {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /**
   * One orchestrator in the round.
   *
   * @param onChain what the mirror booked to it in the round (zeros when nothing)
   * @param telemetry its demand in the round's window (zeros when none); empty when the telemetry
   *     side is {@link Telemetry.Unavailable}
   */
  public record Entry(
      EthereumAddress orchestrator,
      ProtocolState.RoundEarnings onChain,
      Optional<Figures> telemetry) {
    public Entry {
      Objects.requireNonNull(orchestrator, "orchestrator");
      Objects.requireNonNull(onChain, "onChain");
      Objects.requireNonNull(telemetry, "telemetry");
    }

    /**
     * Fees credited on chain over the fees telemetry expected (real and test traffic together), to
     * 16 significant digits; empty without telemetry or when telemetry expected no fee.
     */
    public Optional<BigDecimal> feesCreditedOverExpected() {
      if (telemetry.isEmpty()) {
        return Optional.empty();
      }
      BigDecimal expected = telemetry.get().total().expectedFeesWei();
      if (expected.signum() <= 0) {
        return Optional.empty();
      }
      return Optional.of(
          new BigDecimal(onChain.feesCredited()).divide(expected, MathContext.DECIMAL64));
    }
  }

  /** The join of one round: every orchestrator with on-chain earnings or demand, by address. */
  public record Report(BigInteger round, Telemetry telemetry, List<Entry> orchestrators) {
    public Report {
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(telemetry, "telemetry");
      orchestrators = List.copyOf(orchestrators);
    }
  }

  /** Joins a round read from {@code ProtocolStateStore.round} with the telemetry of its window. */
  public Report of(ProtocolState.Round round) {
    Objects.requireNonNull(round, "round");
    SortedMap<String, EthereumAddress> addresses = new TreeMap<>();
    Map<EthereumAddress, ProtocolState.RoundEarnings> onChain = new HashMap<>();
    for (ProtocolState.RoundEarnings earnings : round.earnings()) {
      addresses.put(earnings.orchestrator().toHex(), earnings.orchestrator());
      onChain.merge(earnings.orchestrator(), earnings, RoundDemand::sum);
    }
    Map<EthereumAddress, Figures> demand = new HashMap<>();
    Telemetry telemetry;
    Optional<String> unknown = unknownWindow(round);
    if (unknown.isPresent()) {
      telemetry = new Telemetry.Unavailable(unknown.get());
    } else {
      Instant from = ceilMinute(round.startedAt().orElseThrow());
      boolean complete = round.nextStartBlock().isPresent();
      Instant end =
          complete
              ? ceilMinute(round.nextStartedAt().orElseThrow())
              : Bucket.MINUTE.start(clock.instant()).plus(MINUTE);
      Instant to = end.isBefore(from) ? from : end;
      Figures unattributed = Figures.empty();
      read(from, to, demand, unattributed);
      demand.keySet().forEach(address -> addresses.put(address.toHex(), address));
      telemetry = new Telemetry.Measured(from, to, complete, unattributed);
    }
    List<Entry> entries = new ArrayList<>(addresses.size());
    for (EthereumAddress address : addresses.values()) {
      ProtocolState.RoundEarnings earned =
          onChain.getOrDefault(address, nothing(round.round(), address));
      Optional<Figures> figures =
          telemetry instanceof Telemetry.Measured
              ? Optional.of(demand.getOrDefault(address, Figures.empty()))
              : Optional.empty();
      entries.add(new Entry(address, earned, figures));
    }
    return new Report(round.round(), telemetry, entries);
  }

  /** Why the round's time window is unknown; empty when it is known. */
  private static Optional<String> unknownWindow(ProtocolState.Round round) {
    if (round.startedAt().isEmpty()) {
      return Optional.of(
          "the time round "
              + round.round()
              + " started is unknown: the mirror holds no block time for its NewRound (block "
              + round.startBlock()
              + ")");
    }
    if (round.nextStartBlock().isPresent() && round.nextStartedAt().isEmpty()) {
      return Optional.of(
          "the time round "
              + round.round()
              + " ended is unknown: the mirror holds no block time for the next NewRound (block "
              + round.nextStartBlock().get()
              + ")");
    }
    return Optional.empty();
  }

  /**
   * Adds the demand of the minute buckets in {@code [from, to)} to {@code demand} by on-chain
   * address, and what names no address to {@code unattributed}.
   */
  private void read(
      Instant from, Instant to, Map<EthereumAddress, Figures> demand, Figures unattributed) {
    List<DemandGroup> groups = new ArrayList<>();
    Instant hoursFrom = ceilHour(from);
    Instant hoursTo = Bucket.HOUR.start(to);
    if (hoursFrom.isBefore(hoursTo)) {
      groups.addAll(demand(from, hoursFrom, Bucket.MINUTE));
      groups.addAll(demand(hoursFrom, hoursTo, Bucket.HOUR));
      groups.addAll(demand(hoursTo, to, Bucket.MINUTE));
    } else {
      groups.addAll(demand(from, to, Bucket.MINUTE));
    }
    if (groups.isEmpty()) {
      return;
    }
    Directory directory = queries.directory();
    for (DemandGroup group : groups) {
      Optional<EthAddress> named = EthAddress.tryParse(group.key().get(Dimension.ORCHESTRATOR));
      if (named.isEmpty()) {
        unattributed.add(group);
        continue;
      }
      EthereumAddress address =
          EthereumAddress.fromHex(directory.key(named, Optional.empty()).toLowerCase(Locale.ROOT));
      demand.computeIfAbsent(address, a -> Figures.empty()).add(group);
    }
  }

  private List<DemandGroup> demand(Instant from, Instant to, Bucket bucket) {
    if (!from.isBefore(to)) {
      return List.of();
    }
    return queries.demand(Set.of(Dimension.ORCHESTRATOR), from, to, bucket);
  }

  private static ProtocolState.RoundEarnings nothing(BigInteger round, EthereumAddress address) {
    return new ProtocolState.RoundEarnings(
        Optional.of(round),
        address,
        BigInteger.ZERO,
        BigInteger.ZERO,
        0,
        BigInteger.ZERO,
        BigInteger.ZERO,
        0);
  }

  private static ProtocolState.RoundEarnings sum(
      ProtocolState.RoundEarnings a, ProtocolState.RoundEarnings b) {
    return new ProtocolState.RoundEarnings(
        a.round(),
        a.orchestrator(),
        a.rewards().add(b.rewards()),
        a.treasuryRewards().add(b.treasuryRewards()),
        a.rewardCalls() + b.rewardCalls(),
        a.faceValue().add(b.faceValue()),
        a.feesCredited().add(b.feesCredited()),
        a.winningTickets() + b.winningTickets());
  }

  static Instant ceilMinute(Instant at) {
    Instant start = Bucket.MINUTE.start(at);
    return start.equals(at) ? at : start.plus(MINUTE);
  }

  private static Instant ceilHour(Instant at) {
    Instant start = Bucket.HOUR.start(at);
    return start.equals(at) ? at : start.plus(HOUR);
  }
}
