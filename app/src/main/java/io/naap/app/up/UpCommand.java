package io.naap.app.up;

import io.naap.app.ExitCodes;
import io.naap.app.loadgen.SyntheticLoad;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.NaapHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
          + " owner only). Ctrl+C (SIGINT) or SIGTERM stops every process it started."
    })
public final class UpCommand implements Callable<Integer> {
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
    UpSettings settings;
    try {
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
              !noLoadgen,
              loadgenSeed != null ? loadgenSeed : SyntheticLoad.randomSeed());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    AnvilNode.binaryIn(settings.naapHome()); // fail before starting anything if anvil is missing
    Ports.requireFree(settings.host(), settings.apiPort(), "HTTP API", "--port");
    Ports.requireFree(settings.host(), settings.rpcPort(), "chain JSON-RPC", "--rpc-port");

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
              .start();
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
