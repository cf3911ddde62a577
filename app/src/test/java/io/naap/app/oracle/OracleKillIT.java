package io.naap.app.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.PackagedNaap;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.oracle.SlaOracleChain;
import io.naap.oracle.SlaOracleDeployment;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.StartupKind;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.TelemetryLock;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.kpi.RollupKey;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SnapshotStatus;
import io.naap.storage.oracle.StoredSnapshot;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
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
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * {@code naap oracle run}, the packaged command, killed with SIGKILL at random moments while it
 * builds, signs and publishes a backlog of epochs, then restarted: in the end every epoch is
 * published exactly once, with the root, transaction and gas the database records.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class OracleKillIT {
  private static final int EPOCHS = 150;
  private static final int KILLS = 22;
  private static final String SDXL = "streamdiffusion-sdxl";

  @TempDir Path temp;

  @Test
  void killedAtRandomPointsItPublishesEveryEpochExactlyOnce(
      AnvilNode anvil, PostgresDatabase postgres) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try (Database database =
        Database.connect(
            new DatabaseSettings(
                postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2))) {
      // three operator keys made now, threshold 2; anvil's account 1 pays for the publications
      OperatorKeys operators = OperatorKeys.write(temp, 3);
      List<Path> keyFiles = operators.files();
      List<EvmAddress> signers = operators.addresses();
      Path submitterFile = temp.resolve("submitter.key");
      Files.writeString(submitterFile, anvil.accounts().get(1).privateKey());
      Credentials admin = Credentials.create(anvil.accounts().getFirst().privateKey());
      SlaOracleDeployment.Deployed deployed =
          SlaOracleDeployment.deploy(web3j, anvil.chainId(), admin, signers, 2);

      // a backlog: EPOCHS one-minute epochs, all final, each with sessions
      Instant now = Instant.now();
      Instant genesis = Instant.ofEpochSecond((now.getEpochSecond() / 60 - EPOCHS - 1) * 60);
      seed(database, genesis);

      List<String> command = new ArrayList<>(PackagedNaap.command());
      command.addAll(
          List.of(
              "oracle",
              "run",
              "--database-url",
              postgres.jdbcUrl(),
              "--rpc",
              anvil.rpcUrl(),
              "--contract",
              deployed.address().checksummed() + "@" + deployed.block(),
              "--submitter-key-file",
              submitterFile.toString(),
              "--epoch-length",
              "1m",
              "--finalisation-delay",
              "0s",
              "--genesis",
              genesis.toString(),
              "--period",
              "100ms",
              "--max-epochs-per-pass",
              "3",
              "--until-caught-up"));
      for (Path key : keyFiles) {
        command.addAll(List.of("--signer-key-file", key.toString()));
      }

      OracleStore store =
          new OracleStore(
              database,
              new OracleContract(anvil.chainId(), new EthereumAddress(deployed.address().bytes())));
      SlaOracleChain chain =
          new SlaOracleChain(web3j, anvil.chainId(), deployed.address(), deployed.block());
      Random delays = new Random(20261129);
      int killed = 0;
      List<Integer> publishedAtKills = new ArrayList<>();
      for (int run = 0; run < KILLS * 3 && killed < KILLS; run++) {
        Path out = temp.resolve("run-" + run + ".out");
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .start();
        // kill once it is at work: after its first line of progress, at a random moment
        awaitLine(process, out, "naap oracle: ");
        Thread.sleep(delays.nextInt(1_000));
        if (process.isAlive()) {
          process.destroyForcibly();
          killed++;
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertInvariants(store, chain, web3j, deployed);
        publishedAtKills.add(published(store));
      }
      assertThat(killed).as("kills during publication").isGreaterThanOrEqualTo(KILLS);
      // the kills landed while epochs were still being published, not after
      assertThat(publishedAtKills.get(KILLS / 2)).isLessThan(EPOCHS);

      Path last = temp.resolve("last.out");
      Process finish =
          new ProcessBuilder(command)
              .redirectOutput(last.toFile())
              .redirectErrorStream(true)
              .start();
      assertThat(finish.waitFor(5, TimeUnit.MINUTES)).as(Files.readString(last)).isTrue();
      assertThat(finish.exitValue()).as(Files.readString(last)).isZero();

      Map<Long, List<Log>> events = publications(web3j, deployed);
      for (long epoch = 1; epoch <= EPOCHS; epoch++) {
        StoredSnapshot snapshot = store.snapshot(epoch).orElseThrow();
        assertThat(snapshot.status()).as("epoch %d", epoch).isEqualTo(SnapshotStatus.PUBLISHED);
        assertThat(events.get(epoch)).as("publications of epoch %d", epoch).hasSize(1);
        Log event = events.get(epoch).getFirst();
        var publication = snapshot.publication().orElseThrow();
        assertThat(publication.transaction().toHex()).isEqualTo(event.getTransactionHash());
        assertThat(publication.gasUsed())
            .isEqualTo(
                web3j
                    .ethGetTransactionReceipt(event.getTransactionHash())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow()
                    .getGasUsed()
                    .longValueExact());
        assertThat(chain.publishedRoot(epoch)).contains(Bytes32.of(snapshot.scoresRoot()));
      }
      System.out.printf(
          "OracleKillIT: %d kills, epochs published at each: %s%n", killed, publishedAtKills);
    } finally {
      web3j.shutdown();
    }
  }

  /**
   * Never two roots for an epoch, and nothing recorded as published that the chain does not hold.
   */
  private static void assertInvariants(
      OracleStore store, SlaOracleChain chain, Web3j web3j, SlaOracleDeployment.Deployed deployed)
      throws Exception {
    publications(web3j, deployed)
        .forEach(
            (epoch, logs) -> assertThat(logs).as("publications of epoch %d", epoch).hasSize(1));
    for (StoredSnapshot snapshot : store.snapshots(1, EPOCHS)) {
      assertThat(snapshot.status()).isNotEqualTo(SnapshotStatus.SUPERSEDED);
      if (snapshot.status() == SnapshotStatus.PUBLISHED) {
        assertThat(chain.publishedRoot(snapshot.epoch()))
            .contains(Bytes32.of(snapshot.scoresRoot()));
      }
    }
  }

  private static int published(OracleStore store) {
    return (int)
        store.snapshots(1, EPOCHS).stream()
            .filter(snapshot -> snapshot.status() == SnapshotStatus.PUBLISHED)
            .count();
  }

  private static Map<Long, List<Log>> publications(
      Web3j web3j, SlaOracleDeployment.Deployed deployed) throws Exception {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST,
            DefaultBlockParameterName.LATEST,
            deployed.address().checksummed());
    filter.addSingleTopic(
        EventEncoder.encode(io.naap.bindings.generated.SlaOracle.SNAPSHOTPUBLISHED_EVENT));
    Map<Long, List<Log>> byEpoch = new TreeMap<>();
    for (EthLog.LogResult<?> result : web3j.ethGetLogs(filter).send().getLogs()) {
      Log log = (Log) result.get();
      long epoch = new BigInteger(log.getTopics().get(1).substring(2), 16).longValueExact();
      byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>()).add(log);
    }
    return byEpoch;
  }

  private static void awaitLine(Process process, Path out, String marker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(out).contains(marker)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("naap oracle run exited early:\n" + Files.readString(out));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("naap oracle run printed nothing in 60 s:\n" + Files.readString(out));
  }

  /** Every epoch: three orchestrators with 4 sessions each, of quality varying by epoch. */
  private static void seed(Database database, Instant genesis) {
    TreeMap<RollupKey, byte[]> rows = new TreeMap<>();
    Map<Integer, String> orchestrators = new HashMap<>();
    for (int o = 0; o < 3; o++) {
      orchestrators.put(o, "0x" + Integer.toString(o + 1).repeat(40));
    }
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      Instant minute = genesis.plus(Duration.ofMinutes(epoch - 1));
      for (int o = 0; o < 3; o++) {
        KpiAggregate kpis = KpiAggregate.empty();
        for (int s = 0; s < 4; s++) {
          kpis.addSession()
              .addSegment()
              .addStartup(1_000 + 500 * o + 10 * (epoch % 7), StartupKind.WARM)
              .addEndToEnd(900 + 300 * o);
          kpis.addFps(20 - 3 * o + (epoch % 3), o);
        }
        rows.put(
            new RollupKey(
                "minute",
                minute,
                orchestrators.get(o),
                SDXL,
                "NVIDIA GeForce RTX 4090",
                "eu",
                "eu",
                "test"),
            kpis.toBytes());
      }
    }
    database.inTransaction(
        tx -> {
          TelemetryLock.acquire(tx);
          KpiRollupStore.merge(tx, rows, KpiAggregate::mergeBytes, Instant.now());
          return null;
        });
  }
}
