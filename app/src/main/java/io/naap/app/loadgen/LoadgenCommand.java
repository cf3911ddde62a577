package io.naap.app.loadgen;

import io.naap.api.auth.ApiKey;
import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.auth.KeyScope;
import io.naap.telemetry.loadgen.DatasetChoice;
import io.naap.telemetry.loadgen.LoadGenerator;
import io.naap.telemetry.loadgen.LoadSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code naap loadgen}: synthetic test traffic from a fleet seeded with the real network's
 * orchestrators, in the exact gateway event format, into a database in process or to a running naap
 * over HTTP.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = {
      "Generates synthetic test traffic: a fleet built from the real network's orchestrators"
          + " (addresses, GPUs) with behaviour profiles (healthy, slow_cold_start, swap_prone,"
          + " jittery, failing, offline), kept at or above --min-load of each one's capacity,"
          + " published as gateway events by gateways named loadgen-<region>:8935 (the test"
          + " traffic marker). Into the database of the running naap up (or --database-url), or to"
          + " a naap API with --target and a gateway API key (NAAP_API_KEY or --api-key). Runs"
          + " until --duration is up, or Ctrl+C / SIGTERM."
    })
public final class LoadgenCommand implements Callable<Integer> {
  private static final Duration STATUS_EVERY = Duration.ofSeconds(10);

  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions databaseOptions;

  @Option(
      names = "--target",
      paramLabel = "URL",
      description =
          "Base URL of a naap API to post the events to (POST URL/v1/telemetry/events), e.g."
              + " http://127.0.0.1:8080; excludes --database-url and --home.")
  private String target;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:NAAP_API_KEY}",
      description =
          "Gateway (or admin) API key of the --target naap, sent as 'Authorization: Bearer KEY'"
              + " (default: the environment variable NAAP_API_KEY, which keeps the key out of the"
              + " process list; naap up writes one to up.json under keys.gateway).")
  private String apiKey;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Seed of every random choice: the same seed gives the same fleet and load"
              + " (default: a random one, printed).")
  private Long seed;

  @Option(
      names = "--dataset",
      paramLabel = "good|random|mixed",
      defaultValue = "mixed",
      description = "Prompt dataset of the test streams (default: ${DEFAULT-VALUE}).")
  private String dataset;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long to run, e.g. 30s, 10m, 2h (default: until Ctrl+C or SIGTERM).")
  private Duration duration;

  @Option(
      names = "--min-load",
      paramLabel = "SHARE",
      defaultValue = "0.20",
      description =
          "Least share of each orchestrator's capacity kept busy with test streams, in (0, 1]"
              + " (default: ${DEFAULT-VALUE}).")
  private double minLoad;

  @Option(
      names = "--stream-duration",
      paramLabel = "MIN..MAX",
      defaultValue = "1m..5m",
      description = "How long test streams last, drawn uniformly (default: ${DEFAULT-VALUE}).")
  private String streamDuration;

  @Option(
      names = "--tick",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often events are generated and delivered (default: ${DEFAULT-VALUE}).")
  private Duration tick;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadSettings settings = settings();
    Optional<URI> base = target();
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new ParameterException(spec.commandLine(), "--duration must be > 0, got " + duration);
    }
    if (tick.isNegative() || tick.isZero()) {
      throw new ParameterException(spec.commandLine(), "--tick must be > 0, got " + tick);
    }
    if (base.isEmpty() && spec.commandLine().getParseResult().hasMatchedOption("--api-key")) {
      throw new ParameterException(
          spec.commandLine(), "--api-key is for --target; in process no key is needed");
    }
    long runSeed = seed != null ? seed : SyntheticLoad.randomSeed();
    Clock clock = Clock.systemUTC();

    if (base.isPresent()) {
      ApiKey key = gatewayKey();
      URI endpoint = HttpEventSink.endpoint(base.get());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      LoadGenerator generator =
          SyntheticLoad.generator(
              new HttpEventSink(endpoint, http, key), runSeed, settings, clock, tick);
      return run(generator, runSeed, "POST " + endpoint, out, err);
    }
    DatabaseSettings connection = databaseOptions.settings();
    try (Database connected = Database.connect(connection)) {
      LoadGenerator generator = SyntheticLoad.inProcess(connected, runSeed, settings, clock, tick);
      return run(generator, runSeed, connection.jdbcUrl() + " (source loadgen)", out, err);
    }
  }

  private int run(
      LoadGenerator generator, long runSeed, String destination, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    out.printf(
        Locale.ROOT,
        "naap loadgen: seed %d, %s, at least %.0f%% of each one's capacity, dataset %s%n",
        runSeed,
        SyntheticLoad.describe(generator.scheduler().fleet()),
        generator.scheduler().settings().minLoad() * 100,
        generator.scheduler().settings().dataset().code());
    out.printf(
        Locale.ROOT,
        "  test traffic from %s into %s%n",
        String.join(", ", SyntheticLoad.gateways()),
        destination);
    out.flush();

    CountDownLatch reported = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              generator.close();
              try {
                reported.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "naap-loadgen-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    generator.start();
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    int exit = ExitCodes.OK;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          generator.stopped().get(Math.min(left, STATUS_EVERY.toNanos()), TimeUnit.NANOSECONDS);
          break; // closed by the shutdown hook (SIGINT/SIGTERM)
        } catch (TimeoutException statusTime) {
          out.println(status(generator.progress()));
          out.flush();
        } catch (ExecutionException failed) {
          err.println("naap: " + failed.getCause().getMessage());
          err.flush();
          exit = ExitCodes.FAILURE;
          break;
        }
      }
    } finally {
      generator.close();
      out.println(status(generator.progress()) + " (stopped)");
      out.flush();
      reported.countDown();
      removeHook(hook);
    }
    return exit;
  }

  static String status(LoadGenerator.Progress progress) {
    return String.format(
        Locale.ROOT,
        "loadgen: %,d events sent (%,d accepted, %,d duplicate, %,d quarantined),"
            + " %,d streams active, %,d started",
        progress.events(),
        progress.accepted(),
        progress.duplicate(),
        progress.quarantined(),
        progress.activeStreams(),
        progress.streamsStarted());
  }

  private LoadSettings settings() {
    DatasetChoice choice =
        switch (dataset.toLowerCase(Locale.ROOT)) {
          case "good" -> DatasetChoice.GOOD;
          case "random" -> DatasetChoice.RANDOM;
          case "mixed" -> DatasetChoice.MIXED;
          default ->
              throw new ParameterException(
                  spec.commandLine(),
                  "--dataset must be good, random or mixed, got '" + dataset + "'");
        };
    String[] range = streamDuration.split("\\.\\.", -1);
    if (range.length != 2) {
      throw new ParameterException(
          spec.commandLine(),
          "--stream-duration must be MIN..MAX (e.g. 1m..5m), got '" + streamDuration + "'");
    }
    try {
      return new LoadSettings(
          minLoad, DurationConverter.parse(range[0]), DurationConverter.parse(range[1]), choice);
    } catch (IllegalArgumentException e) {
      // picocli's TypeConversionException is an IllegalArgumentException too
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Optional<URI> target() {
    if (target == null) {
      return Optional.empty();
    }
    if (databaseOptions.given()) {
      throw new ParameterException(
          spec.commandLine(), "--target excludes --database-url and --home");
    }
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--target is not a URL: " + target);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--target must be an http(s) URL such as http://127.0.0.1:8080, got " + target);
    }
    return Optional.of(uri);
  }

  /** The key to post with: one that can post telemetry, checked before anything runs. */
  private ApiKey gatewayKey() {
    if (apiKey == null || apiKey.isBlank()) {
      throw new ParameterException(
          spec.commandLine(),
          "--target needs a gateway API key: set NAAP_API_KEY or pass --api-key (naap keys create"
              + " --scope gateway makes one; naap up writes one to up.json under keys.gateway)");
    }
    // the text is never echoed: it may be a key with a typo
    ApiKey key =
        ApiKey.parse(apiKey.strip())
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "the API key (--api-key or NAAP_API_KEY) is not a naap API key ("
                            + ApiKey.format()
                            + ")"));
    if (key.scope() != KeyScope.GATEWAY && key.scope() != KeyScope.ADMIN) {
      throw new ParameterException(
          spec.commandLine(),
          "the API key (--api-key or NAAP_API_KEY) "
              + key
              + " has scope "
              + key.scope()
              + "; posting telemetry needs a gateway (or admin) key");
    }
    return key;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook has run or runs now
    }
  }
}
