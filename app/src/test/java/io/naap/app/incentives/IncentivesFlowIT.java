package io.naap.app.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.api.incentives.IncentiveEndpoints;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.app.features.IndexerFeatures;
import io.naap.app.features.OracleFeatures;
import io.naap.app.features.PayoutFeatures;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.PayoutRoot;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotDocument;
import io.naap.attestations.SnapshotSigner;
import io.naap.bindings.deploy.DeployedContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.oracle.ChainTransactions;
import io.naap.oracle.SlaOracleChain;
import io.naap.oracle.SlaOracleDeployment;
import io.naap.oracle.payout.DistributorChain;
import io.naap.oracle.payout.DistributorDeployment;
import io.naap.oracle.payout.PayoutService;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.ContractDeployment;
import io.naap.storage.deployment.ContractDeployments;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.incentives.DistributionStatus;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.PoolRow;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import io.naap.storage.incentives.StoredDistribution;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.SnapshotStatus;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSnapshot;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import io.naap.testkit.SteppedClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The incentive engine end to end on a real anvil and a real PostgreSQL: gateways fund bonus pools
 * on SlaFeeDistributor, the protocol doubles declare fee shares, bonds and credited fees, the
 * indexer mirrors all of it, the oracle's scores of an epoch are published on SlaOracle, the payout
 * service distributes the epoch and publishes its root (signed 2 of 3 by the oracle's operators),
 * and every account claims with {@code naap incentives claim} through the API: each balance grows
 * by exactly what the report says, to the wei. A second claim has nothing to take, a claim against
 * a root the distributor no longer holds is refused, and the next epoch's cumulative root pays only
 * the difference.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class IncentivesFlowIT {
  private static final DefaultGasProvider GAS = new DefaultGasProvider();
  private static final String SDXL = "streamdiffusion-sdxl";
  private static final String PORTRAIT = "liveportrait";
  private static final BigInteger ETH = BigInteger.TEN.pow(18);
  private static final BigInteger LPT = BigInteger.TEN.pow(18);

  @TempDir Path temp;

  @Test
  void anEpochIsDistributedPublishedAndClaimedToTheWei(AnvilNode anvil, PostgresDatabase postgres)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    long chainId = anvil.chainId();
    Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    TransactionManager transactions = ProtocolDoubles.transactionManager(web3j, deployer, chainId);
    List<SnapshotSigner> operators = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      operators.add(
          SnapshotSigner.of(
              Credentials.create(anvil.accounts().get(i).privateKey())
                  .getEcKeyPair()
                  .getPrivateKey()));
    }
    Credentials oracleSubmitter = Credentials.create(anvil.accounts().get(1).privateKey());
    Credentials payoutSubmitter = Credentials.create(anvil.accounts().get(2).privateKey());
    Credentials gateway = Credentials.create(anvil.accounts().get(4).privateKey());
    Path claimKey = temp.resolve("claimer.key");
    Files.writeString(claimKey, anvil.accounts().get(5).privateKey());

    Random random = new Random(20261129);
    EvmAddress a = randomAddress(random);
    EvmAddress b = randomAddress(random);
    EvmAddress c = randomAddress(random);
    EvmAddress d = randomAddress(random);
    EvmAddress delegator1 = randomAddress(random);
    EvmAddress delegator2 = randomAddress(random);
    EvmAddress stranger = randomAddress(random);

    try (Database database =
        Database.connect(
            new DatabaseSettings(
                postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 4))) {
      ContractDeployments deployments = new ContractDeployments(database);
      ProtocolDeployment protocol = ProtocolDoubles.deploy(web3j, deployer, chainId, GAS);
      for (DeployedContract contract : protocol.contracts()) {
        record(
            deployments,
            chainId,
            contract.contract().protocolName(),
            EvmAddress.fromHex(contract.addressHex()),
            contract.deploymentBlock());
      }
      SlaOracleDeployment.Deployed oracle =
          SlaOracleDeployment.deploy(
              web3j,
              chainId,
              deployer,
              operators.stream().map(SnapshotSigner::address).toList(),
              2);
      record(deployments, chainId, "SlaOracle", oracle.address(), oracle.block());
      // epoch 1 starts on the next whole minute, with the distributor's block; everything below
      // happens within it
      Instant genesis =
          Instant.ofEpochSecond((latestBlockTime(web3j).getEpochSecond() / 60 + 2) * 60);
      rpc(anvil.rpcUrl(), "evm_setNextBlockTimestamp", genesis.getEpochSecond());
      DistributorDeployment.Deployed distributor =
          DistributorDeployment.deploy(
              web3j, chainId, deployer, oracle.address(), Optional.empty(), Duration.ZERO);
      record(deployments, chainId, "SlaFeeDistributor", distributor.address(), distributor.block());
      DistributorChain chain =
          new DistributorChain(web3j, chainId, distributor.address(), distributor.block());

      assertThat(chain.blockTime(distributor.block())).isEqualTo(genesis);
      SteppedClock clock = new SteppedClock(genesis);

      // gateways fund: sdxl 1 ETH an epoch for epochs 1-2, liveportrait 0.3 ETH for epoch 1, and
      // a workload naap does not know
      fund(chain, gateway, ScoreLeaf.workloadId(SDXL), 1, 2, ETH);
      fund(
          chain,
          gateway,
          ScoreLeaf.workloadId(PORTRAIT),
          1,
          1,
          ETH.divide(BigInteger.TEN).multiply(BigInteger.valueOf(3)));
      fund(
          chain, gateway, ScoreLeaf.workloadId("not-a-workload"), 1, 1, BigInteger.valueOf(12_345));

      // the protocol: A gives delegators 25% of fees and has two delegators beside its own bond,
      // B keeps everything, C never set its rates, D gives 50%; fees credited to A, B and an
      // address naap scored nothing for
      BondingManager bonding =
          BondingManager.load(protocol.bondingManager().addressHex(), web3j, transactions, GAS);
      bonding
          .emitTranscoderUpdate(
              a.checksummed(), BigInteger.valueOf(100_000), BigInteger.valueOf(250_000))
          .send();
      bonding.emitTranscoderUpdate(b.checksummed(), BigInteger.ZERO, BigInteger.ZERO).send();
      bonding
          .emitTranscoderUpdate(d.checksummed(), BigInteger.ZERO, BigInteger.valueOf(500_000))
          .send();
      bond(bonding, a, a, LPT.multiply(BigInteger.valueOf(400)));
      bond(bonding, a, delegator1, LPT.multiply(BigInteger.valueOf(300)));
      bond(bonding, a, delegator2, LPT.multiply(BigInteger.valueOf(300)));
      TicketBroker broker =
          TicketBroker.load(protocol.ticketBroker().addressHex(), web3j, transactions, GAS);
      String sender = randomAddress(random).checksummed();
      BigInteger creditedA = ETH.divide(BigInteger.valueOf(20));
      BigInteger creditedB = ETH.divide(BigInteger.valueOf(50));
      BigInteger creditedStranger = ETH.divide(BigInteger.valueOf(100));
      broker.emitWinningTicketTransfer(sender, a.checksummed(), creditedA).send();
      broker.emitWinningTicketTransfer(sender, b.checksummed(), creditedB).send();
      broker.emitWinningTicketTransfer(sender, stranger.checksummed(), creditedStranger).send();
      assertThat(latestBlockTime(web3j))
          .as("the set-up fits in epoch 1")
          .isBefore(genesis.plusSeconds(60));

      OracleFeatures oracleFeatures =
          OracleFeatures.open(
              database,
              web3j,
              chainId,
              oracle.address(),
              oracle.block(),
              operators,
              Optional.of(oracleSubmitter),
              OracleFeatures.Settings.local()
                  .withGenesis(Optional.of(genesis))
                  .withFinalisationDelay(Duration.ZERO),
              clock,
              line -> {});
      PayoutFeatures payouts =
          PayoutFeatures.open(
              database,
              web3j,
              chainId,
              distributor.address(),
              distributor.block(),
              oracleFeatures,
              operators,
              Optional.of(payoutSubmitter),
              PayoutFeatures.Settings.local(),
              clock,
              line -> System.out.println("payouts: " + line));

      // epoch 1's scores, published on SlaOracle as the oracle would: D under the minimum
      clock.set(genesis.plusSeconds(61));
      publishScores(
          oracleFeatures,
          operators,
          oracleSubmitter,
          1,
          List.of(
              score(
                  1,
                  a,
                  SDXL,
                  9_000,
                  40,
                  3_000,
                  0,
                  ETH.divide(BigInteger.valueOf(100)).multiply(BigInteger.valueOf(3))),
              score(1, b, SDXL, 8_000, 20, 1_500, 1, BigInteger.ZERO),
              score(1, c, SDXL, 7_000, 10, 900, 0, BigInteger.ZERO),
              score(1, d, SDXL, 5_000, 30, 2_000, 0, BigInteger.ZERO),
              score(1, a, PORTRAIT, 6_500, 5, 600, 0, ETH.divide(BigInteger.valueOf(100))),
              score(1, c, PORTRAIT, 9_500, 8, 800, 0, BigInteger.ZERO)));

      // without a mirror of the chain the service waits, and says why
      PayoutService.Tick unmirrored = payouts.service().tick();
      assertThat(unmirrored.built()).isEmpty();
      assertThat(unmirrored.waiting()).contains("the protocol mirror of chain " + chainId);

      // the mirror, one block behind the head (an empty block mined to finalise the set-up)
      IndexerFeatures indexer =
          IndexerFeatures.open(
              database,
              anvil.rpcUrl(),
              null,
              List.of(),
              OptionalLong.of(1),
              100_000,
              clock,
              line -> {});
      indexer.loop(Duration.ofMillis(20)).run(true, () -> false);

      PayoutService.Tick tick = payouts.service().tick();
      assertThat(tick.built()).containsExactly(1L);
      assertThat(tick.published()).containsExactly(1L);

      IncentiveStore store = payouts.store();
      StoredDistribution first = store.distribution(1).orElseThrow();
      assertThat(first.status()).isEqualTo(DistributionStatus.PUBLISHED);
      assertThat(chain.state().root()).isEqualTo(Bytes32.of(first.payoutRoot().orElseThrow()));
      assertThat(first.unattributedFees()).isEqualTo(creditedStranger);

      // the pools: conserved, the cap (25%) leaves a quarter of sdxl (3 qualify) and half of
      // liveportrait (2 qualify) for the next epoch
      Map<String, PoolRow> pools = new HashMap<>();
      store.pools(1).forEach(pool -> pools.put(pool.workload(), pool));
      assertThat(pools.get(SDXL).funded()).isEqualTo(ETH);
      assertThat(pools.get(SDXL).distributed())
          .isEqualTo(ETH.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(4)));
      assertThat(pools.get(SDXL).carriedOut()).isEqualTo(ETH.divide(BigInteger.valueOf(4)));
      assertThat(pools.get(PORTRAIT).distributed()).isEqualTo(pools.get(PORTRAIT).carriedOut());
      assertThat(pools.get(SDXL).feesCredited().add(pools.get(PORTRAIT).feesCredited()))
          .isEqualTo(creditedA.add(creditedB));

      List<ShareRow> shares = store.shares(1);
      assertThat(shares).hasSize(6);
      for (ShareRow share : shares) {
        if (share.orchestrator().equals(stored(d))) {
          assertThat(share.qualifies()).isFalse();
          assertThat(share.amount()).isZero();
        } else {
          assertThat(share.qualifies()).isTrue();
          assertThat(share.amount()).isPositive();
        }
      }
      // A's bonus: 75% its own, 25% to the stakes 400:300:300 (its own bond among them)
      BigInteger bonusA = sum(shares, a);
      Map<EthereumAddress, BigInteger> bonusAccounts = new HashMap<>();
      for (SplitRow split : store.splits(1)) {
        if (split.kind() == SplitRow.Kind.BONUS) {
          bonusAccounts.merge(split.account(), split.amount(), BigInteger::add);
        }
      }
      BigInteger delegatorsA =
          bonusA.multiply(BigInteger.valueOf(250_000)).divide(BigInteger.valueOf(1_000_000));
      BigInteger toDelegator1 = delegatorsA.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN);
      assertThat(bonusAccounts.get(stored(delegator1))).isEqualTo(toDelegator1);
      assertThat(bonusAccounts.get(stored(delegator2))).isEqualTo(toDelegator1);
      assertThat(bonusAccounts.get(stored(a)))
          .isEqualTo(bonusA.subtract(toDelegator1.multiply(BigInteger.TWO)));
      assertThat(bonusAccounts.get(stored(b))).isEqualTo(sum(shares, b));
      assertThat(bonusAccounts.get(stored(c))).isEqualTo(sum(shares, c));
      assertThat(bonusAccounts).doesNotContainKey(stored(d));
      assertThat(store.cumulativeAt(1)).isEqualTo(bonusAccounts);

      // every account claims through the API and the CLI; each balance grows by its amount
      ApiServer api =
          new ApiServer(
              new ApiSettings("127.0.0.1", 0, Duration.ofSeconds(5)),
              Metrics.globalRegistry(),
              List.of(),
              new IncentiveEndpoints(store).endpoints());
      int port = api.start();
      try {
        String apiUrl = "http://127.0.0.1:" + port;
        StringWriter report = new StringWriter();
        assertThat(
                naap(
                    report,
                    "incentives",
                    "report",
                    "--epoch",
                    "1",
                    "--format",
                    "csv",
                    "--api",
                    apiUrl))
            .isEqualTo(ExitCodes.OK);
        assertThat(report.toString().lines().count()).isEqualTo(1 + shares.size());

        BigInteger paid = BigInteger.ZERO;
        for (Map.Entry<EthereumAddress, BigInteger> account : store.cumulativeAt(1).entrySet()) {
          String address = account.getKey().toChecksumHex();
          BigInteger before = balance(web3j, address);
          assertThat(claim(apiUrl, anvil, claimKey, address, "1")).isEqualTo(ExitCodes.OK);
          assertThat(balance(web3j, address).subtract(before))
              .as("what " + address + " received")
              .isEqualTo(account.getValue());
          paid = paid.add(account.getValue());
        }
        assertThat(paid).isEqualTo(first.cumulativeTotal());
        assertThat(chain.state().totalClaimed()).isEqualTo(paid);

        // a second claim takes nothing
        StringWriter again = new StringWriter();
        assertThat(
                naap(
                    again,
                    "incentives",
                    "claim",
                    "--account",
                    a.checksummed(),
                    "--epoch",
                    "1",
                    "--key-file",
                    claimKey.toString(),
                    "--api",
                    apiUrl,
                    "--rpc",
                    anvil.rpcUrl()))
            .isEqualTo(ExitCodes.OK);
        assertThat(again.toString()).contains("nothing to claim");

        // epoch 2: only A serves; sdxl's pool is its new funding and what epoch 1 carried
        clock.set(genesis.plusSeconds(121));
        publishScores(
            oracleFeatures,
            operators,
            oracleSubmitter,
            2,
            List.of(score(2, a, SDXL, 9_200, 12, 700, 0, BigInteger.ZERO)));
        PayoutService.Tick second = payouts.service().tick();
        assertThat(second.published()).containsExactly(2L);
        PoolRow sdxl2 =
            store.pools(2).stream()
                .filter(pool -> pool.workload().equals(SDXL))
                .findFirst()
                .orElseThrow();
        assertThat(sdxl2.funded()).isEqualTo(ETH);
        assertThat(sdxl2.carriedIn()).isEqualTo(ETH.divide(BigInteger.valueOf(4)));

        // the epoch-1 root is stale now; epoch 2 pays the difference only
        StringWriter stale = new StringWriter();
        assertThat(
                naap(
                    stale,
                    "incentives",
                    "claim",
                    "--account",
                    a.checksummed(),
                    "--epoch",
                    "1",
                    "--key-file",
                    claimKey.toString(),
                    "--api",
                    apiUrl,
                    "--rpc",
                    anvil.rpcUrl()))
            .isEqualTo(ExitCodes.FAILURE);
        assertThat(stale.toString()).contains("is not the distributor's claimable root");
        BigInteger owedA = store.cumulativeAt(2).get(stored(a));
        BigInteger before = balance(web3j, a.checksummed());
        assertThat(claim(apiUrl, anvil, claimKey, a.checksummed(), "latest"))
            .isEqualTo(ExitCodes.OK);
        assertThat(balance(web3j, a.checksummed()).subtract(before))
            .isEqualTo(owedA.subtract(store.cumulativeAt(1).get(stored(a))));

        // epoch 3: an operator without a submitter key builds and signs it; a transaction for it
        // is signed and recorded, then lost before it was sent (a crash): the service finds it
        // unknown to the node, and signs and sends anew
        PayoutFeatures signerOnly =
            PayoutFeatures.open(
                database,
                web3j,
                chainId,
                distributor.address(),
                distributor.block(),
                oracleFeatures,
                operators.subList(0, 1),
                Optional.empty(),
                PayoutFeatures.Settings.local(),
                clock,
                line -> System.out.println("payouts (no submitter): " + line));
        clock.set(genesis.plusSeconds(181));
        publishScores(
            oracleFeatures,
            operators,
            oracleSubmitter,
            3,
            List.of(score(3, a, SDXL, 9_300, 9, 500, 0, BigInteger.ZERO)));
        PayoutService.Tick third = signerOnly.service().tick();
        assertThat(third.built()).containsExactly(3L);
        assertThat(third.waiting()).contains("1 of 2 signatures");
        StoredDistribution built3 = store.distribution(3).orElseThrow();
        assertThat(built3.status()).isEqualTo(DistributionStatus.BUILT);
        PayoutRoot root3 =
            new PayoutRoot(
                3,
                Bytes32.of(built3.payoutRoot().orElseThrow()),
                built3.cumulativeTotal(),
                Bytes32.of(built3.dataHash()),
                oracleFeatures.chain().config().configVersion());
        ChainTransactions.Prepared lost =
            chain.preparePublish(root3, signed(operators, root3, payouts), payoutSubmitter);
        store.markSubmitted(3, new TransactionHash(lost.hash().bytes()), clock.instant());
        PayoutService.Tick resent = payouts.service().tick();
        assertThat(resent.published()).containsExactly(3L);
        assertThat(chain.state().root()).isEqualTo(root3.payoutRoot());

        // epoch 4: another root for it reaches the distributor first: superseded, never sent
        clock.set(genesis.plusSeconds(241));
        publishScores(
            oracleFeatures,
            operators,
            oracleSubmitter,
            4,
            List.of(score(4, a, SDXL, 9_400, 9, 500, 0, BigInteger.ZERO)));
        assertThat(signerOnly.service().tick().built()).containsExactly(4L);
        PayoutRoot foreign =
            new PayoutRoot(
                4,
                Bytes32.keccak("another root".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                chain.state().latestCumulativeTotal(),
                Bytes32.keccak(new byte[] {4}),
                oracleFeatures.chain().config().configVersion());
        ChainTransactions.Prepared other =
            chain.preparePublish(foreign, signed(operators, foreign, payouts), payoutSubmitter);
        chain.send(other);
        assertThat(chain.awaitMined(other.hash(), Duration.ofSeconds(30)))
            .isEqualTo(ChainTransactions.TransactionState.SUCCEEDED);
        PayoutService.Tick fourth = payouts.service().tick();
        assertThat(fourth.superseded()).containsExactly(4L);
        assertThat(store.distribution(4).orElseThrow().status())
            .isEqualTo(DistributionStatus.SUPERSEDED);
        assertThat(store.distribution(4).orElseThrow().statusReason().orElseThrow())
            .contains(foreign.payoutRoot().toString());
      } finally {
        api.stop();
      }
    } finally {
      web3j.shutdown();
    }
  }

  /** Two operators' signatures over a payout root, ascending by signer as the contract wants. */
  private static List<Signature> signed(
      List<SnapshotSigner> operators, PayoutRoot root, PayoutFeatures payouts) {
    var digest = root.digest(payouts.service().domain());
    return operators.stream()
        .map(operator -> operator.sign(digest))
        .sorted(
            java.util.Comparator.comparing(
                signature -> signature.signer(digest).orElseThrow().bytes(),
                java.util.Arrays::compareUnsigned))
        .limit(2)
        .toList();
  }

  private static int claim(String api, AnvilNode anvil, Path key, String account, String epoch) {
    return naap(
        new StringWriter(),
        "incentives",
        "claim",
        "--account",
        account,
        "--epoch",
        epoch,
        "--key-file",
        key.toString(),
        "--api",
        api,
        "--rpc",
        anvil.rpcUrl());
  }

  private static void publishScores(
      OracleFeatures oracle,
      List<SnapshotSigner> operators,
      Credentials submitter,
      long epoch,
      List<StoredScore> scores)
      throws Exception {
    OracleStore store = oracle.store();
    SlaOracleChain chain = oracle.chain();
    long version = chain.config().configVersion();
    List<ScoreLeaf> leaves =
        scores.stream()
            .map(
                score ->
                    new ScoreLeaf(
                        epoch,
                        EvmAddress.of(score.orchestrator().bytes()),
                        Bytes32.of(score.workloadId()),
                        score.scoreBps(),
                        score.flags(),
                        Bytes32.of(score.kpiDigest())))
            .toList();
    SnapshotDocument document = new SnapshotDocument(epoch, version, "sla-1", leaves);
    var schedule = oracle.service().schedule();
    StoredSnapshot snapshot =
        new StoredSnapshot(
            store.oracle(),
            epoch,
            schedule.start(epoch),
            schedule.end(epoch),
            "sla-1",
            version,
            document.tree().root().bytes(),
            document.dataHash().bytes(),
            leaves.size(),
            document.canonicalJson(),
            Instant.now(),
            SnapshotStatus.BUILT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(store.insert(snapshot, scores)).isTrue();
    var digest = document.attestation().digest(oracle.service().domain());
    List<Signature> signatures =
        operators.stream()
            .map(operator -> operator.sign(digest))
            .sorted(
                java.util.Comparator.comparing(
                    signature -> signature.signer(digest).orElseThrow().bytes(),
                    java.util.Arrays::compareUnsigned))
            .limit(2)
            .toList();
    ChainTransactions.Prepared prepared =
        chain.preparePublish(document.attestation(), signatures, submitter);
    chain.send(prepared);
    SlaOracleChain.Found found = awaitPublication(chain, epoch);
    store.markPublished(
        epoch,
        new Publication(
            new TransactionHash(found.transaction().bytes()),
            found.blockNumber(),
            found.gasUsed(),
            new EthereumAddress(found.submitter().bytes()),
            Instant.now()));
  }

  private static SlaOracleChain.Found awaitPublication(SlaOracleChain chain, long epoch)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Optional<SlaOracleChain.Found> found = chain.findPublication(epoch);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("epoch " + epoch + " was not published");
  }

  private static StoredScore score(
      long epoch,
      EvmAddress orchestrator,
      String workload,
      int scoreBps,
      int sessions,
      double inferenceSeconds,
      int swaps,
      BigInteger expectedFees) {
    KpiAggregate kpis = KpiAggregate.empty().addInferenceSeconds(inferenceSeconds);
    for (int i = 0; i < sessions; i++) {
      kpis.addSession();
    }
    for (int i = 0; i < swaps; i++) {
      kpis.addSwap();
    }
    if (expectedFees.signum() > 0) {
      kpis.addPayment(1, Optional.of(new BigDecimal(expectedFees)), Optional.empty());
    }
    byte[] bytes = kpis.toBytes();
    return new StoredScore(
        epoch,
        stored(orchestrator),
        workload,
        ScoreLeaf.workloadId(workload).bytes(),
        scoreBps,
        scoreBps >= 6_000 ? ScoreLeaf.QUALIFIES : 0,
        Hash.sha3(bytes),
        bytes,
        "NVIDIA GeForce RTX 4090",
        "unknown",
        0.5,
        Optional.empty(),
        new StoredScore.State(scoreBps / 10_000.0, sessions),
        6_000,
        epoch);
  }

  private static void fund(
      DistributorChain chain,
      Credentials gateway,
      Bytes32 workload,
      long firstEpoch,
      long epochs,
      BigInteger perEpoch)
      throws InterruptedException {
    ChainTransactions.Prepared prepared =
        chain.prepareFundEth(workload, firstEpoch, epochs, perEpoch, gateway);
    chain.send(prepared);
    for (int i = 0; i < 200; i++) {
      if (chain.state(prepared.hash()) == ChainTransactions.TransactionState.SUCCEEDED) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("funding " + workload + " was not mined");
  }

  private static void bond(
      BondingManager bonding, EvmAddress delegate, EvmAddress delegator, BigInteger amount)
      throws Exception {
    bonding
        .emitBond(
            delegate.checksummed(),
            EvmAddress.of(new byte[20]).checksummed(),
            delegator.checksummed(),
            amount,
            amount)
        .send();
  }

  private static void record(
      ContractDeployments deployments, long chainId, String name, EvmAddress address, long block) {
    deployments.record(
        new ContractDeployment(
            chainId,
            name,
            new EthereumAddress(address.bytes()),
            block,
            Optional.empty(),
            Instant.now()));
  }

  private static BigInteger sum(List<ShareRow> shares, EvmAddress orchestrator) {
    return shares.stream()
        .filter(share -> share.orchestrator().equals(stored(orchestrator)))
        .map(ShareRow::amount)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  /** Calls an anvil method (evm_mine, evm_setNextBlockTimestamp). */
  private static void rpc(String rpc, String method, Object... params) throws Exception {
    var response =
        new org.web3j.protocol.core.Request<>(
                method,
                List.of(params),
                new HttpService(rpc),
                org.web3j.protocol.core.methods.response.VoidResponse.class)
            .send();
    assertThat(response.hasError()).as(method + " refused").isFalse();
  }

  private static BigInteger balance(Web3j web3j, String address) throws Exception {
    return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  private static Instant latestBlockTime(Web3j web3j) throws Exception {
    return Instant.ofEpochSecond(
        web3j
            .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
            .send()
            .getBlock()
            .getTimestamp()
            .longValueExact());
  }

  private static EvmAddress randomAddress(Random random) {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return EvmAddress.of(bytes);
  }

  private static EthereumAddress stored(EvmAddress address) {
    return new EthereumAddress(address.bytes());
  }

  /** Runs a naap command in this process; {@code out} gets both its output and its errors. */
  private static int naap(StringWriter out, String... args) {
    var cli = NaapCommand.commandLine();
    PrintWriter writer = new PrintWriter(out, true);
    cli.setOut(writer);
    cli.setErr(writer);
    int exit = cli.execute(args);
    System.out.println("naap " + String.join(" ", args) + " -> " + exit + "\n" + out);
    return exit;
  }
}
