package io.naap.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.SlaOracle;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.StartupKind;
import io.naap.sla.score.Scorer;
import io.naap.sla.score.ScoringRules;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.TelemetryLock;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.kpi.RollupKey;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.oracle.SnapshotStatus;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSnapshot;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The oracle end to end on a real anvil and a real PostgreSQL: KPI rollups in, snapshots built,
 * signed by 2 of 3 operators and published on SlaOracle, each exactly once whatever is retried.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class OracleServiceIT {
  private static final String SDXL = "streamdiffusion-sdxl";
  private static final String GOOD = "0x1111111111111111111111111111111111111111";
  private static final String POOR = "0x2222222222222222222222222222222222222222";
  private static final String NEWCOMER = "0x3333333333333333333333333333333333333333";
  private static final Instant GENESIS = Instant.parse("2026-11-29T00:00:00Z");

  private AnvilNode anvil;
  private Web3j web3j;
  private Database database;
  private Credentials admin;
  private Credentials submitter;
  private List<SnapshotSigner> operators;
  private SlaOracleDeployment.Deployed deployed;
  private OracleStore store;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void setUp(AnvilNode anvil, @FreshDatabase PostgresDatabase postgres) {
    this.anvil = anvil;
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 4));
    admin = Credentials.create(anvil.accounts().getFirst().privateKey());
    submitter = Credentials.create(anvil.accounts().get(1).privateKey());
    operators = new ArrayList<>();
    for (String label : List.of("oracle-a", "oracle-b", "oracle-c", "oracle-d")) {
      operators.add(SnapshotSigner.of(new BigInteger(1, Hash.sha3(label.getBytes()))));
    }
    // a contract of its own for each test: its history starts empty
    deployed =
        SlaOracleDeployment.deploy(
            web3j,
            anvil.chainId(),
            admin,
            operators.subList(0, 3).stream().map(SnapshotSigner::address).toList(),
            2);
    store =
        new OracleStore(
            database,
            new OracleContract(anvil.chainId(), new EthereumAddress(deployed.address().bytes())));
  }

  @AfterEach
  void tearDown() {
    web3j.shutdown();
    database.close();
  }

  @Test
  void publishesEveryFinalEpochOnceWithItsGasAndEveryLeafVerifiesOnChain() throws Exception {
    seedActivity(1, 3);
    Clock clock = Clock.fixed(GENESIS.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    OracleService oracle = service(operators.subList(0, 3), Optional.of(submitter), clock);

    OracleService.Tick tick = oracle.tick();

    // epochs 1 to 5 are final; 4 and 5 had no sessions, their scores carry on
    assertThat(tick.built()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(tick.published()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(tick.waiting()).isNull();
    SlaOracleChain chain = chain();
    for (long epoch = 1; epoch <= 5; epoch++) {
      StoredSnapshot snapshot = store.snapshot(epoch).orElseThrow();
      assertThat(snapshot.status()).isEqualTo(SnapshotStatus.PUBLISHED);
      assertThat(chain.publishedRoot(epoch)).contains(Bytes32.of(snapshot.scoresRoot()));
      assertThat(Bytes32.keccak(snapshot.document())).isEqualTo(Bytes32.of(snapshot.dataHash()));
      var publication = snapshot.publication().orElseThrow();
      var receipt =
          web3j
              .ethGetTransactionReceipt(publication.transaction().toHex())
              .send()
              .getTransactionReceipt()
              .orElseThrow();
      assertThat(publication.gasUsed()).isEqualTo(receipt.getGasUsed().longValueExact());
      assertThat(publication.gasUsed()).isBetween(21_000L, 100_000L);
      assertThat(publication.submitter().toHex()).isEqualTo(submitter.getAddress());
    }
    assertThat(publicationsOnChain()).isEqualTo(5);

    // the good orchestrator outscores the poor one; both served, so neither has only its prior
    List<StoredScore> third = store.scores(3);
    assertThat(third).extracting(score -> score.orchestrator().toHex()).containsExactly(GOOD, POOR);
    assertThat(third.get(0).scoreBps()).isGreaterThan(third.get(1).scoreBps());
    assertThat(third.get(0).flags() & ScoreLeaf.QUALIFIES).isEqualTo(ScoreLeaf.QUALIFIES);
    assertThat(third.get(1).flags() & ScoreLeaf.QUALIFIES).isZero();
    // every leaf of every epoch verifies on chain with its proof
    for (long epoch = 1; epoch <= 5; epoch++) {
      List<ScoreLeaf> leaves = leaves(store.scores(epoch));
      MerkleTree tree = MerkleTree.ofLeaves(leaves);
      for (ScoreLeaf leaf : leaves) {
        assertThat(chain.verifyScore(leaf, tree.proof(leaf.hash()))).isTrue();
      }
      ScoreLeaf changed =
          new ScoreLeaf(
              epoch,
              leaves.getFirst().orchestrator(),
              leaves.getFirst().workload(),
              leaves.getFirst().scoreBps() == 0 ? 1 : leaves.getFirst().scoreBps() - 1,
              leaves.getFirst().flags(),
              leaves.getFirst().kpiDigest());
      assertThat(chain.verifyScore(changed, tree.proof(leaves.getFirst().hash()))).isFalse();
    }
    // the scores carried by epochs without sessions decay toward the prior, never vanish
    assertThat(store.scores(5)).hasSize(2);
    assertThat(store.scores(5).getFirst().lastActiveEpoch()).isEqualTo(3);

    // a second pass finds nothing to do and sends nothing
    OracleService.Tick again = oracle.tick();
    assertThat(again.built()).isEmpty();
    assertThat(again.published()).isEmpty();
    assertThat(publicationsOnChain()).isEqualTo(5);
  }

  @Test
  void aNewcomerWhoInitialisedItsSlaStartsProvisionalAtItsPrior() {
    seedActivity(1, 1);
    new SlaPolicyStore(database)
        .enroll(
            new SlaPolicyStore.Enrollment(
                EthereumAddress.fromHex(NEWCOMER),
                SDXL,
                "NVIDIA GeForce RTX 4090",
                GENESIS.plus(Duration.ofSeconds(90))));
    Clock clock = Clock.fixed(GENESIS.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
    service(operators.subList(0, 3), Optional.of(submitter), clock).tick();

    // enrolled during epoch 2: not in epoch 1, scored at its prior from epoch 2
    assertThat(store.scores(1))
        .extracting(score -> score.orchestrator().toHex())
        .doesNotContain(NEWCOMER);
    StoredScore newcomer =
        store.scores(2).stream()
            .filter(score -> score.orchestrator().toHex().equals(NEWCOMER))
            .findFirst()
            .orElseThrow();
    assertThat(newcomer.flags() & ScoreLeaf.PROVISIONAL).isEqualTo(ScoreLeaf.PROVISIONAL);
    assertThat(newcomer.previous()).isEmpty();
    assertThat(newcomer.scoreBps()).isEqualTo((int) Math.floor(newcomer.prior() * 10_000 + 0.5));
    // its prior comes from the epoch-1 scores of the RTX 4090 class, not the neutral default
    assertThat(newcomer.prior()).isNotEqualTo(ScoringRules.v1().defaultPrior());
  }

  @Test
  void aRecordedTransactionThatNeverLeftIsSentAgainAndOneSentBeforeACrashIsFound()
      throws Exception {
    seedActivity(1, 2);
    Clock clock = Clock.fixed(GENESIS.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
    // operators sign, but nobody here submits: epochs 1 and 2 stay built
    OracleService signOnly = service(operators.subList(0, 3), Optional.empty(), clock);
    assertThat(signOnly.tick().waiting()).contains("no submitter");
    SlaOracleChain chain = chain();

    // crash 1: the transaction of epoch 1 recorded, then the process died before sending it
    StoredSnapshot first = store.snapshot(1).orElseThrow();
    ChainTransactions.Prepared lost =
        chain.preparePublish(attestation(first), signatures(first), submitter);
    store.markSubmitted(1, new TransactionHash(lost.hash().bytes()), clock.instant());

    OracleService.Tick tick =
        service(operators.subList(0, 3), Optional.of(submitter), clock).tick();

    assertThat(tick.published()).containsExactly(1L, 2L);
    // sent anew: the node had never seen it (the same nonce and gas sign to the same hash)
    assertThat(store.snapshot(1).orElseThrow().status()).isEqualTo(SnapshotStatus.PUBLISHED);
    assertThat(publicationsOnChain()).isEqualTo(2);

    // crash 3: epoch 3's transaction sent, the process died before it recorded the outcome
    seedActivity(3, 3);
    Clock later = Clock.fixed(GENESIS.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
    service(operators.subList(0, 3), Optional.empty(), later).tick();
    StoredSnapshot third = store.snapshot(3).orElseThrow();
    ChainTransactions.Prepared sent =
        chain.preparePublish(attestation(third), signatures(third), submitter);
    store.markSubmitted(3, new TransactionHash(sent.hash().bytes()), later.instant());
    chain.send(sent);

    OracleService.Tick resumed =
        service(operators.subList(0, 3), Optional.of(submitter), later).tick();
    assertThat(resumed.published()).containsExactly(3L);
    assertThat(store.snapshot(3).orElseThrow().publication().orElseThrow().transaction().bytes())
        .isEqualTo(sent.hash().bytes());
    assertThat(publicationsOnChain()).isEqualTo(3);
  }

  @Test
  void aSnapshotBuiltBeforeARotationIsRebuiltForTheNewSignersAndTheRotatedOutOnesNoLongerCount()
      throws Exception {
    seedActivity(1, 1);
    Clock clock = Clock.fixed(GENESIS.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
    service(operators.subList(0, 3), Optional.empty(), clock).tick();
    assertThat(store.snapshot(1).orElseThrow().configVersion()).isEqualTo(1);

    // governance replaces operator c by d; threshold stays 2
    SlaOracle contract =
        SlaOracle.load(
            deployed.address().checksummed(),
            web3j,
            ProtocolDoubles.transactionManager(web3j, admin, anvil.chainId()),
            new DefaultGasProvider());
    contract
        .setSigners(
            List.of(
                operators.get(0).address().checksummed(),
                operators.get(1).address().checksummed(),
                operators.get(3).address().checksummed()),
            BigInteger.TWO)
        .send();

    // only a (current) and c (rotated out) sign here: one current signer is not enough
    OracleService.Tick stuck =
        service(List.of(operators.get(0), operators.get(2)), Optional.of(submitter), clock).tick();
    assertThat(stuck.waiting()).contains("1 of 2 signatures");
    assertThat(store.snapshot(1).orElseThrow().configVersion()).isEqualTo(2);

    // d signs too: published under config version 2
    OracleService.Tick done =
        service(List.of(operators.get(3)), Optional.of(submitter), clock).tick();
    assertThat(done.published()).containsExactly(1L);
    StoredSnapshot published = store.snapshot(1).orElseThrow();
    assertThat(new String(published.document())).contains("\"configVersion\":2");
  }

  @Test
  void anEpochAnotherRootHoldsIsSupersededNeverSentAgain() throws Exception {
    seedActivity(1, 2);
    Clock clock = Clock.fixed(GENESIS.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
    service(operators.subList(0, 3), Optional.empty(), clock).tick();

    // another operator publishes epoch 2 with a root of its own
    StoredSnapshot ours = store.snapshot(2).orElseThrow();
    ScoreSnapshot theirs =
        new ScoreSnapshot(2, Bytes32.keccak(new byte[] {9}), 1, Bytes32.keccak(new byte[] {8}), 1);
    Bytes32 digest = theirs.digest(domain());
    List<Signature> signatures =
        operators.subList(0, 2).stream()
            .sorted(Comparator.comparing(s -> s.address().checksummed().toLowerCase()))
            .map(signer -> signer.sign(digest))
            .toList();
    SlaOracleChain chain = chain();
    chain.send(chain.preparePublish(theirs, signatures, admin));
    assertThat(chain.publishedRoot(2)).contains(theirs.scoresRoot());

    OracleService.Tick tick =
        service(operators.subList(0, 3), Optional.of(submitter), clock).tick();

    assertThat(tick.superseded()).containsExactly(1L, 2L);
    assertThat(store.snapshot(1).orElseThrow().statusReason().orElseThrow())
        .contains("already published epoch 2");
    assertThat(store.snapshot(2).orElseThrow().statusReason().orElseThrow())
        .contains("holds root " + theirs.scoresRoot());
    assertThat(Bytes32.of(ours.scoresRoot())).isNotEqualTo(theirs.scoresRoot());
    assertThat(publicationsOnChain()).isEqualTo(1);
  }

  private OracleService service(
      List<SnapshotSigner> signers, Optional<Credentials> sender, Clock clock) {
    ScoringRules rules = ScoringRules.v1();
    WorkloadCatalogue catalogue = WorkloadCatalogue.defaults();
    return new OracleService(
        store,
        new SlaPolicyStore(database),
        new KpiRollupStore(database),
        chain(),
        new SnapshotBuilder(new Scorer(rules), catalogue, 10),
        new EpochSchedule(GENESIS, Duration.ofMinutes(1), Duration.ZERO),
        signers,
        sender,
        new OracleService.Settings(100, Duration.ofSeconds(10), new EpochPriors(rules, catalogue)),
        clock,
        log::add);
  }

  private SlaOracleChain chain() {
    return new SlaOracleChain(web3j, anvil.chainId(), deployed.address(), deployed.block());
  }

  private Eip712Domain domain() {
    return Eip712Domain.slaOracle(anvil.chainId(), deployed.address());
  }

  private ScoreSnapshot attestation(StoredSnapshot snapshot) {
    return new ScoreSnapshot(
        snapshot.epoch(),
        Bytes32.of(snapshot.scoresRoot()),
        snapshot.leafCount(),
        Bytes32.of(snapshot.dataHash()),
        snapshot.configVersion());
  }

  private List<Signature> signatures(StoredSnapshot snapshot) {
    Bytes32 digest = attestation(snapshot).digest(domain());
    return store.signatures(snapshot.epoch(), digest.bytes()).stream()
        .map(stored -> Signature.fromBytes(stored.signature()))
        .limit(2)
        .toList();
  }

  private static List<ScoreLeaf> leaves(List<StoredScore> scores) {
    return scores.stream()
        .map(
            score ->
                new ScoreLeaf(
                    score.epoch(),
                    EvmAddress.of(score.orchestrator().bytes()),
                    Bytes32.of(score.workloadId()),
                    score.scoreBps(),
                    score.flags(),
                    Bytes32.of(score.kpiDigest())))
        .toList();
  }

  private long publicationsOnChain() throws Exception {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST,
            DefaultBlockParameterName.LATEST,
            deployed.address().checksummed());
    filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(SlaOracle.SNAPSHOTPUBLISHED_EVENT));
    return web3j.ethGetLogs(filter).send().getLogs().size();
  }

  /**
   * Minute rollups in epochs {@code [first, last]}: GOOD serves 12 sessions a minute at target,
   * POOR 12 at half the target fps with slow startups and failures; plus rows naap cannot score (an
   * orchestrator known by no address, a workload without targets).
   */
  private void seedActivity(long first, long last) {
    TreeMap<RollupKey, byte[]> rows = new TreeMap<>();
    for (long epoch = first; epoch <= last; epoch++) {
      Instant minute = GENESIS.plus(Duration.ofMinutes(epoch - 1));
      rows.put(key(minute, GOOD, SDXL, "NVIDIA GeForce RTX 4090"), good().toBytes());
      rows.put(key(minute, POOR, SDXL, "NVIDIA GeForce RTX 4090"), poor().toBytes());
      rows.put(key(minute, "orch.example:8935", SDXL, "unknown"), good().toBytes());
      rows.put(key(minute, GOOD, "no-such-model", "unknown"), good().toBytes());
    }
    database.inTransaction(
        tx -> {
          TelemetryLock.acquire(tx);
          KpiRollupStore.merge(tx, rows, KpiAggregate::mergeBytes, Instant.now());
          return null;
        });
  }

  private static RollupKey key(Instant minute, String orchestrator, String workload, String gpu) {
    return new RollupKey("minute", minute, orchestrator, workload, gpu, "eu", "eu", "test");
  }

  private static KpiAggregate good() {
    KpiAggregate kpis = KpiAggregate.empty();
    for (int i = 0; i < 12; i++) {
      kpis.addSession().addSegment().addStartup(1_500, StartupKind.WARM).addEndToEnd(1_200);
      kpis.addFps(21, 0.5);
    }
    return kpis;
  }

  private static KpiAggregate poor() {
    KpiAggregate kpis = KpiAggregate.empty();
    for (int i = 0; i < 12; i++) {
      kpis.addSession().addSegment().addStartup(9_000, StartupKind.COLD).addEndToEnd(4_500);
      kpis.addFps(10, 30);
      if (i % 3 == 0) {
        kpis.addFailure(false);
      }
    }
    return kpis;
  }
}
