package io.naap.app.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.PackagedNaap;
import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.deploy.RewardBurst;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.protocol.IndexedContract;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * {@code naap indexer run}, the packaged command, killed with SIGKILL at random moments of a
 * backfill of 600,300 logs, then run to the end: its mirror equals, row for row, that of an
 * uninterrupted run into another database, and no kill left a row above a checkpoint.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class IndexerKillIT {
  private static final int KILLS = 20;
  private static final int BURSTS = 300;
  private static final int LOGS_PER_BURST = 2_000;

  @TempDir Path temp;

  @Test
  void killedAtRandomMomentsOfABackfillItEndsWithTheUninterruptedMirror(
      AnvilNode anvil, PostgresDatabase killed, @FreshDatabase PostgresDatabase uninterrupted)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try (Database database = connect(killed);
        Database reference = connect(uninterrupted)) {
      Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
      ProtocolDeployment doubles =
          ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), new DefaultGasProvider());
      var manager = ProtocolDoubles.transactionManager(web3j, deployer, anvil.chainId());
      var gas = new StaticGasProvider(BigInteger.ONE.shiftLeft(33), BigInteger.valueOf(29_000_000));
      var bursts =
          new RewardBurst(
              web3j, deployer, anvil.chainId(), doubles.get(ProtocolContract.BONDING_MANAGER));
      var broker =
          TicketBroker.load(
              doubles.get(ProtocolContract.TICKET_BROKER).addressHex(), web3j, manager, gas);
      List<String> transcoders = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        transcoders.add(String.format("0x%040x", i * 0x1111L));
      }
      for (int burst = 0; burst < BURSTS; burst++) {
        bursts.emit(transcoders, LOGS_PER_BURST, burst);
        broker.emitDepositFunded(transcoders.get(burst % 7), BigInteger.valueOf(burst)).send();
      }
      List<String> contracts =
          List.of(
              contract(doubles, ProtocolContract.BONDING_MANAGER),
              contract(doubles, ProtocolContract.TICKET_BROKER));

      ProtocolMirrorStore store = new ProtocolMirrorStore(database);
      Random delays = new Random(20261129);
      int kills = 0;
      List<Long> storedAtKills = new ArrayList<>();
      long total = (long) BURSTS * (LOGS_PER_BURST + 1);
      for (int run = 0;
          run < KILLS * 4 && kills < KILLS && store.eventCount(anvil.chainId()) < total;
          run++) {
        Path out = temp.resolve("run-" + run + ".out");
        Process process = start(killed, anvil, contracts, out);
        // once this run has stored something, at a random moment of its work
        awaitLine(process, out, "naap indexer: chain ");
        awaitProgress(process, store, anvil.chainId(), store.eventCount(anvil.chainId()));
        Thread.sleep(delays.nextInt(250));
        if (process.isAlive()) {
          process.destroyForcibly();
          kills++;
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertConsistent(database, anvil.chainId(), store);
        storedAtKills.add(store.eventCount(anvil.chainId()));
      }
      assertThat(kills).as("kills during the backfill").isGreaterThanOrEqualTo(KILLS);
      assertThat(storedAtKills.get(KILLS / 2))
          .as("the kills landed while the backfill was still running")
          .isLessThan(total);

      Path last = temp.resolve("last.out");
      Process finish = start(killed, anvil, contracts, last);
      assertThat(finish.waitFor(5, TimeUnit.MINUTES)).as(Files.readString(last)).isTrue();
      assertThat(finish.exitValue()).as(Files.readString(last)).isZero();

      Path straight = temp.resolve("uninterrupted.out");
      Process once = start(uninterrupted, anvil, contracts, straight);
      assertThat(once.waitFor(5, TimeUnit.MINUTES)).as(Files.readString(straight)).isTrue();
      assertThat(once.exitValue()).as(Files.readString(straight)).isZero();

      ProtocolMirrorStore expected = new ProtocolMirrorStore(reference);
      assertThat(store.eventCount(anvil.chainId())).isEqualTo((long) BURSTS * (LOGS_PER_BURST + 1));
      assertThat(store.dump(anvil.chainId())).isEqualTo(expected.dump(anvil.chainId()));
      // the stake the Reward bursts added, folded across the killed chunks, is the same too
      assertThat(new ProtocolStateStore(database).dump(anvil.chainId()))
          .isNotEmpty()
          .isEqualTo(new ProtocolStateStore(reference).dump(anvil.chainId()));
      System.out.printf(
          "IndexerKillIT: %d kills, events stored at each: %s%n", kills, storedAtKills);
    } finally {
      web3j.shutdown();
    }
  }

  /** No event above its contract's checkpoint: a kill never leaves half a chunk. */
  private static void assertConsistent(Database database, long chainId, ProtocolMirrorStore store) {
    for (IndexedContract contract : store.contracts(chainId)) {
      long above =
          database
              .dsl()
              .fetchCount(
                  database
                      .dsl()
                      .selectOne()
                      .from("protocol_event")
                      .where(
                          "chain_id = ? and contract = ? and block_number > ?",
                          chainId,
                          contract.name(),
                          contract.indexedThrough()));
      assertThat(above).as("events of %s above its checkpoint", contract.name()).isZero();
    }
  }

  private static String contract(ProtocolDeployment doubles, ProtocolContract contract) {
    var deployed = doubles.get(contract);
    return contract.protocolName() + "=" + deployed.addressHex() + "@" + deployed.deploymentBlock();
  }

  private Process start(
      PostgresDatabase database, AnvilNode anvil, List<String> contracts, Path out)
      throws Exception {
    List<String> command = new ArrayList<>(PackagedNaap.command());
    command.addAll(
        List.of(
            "indexer",
            "run",
            "--database-url",
            database.jdbcUrl(),
            "--rpc",
            anvil.rpcUrl(),
            "--finality-depth",
            "4",
            "--until-caught-up"));
    for (String contract : contracts) {
      command.addAll(List.of("--contract", contract));
    }
    return new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectErrorStream(true)
        .start();
  }

  /** Waits until the mirror holds more than {@code stored} events, or the process has ended. */
  private static void awaitProgress(
      Process process, ProtocolMirrorStore store, long chainId, long stored)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (store.eventCount(chainId) > stored) {
        return;
      }
      Thread.sleep(10);
    }
  }

  private static void awaitLine(Process process, Path out, String marker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.readString(out).contains(marker)) {
        return;
      }
      if (!process.isAlive()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("naap indexer run printed nothing in 60 s:\n" + Files.readString(out));
  }

  private static Database connect(PostgresDatabase postgres) {
    return Database.connect(
        new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }
}
