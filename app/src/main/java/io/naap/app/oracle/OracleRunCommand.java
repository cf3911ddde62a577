package io.naap.app.oracle;

import io.naap.app.ExitCodes;
import io.naap.app.features.OracleFeatures;
import io.naap.app.loadgen.DurationConverter;
import io.naap.attestations.SnapshotSigner;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.OracleLoop;
import io.naap.oracle.OracleService;
import io.naap.storage.Database;
import io.naap.storage.StorageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap oracle run}: one operator's oracle. It builds every final epoch's snapshot from the
 * KPIs in its database, signs it with its keys, and publishes it once enough current signers have
 * signed; killed at any point, it resumes where it stopped.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the score oracle: builds each final epoch's snapshot from the KPIs, signs it with the"
          + " --signer-key-file keys, publishes it on SlaOracle once the contract's threshold of"
          + " current signers signed (submitted from --submitter-key-file's account), and records"
          + " each step, so that it can be stopped or killed at any point and resumes.",
      "The epoch schedule (--genesis, --epoch-length) is fixed by the first run against a contract."
    })
public final class OracleRunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private OracleOptions options;

  @Option(
      names = "--signer-key-file",
      paramLabel = "FILE",
      description = "A file holding an operator's private key (hex); repeat for several.")
  private List<Path> signerKeys = new ArrayList<>();

  @Option(
      names = "--submitter-key-file",
      paramLabel = "FILE",
      description =
          "The key of the account that sends publications (default: the first signer's;"
              + " none at all: this oracle only builds and signs).")
  private Path submitterKey;

  @Option(
      names = "--epoch-length",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "1h",
      description = "Length of an epoch, whole minutes (default: ${DEFAULT-VALUE}).")
  private Duration epochLength;

  @Option(
      names = "--finalisation-delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "5m",
      description =
          "How long after its end an epoch waits for late events (default: ${DEFAULT-VALUE}).")
  private Duration finalisationDelay;

  @Option(
      names = "--genesis",
      paramLabel = "INSTANT",
      description =
          "Start of epoch 1, on a whole minute, ISO-8601 (default: the current minute at the first"
              + " run against the contract).")
  private String genesis;

  @Option(
      names = "--period",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "15s",
      description = "Pause between passes (default: ${DEFAULT-VALUE}).")
  private Duration period;

  @Option(
      names = "--max-epochs-per-pass",
      paramLabel = "N",
      defaultValue = "24",
      description = "The most epochs one pass builds (default: ${DEFAULT-VALUE}).")
  private int maxEpochsPerPass;

  @Option(
      names = "--until-caught-up",
      description =
          "Exit (0) once every final epoch is built and settled (published or superseded),"
              + " instead of running on.")
  private boolean untilCaughtUp;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Instant> start;
    try {
      start = Optional.ofNullable(genesis).map(Instant::parse);
    } catch (DateTimeParseException e) {
      err.println("naap: --genesis must be an ISO-8601 instant such as 2026-11-29T00:00:00Z");
      return ExitCodes.USAGE;
    }
    if (maxEpochsPerPass < 1) {
      err.println("naap: --max-epochs-per-pass must be >= 1");
      return ExitCodes.USAGE;
    }
    List<SnapshotSigner> signers = new ArrayList<>();
    Optional<Credentials> submitter;
    try {
      for (Path file : signerKeys) {
        signers.add(SnapshotSigner.of(OracleOptions.key(file).getEcKeyPair().getPrivateKey()));
      }
      submitter =
          submitterKey != null
              ? Optional.of(OracleOptions.key(submitterKey))
              : signerKeys.stream().findFirst().map(OracleOptions::key);
    } catch (IllegalArgumentException e) {
      err.println("naap: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    OracleFeatures.Settings settings =
        OracleFeatures.Settings.hourly()
            .withEpochLength(epochLength)
            .withFinalisationDelay(finalisationDelay)
            .withGenesis(start)
            .withPeriod(period)
            .withMaxEpochsPerTick(maxEpochsPerPass);
    Web3j web3j = Web3j.build(new HttpService(options.rpc));
    try (Database database = Database.connect(options.database.settings())) {
      database.migrate();
      long chainId = OracleOptions.chainId(web3j, options.rpc);
      OracleOptions.Contract contract = options.contract(database, chainId);
      OracleFeatures oracle =
          OracleFeatures.open(
              database,
              web3j,
              chainId,
              contract.address(),
              contract.block(),
              signers,
              submitter,
              settings,
              Clock.systemUTC(),
              line -> {
                out.println("naap oracle: " + line);
                out.flush();
              });
      out.printf(
          "naap oracle: SlaOracle %s on chain %d, epochs of %s from %s, %d signer key(s)%n",
          contract.address().checksummed(),
          chainId,
          oracle.service().schedule().length(),
          oracle.service().schedule().genesis(),
          signers.size());
      out.flush();
      return untilCaughtUp ? catchUp(oracle, err) : runForever(oracle, err);
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

  private int catchUp(OracleFeatures oracle, PrintWriter err) throws InterruptedException {
    while (true) {
      OracleService.Tick tick;
      try {
        tick = oracle.service().tick();
      } catch (StorageException | OracleChainException e) {
        err.println("naap: the oracle pass failed, retrying: " + e.getMessage());
        err.flush();
        Thread.sleep(period.toMillis());
        continue;
      }
      boolean settled = oracle.store().open().isEmpty();
      if (tick.built().isEmpty() && settled) {
        return ExitCodes.OK;
      }
      if (tick.waiting() != null && tick.built().isEmpty() && tick.published().isEmpty()) {
        Thread.sleep(period.toMillis());
      }
    }
  }

  private int runForever(OracleFeatures oracle, PrintWriter err) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    try (OracleLoop loop =
        oracle.loop(
            failure -> {
              err.println("naap: the oracle pass failed, retrying: " + failure.getMessage());
              err.flush();
            })) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "naap-oracle-stop"));
      loop.start();
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
