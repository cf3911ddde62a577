package io.naap.app.oracle;

import io.naap.app.ExitCodes;
import io.naap.app.features.OracleFeatures;
import io.naap.app.features.TelemetryFeatures;
import io.naap.attestations.Bytes32;
import io.naap.attestations.SnapshotDocument;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.SnapshotBuilder;
import io.naap.storage.Database;
import io.naap.storage.ScratchSchema;
import io.naap.storage.StorageException;
import io.naap.storage.kpi.KpiRollupStore;
import io.naap.storage.oracle.StoredSnapshot;
import io.naap.storage.telemetry.DerivationLog;
import io.naap.telemetry.session.DerivationReplay;
import io.naap.telemetry.session.SessionSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap oracle recompute}: derives an epoch's KPIs again from the stored raw events,
 * replaying the recorded derivation steps in a scratch schema up to the step the snapshot was built
 * at, builds the snapshot from them (and the previous epoch's stored scores) under the rules
 * version its document names, and says whether the root matches the one built then and the one on
 * chain.
 */
@Command(
    name = "recompute",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes the snapshot of --epoch from the stored raw events: replays how they became"
          + " sessions and KPIs, up to the point the snapshot was built at, in a scratch schema"
          + " (dropped afterwards), and builds the snapshot from those KPIs and the previous"
          + " epoch's stored scores under the rules version it names. Compares its root and data"
          + " hash with the stored snapshot and with the root SlaOracle holds. Exit 0 when all"
          + " match, 1 when any differs."
    })
public final class OracleRecomputeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private OracleOptions options;

  @Option(
      names = "--epoch",
      required = true,
      paramLabel = "N",
      description = "The epoch to recompute.")
  private long epoch;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (epoch < 1) {
      err.println("naap: --epoch must be >= 1");
      return ExitCodes.USAGE;
    }
    Web3j web3j = Web3j.build(new HttpService(options.rpc));
    try (Database database = Database.connect(options.database.settings())) {
      long chainId = OracleOptions.chainId(web3j, options.rpc);
      OracleOptions.Contract contract = options.contract(database, chainId);
      OracleFeatures.Settings stored =
          OracleFeatures.storedSchedule(database, chainId, contract.address());
      OracleFeatures oracle =
          OracleFeatures.open(
              database,
              web3j,
              chainId,
              contract.address(),
              contract.block(),
              List.of(),
              Optional.empty(),
              stored,
              Clock.systemUTC(),
              line -> {});
      Optional<StoredSnapshot> built = oracle.store().snapshot(epoch);
      if (built.isEmpty()) {
        err.println("naap: epoch " + epoch + " has no stored snapshot to compare with");
        return ExitCodes.FAILURE;
      }
      StoredSnapshot snapshot = built.get();
      String rules = oracle.service().rulesVersion();
      if (!rules.equals(snapshot.rulesVersion())) {
        err.println(
            "naap: epoch "
                + epoch
                + " was scored by rules "
                + snapshot.rulesVersion()
                + "; this naap has rules "
                + rules);
        return ExitCodes.FAILURE;
      }
      if (snapshot.derivedThrough().isEmpty()) {
        err.println(
            "naap: epoch "
                + epoch
                + " was built before naap recorded how events became KPIs; only snapshots built"
                + " since can be recomputed from the raw events");
        return ExitCodes.FAILURE;
      }
      long through = snapshot.derivedThrough().get();
      TelemetryFeatures telemetry =
          new TelemetryFeatures(database, Clock.systemUTC(), SessionSettings.defaults());
      long started = System.nanoTime();
      Optional<SnapshotBuilder.Built> rebuilt;
      DerivationReplay.Replayed replayed;
      try (ScratchSchema scratch = ScratchSchema.create(database)) {
        replayed =
            telemetry
                .replay()
                .replay(
                    new DerivationLog(database), telemetry.store(), through, scratch.database());
        rebuilt =
            oracle
                .service()
                .rebuild(epoch, snapshot.configVersion(), new KpiRollupStore(scratch.database()));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      Bytes32 storedRoot = Bytes32.of(snapshot.scoresRoot());
      Optional<Bytes32> onChain = oracle.chain().publishedRoot(epoch);
      out.printf(
          "epoch %d (%s to %s), rules %s%n", epoch, snapshot.startsAt(), snapshot.endsAt(), rules);
      out.printf("  stored root     %s (%s)%n", storedRoot, snapshot.status().text());
      out.printf("  on-chain root   %s%n", onChain.map(Bytes32::toString).orElse("none"));
      out.printf(
          "  replayed        %d derivation steps (%d batches, %d events, %d sweeps) in %.1f s%n",
          replayed.steps(),
          replayed.batches(),
          replayed.events(),
          replayed.sweeps(),
          took.toMillis() / 1000.0);
      if (rebuilt.isEmpty()) {
        out.println("  recomputed      no leaf: the replayed KPIs hold nothing for this epoch");
        out.println("MISMATCH");
        return ExitCodes.FAILURE;
      }
      SnapshotDocument document = rebuilt.get().document();
      Bytes32 root = document.tree().root();
      Bytes32 dataHash = document.dataHash();
      out.printf(
          "  recomputed root %s, %d leaves, data hash %s%n",
          root, document.leaves().size(), dataHash);
      boolean matches =
          root.equals(storedRoot)
              && dataHash.equals(Bytes32.of(snapshot.dataHash()))
              && onChain.map(root::equals).orElse(true);
      out.println(matches ? "MATCH" : "MISMATCH");
      out.flush();
      return matches ? ExitCodes.OK : ExitCodes.FAILURE;
    } catch (IllegalArgumentException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (StorageException | OracleChainException | DerivationReplay.ReplayException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.FAILURE;
    } finally {
      web3j.shutdown();
    }
  }
}
