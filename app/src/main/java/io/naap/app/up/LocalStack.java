package io.naap.app.up;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.api.Endpoint;
import io.naap.api.auth.ApiKeys;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.app.features.IndexerFeatures;
import io.naap.app.features.OracleFeatures;
import io.naap.app.features.PayoutFeatures;
import io.naap.app.features.TelemetryFeatures;
import io.naap.app.health.ChainCheck;
import io.naap.app.health.DatabaseCheck;
import io.naap.app.health.IndexerCheck;
import io.naap.app.loadgen.SyntheticLoad;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SnapshotSigner;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.AnvilSettings;
import io.naap.embedded.LocalPostgres;
import io.naap.embedded.PostgresSettings;
import io.naap.indexer.config.ContractSpec;
import io.naap.indexer.rpc.RpcSettings;
import io.naap.oracle.OracleLoop;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.deployment.ContractDeployments;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.telemetry.loadgen.IngestionSink;
import io.naap.telemetry.loadgen.LoadGenerator;
import io.naap.telemetry.loadgen.LoadSettings;
import io.naap.telemetry.session.SessionSettings;
import io.naap.telemetry.session.SessionSweeper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The product on embedded defaults: PostgreSQL, an anvil chain with the contracts deployed, one dev
 * API key per scope, the HTTP API and (unless disabled) the load generator, started in that order;
 * each registered with the {@link Teardown} the moment it runs.
 */
final class LocalStack {
  static final String DATABASE = "naap";

  /** How many oracle operators the local chain has, and how many must sign a snapshot. */
  static final int ORACLE_OPERATORS = 3;

  /** The most blocks a contract group advances in one indexer pass. */
  static final long INDEXER_MAX_BLOCKS_PER_PASS = 100_000;

  /** How often the indexer looks for new blocks once caught up. */
  static final java.time.Duration INDEXER_POLL = java.time.Duration.ofSeconds(1);

  /** The indexer is not ready when a contract is further behind the head than this. */
  static final long INDEXER_MAX_LAG = 100;

  /** The indexer is not ready when its last pass is older than this. */
  static final java.time.Duration INDEXER_MAX_SILENCE = java.time.Duration.ofMinutes(1);

  static final int ORACLE_THRESHOLD = 2;

  /** The anvil account that publishes payout roots: an operator, not the oracle's submitter. */
  static final int PAYOUT_SUBMITTER = 2;

  /** The anvil account that funds the bonus pools, as a gateway would. */
  static final int BONUS_GATEWAY = 4;

  /** The label of the API keys {@code naap up} makes; its keys of an earlier run are revoked. */
  static final String DEV_KEY_LABEL = "naap up dev";

  private final UpSettings settings;
  private final Path home;
  private final Teardown teardown;
  private final Consumer<String> progress;
  private final Clock clock;

  LocalStack(
      UpSettings settings, Path home, Teardown teardown, Consumer<String> progress, Clock clock) {
    this.settings = settings;
    this.home = home;
    this.teardown = teardown;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Starts everything; with {@code --rpc}, {@code probe} holds the node's answers (checked before
   * anything started).
   *
   * @throws IllegalArgumentException when the configuration does not fit the chain
   */
  UpReport start(Optional<ExternalChain.Probe> probe) {
    Instant startedAt = clock.instant();
    long started = System.nanoTime();
    if (!settings.ephemeral()) {
      teardown.start("the lock on " + home, () -> HomeLock.acquire(home));
    }

    progress.accept("starting PostgreSQL");
    LocalPostgres postgres =
        teardown.start(
            "PostgreSQL",
            () ->
                LocalPostgres.start(
                    settings.ephemeral()
                        ? PostgresSettings.ephemeral()
                        : PostgresSettings.persistent(home.resolve("postgres"))));
    postgres.createDatabaseIfAbsent(DATABASE);
    String jdbcUrl = postgres.jdbcUrl(DATABASE);
    Database database =
        teardown.start(
            "the database pool",
            () ->
                Database.connect(
                    new DatabaseSettings(
                        jdbcUrl,
                        LocalPostgres.SUPERUSER,
                        Optional.empty(),
                        DatabaseSettings.DEFAULT_MAX_POOL_SIZE)));
    database.migrate();

    Chain chain =
        settings.external().isPresent()
            ? connect(database, settings.external().get(), probe.orElseThrow())
            : startAnvil(database);
    Optional<OracleFeatures> oracle =
        switch (chain.oracle()) {
          case OraclePlan.Run run ->
              Optional.of(
                  OracleFeatures.open(
                      database,
                      chain.web3j(),
                      chain.chainId(),
                      run.contract(),
                      run.block(),
                      run.signers(),
                      Optional.of(run.submitter()),
                      run.settings(),
                      clock,
                      line -> progress.accept("oracle: " + line)));
          case OraclePlan.Off off -> {
            progress.accept("the oracle publisher does not run: " + off.reason());
            yield Optional.empty();
          }
        };

    Optional<PayoutFeatures> payouts = Optional.empty();
    if (chain.payouts().isPresent()
        && oracle.isPresent()
        && chain.oracle() instanceof OraclePlan.Run run) {
      PayoutPlan plan = chain.payouts().get();
      PayoutFeatures features =
          PayoutFeatures.open(
              database,
              chain.web3j(),
              chain.chainId(),
              EvmAddress.fromHex(plan.distributor().address()),
              plan.distributor().block(),
              oracle.get(),
              run.signers(),
              Optional.of(plan.submitter()),
              PayoutFeatures.Settings.local(),
              clock,
              line -> progress.accept("payouts: " + line));
      progress.accept("funding the SLA bonus pools");
      DevBonusPools.fund(
          features.chain(),
          plan.gateway(),
          WorkloadCatalogue.defaults(),
          oracle.get().service().schedule().epochAt(clock.instant()) + 1,
          progress);
      payouts = Optional.of(features);
    }

    progress.accept("making dev API keys");
    ApiKeys keys = new ApiKeys(new ApiKeyStore(database), clock, new SecureRandom());
    UpReport.DevKeys devKeys = devKeys(keys);
    teardown.start(
        "the dev API keys",
        () ->
            () -> {
              // a dev key lives as long as the naap up that made it
              keys.revokeLabelled(DEV_KEY_LABEL);
            });

    progress.accept("starting the API");
    // Helidon's one registry of the process: several share Micrometer's global registry and can
    // deadlock one another when requests register meters at once (helidon-io/helidon#10858)
    MeterRegistry meters = Metrics.globalRegistry();
    TelemetryFeatures telemetry =
        new TelemetryFeatures(database, clock, SessionSettings.defaults());
    teardown.start(
        "the session sweep",
        () -> {
          SessionSweeper sweeper =
              telemetry.sweeper(
                  failure ->
                      System.err.println(
                          "naap: the session sweep failed: " + failure.getMessage()));
          sweeper.start();
          return sweeper::close;
        });
    progress.accept("opening the indexer (" + chain.indexed() + ")");
    IndexerFeatures indexer =
        IndexerFeatures.open(
            database,
            chain.rpcUrl(),
            chain.rpcSettings(),
            chain.indexerProfile().orElse(null),
            chain.indexerContracts(),
            chain.finalityDepth(),
            INDEXER_MAX_BLOCKS_PER_PASS,
            clock,
            chain.report().external()
                ? line -> {
                  // failures, reorgs and creation blocks; not a line for every pass that indexed
                  if (!line.startsWith("indexed ")) {
                    progress.accept("indexer: " + line);
                  }
                }
                : line -> {});
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(telemetry.endpoints(meters, TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES));
    oracle.ifPresent(features -> endpoints.addAll(features.endpoints(clock)));
    payouts.ifPresent(features -> endpoints.addAll(features.endpoints()));
    endpoints.addAll(IndexerFeatures.endpoints(database, clock));
    indexer.registerMetrics(meters);
    ApiServer api =
        new ApiServer(
            new ApiSettings(
                settings.host(), settings.apiPort(), ApiSettings.DEFAULT_HEALTH_CHECK_TIMEOUT),
            meters,
            List.of(
                new DatabaseCheck(database),
                new ChainCheck(chain.web3j(), chain.chainId()),
                new IndexerCheck(
                    new ProtocolMirrorStore(database),
                    chain.chainId(),
                    INDEXER_MAX_LAG,
                    INDEXER_MAX_SILENCE,
                    clock)),
            endpoints,
            keys);
    teardown.start(
        "the API",
        () -> {
          api.start();
          return api::stop;
        });
    String apiUrl = "http://" + settings.host() + ":" + settings.apiPort();

    payouts.ifPresent(
        features ->
            teardown.start(
                "the payouts",
                () -> {
                  OracleLoop loop =
                      features.loop(
                          failure ->
                              progress.accept(
                                  "payouts: a pass failed, retrying: " + failure.getMessage()));
                  loop.start();
                  return loop::close;
                }));

    if (chain.oracle() instanceof OraclePlan.Run run) {
      progress.accept(
          "starting the oracle (epochs of "
              + run.settings().epochLength().toMinutes()
              + " min, "
              + run.signers().size()
              + " operator key(s) here, "
              + run.threshold()
              + " signatures needed)");
      OracleFeatures features = oracle.orElseThrow();
      teardown.start(
          "the oracle",
          () -> {
            OracleLoop loop =
                features.loop(
                    failure ->
                        progress.accept(
                            "oracle: a pass failed, retrying: " + failure.getMessage()));
            loop.start();
            return loop::close;
          });
    }

    teardown.start(
        "the indexer",
        () -> {
          AtomicBoolean stop = new AtomicBoolean();
          Thread thread =
              Thread.ofPlatform()
                  .daemon()
                  .name("naap-indexer")
                  .start(
                      () -> {
                        try {
                          indexer.loop(INDEXER_POLL).run(false, stop::get);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      });
          return () -> {
            stop.set(true);
            thread.interrupt();
            thread.join(10_000);
          };
        });

    Optional<UpReport.Loadgen> loadgen = Optional.empty();
    if (settings.loadgen()) {
      progress.accept("starting the load generator (seed " + settings.loadgenSeed() + ")");
      LoadGenerator generator =
          SyntheticLoad.generator(
              new IngestionSink(telemetry.ingestion()),
              settings.loadgenSeed(),
              LoadSettings.defaults(),
              clock,
              LoadGenerator.DEFAULT_TICK);
      // started last, so the teardown stops it first, before the database it writes to
      teardown.start(
          "the load generator",
          () -> {
            generator.start();
            return generator::close;
          });
      generator
          .stopped()
          .whenComplete(
              (done, failure) -> {
                if (failure != null) {
                  progress.accept(
                      "the load generator stopped: "
                          + (failure.getMessage() == null
                              ? failure.getClass().getSimpleName()
                              : failure.getMessage()));
                }
              });
      loadgen =
          Optional.of(
              new UpReport.Loadgen(
                  settings.loadgenSeed(),
                  SyntheticLoad.describe(generator.scheduler().fleet()),
                  SyntheticLoad.gateways()));
    }

    return new UpReport(
        ProcessHandle.current().pid(),
        startedAt,
        Duration.ofNanos(System.nanoTime() - started),
        home,
        settings.ephemeral(),
        new UpReport.Api(apiUrl, apiUrl + "/health", apiUrl + "/metrics", apiUrl + "/openapi"),
        chain.report(),
        new UpReport.Database(
            jdbcUrl,
            LocalPostgres.SUPERUSER,
            postgres.port(),
            postgres.dataDirectory(),
            postgres.serverPid().orElse(-1L)),
        chain.report().external() ? indexedContracts(indexer) : chain.contracts(),
        new UpReport.Indexer(indexer.profile().name(), indexer.profile().finalityDepth()),
        switch (chain.oracle()) {
          case OraclePlan.Run run ->
              new UpReport.Oracle.Running(
                  run.contract().checksummed(),
                  run.block(),
                  run.settings().epochLength(),
                  run.signers().size(),
                  run.threshold());
          case OraclePlan.Off off -> new UpReport.Oracle.Off(off.reason());
        },
        loadgen,
        devKeys);
  }

  /**
   * The chain naap up runs against and what runs on it.
   *
   * @param report what up.json says of it
   * @param contracts the contracts naap up deployed on it (its own anvil)
   * @param oracle whether the oracle publisher runs, with what
   * @param indexed what the indexer follows, in words
   * @param indexerProfile a bundled indexer profile, or empty for the contracts recorded for the
   *     chain
   * @param indexerContracts contracts added to, or replacing those of, the profile
   */
  private record Chain(
      String rpcUrl,
      long chainId,
      Web3j web3j,
      UpReport.Chain report,
      List<UpReport.Contract> contracts,
      OraclePlan oracle,
      String indexed,
      RpcSettings rpcSettings,
      Optional<String> indexerProfile,
      List<ContractSpec> indexerContracts,
      OptionalLong finalityDepth,
      Optional<PayoutPlan> payouts) {}

  /**
   * The payouts naap up runs on its own chain.
   *
   * @param distributor the SlaFeeDistributor it pays from
   * @param submitter the account that publishes payout roots (not the oracle's, so that the two
   *     publishers never race for one nonce)
   * @param gateway the dev account that funds the bonus pools, as a gateway would
   */
  private record PayoutPlan(
      UpReport.Contract distributor, Credentials submitter, Credentials gateway) {}

  /**
   * Starts anvil, deploys the protocol doubles and SlaOracle (or reuses those recorded), and signs
   * with three of the chain's dev accounts.
   */
  private Chain startAnvil(Database database) {
    progress.accept("starting anvil");
    Path chainDir = home.resolve("chain");
    AnvilSettings anvilSettings =
        AnvilSettings.ephemeral(AnvilNode.binaryIn(settings.naapHome()))
            .withPort(settings.rpcPort())
            .withWorkDir(chainDir)
            // a block a second besides one per transaction, as on a real chain: the indexer's
            // finality depth (12 blocks) then passes in seconds, not after 12 more transactions
            .withBlockInterval(Duration.ofSeconds(1));
    anvilSettings =
        settings.ephemeral()
            ? anvilSettings.withMnemonicSeed(DevChainSeed.fresh())
            : anvilSettings
                .withMnemonicSeed(DevChainSeed.loadOrCreate(chainDir.resolve("dev-seed")))
                .withStateFile(chainDir.resolve("state.json"));
    AnvilSettings chainSettings = anvilSettings;
    AnvilNode anvil = teardown.start("anvil", () -> AnvilNode.start(chainSettings));
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    teardown.start("the JSON-RPC client", () -> web3j::shutdown);

    progress.accept("deploying contracts");
    Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    List<UpReport.Contract> contracts =
        new LocalContracts(
                web3j, anvil.chainId(), deployer, new ContractDeployments(database), clock)
            .ensureDeployed();
    // the oracle operators: anvil's accounts 1 to 3 (made from this home's dev seed), 2 of 3
    List<SnapshotSigner> operators = new ArrayList<>();
    for (int i = 1; i <= ORACLE_OPERATORS; i++) {
      operators.add(
          SnapshotSigner.of(
              Credentials.create(anvil.accounts().get(i).privateKey())
                  .getEcKeyPair()
                  .getPrivateKey()));
    }
    UpReport.Contract oracleContract =
        new LocalContracts(
                web3j, anvil.chainId(), deployer, new ContractDeployments(database), clock)
            .ensureOracle(
                operators.stream().map(SnapshotSigner::address).toList(), ORACLE_THRESHOLD);
    UpReport.Contract distributorContract =
        new LocalContracts(
                web3j, anvil.chainId(), deployer, new ContractDeployments(database), clock)
            .ensureDistributor(EvmAddress.fromHex(oracleContract.address()));
    contracts = new ArrayList<>(contracts);
    contracts.add(oracleContract);
    contracts.add(distributorContract);
    return new Chain(
        anvil.rpcUrl(),
        anvil.chainId(),
        web3j,
        new UpReport.Chain(
            anvil.rpcUrl(),
            anvil.chainId(),
            false,
            OptionalLong.of(anvil.pid()),
            chainSettings.stateFile(),
            Optional.of(anvil.logFile())),
        contracts,
        new OraclePlan.Run(
            EvmAddress.fromHex(oracleContract.address()),
            oracleContract.block(),
            operators,
            Credentials.create(anvil.accounts().get(1).privateKey()),
            ORACLE_THRESHOLD,
            OracleFeatures.Settings.local()),
        "the protocol doubles, SlaOracle and SlaFeeDistributor",
        RpcSettings.defaults(),
        Optional.empty(),
        List.of(),
        OptionalLong.empty(),
        Optional.of(
            new PayoutPlan(
                distributorContract,
                Credentials.create(anvil.accounts().get(PAYOUT_SUBMITTER).privateKey()),
                Credentials.create(anvil.accounts().get(BONUS_GATEWAY).privateKey()))));
  }

  /**
   * Connects to {@code --rpc}'s chain (checked before start-up by {@link ExternalChain#probe}),
   * finds or deploys SlaOracle, and decides whether the oracle publisher runs.
   */
  private Chain connect(
      Database database, UpSettings.External external, ExternalChain.Probe probe) {
    String rpcUrl = external.rpc().toString();
    progress.accept("using the chain at " + rpcUrl + " (chain id " + probe.chainId() + ")");
    Web3j web3j = Web3j.build(new HttpService(rpcUrl));
    teardown.start("the JSON-RPC client", () -> web3j::shutdown);
    ExternalChain chain =
        new ExternalChain(
            external,
            probe,
            web3j,
            new ContractDeployments(database),
            home.resolve("oracle").resolve("operator-keys"),
            progress,
            clock);
    Optional<ContractSpec> slaOracle = chain.slaOracle();
    List<ContractSpec> contracts = new ArrayList<>(external.contracts());
    if (slaOracle.isPresent() && external.slaOracle().isEmpty()) {
      contracts.add(slaOracle.get());
    }
    return new Chain(
        rpcUrl,
        probe.chainId(),
        web3j,
        new UpReport.Chain(
            rpcUrl,
            probe.chainId(),
            true,
            OptionalLong.empty(),
            Optional.empty(),
            Optional.empty()),
        List.of(),
        chain.oracle(slaOracle),
        external
                .profile()
                .map(name -> "profile " + name)
                .orElse("the contracts recorded for the chain")
            + (contracts.isEmpty() ? "" : " and " + contracts.size() + " given or deployed"),
        RpcSettings.defaults().withRequestTimeout(external.rpcTimeout()),
        external.profile(),
        contracts,
        external.finalityDepth(),
        Optional.empty());
  }

  /** The contracts the indexer follows, each with the block it indexes from. */
  private static List<UpReport.Contract> indexedContracts(IndexerFeatures indexer) {
    return indexer.targets().stream()
        .map(
            target ->
                new UpReport.Contract(
                    target.name(), target.address().toChecksumHex(), target.startBlock()))
        .toList();
  }

  /**
   * One new key per scope, labelled {@value #DEV_KEY_LABEL}, after revoking the dev keys of an
   * earlier run on the same home (still valid if it was killed before it could revoke them).
   */
  private UpReport.DevKeys devKeys(ApiKeys keys) {
    int earlier = keys.revokeLabelled(DEV_KEY_LABEL).size();
    if (earlier > 0) {
      progress.accept("revoked " + earlier + " dev API keys of an earlier run");
    }
    Optional<String> label = Optional.of(DEV_KEY_LABEL);
    return new UpReport.DevKeys(
        keys.create(KeyScope.GATEWAY, label).key(),
        keys.create(KeyScope.ORCHESTRATOR, label).key(),
        keys.create(KeyScope.ADMIN, label).key());
  }
}
