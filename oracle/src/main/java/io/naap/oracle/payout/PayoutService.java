package io.naap.oracle.payout;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.PayoutRoot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import io.naap.incentives.epoch.EpochInput;
import io.naap.incentives.epoch.EpochPayout;
import io.naap.incentives.epoch.EpochPayouts;
import io.naap.oracle.ChainTransactions;
import io.naap.oracle.EpochSchedule;
import io.naap.oracle.OperatorSignatures;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.OracleService;
import io.naap.oracle.SlaOracleChain;
import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.incentives.DistributionStatus;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.StoredDistribution;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.StoredSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;

/**
 * Runs the payouts of one SlaFeeDistributor contract, epoch after epoch, behind the score oracle:
 * once an epoch's scores are decided (published on SlaOracle, or known to have none), it builds the
 * epoch's distribution ({@link EpochPayouts}: bonus pools by SLA, the delegators' split, the
 * cumulative payout tree) from the published scores and the protocol mirror, stores it, signs its
 * {@link PayoutRoot} with the local operator keys (the SlaOracle signer set attests payouts too),
 * and publishes the root once enough current signers signed. Like {@link OracleService}, every step
 * is recorded before it acts and is idempotent, and the chain is the judge of what was published,
 * so the service can be killed at any point and resumes where it stopped. Epochs are published in
 * order; an epoch waiting (for signatures, a pending root's challenge window, a transaction) holds
 * back the later ones.
 */
public final class PayoutService {
  private final IncentiveStore store;
  private final PayoutInputs inputs;
  private final OracleStore scores;
  private final SlaOracleChain oracle;
  private final DistributorChain chain;
  private final EpochSchedule schedule;
  private final EpochPayouts engine;
  private final OperatorSignatures operators;
  private final Optional<Credentials> submitter;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> log;
  private final Eip712Domain domain;
  private volatile String lastWaiting;
  private String buildWaiting;

  /**
   * @param firstEpoch the first epoch this distributor pays (e.g. the one it was deployed in)
   * @param maxEpochsPerTick the most epochs one tick builds (a long catch-up spreads over ticks)
   * @param receiptWait how long a tick waits for a sent transaction to be mined before moving on
   */
  public record Settings(long firstEpoch, int maxEpochsPerTick, Duration receiptWait) {
    public Settings {
      if (firstEpoch < 1) {
        throw new IllegalArgumentException("firstEpoch must be >= 1");
      }
      if (maxEpochsPerTick < 1) {
        throw new IllegalArgumentException("maxEpochsPerTick must be >= 1");
      }
      Objects.requireNonNull(receiptWait, "receiptWait");
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

  public PayoutService(
      IncentiveStore store,
      PayoutInputs inputs,
      OracleStore scores,
      SlaOracleChain oracle,
      DistributorChain chain,
      EpochSchedule schedule,
      EpochPayouts engine,
      List<SnapshotSigner> signers,
      Optional<Credentials> submitter,
      Settings settings,
      Clock clock,
      Consumer<String> log) {
    this.store = Objects.requireNonNull(store, "store");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.scores = Objects.requireNonNull(scores, "scores");
    this.oracle = Objects.requireNonNull(oracle, "oracle");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.submitter = Objects.requireNonNull(submitter, "submitter");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.operators = new OperatorSignatures(signers, clock);
    this.log = Objects.requireNonNull(log, "log");
    this.domain = Eip712Domain.slaFeeDistributor(chain.chainId(), chain.contract());
    if (store.distributor().chainId() != chain.chainId()
        || !java.util.Arrays.equals(
            store.distributor().address().bytes(), chain.contract().bytes())) {
      throw new IllegalArgumentException("the store and the chain name different distributors");
    }
  }

  public Eip712Domain domain() {
    return domain;
  }

  /** Builds what is decided, signs, publishes and reconciles; one pass. */
  public Tick tick() {
    buildWaiting = null;
    List<Long> built = buildDecidedEpochs();
    List<Long> published = new ArrayList<>();
    List<Long> superseded = new ArrayList<>();
    String waiting = null;
    for (StoredDistribution open : store.open()) {
      Outcome outcome = advance(open);
      switch (outcome.kind()) {
        case PUBLISHED -> published.add(open.epoch());
        case SUPERSEDED -> superseded.add(open.epoch());
        case WAITING -> waiting = "epoch " + open.epoch() + ": " + outcome.reason();
      }
      if (outcome.kind() == Kind.WAITING) {
        store.markWaiting(open.epoch(), outcome.reason());
        break;
      }
    }
    if (waiting == null) {
      waiting = buildWaiting;
    }
    if (waiting != null && !waiting.equals(lastWaiting)) {
      log.accept("payouts waiting: " + waiting);
    }
    lastWaiting = waiting;
    return new Tick(built, published, superseded, waiting);
  }

  private List<Long> buildDecidedEpochs() {
    List<Long> built = new ArrayList<>();
    long next = store.latest().map(latest -> latest.epoch() + 1).orElse(settings.firstEpoch());
    long lastFinal = schedule.lastFinal(clock.instant());
    while (built.size() < settings.maxEpochsPerTick() && next <= lastFinal) {
      Optional<List<io.naap.storage.oracle.StoredScore>> decided = decidedScores(next);
      if (decided.isEmpty()) {
        break;
      }
      OptionalLong stakeBlock = inputs.asOf();
      if (stakeBlock.isEmpty()) {
        buildWaiting =
            "epoch "
                + next
                + ": the protocol mirror of chain "
                + chain.chainId()
                + " holds nothing yet (the indexer must follow the distributor's chain)";
        break;
      }
      EpochPayout payout = engine.compute(input(next, stakeBlock.getAsLong(), decided.get()));
      IncentiveStore.Built rows =
          PayoutRows.of(payout, schedule, scores.oracle().address(), stakeBlock.getAsLong(), clock);
      if (store.insert(rows)) {
        built.add(next);
        log.accept(
            "payouts of epoch "
                + next
                + " built: "
                + payout.distributedTotal()
                + " distributed, "
                + payout.changed().size()
                + " accounts changed"
                + (payout.tree().isPresent() ? ", root " + payout.tree().get().root() : ""));
      }
      next++;
    }
    return built;
  }

  /**
   * The published scores of an epoch once the oracle decided it: its leaves when SlaOracle holds
   * them, none when the oracle found no leaf or its snapshot was superseded; empty while the oracle
   * has not decided.
   */
  private Optional<List<io.naap.storage.oracle.StoredScore>> decidedScores(long epoch) {
    Optional<StoredSnapshot> snapshot = scores.snapshot(epoch);
    if (snapshot.isPresent()) {
      return switch (snapshot.get().status()) {
        case PUBLISHED -> Optional.of(scores.scores(epoch));
        case SUPERSEDED -> Optional.of(List.of());
        case BUILT, SUBMITTED -> Optional.empty();
      };
    }
    long considered =
        scores.setting(OracleService.CONSIDERED_THROUGH).map(Long::parseLong).orElse(0L);
    boolean later = scores.latest().map(latest -> latest.epoch() > epoch).orElse(false);
    return considered >= epoch || later ? Optional.of(List.of()) : Optional.empty();
  }

  private EpochInput input(
      long epoch, long stakeBlock, List<io.naap.storage.oracle.StoredScore> leaves) {
    return inputs.epoch(
        epoch,
        schedule.start(epoch),
        schedule.end(epoch),
        stakeBlock,
        leaves,
        epoch > settings.firstEpoch() ? store.distribution(epoch - 1) : Optional.empty());
  }

  private enum Kind {
    PUBLISHED,
    SUPERSEDED,
    WAITING
  }

  private record Outcome(Kind kind, String reason) {}

  private Outcome advance(StoredDistribution distribution) {
    long epoch = distribution.epoch();
    DistributorChain.State state = chain.state();
    if (state.latestEpoch() >= epoch) {
      Optional<DistributorChain.Found> found = chain.findPublication(epoch);
      if (found.isPresent()) {
        return settle(distribution, found.get());
      }
      String reason = "SlaFeeDistributor already holds epoch " + state.latestEpoch();
      store.markSuperseded(epoch, reason);
      log.accept("payouts of epoch " + epoch + " superseded: " + reason);
      return new Outcome(Kind.SUPERSEDED, reason);
    }
    if (distribution.status() == DistributionStatus.SUBMITTED) {
      Bytes32 sent = Bytes32.of(distribution.transaction().orElseThrow().bytes());
      switch (chain.state(sent)) {
        case PENDING, SUCCEEDED -> {
          return new Outcome(Kind.WAITING, "transaction " + sent + " not yet settled");
        }
        case REVERTED -> store.markRetry(epoch, "transaction " + sent + " reverted");
        case UNKNOWN -> store.markRetry(epoch, "transaction " + sent + " is not on the node");
      }
    }
    if (state.paused()) {
      return new Outcome(Kind.WAITING, "SlaFeeDistributor is paused");
    }
    long now = clock.instant().getEpochSecond();
    if (state.pendingRoot().isPresent() && now < state.pendingClaimableAt()) {
      return new Outcome(
          Kind.WAITING,
          "the pending root of epoch "
              + state.latestEpoch()
              + " is in its challenge window until "
              + Instant.ofEpochSecond(state.pendingClaimableAt()));
    }
    SlaOracleChain.Config config = oracle.config();
    store.markSigning(epoch, config.configVersion());
    PayoutRoot root =
        new PayoutRoot(
            epoch,
            Bytes32.of(distribution.payoutRoot().orElseThrow()),
            distribution.cumulativeTotal(),
            Bytes32.of(distribution.dataHash()),
            config.configVersion());
    Bytes32 digest = root.digest(domain);
    List<Signature> chosen =
        operators.signAndChoose(store, epoch, config.configVersion(), digest, config);
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
      prepared = chain.preparePublish(root, chosen, submitter.get());
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
    log.accept("payouts of epoch " + epoch + " sent in transaction " + prepared.hash());
    return awaitSettled(store.distribution(epoch).orElseThrow(), prepared.hash());
  }

  private Outcome awaitSettled(StoredDistribution distribution, Bytes32 transaction) {
    ChainTransactions.TransactionState state =
        chain.awaitMined(transaction, settings.receiptWait());
    if (state == ChainTransactions.TransactionState.SUCCEEDED
        || state == ChainTransactions.TransactionState.REVERTED) {
      Optional<DistributorChain.Found> found = chain.findPublication(distribution.epoch());
      if (found.isPresent()) {
        return settle(distribution, found.get());
      }
    }
    return new Outcome(Kind.WAITING, "transaction " + transaction + " " + state);
  }

  private Outcome settle(StoredDistribution distribution, DistributorChain.Found found) {
    long epoch = distribution.epoch();
    Bytes32 ours = Bytes32.of(distribution.payoutRoot().orElseThrow());
    if (!found.payoutRoot().equals(ours)) {
      String reason = "SlaFeeDistributor holds root " + found.payoutRoot() + " for this epoch";
      store.markSuperseded(epoch, reason);
      log.accept("payouts of epoch " + epoch + " superseded: " + reason);
      return new Outcome(Kind.SUPERSEDED, reason);
    }
    store.markPublished(
        epoch,
        found.configVersion(),
        new Publication(
            new TransactionHash(found.transaction().bytes()),
            found.blockNumber(),
            found.gasUsed(),
            new EthereumAddress(found.submitter().bytes()),
            clock.instant()));
    log.accept(
        "payouts of epoch "
            + epoch
            + " published in block "
            + found.blockNumber()
            + " ("
            + found.gasUsed()
            + " gas)");
    return new Outcome(Kind.PUBLISHED, "published");
  }
}
