package io.naap.app.features;

import io.naap.api.Endpoint;
import io.naap.api.score.RealtimeScore;
import io.naap.api.score.ScoreEndpoints;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SnapshotSigner;
import io.naap.oracle.EpochPriors;
import io.naap.oracle.EpochSchedule;
import io.naap.oracle.OracleLoop;
import io.naap.oracle.OracleService;
import io.naap.oracle.SlaOracleChain;
import io.naap.oracle.SnapshotBuilder;
import io.naap.sla.score.Scorer;
import io.naap.sla.score.ScoringRules;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SlaPolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The score oracle wired over one database and one SlaOracle contract: the stores, the schedule
 * (fixed on first run and kept in the database), the scoring rules and the service.
 */
public final class OracleFeatures {
  static final String GENESIS = "genesis";
  static final String EPOCH_LENGTH = "epoch-length";

  /**
   * How the oracle runs.
   *
   * @param epochLength a whole number of minutes; fixed by the first run against a contract
   * @param finalisationDelay how long after its end an epoch waits for late events
   * @param genesis the start of epoch 1; empty: the current minute at the first run
   * @param retainEpochs how many epochs without sessions a score stays in the snapshots
   * @param maxEpochsPerTick the most epochs built in one pass
   * @param receiptWait how long a pass waits for a publication to be mined
   * @param period the pause between passes
   */
  public record Settings(
      Duration epochLength,
      Duration finalisationDelay,
      Optional<Instant> genesis,
      long retainEpochs,
      int maxEpochsPerTick,
      Duration receiptWait,
      Duration period) {
    public Settings {
      Objects.requireNonNull(epochLength, "epochLength");
      Objects.requireNonNull(finalisationDelay, "finalisationDelay");
      Objects.requireNonNull(genesis, "genesis");
      Objects.requireNonNull(receiptWait, "receiptWait");
      Objects.requireNonNull(period, "period");
    }

    /** Hourly epochs, final 5 minutes after they end; scores kept a week without sessions. */
    public static Settings hourly() {
      return new Settings(
          Duration.ofHours(1),
          Duration.ofMinutes(5),
          Optional.empty(),
          24 * 7,
          24,
          Duration.ofSeconds(60),
          Duration.ofSeconds(15));
    }

    /**
     * {@code naap up}'s: one-minute epochs final 15 s after they end, so the first snapshot is
     * published within about two minutes of the start.
     */
    public static Settings local() {
      return new Settings(
          Duration.ofMinutes(1),
          Duration.ofSeconds(15),
          Optional.empty(),
          7L * 24 * 60,
          60,
          Duration.ofSeconds(20),
          Duration.ofSeconds(5));
    }

    public Settings withEpochLength(Duration length) {
      return new Settings(
          length, finalisationDelay, genesis, retainEpochs, maxEpochsPerTick, receiptWait, period);
    }

    public Settings withFinalisationDelay(Duration delay) {
      return new Settings(
          epochLength, delay, genesis, retainEpochs, maxEpochsPerTick, receiptWait, period);
    }

    public Settings withGenesis(Optional<Instant> start) {
      return new Settings(
          epochLength,
          finalisationDelay,
          start,
          retainEpochs,
          maxEpochsPerTick,
          receiptWait,
          period);
    }

    public Settings withPeriod(Duration pause) {
      return new Settings(
          epochLength,
          finalisationDelay,
          genesis,
          retainEpochs,
          maxEpochsPerTick,
          receiptWait,
          pause);
    }

    public Settings withMaxEpochsPerTick(int max) {
      return new Settings(
          epochLength, finalisationDelay, genesis, retainEpochs, max, receiptWait, period);
    }
  }

  private final OracleStore store;
  private final SlaPolicyStore policy;
  private final OracleService service;
  private final SlaOracleChain chain;
  private final Settings settings;
  private final WorkloadCatalogue catalogue;
  private final Scorer scorer;

  private OracleFeatures(
      OracleStore store,
      SlaPolicyStore policy,
      OracleService service,
      SlaOracleChain chain,
      Settings settings,
      WorkloadCatalogue catalogue,
      Scorer scorer) {
    this.catalogue = catalogue;
    this.scorer = scorer;
    this.store = store;
    this.policy = policy;
    this.service = service;
    this.chain = chain;
    this.settings = settings;
  }

  /**
   * The oracle of {@code contract}.
   *
   * @param signers the operator keys this process signs with (none: it only builds and submits what
   *     others signed)
   * @param submitter the account that sends publications (none: it never sends)
   * @throws IllegalArgumentException when the settings contradict the schedule the database keeps
   */
  public static OracleFeatures open(
      Database database,
      Web3j web3j,
      long chainId,
      EvmAddress contract,
      long deploymentBlock,
      List<SnapshotSigner> signers,
      Optional<Credentials> submitter,
      Settings settings,
      Clock clock,
      Consumer<String> log) {
    OracleStore store =
        new OracleStore(
            database, new OracleContract(chainId, new EthereumAddress(contract.bytes())));
    EpochSchedule schedule = schedule(store, settings, clock);
    ScoringRules rules = ScoringRules.v1();
    WorkloadCatalogue catalogue = WorkloadCatalogue.defaults();
    Scorer scorer = new Scorer(rules);
    SlaOracleChain chain = new SlaOracleChain(web3j, chainId, contract, deploymentBlock);
    SlaPolicyStore policy = new SlaPolicyStore(database);
    OracleService service =
        new OracleService(
            store,
            policy,
            new KpiRollupStore(database),
            chain,
            new SnapshotBuilder(scorer, catalogue, settings.retainEpochs()),
            schedule,
            signers,
            submitter,
            new OracleService.Settings(
                settings.maxEpochsPerTick(),
                settings.receiptWait(),
                new EpochPriors(rules, catalogue)),
            clock,
            log);
    return new OracleFeatures(store, policy, service, chain, settings, catalogue, scorer);
  }

  /**
   * The schedule: the genesis and epoch length stored by the first run against the contract, which
   * later runs must not contradict (renumbering epochs would break the contract's order).
   */
  static EpochSchedule schedule(OracleStore store, Settings settings, Clock clock) {
    Instant genesis =
        Instant.parse(
            store.settingOrInit(
                GENESIS,
                () ->
                    settings
                        .genesis()
                        .orElseGet(() -> EpochSchedule.genesisAt(clock.instant()))
                        .toString()));
    if (settings.genesis().isPresent() && !settings.genesis().get().equals(genesis)) {
      throw new IllegalArgumentException(
          "this oracle's epochs started at "
              + genesis
              + ", not "
              + settings.genesis().get()
              + ": its schedule cannot change");
    }
    Duration length =
        Duration.parse(store.settingOrInit(EPOCH_LENGTH, () -> settings.epochLength().toString()));
    if (!length.equals(settings.epochLength())) {
      throw new IllegalArgumentException(
          "this oracle's epochs last "
              + length
              + ", not "
              + settings.epochLength()
              + ": its schedule cannot change");
    }
    return new EpochSchedule(genesis, length, settings.finalisationDelay());
  }

  /**
   * Settings that follow the schedule the database keeps for a contract, for commands that read an
   * oracle's history rather than run it.
   *
   * @throws IllegalArgumentException when no oracle has run against the contract
   */
  public static Settings storedSchedule(Database database, long chainId, EvmAddress contract) {
    OracleStore store =
        new OracleStore(
            database, new OracleContract(chainId, new EthereumAddress(contract.bytes())));
    String genesis =
        store
            .setting(GENESIS)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no oracle has run against SlaOracle " + contract.checksummed()));
    return Settings.hourly()
        .withGenesis(Optional.of(Instant.parse(genesis)))
        .withEpochLength(Duration.parse(store.setting(EPOCH_LENGTH).orElseThrow()));
  }

  public OracleService service() {
    return service;
  }

  public OracleStore store() {
    return store;
  }

  public SlaPolicyStore policy() {
    return policy;
  }

  public SlaOracleChain chain() {
    return chain;
  }

  /** Scores, explanations, SLA initialisation, minimum scores, attestations and proofs. */
  public List<Endpoint> endpoints(Clock clock) {
    return new ScoreEndpoints(
            store,
            policy,
            catalogue,
            scorer,
            clock,
            (orchestrator, workload) ->
                service.realtime(orchestrator, workload).stream()
                    .map(
                        running ->
                            new RealtimeScore(
                                running.workload(),
                                running.epoch(),
                                running.asOf(),
                                running.scoreBps(),
                                running.provisional(),
                                running.sessions()))
                    .toList())
        .endpoints();
  }

  /** The loop on the settings' period; the caller starts and closes it. */
  public OracleLoop loop(Consumer<RuntimeException> onFailure) {
    return new OracleLoop(service, settings.period(), onFailure);
  }
}
