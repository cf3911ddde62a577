package io.naap.app.oracle;

import io.naap.app.ExitCodes;
import io.naap.app.features.OracleFeatures;
import io.naap.attestations.Bytes32;
import io.naap.attestations.SnapshotDocument;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.SnapshotBuilder;
import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.oracle.StoredSnapshot;
import java.io.PrintWriter;
import java.time.Clock;
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
 * {@code naap oracle recompute}: builds an epoch's snapshot again from the stored KPIs (derived
 * from the stored events) and the previous epoch's stored scores, under the rules version its
 * document names, and says whether the root matches the one built then and the one on chain.
 */
@Command(
    name = "recompute",
    mixinStandardHelpOptions = true,
    description = {
      "Recomputes the snapshot of --epoch from the stored KPIs and the previous epoch's stored"
          + " scores under the rules version it names, and compares its root and data hash with"
          + " the stored snapshot and with the root SlaOracle holds. Exit 0 when all match, 1"
          + " when any differs."
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
      Optional<SnapshotBuilder.Built> rebuilt =
          oracle.service().rebuild(epoch, snapshot.configVersion());
      Bytes32 storedRoot = Bytes32.of(snapshot.scoresRoot());
      Optional<Bytes32> onChain = oracle.chain().publishedRoot(epoch);
      out.printf(
          "epoch %d (%s to %s), rules %s%n", epoch, snapshot.startsAt(), snapshot.endsAt(), rules);
      out.printf("  stored root     %s (%s)%n", storedRoot, snapshot.status().text());
      out.printf("  on-chain root   %s%n", onChain.map(Bytes32::toString).orElse("none"));
      if (rebuilt.isEmpty()) {
        out.println("  recomputed      no leaf: the stored KPIs hold nothing for this epoch");
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
    } catch (StorageException | OracleChainException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.FAILURE;
    } finally {
      web3j.shutdown();
    }
  }
}
