package io.naap.app.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.app.features.OracleFeatures;
import io.naap.app.features.TelemetryFeatures;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.oracle.SlaOracleDeployment;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SnapshotStatus;
import io.naap.storage.oracle.StoredSnapshot;
import io.naap.telemetry.loadgen.LoadScheduler;
import io.naap.telemetry.loadgen.LoadSettings;
import io.naap.telemetry.session.SessionSettings;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import io.naap.testkit.SteppedClock;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * {@code naap oracle recompute} derives each published epoch again from the stored raw events alone
 * and gets the published root, although events kept arriving after the snapshots were built (late
 * ones for the epochs' own minutes among them) and sessions were swept at times no event records.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class OracleRecomputeIT {
  private static final Duration EPOCH = Duration.ofMinutes(5);
  private static final int EPOCHS = 4;

  @TempDir Path temp;

  @Test
  void everyEpochRecomputedFromTheRawEventsMatchesItsPublishedRoot(
      AnvilNode anvil, PostgresDatabase postgres) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try (Database database =
        Database.connect(
            new DatabaseSettings(
                postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 4))) {
      OperatorKeys operators = OperatorKeys.write(temp, 3);
      List<String> keys = operators.files().stream().map(Path::toString).toList();
      List<EvmAddress> signers = operators.addresses();
      Path submitter = temp.resolve("submitter.key");
      Files.writeString(submitter, anvil.accounts().get(1).privateKey());
      SlaOracleDeployment.Deployed deployed =
          SlaOracleDeployment.deploy(
              web3j,
              anvil.chainId(),
              Credentials.create(anvil.accounts().getFirst().privateKey()),
              signers,
              2);
      String contract = deployed.address().checksummed() + "@" + deployed.block();

      // the synthetic fleet's traffic over EPOCHS epochs that ended a while ago, delivered second
      // by second; one tick in ten arrives 5 minutes late (after the sweep made some of its
      // sessions final: those events are stored but do not count), one in ten only after the
      // snapshots are built
      Instant genesis =
          Instant.ofEpochSecond(
              (Instant.now().getEpochSecond() / 60 - EPOCHS * EPOCH.toMinutes() - 10) * 60);
      Instant end = genesis.plus(EPOCH.multipliedBy(EPOCHS));
      SteppedClock clock = new SteppedClock(genesis);
      TelemetryFeatures telemetry =
          new TelemetryFeatures(database, clock, SessionSettings.defaults());
      var sweeper = telemetry.sweeper(e -> {});
      LoadScheduler load =
          LoadScheduler.seeded(
              20261129,
              LoadSettings.defaults()
                  .withMinLoad(0.05)
                  .withStreamDurations(Duration.ofMinutes(2), Duration.ofMinutes(25)),
              genesis);
      Random holdBack = new Random(7);
      List<List<String>> held = new ArrayList<>();
      ArrayDeque<Map.Entry<Instant, List<String>>> delayed = new ArrayDeque<>();
      long delivered = 0;
      for (Instant now = genesis.plusSeconds(1); !now.isAfter(end); now = now.plusSeconds(1)) {
        List<String> events = load.advance(now);
        clock.set(now);
        while (!delayed.isEmpty() && !delayed.peekFirst().getKey().isAfter(now)) {
          delivered += ingest(telemetry, delayed.pollFirst().getValue());
        }
        int fate = events.isEmpty() ? -1 : holdBack.nextInt(10);
        if (fate == 0) {
          held.add(events);
        } else if (fate == 1) {
          delayed.addLast(Map.entry(now.plus(Duration.ofMinutes(5)), events));
        } else {
          delivered += ingest(telemetry, events);
        }
        if (now.getEpochSecond() % 5 == 0) {
          sweeper.sweep();
        }
      }
      assertThat(delivered).as("events delivered on time").isGreaterThan(1_000);
      System.out.printf(
          "OracleRecomputeIT: live ingestion of %d events took %.1f s%n",
          delivered, ingestNanos / 1e9);

      // build, sign and publish every epoch
      int run =
          naap(
              "oracle",
              "run",
              "--database-url",
              postgres.jdbcUrl(),
              "--rpc",
              anvil.rpcUrl(),
              "--contract",
              contract,
              "--submitter-key-file",
              submitter.toString(),
              "--signer-key-file",
              keys.get(0),
              "--signer-key-file",
              keys.get(1),
              "--epoch-length",
              "5m",
              "--finalisation-delay",
              "0s",
              "--genesis",
              genesis.toString(),
              "--period",
              "100ms",
              "--until-caught-up");
      assertThat(run).isEqualTo(ExitCodes.OK);
      OracleStore store =
          new OracleStore(
              database,
              new OracleContract(anvil.chainId(), new EthereumAddress(deployed.address().bytes())));
      for (long epoch = 1; epoch <= EPOCHS; epoch++) {
        StoredSnapshot snapshot = store.snapshot(epoch).orElseThrow();
        assertThat(snapshot.status()).isEqualTo(SnapshotStatus.PUBLISHED);
        assertThat(snapshot.derivedThrough()).isPresent();
      }

      // later: the held-back ticks arrive (events of the epochs' own minutes), the load goes on
      Instant later = end;
      delayed.forEach(entry -> held.add(entry.getValue()));
      for (List<String> events : held) {
        later = later.plusSeconds(1);
        clock.set(later);
        delivered += ingest(telemetry, events);
      }
      for (Instant now = end.plusSeconds(1);
          !now.isAfter(end.plus(Duration.ofMinutes(3)));
          now = now.plusSeconds(1)) {
        List<String> events = load.advance(now);
        clock.set(later.plus(Duration.between(end, now)));
        delivered += ingest(telemetry, events);
      }
      clock.set(later.plus(Duration.ofMinutes(10)));
      sweeper.sweep();

      // the KPIs stored now are not those the epochs were built from: built again from them, some
      // epoch would get another root; a recompute replays the raw events to where each was built
      OracleFeatures oracle =
          OracleFeatures.open(
              database,
              web3j,
              anvil.chainId(),
              deployed.address(),
              deployed.block(),
              List.of(),
              Optional.empty(),
              OracleFeatures.storedSchedule(database, anvil.chainId(), deployed.address()),
              clock,
              line -> {});
      int differentNow = 0;
      for (long epoch = 1; epoch <= EPOCHS; epoch++) {
        StoredSnapshot snapshot = store.snapshot(epoch).orElseThrow();
        Bytes32 fromCurrentKpis =
            oracle
                .service()
                .rebuild(epoch, snapshot.configVersion())
                .orElseThrow()
                .document()
                .tree()
                .root();
        if (!fromCurrentKpis.equals(Bytes32.of(snapshot.scoresRoot()))) {
          differentNow++;
        }
      }
      System.out.println(
          "OracleRecomputeIT: epochs whose KPIs changed after they were built: " + differentNow);
      assertThat(differentNow).as("epochs whose KPIs changed after they were built").isPositive();
      java.util.function.LongFunction<String[]> recompute =
          epoch ->
              new String[] {
                "oracle",
                "recompute",
                "--database-url",
                postgres.jdbcUrl(),
                "--rpc",
                anvil.rpcUrl(),
                "--contract",
                contract,
                "--epoch",
                Long.toString(epoch)
              };
      // a replay takes ~10 ms a derivation step here: two epochs, the second and the last
      for (long epoch : List.of(2L, (long) EPOCHS)) {
        StoredSnapshot snapshot = store.snapshot(epoch).orElseThrow();
        StringWriter out = new StringWriter();
        int exit = naap(out, recompute.apply(epoch));
        assertThat(exit).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
            .as(out.toString())
            .contains("MATCH")
            .doesNotContain("MISMATCH")
            .contains("on-chain root   " + Bytes32.of(snapshot.scoresRoot()));
      }

      // a raw store that lost a block the derivation applied cannot be recomputed, and says so
      long lastStep = store.snapshot(EPOCHS).orElseThrow().derivedThrough().orElseThrow();
      database
          .dsl()
          .execute(
              "delete from telemetry_event_block where id = (select first_block from"
                  + " telemetry_derivation where kind = 'events' and seq <= "
                  + lastStep
                  + " order by seq desc limit 1)");
      StringWriter lost = new StringWriter();
      int exit = naap(lost, recompute.apply((long) EPOCHS));
      assertThat(exit).isEqualTo(ExitCodes.FAILURE);
      assertThat(lost.toString()).contains("which the raw store no longer holds");
      assertThat(
              database
                  .dsl()
                  .fetchValue(
                      "select count(*) from information_schema.schemata where schema_name like"
                          + " 'naap\\_scratch\\_%'"))
          .as("scratch schemas left behind")
          .isEqualTo(0L);
    } finally {
      web3j.shutdown();
    }
  }

  /** Time spent ingesting (and deriving), printed beside the replay's for docs/BENCHMARKS.md. */
  private long ingestNanos;

  private long ingest(TelemetryFeatures telemetry, List<String> events) {
    if (events.isEmpty()) {
      return 0;
    }
    byte[] body = String.join("\n", events).getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    var report = telemetry.ingestion().ingest(new ByteArrayInputStream(body), "http");
    ingestNanos += System.nanoTime() - started;
    assertThat(report.quarantined()).isZero();
    return report.accepted();
  }

  private static int naap(String... args) {
    return naap(new StringWriter(), args);
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
