package io.naap.app.up;

import io.naap.app.ExitCodes;
import io.naap.app.loadgen.DurationConverter;
import io.naap.app.loadgen.SyntheticLoad;
import io.naap.app.oracle.OracleOptions;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.NaapHome;
import io.naap.indexer.config.ContractSpec;
import io.naap.indexer.config.IndexerProfile;
import io.naap.indexer.rpc.RpcSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code naap up}: the whole product on one machine, on embedded defaults. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Runs naap on embedded defaults: PostgreSQL (data in the naap home), a local anvil chain"
          + " with the contracts deployed, the HTTP API and the load generator (synthetic test"
          + " traffic; --no-loadgen to disable). Makes one dev API key per scope (gateway,"
          + " orchestrator, admin), valid while it runs. Prints where everything is, the keys"
          + " included, and writes the same as JSON to up.json in the naap home (readable by its"
          + " owner only). Ctrl+C (SIGINT) or SIGTERM stops every process it started.",
      "With --rpc URL it starts no anvil: it indexes that chain's contracts (--profile mainnet for"
          + " Arbitrum One, --contract to add or replace one) and serves the API. naap's own"
          + " SlaOracle is deployed only with --deploy-contracts, or named with --contract"
          + " SlaOracle=0xADDRESS@BLOCK; without one the oracle publisher does not run. The load"
          + " generator runs only with --loadgen there."
    })
public final class UpCommand implements Callable<Integer> {
  /** How long one JSON-RPC request of the indexer may take with --rpc, by default. */
  static final Duration DEFAULT_RPC_TIMEOUT = RpcSettings.defaults().requestTimeout();

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP API port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--rpc-port",
      defaultValue = "8545",
      description = "Local chain JSON-RPC port (default: ${DEFAULT-VALUE}).")
  private int rpcPort;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Where durable state lives (default: ~/.naap).")
  private Path home;

  @Option(
      names = "--ephemeral",
      description = "Keep all state in a temporary folder, removed on exit.")
  private boolean ephemeral;

  @Option(
      names = "--no-loadgen",
      description =
          "Do not run the load generator (synthetic test traffic from gateways"
              + " loadgen-<region>:8935 into the database).")
  private boolean noLoadgen;

  @Option(
      names = "--loadgen",
      description =
          "Run the load generator also with --rpc (off there by default: the oracle would publish"
              + " the synthetic fleet's scores on that chain).")
  private boolean withLoadgen;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description =
          "Use the chain at this JSON-RPC endpoint instead of starting anvil: index its"
              + " contracts and serve the API.")
  private String rpc;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "With --rpc: the contracts to index, mainnet (Livepeer on Arbitrum One, finality depth"
              + " 240); default: those this home's naap up recorded for the chain (finality depth"
              + " 12).")
  private String profile;

  @Option(
      names = "--contract",
      paramLabel = "Name=0xADDRESS[@BLOCK]",
      description =
          "With --rpc: a contract to index (repeat for several), as for naap indexer run; replaces"
              + " the profile's of the same name. SlaOracle=... is also the oracle's contract.")
  private List<String> contracts = new ArrayList<>();

  @Option(
      names = "--finality-depth",
      paramLabel = "BLOCKS",
      description =
          "With --rpc: blocks this far below the head are final (default: the profile's).")
  private Long finalityDepth;

  @Option(
      names = "--deploy-contracts",
      description =
          "With --rpc: deploy naap's own contracts (SlaOracle, signed for by this home's operator"
              + " keys, 2 of 3) unless the one recorded for the chain still has code. Needs a"
              + " funded account: --key-file's; on a dev chain (id 31337 or 1337) naap up funds its"
              + " own from the node's first unlocked account.")
  private boolean deployContracts;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "With --rpc: a file holding the private key (hex) of a funded account, which deploys"
              + " SlaOracle and publishes the scores.")
  private Path keyFile;

  @Option(
      names = "--rpc-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "With --rpc: how long one JSON-RPC request of the indexer may take before it is retried"
              + " (default: 30s).")
  private Duration rpcTimeout;

  @Option(
      names = "--loadgen-seed",
      paramLabel = "N",
      description = "Seed of the load generator (default: a random one, printed).")
  private Long loadgenSeed;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (ephemeral && home != null) {
      throw new ParameterException(spec.commandLine(), "--home and --ephemeral exclude each other");
    }
    if (noLoadgen && withLoadgen) {
      throw new ParameterException(
          spec.commandLine(), "--loadgen and --no-loadgen exclude each other");
    }
    UpSettings settings;
    try {
      Optional<UpSettings.External> external = external();
      settings =
          new UpSettings(
              ephemeral
                  ? Optional.empty()
                  : Optional.of(home == null ? defaultHome() : home.toAbsolutePath()),
              ephemeral,
              host,
              port,
              rpcPort,
              NaapHome.locate(),
              external.isPresent() ? withLoadgen : !noLoadgen,
              loadgenSeed != null ? loadgenSeed : SyntheticLoad.randomSeed(),
              external);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Optional<ExternalChain.Probe> probe = Optional.empty();
    if (settings.external().isEmpty()) {
      AnvilNode.binaryIn(settings.naapHome()); // fail before starting anything if anvil is missing
      Ports.requireFree(settings.host(), settings.apiPort(), "HTTP API", "--port");
      Ports.requireFree(settings.host(), settings.rpcPort(), "chain JSON-RPC", "--rpc-port");
    } else {
      Ports.requireFree(settings.host(), settings.apiPort(), "HTTP API", "--port");
      UpSettings.External external = settings.external().get();
      log(err, "asking the chain at " + external.rpc());
      probe = Optional.of(ExternalChain.probe(external));
      try {
        ExternalChain.check(external, probe.get());
      } catch (IllegalArgumentException e) {
        log(err, e.getMessage());
        return ExitCodes.USAGE;
      }
    }

    Path stateDir = settings.home().orElseGet(UpCommand::temporaryHome);
    Teardown teardown = new Teardown(message -> log(err, message));
    if (settings.ephemeral()) {
      teardown.start("the temporary folder " + stateDir, () -> () -> deleteTree(stateDir));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              log(err, "stopping");
              teardown.run();
              log(err, "stopped");
              stopped.countDown();
            },
            "naap-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    UpReport report;
    try {
      report =
          new LocalStack(
                  settings, stateDir, teardown, message -> log(err, message), Clock.systemUTC())
              .start(probe);
    } catch (IllegalArgumentException e) {
      // the configuration does not fit the chain (e.g. a contract naap does not decode)
      teardown.run();
      removeHook(hook);
      log(err, e.getMessage());
      return ExitCodes.USAGE;
    } catch (RuntimeException e) {
      teardown.run();
      removeHook(hook);
      throw e;
    }
    Path reportFile = stateDir.resolve("up.json");
    UpReportJson.write(report, reportFile);
    out.println(report.toText(reportFile));
    out.flush();
    stopped.await(); // until SIGINT/SIGTERM: the hook stops everything, then the JVM exits
    return ExitCodes.OK;
  }

  /**
   * The {@code --rpc} settings, or empty without {@code --rpc}; the options that only make sense
   * with it are refused without it.
   *
   * @throws IllegalArgumentException naming the option and the fix
   */
  private Optional<UpSettings.External> external() {
    var parsed = spec.commandLine().getParseResult();
    if (rpc == null) {
      for (String option :
          List.of(
              "--profile",
              "--contract",
              "--finality-depth",
              "--deploy-contracts",
              "--key-file",
              "--rpc-timeout",
              "--loadgen")) {
        if (parsed.hasMatchedOption(option)) {
          throw new IllegalArgumentException(
              option + " is for a chain given with --rpc URL (naap up's own anvil has its own)");
        }
      }
      return Optional.empty();
    }
    if (parsed.hasMatchedOption("--rpc-port")) {
      throw new IllegalArgumentException(
          "--rpc-port is the port of naap up's own anvil; with --rpc it starts none");
    }
    if (profile != null) {
      IndexerProfile.bundled(profile); // an unknown profile fails here, naming the known ones
    }
    if (keyFile != null) {
      OracleOptions.key(keyFile); // an unreadable or malformed key fails here
    }
    URI uri;
    try {
      uri = new URI(rpc);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--rpc must be a URL: " + rpc, e);
    }
    List<ContractSpec> specs = new ArrayList<>();
    for (String text : contracts) {
      specs.add(ContractSpec.parse(text));
    }
    return Optional.of(
        new UpSettings.External(
            uri,
            Optional.ofNullable(profile),
            specs,
            finalityDepth == null ? OptionalLong.empty() : OptionalLong.of(finalityDepth),
            deployContracts,
            Optional.ofNullable(keyFile).map(Path::toAbsolutePath),
            rpcTimeout == null ? DEFAULT_RPC_TIMEOUT : rpcTimeout));
  }

  private static Path defaultHome() {
    return RunningUp.defaultHome();
  }

  private static Path temporaryHome() {
    try {
      return Files.createTempDirectory("naap-up-");
    } catch (IOException e) {
      throw new UpException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting; the hook runs the (idempotent) teardown once more
    }
  }

  private static void log(PrintWriter err, String message) {
    err.println("naap: " + message);
    err.flush();
  }
}
