package io.naap.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.api.auth.ApiKeys;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.app.ExitCodes;
import io.naap.app.features.TelemetryFeatures;
import io.naap.app.loadgen.SyntheticLoad;
import io.naap.storage.Database;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.loadgen.IngestionSink;
import io.naap.telemetry.loadgen.LoadGenerator;
import io.naap.telemetry.loadgen.LoadSettings;
import io.naap.telemetry.session.SessionSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap bench latency}: how long an event takes to show in the KPIs the API serves. A
 * gateway-like client posts one {@code ai_stream_status} event at a time over HTTP and reads the
 * stream back until the new fps sample is counted; meanwhile the load generator feeds the same
 * pipeline in-process. The probe sends a gateway API key, checked on every post as in production.
 * The baseline, measured in the same run, is one read of the stream.
 */
@Command(
    name = "latency",
    mixinStandardHelpOptions = true,
    description =
        "Event-to-visible-KPI latency over HTTP into a fresh durable embedded PostgreSQL, with the"
            + " load generator running, against one read of the stream measured in the same run.")
public final class LatencyBenchCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = "latency-probe";
  private static final String ORCHESTRATOR = "0x52cf2968b3dc6016778742d3539449a6597d5954";

  /** Longest wait for one request, and for one probe to show in the stream's KPIs. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  @Spec private CommandSpec spec;

  @Option(
      names = "--probes",
      defaultValue = "300",
      description = "Events timed (default: ${DEFAULT-VALUE}).")
  private int probes;

  @Option(
      names = "--seed",
      defaultValue = "20260108",
      description = "Seed of the background load (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (probes < 10) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--probes must be >= 10");
    }
    try (BenchPostgres bench = BenchPostgres.start(4)) {
      Database database = bench.database();
      Clock clock = Clock.systemUTC();
      TelemetryFeatures features =
          new TelemetryFeatures(database, clock, SessionSettings.defaults());
      MeterRegistry meters = Metrics.globalRegistry();
      ApiKeys keys = new ApiKeys(new ApiKeyStore(database), clock, new SecureRandom());
      // the probe posts as a gateway does: with a key, checked on every request
      String key = keys.create(KeyScope.GATEWAY, Optional.of("naap bench latency")).key().text();
      ApiServer api =
          new ApiServer(
              ApiSettings.onLoopback(0),
              meters,
              List.of(),
              features.endpoints(meters, TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES),
              keys);
      String base = "http://127.0.0.1:" + api.start();
      TelemetryIngestion ingestion = features.ingestion();
      try (LoadGenerator background =
          SyntheticLoad.generator(
              new IngestionSink(ingestion),
              seed,
              LoadSettings.defaults(),
              clock,
              LoadGenerator.DEFAULT_TICK)) {
        background.start();
        HttpClient http = HttpClient.newHttpClient();
        // warm-up: the stream exists and the code paths are compiled
        for (int i = 0; i < 20; i++) {
          probe(http, base, key, i + 1);
          roundTrip(http, base + "/v1/streams/" + STREAM);
        }
        double[] latency = new double[probes];
        double[] floor = new double[probes];
        for (int i = 0; i < probes; i++) {
          latency[i] = probe(http, base, key, 21 + i);
          floor[i] = roundTrip(http, base + "/v1/streams/" + STREAM);
        }
        out.printf(
            Locale.ROOT,
            "naap bench latency: %d probes over HTTP, load generator running (seed %d),"
                + " durable PostgreSQL, %d cores%n",
            probes,
            seed,
            Runtime.getRuntime().availableProcessors());
        print(out, "event to visible KPI", latency);
        print(out, "one read (GET the stream)", floor);
        out.printf(
            Locale.ROOT,
            "background: %,d events delivered by the load generator during the run%n",
            background.progress().accepted());
      } finally {
        api.stop();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Posts the {@code n}-th status event of the probe stream with the gateway {@code key} and reads
   * the stream until it counts {@code n} fps samples; returns the milliseconds from sending to
   * seeing it.
   */
  private static double probe(HttpClient http, String base, String key, int n)
      throws IOException, InterruptedException {
    long at = System.currentTimeMillis();
    String event =
        "{\"id\":\""
            + UUID.randomUUID()
            + "\",\"type\":\"ai_stream_status\",\"timestamp\":\""
            + at
            + "\",\"gateway\":\"\",\"data\":{\"type\":\"status\",\"timestamp\":"
            + at
            + ",\"stream_id\":\""
            + STREAM
            + "\",\"request_id\":\"probe\",\"pipeline_id\":\"\","
            + "\"pipeline\":\"streamdiffusion-sdxl\",\"state\":\"ONLINE\",\"orchestrator_info\":"
            + "{\"address\":\""
            + ORCHESTRATOR
            + "\",\"url\":\"\"},\"inference_status\":{\"fps\":"
            + (15 + n % 7)
            + ",\"restart_count\":0},\"input_status\":{\"fps\":20.0}}}";
    long start = System.nanoTime();
    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/telemetry/events"))
                .timeout(PROBE_TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (posted.statusCode() != 200) {
      throw new IllegalStateException("the probe was refused: " + posted.body());
    }
    long deadline = start + PROBE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> stream =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/streams/" + STREAM))
                  .timeout(PROBE_TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (stream.statusCode() == 200) {
        JsonNode samples = JSON.readTree(stream.body()).at("/kpis/outputFps/samples");
        if (samples.asLong() >= n) {
          return (System.nanoTime() - start) / 1e6;
        }
      }
    }
    throw new IllegalStateException(
        "probe " + n + " did not show within " + PROBE_TIMEOUT.toSeconds() + " s");
  }

  private static double roundTrip(HttpClient http, String url)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    return (System.nanoTime() - start) / 1e6;
  }

  private static void print(PrintWriter out, String what, double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    out.printf(
        Locale.ROOT,
        "%-26s p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms%n",
        what,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1]);
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
