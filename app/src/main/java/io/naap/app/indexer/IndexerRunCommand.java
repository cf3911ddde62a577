package io.naap.app.indexer;

import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.app.features.IndexerFeatures;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.config.ContractSpec;
import io.naap.indexer.config.IndexerProfile;
import io.naap.indexer.follow.ChainFollower;
import io.naap.indexer.rpc.RangeSettings;
import io.naap.indexer.rpc.RpcSettings;
import io.naap.storage.Database;
import io.naap.storage.StorageException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap indexer run}: mirrors the configured contracts' logs into the database, backfilling
 * each from its start block and then following the head; reorg-safe, and killed at any moment it
 * resumes from its last commit.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Mirrors the logs of the protocol's contracts (and naap's own) into the database: backfills"
          + " each contract from its start block, then follows the head. Blocks within"
          + " --finality-depth of the head are checked for reorgs; a reorg's orphaned rows are"
          + " removed and the canonical chain indexed again. Killed at any moment, it resumes from"
          + " its last commit.",
      "Contracts: --profile mainnet (Arbitrum One), else the contracts naap up recorded for the"
          + " node's chain; --contract adds or replaces one."
    })
public final class IndexerRunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions database;

  @Option(
      names = "--rpc",
      required = true,
      paramLabel = "URL",
      description = "JSON-RPC endpoint of the chain to index.")
  private String rpc;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "mainnet (the Livepeer contracts on Arbitrum One, finality depth 240); default: the"
              + " contracts recorded for the node's chain (naap up's), finality depth 12.")
  private String profile;

  @Option(
      names = "--contract",
      paramLabel = "Name=0xADDRESS[@BLOCK]",
      description =
          "A contract to mirror (repeat for several); replaces the profile's of the same name.")
  private List<String> contracts = new ArrayList<>();

  @Option(
      names = "--finality-depth",
      paramLabel = "BLOCKS",
      description = "Blocks this far below the head are final (default: the profile's).")
  private Long finalityDepth;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = io.naap.app.loadgen.DurationConverter.class,
      description = "The pause between passes once caught up (default: ${DEFAULT-VALUE}).")
  private Duration pollInterval;

  @Option(
      names = "--max-blocks-per-pass",
      paramLabel = "BLOCKS",
      defaultValue = "100000",
      description =
          "The most blocks a contract group advances in one pass; a reorg check runs between"
              + " passes (default: ${DEFAULT-VALUE}).")
  private long maxBlocksPerPass;

  @Option(
      names = "--max-range-blocks",
      paramLabel = "BLOCKS",
      description =
          "The most blocks one eth_getLogs may ask for, whatever the range grows to (default:"
              + " 10000; set it to the provider's cap, e.g. 2000 for Alchemy).")
  private Long maxRangeBlocks;

  @Option(
      names = "--target-logs",
      paramLabel = "LOGS",
      description =
          "How many logs one eth_getLogs aims to return; ranges grow and shrink toward it"
              + " (default: 500).")
  private Integer targetLogs;

  @Option(
      names = "--until-caught-up",
      description = "Stop once every contract is indexed up to the head, instead of following.")
  private boolean untilCaughtUp;

  private RpcSettings rpcSettings;

  /** The JSON-RPC settings with the range limits given; the flags checked by RangeSettings. */
  private RpcSettings rpcSettings() {
    RpcSettings defaults = RpcSettings.defaults();
    RangeSettings range = defaults.range();
    long maxBlocks = maxRangeBlocks == null ? range.maxBlocks() : maxRangeBlocks;
    int target = targetLogs == null ? range.targetLogs() : targetLogs;
    try {
      return defaults.withRange(
          new RangeSettings(target, maxBlocks, Math.min(range.initialBlocks(), maxBlocks)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--max-range-blocks must be 1 to "
              + RangeSettings.MAX_BLOCKS_LIMIT
              + " and --target-logs 1 to "
              + RangeSettings.MAX_TARGET_LOGS
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ContractSpec> overrides = new ArrayList<>();
    try {
      contracts.forEach(text -> overrides.add(ContractSpec.parse(text)));
      if (finalityDepth != null && (finalityDepth < 1 || finalityDepth > 100_000)) {
        throw new IllegalArgumentException("--finality-depth must be 1 to 100000");
      }
      if (maxBlocksPerPass < 1) {
        throw new IllegalArgumentException("--max-blocks-per-pass must be >= 1");
      }
      rpcSettings = rpcSettings();
    } catch (IllegalArgumentException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    try (Database db = Database.connect(database.settings())) {
      db.migrate();
      IndexerFeatures indexer;
      try {
        indexer =
            IndexerFeatures.open(
                db,
                rpc,
                rpcSettings,
                profile,
                overrides,
                finalityDepth == null ? OptionalLong.empty() : OptionalLong.of(finalityDepth),
                maxBlocksPerPass,
                Clock.systemUTC(),
                line -> {
                  out.println("naap indexer: " + line);
                  out.flush();
                });
      } catch (IllegalArgumentException e) {
        err.println("naap: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      IndexerProfile used = indexer.profile();
      out.printf(
          "naap indexer: chain %d, profile %s, finality depth %d, %d contract(s): %s%n",
          indexer.follower().chainId(),
          used.name(),
          used.finalityDepth(),
          used.contracts().size(),
          used.contracts());
      out.flush();
      AtomicBoolean stop = new AtomicBoolean();
      Thread hook = new Thread(() -> stop.set(true), "naap-indexer-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      ChainFollower.Pass last = indexer.loop(pollInterval).run(untilCaughtUp, stop::get);
      if (untilCaughtUp && last != null) {
        out.printf("naap indexer: caught up at block %d%n", last.head());
      }
      return ExitCodes.OK;
    } catch (StorageException | ChainSourceException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
  }
}
