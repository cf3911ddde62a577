package io.naap.oracle;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotDocument;
import io.naap.attestations.SnapshotSigner;
import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.kpi.RollupQuery;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.oracle.SnapshotStatus;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.web3j.crypto.Credentials;

/**
 * Runs the epochs of one SlaOracle contract: builds each final epoch's snapshot from the KPI
 * rollups, signs it with the local operator keys, and publishes it once enough current signers
 * signed. Every step is recorded before it acts and is idempotent, and the chain is the judge of
 * what was published, so the oracle can be killed at any point and resumes where it stopped:
 *
 * <ol>
 *   <li>build: the snapshot and its scores are inserted in one transaction, once per epoch;
 *   <li>sign: signatures are stored by (epoch, digest, signer), storing one again is a no-op;
 *   <li>submit: the signed transaction's hash is stored, then the transaction is sent;
 *   <li>reconcile: the contract's root for the epoch decides. The same root: published (its event
 *       found, its gas read from the receipt). Another root, or a later epoch on chain: superseded,
 *       never sent again. No root: a pending transaction is waited for; a reverted or unknown one
 *       is signed and sent anew.
 * </ol>
 *
 * The contract itself refuses a second root for an epoch (epochs strictly increase), so two roots
 * for one epoch cannot happen whatever the oracle does. Epochs are published in order; an epoch
 * waiting for signatures holds back the later ones.
 */
public final class OracleService {
  /** Setting: the last epoch examined that had no leaf (so it is not examined again). */
  public static final String CONSIDERED_THROUGH = "considered-through";

  private static final String MINUTE = "minute";

  private final OracleStore store;
  private final SlaPolicyStore policy;
  private final KpiRollupStore rollups;
  private final SlaOracleChain chain;
  private final SnapshotBuilder builder;
  private final EpochSchedule schedule;
  private final List<SnapshotSigner> signers;
  private final OperatorSignatures operators;
  private final Optional<Credentials> submitter;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> log;
  private final Eip712Domain domain;
  private volatile String lastWaiting;

  /**
   * @param maxEpochsPerTick the most epochs one tick builds (a long catch-up spreads over ticks)
   * @param receiptWait how long a tick waits for a sent transaction to be mined before moving on
   * @param priors the prior of a newcomer, from the scores of the previous epoch
   */
  public record Settings(
      int maxEpochsPerTick, Duration receiptWait, Function<List<StoredScore>, PriorSource> priors) {
    public Settings {
      if (maxEpochsPerTick < 1) {
        throw new IllegalArgumentException("maxEpochsPerTick must be >= 1");
      }
      Objects.requireNonNull(receiptWait, "receiptWait");
      Objects.requireNonNull(priors, "priors");
    }
  }

  /** What a tick did. */
  public record Tick(
      List<Long> built, List<Long> published, List<Long> superseded, String waiting) {
    public Tick {
      built = List.copyOf(built);
      published = List.copyOf(published);
      superseded = List.copyOf(superseded);
    }
  }

  public OracleService(
      OracleStore store,
      SlaPolicyStore policy,
      KpiRollupStore rollups,
      SlaOracleChain chain,
      SnapshotBuilder builder,
      EpochSchedule schedule,
      List<SnapshotSigner> signers,
      Optional<Credentials> submitter,
      Settings settings,
      Clock clock,
      Consumer<String> log) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.rollups = Objects.requireNonNull(rollups, "rollups");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.signers = List.copyOf(signers);
    this.operators = new OperatorSignatures(this.signers, clock);
    this.submitter = Objects.requireNonNull(submitter, "submitter");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.domain = Eip712Domain.slaOracle(chain.chainId(), chain.contract());
    if (store.oracle().chainId() != chain.chainId()
        || !java.util.Arrays.equals(store.oracle().address().bytes(), chain.contract().bytes())) {
      throw new IllegalArgumentException("the store and the chain name different contracts");
    }
  }

  public EpochSchedule schedule() {
    return schedule;
  }

  /** The version of the rules this oracle scores by. */
  public String rulesVersion() {
    return builder.scorer().rules().version();
  }

  public Eip712Domain domain() {
    return domain;
  }

  /** Builds what is final, signs, publishes and reconciles; one pass. */
  public Tick tick() {
    SlaOracleChain.Config config = chain.config();
    List<Long> built = buildFinalEpochs(config.configVersion());
    List<Long> published = new ArrayList<>();
    List<Long> superseded = new ArrayList<>();
    String waiting = null;
    for (StoredSnapshot open : store.open()) {
      Outcome outcome = advance(open, config);
      switch (outcome.kind()) {
        case PUBLISHED -> published.add(open.epoch());
        case SUPERSEDED -> superseded.add(open.epoch());
        case WAITING -> waiting = "epoch " + open.epoch() + ": " + outcome.reason();
      }
      if (outcome.kind() == Kind.WAITING) {
        break;
      }
      config = outcome.kind() == Kind.PUBLISHED ? chain.config() : config;
    }
    if (waiting != null && !waiting.equals(lastWaiting)) {
      log.accept("waiting: " + waiting);
    }
    lastWaiting = waiting;
    return new Tick(built, published, superseded, waiting);
  }

  /**
   * Builds the snapshot of one epoch as this oracle would (for {@code naap oracle recompute}), from
   * the stored KPIs and the stored previous epoch, without storing it.
   */
  public Optional<SnapshotBuilder.Built> rebuild(long epoch, long configVersion) {
    return rebuild(epoch, configVersion, rollups);
  }

  /**
   * Builds the snapshot of one epoch as this oracle would, with the KPIs of {@code derived} (e.g. a
   * replay of the raw events) and the stored previous epoch, enrollments and minimum scores,
   * without storing it.
   */
  public Optional<SnapshotBuilder.Built> rebuild(
      long epoch, long configVersion, KpiRollupStore derived) {
    return builder.build(input(epoch, configVersion, derived).input());
  }

  /**
   * An orchestrator's running score in the epoch in progress: its KPIs measured so far, on top of
   * the state the latest built snapshot left, by the same rules as a snapshot (not signed, not
   * published).
   *
   * @param orchestrator 0x and 40 lower-case hex digits
   * @param workload only this workload; empty for all
   */
  public List<Running> realtime(String orchestrator, Optional<String> workload) {
    Instant now = clock.instant();
    long epoch = schedule.epochAt(now);
    if (epoch < 1) {
      return List.of();
    }
    Instant start = schedule.start(epoch);
    List<StoredScore> previousAll =
        store.latest().map(latest -> store.scores(latest.epoch())).orElse(List.of());
    List<StoredScore> previous =
        previousAll.stream()
            .filter(score -> score.orchestrator().toHex().equals(orchestrator))
            .filter(score -> workload.map(score.workload()::equals).orElse(true))
            .toList();
    Instant end = now.isAfter(start) ? now : start.plusNanos(1);
    Optional<SnapshotBuilder.Built> built =
        builder.build(
            new SnapshotBuilder.Input(
                epoch,
                0,
                minuteRollups(start, end, java.util.Set.of(orchestrator), workload),
                previous,
                policy.enrollments(end).stream()
                    .filter(enrolled -> enrolled.orchestrator().toHex().equals(orchestrator))
                    .filter(enrolled -> workload.map(enrolled.workload()::equals).orElse(true))
                    .toList(),
                minScores(end),
                settings.priors().apply(previousAll)));
    return built.map(SnapshotBuilder.Built::scores).orElse(List.of()).stream()
        .map(
            score ->
                new Running(
                    score.workload(),
                    epoch,
                    now,
                    score.scoreBps(),
                    (score.flags() & io.naap.attestations.ScoreLeaf.PROVISIONAL) != 0,
                    io.naap.sla.kpi.KpiAggregate.fromBytes(score.kpis()).sessions()))
        .toList();
  }

  /** A running score of the epoch in progress. */
  public record Running(
      String workload,
      long epoch,
      Instant asOf,
      int scoreBps,
      boolean provisional,
      long sessions) {}

  private List<Long> buildFinalEpochs(long configVersion) {
    long lastFinal = schedule.lastFinal(clock.instant());
    long latestBuilt = store.latest().map(StoredSnapshot::epoch).orElse(0L);
    long considered = Long.parseLong(store.settingOrInit(CONSIDERED_THROUGH, () -> "0"));
    long next = Math.max(latestBuilt, considered) + 1;
    List<Long> built = new ArrayList<>();
    for (long epoch = next;
        epoch <= lastFinal && epoch < next + settings.maxEpochsPerTick();
        epoch++) {
      Horizoned input = input(epoch, configVersion, rollups);
      Optional<SnapshotBuilder.Built> snapshot = builder.build(input.input());
      if (snapshot.isEmpty()) {
        store.setSetting(CONSIDERED_THROUGH, Long.toString(epoch));
        continue;
      }
      if (store.insert(
          stored(epoch, snapshot.get(), input.derivedThrough()), snapshot.get().scores())) {
        built.add(epoch);
        log.accept(
            "built epoch "
                + epoch
                + ": "
                + snapshot.get().document().leaves().size()
                + " leaves, root "
                + snapshot.get().document().tree().root());
      }
    }
    return built;
  }

  /** A snapshot's input and the last telemetry derivation step its KPIs reflect. */
  private record Horizoned(SnapshotBuilder.Input input, long derivedThrough) {}

  /**
   * The input of an epoch's snapshot: its minute KPI rollups from {@code from}, read with the
   * derivation step they reflect (so {@code naap oracle recompute} can replay the raw events to the
   * same point), and the stored previous epoch, enrollments and minimum scores.
   */
  private Horizoned input(long epoch, long configVersion, KpiRollupStore from) {
    Instant start = schedule.start(epoch);
    Instant end = schedule.end(epoch);
    List<StoredScore> previous = epoch > 1 ? store.scores(epoch - 1) : List.of();
    KpiRollupStore.Derived kpis =
        from.rowsWithHorizon(minuteQuery(start, end, java.util.Set.of(), Optional.empty()));
    return new Horizoned(
        new SnapshotBuilder.Input(
            epoch,
            configVersion,
            kpis.rows(),
            previous,
            policy.enrollments(end),
            minScores(end),
            settings.priors().apply(previous)),
        kpis.derivedThrough());
  }

  /** The minute KPI rollups of {@code [start, end)}, of some orchestrators and a workload. */
  private List<io.naap.storage.kpi.RollupRow> minuteRollups(
      Instant start, Instant end, java.util.Set<String> orchestrators, Optional<String> workload) {
    return rollups.rows(minuteQuery(start, end, orchestrators, workload));
  }

  private static RollupQuery minuteQuery(
      Instant start, Instant end, java.util.Set<String> orchestrators, Optional<String> workload) {
    return new RollupQuery(
        MINUTE,
        start,
        end,
        orchestrators,
        workload,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The workloads' minimum scores set before {@code end}. */
  private Map<String, Integer> minScores(Instant end) {
    Map<String, Integer> minScores = new TreeMap<>();
    policy.minScores(end).forEach((workload, set) -> minScores.put(workload, set.minScoreBps()));
    return minScores;
  }

  private StoredSnapshot stored(long epoch, SnapshotBuilder.Built built, long derivedThrough) {
    SnapshotDocument document = built.document();
    ScoreSnapshot attestation = document.attestation();
    return StoredSnapshot.built(
        store.oracle(),
        epoch,
        schedule.start(epoch),
        schedule.end(epoch),
        document.rulesVersion(),
        document.configVersion(),
        attestation.scoresRoot().bytes(),
        attestation.dataHash().bytes(),
        document.leaves().size(),
        document.canonicalJson(),
        clock.instant(),
        Optional.of(derivedThrough));
  }

  private enum Kind {
    PUBLISHED,
    SUPERSEDED,
    WAITING
  }

  private record Outcome(Kind kind, String reason) {}

  private Outcome advance(StoredSnapshot snapshot, SlaOracleChain.Config config) {
    long epoch = snapshot.epoch();
    Bytes32 root = Bytes32.of(snapshot.scoresRoot());
    Optional<Bytes32> onChain = chain.publishedRoot(epoch);
    if (onChain.isPresent()) {
      return settle(snapshot, onChain.get());
    }
    if (config.latestEpoch() >= epoch) {
      String reason = "SlaOracle already published epoch " + config.latestEpoch();
      store.markSuperseded(epoch, reason);
      log.accept("epoch " + epoch + " superseded: " + reason);
      return new Outcome(Kind.SUPERSEDED, reason);
    }
    if (snapshot.status() == SnapshotStatus.SUBMITTED) {
      Bytes32 sent = Bytes32.of(snapshot.transaction().orElseThrow().bytes());
      switch (chain.state(sent)) {
        case PENDING, SUCCEEDED -> {
          // mined but the root not yet visible, or not yet mined: look again next tick
          return new Outcome(Kind.WAITING, "transaction " + sent + " not yet settled");
        }
        case REVERTED -> store.markRetry(epoch, "transaction " + sent + " reverted");
        case UNKNOWN -> store.markRetry(epoch, "transaction " + sent + " is not on the node");
      }
    }
    StoredSnapshot current = snapshot;
    if (current.configVersion() != config.configVersion()) {
      current = rebuildFor(current, config.configVersion());
    }
    if (config.paused()) {
      return new Outcome(Kind.WAITING, "SlaOracle is paused");
    }
    ScoreSnapshot attestation =
        new ScoreSnapshot(
            epoch,
            root(current),
            current.leafCount(),
            Bytes32.of(current.dataHash()),
            current.configVersion());
    Bytes32 digest = attestation.digest(domain);
    List<Signature> chosen =
        operators.signAndChoose(store, epoch, current.configVersion(), digest, config);
    if (chosen.size() < config.threshold()) {
      return new Outcome(
          Kind.WAITING,
          chosen.size() + " of " + config.threshold() + " signatures from current signers");
    }
    if (submitter.isEmpty()) {
      return new Outcome(Kind.WAITING, "signed; no submitter key here");
    }
    ChainTransactions.Prepared prepared;
    try {
      prepared = chain.preparePublish(attestation, chosen, submitter.get());
    } catch (OracleChainException e) {
      return new Outcome(Kind.WAITING, e.getMessage());
    }
    store.markSubmitted(epoch, new TransactionHash(prepared.hash().bytes()), clock.instant());
    try {
      chain.send(prepared);
    } catch (OracleChainException e) {
      // recorded as submitted: the next tick finds the transaction unknown and sends anew
      return new Outcome(Kind.WAITING, e.getMessage());
    }
    log.accept("epoch " + epoch + " sent in transaction " + prepared.hash());
    return awaitSettled(store.snapshot(epoch).orElseThrow(), prepared.hash());
  }

  private Outcome awaitSettled(StoredSnapshot snapshot, Bytes32 transaction) {
    ChainTransactions.TransactionState state =
        chain.awaitMined(transaction, settings.receiptWait());
    if (state == ChainTransactions.TransactionState.SUCCEEDED
        || state == ChainTransactions.TransactionState.REVERTED) {
      Optional<Bytes32> onChain = chain.publishedRoot(snapshot.epoch());
      if (onChain.isPresent()) {
        return settle(snapshot, onChain.get());
      }
    }
    return new Outcome(Kind.WAITING, "transaction " + transaction + " " + state);
  }

  private Outcome settle(StoredSnapshot snapshot, Bytes32 onChain) {
    long epoch = snapshot.epoch();
    if (!onChain.equals(root(snapshot))) {
      String reason = "SlaOracle holds root " + onChain + " for this epoch";
      store.markSuperseded(epoch, reason);
      log.accept("epoch " + epoch + " superseded: " + reason);
      return new Outcome(Kind.SUPERSEDED, reason);
    }
    SlaOracleChain.Found found =
        chain
            .findPublication(epoch)
            .orElseThrow(
                () ->
                    new OracleChainException(
                        "SlaOracle holds epoch " + epoch + " but no SnapshotPublished event"));
    store.markPublished(
        epoch,
        new Publication(
            new TransactionHash(found.transaction().bytes()),
            found.blockNumber(),
            found.gasUsed(),
            new EthereumAddress(found.submitter().bytes()),
            clock.instant()));
    log.accept(
        "epoch "
            + epoch
            + " published in block "
            + found.blockNumber()
            + " ("
            + found.gasUsed()
            + " gas)");
    return new Outcome(Kind.PUBLISHED, "published");
  }

  private StoredSnapshot rebuildFor(StoredSnapshot snapshot, long configVersion) {
    long epoch = snapshot.epoch();
    Horizoned input = input(epoch, configVersion, rollups);
    SnapshotBuilder.Built rebuilt =
        builder
            .build(input.input())
            .orElseThrow(() -> new IllegalStateException("epoch " + epoch + " rebuilt empty"));
    if (!root(snapshot).equals(rebuilt.document().tree().root())) {
      log.accept("epoch " + epoch + " rebuilt with a different root (late data)");
    }
    store.replaceBuilt(stored(epoch, rebuilt, input.derivedThrough()), rebuilt.scores());
    log.accept("epoch " + epoch + " rebuilt for config version " + configVersion);
    return store.snapshot(epoch).orElseThrow();
  }

  private static Bytes32 root(StoredSnapshot snapshot) {
    return Bytes32.of(snapshot.scoresRoot());
  }
}
