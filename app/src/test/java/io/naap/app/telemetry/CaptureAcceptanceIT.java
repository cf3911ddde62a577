package io.naap.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.api.auth.ApiKeys;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.app.features.TelemetryFeatures;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.telemetry.session.SessionSettings;
import io.naap.testkit.Fixtures;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's acceptance on the real capture: ingested over HTTP into one database and by the CLI
 * into another, every derived answer of the API is identical; the stream's KPIs are the
 * hand-derived ones (see SessionEngineIT for each derivation); ingesting again changes nothing.
 */
@ExtendWith(PostgresExtension.class)
class CaptureAcceptanceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-09T00:00:00Z"), ZoneOffset.UTC);
  private static final String STREAM = "stream-o5s73x-mk5zc8fy";
  private static final String ON_CHAIN = "0xd00354656922168815Fcd1e51CBddB9e359e3C7F";
  private static final String RANGE = "from=2026-01-08T00:00:00Z&to=2026-01-09T00:00:00Z";

  /** Every read of what the pipeline derived. */
  private static final List<String> READS =
      List.of(
          "/v1/streams/" + STREAM,
          "/v1/kpis?" + RANGE + "&bucket=minute",
          "/v1/kpis?" + RANGE + "&bucket=hour",
          "/v1/kpis?" + RANGE + "&bucket=day&orchestrator=" + ON_CHAIN.toLowerCase(),
          "/v1/kpis?" + RANGE + "&workload=streamdiffusion-sdxl-faceid&region=unknown",
          "/v1/orchestrators/" + ON_CHAIN + "/kpis?window=7d",
          "/v1/demand?groupBy=orchestrator,workload,region,gpu&" + RANGE,
          "/v1/demand/gap?from=2026-01-08T21:00:00Z&to=2026-01-08T22:00:00Z",
          "/v1/supply");

  @TempDir Path temp;

  private final HttpClient http = HttpClient.newHttpClient();

  /** A server that stops answering fails the test instead of hanging the build. */
  private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(60);

  @Test
  void httpAndCliGiveIdenticalAnswersWithTheHandDerivedKpis(
      PostgresDatabase overHttp, @FreshDatabase PostgresDatabase byCli) throws Exception {
    Path capture = Files.write(temp.resolve("capture.json"), Fixtures.liveStreamCapture());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = NaapCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute("telemetry", "ingest", "--database-url", byCli.jdbcUrl(), capture.toString());
    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("65 received, 65 accepted, 0 duplicate, 0 quarantined");

    try (Served http1 = serve(overHttp);
        Served cli1 = serve(byCli)) {
      JsonNode posted = http1.post("/v1/telemetry/events", Fixtures.liveStreamCapture());
      assertThat(posted.get("accepted").asLong()).isEqualTo(65);

      for (String read : READS) {
        assertThat(http1.get(read)).as(read).isEqualTo(cli1.get(read));
      }

      JsonNode stream = http1.get("/v1/streams/" + STREAM);
      JsonNode kpis = stream.get("kpis");
      assertThat(kpis.get("startupLatencyMs").asLong()).isEqualTo(2655);
      assertThat(kpis.get("endToEndLatencyMs").asLong()).isEqualTo(105);
      assertThat(kpis.get("outputFps").get("mean").asDouble())
          .isCloseTo(15.999951534393748, within(1e-9));
      assertThat(kpis.get("jitterCoefficient").asDouble())
          .isCloseTo(0.1163188197513049, within(1e-9));
      assertThat(kpis.get("bandwidth").get("upKbps").asDouble())
          .isCloseTo(1349.1329939393938, within(1e-9));
      assertThat(kpis.get("bandwidth").get("downKbps").asDouble())
          .isCloseTo(5.823806060606061, within(1e-12));
      assertThat(stream.get("orchestrators").get(0).get("address").asText()).isEqualTo(ON_CHAIN);
      assertThat(stream.get("gatewayRegion").asText()).isEqualTo("unknown");
      assertThat(stream.get("payments").get("expectedFeesWei").asText())
          .isEqualTo("16800000007200");

      // any case in, checksummed out
      JsonNode lower = http1.get("/v1/orchestrators/" + ON_CHAIN.toLowerCase() + "/kpis?window=7d");
      assertThat(lower).isEqualTo(http1.get("/v1/orchestrators/" + ON_CHAIN + "/kpis?window=7d"));
      assertThat(lower.get("address").asText()).isEqualTo(ON_CHAIN);
      assertThat(lower.get("workloads").get(0).get("outputFps").get("count").asLong())
          .isEqualTo(17);

      // the same capture again: all duplicates, nothing derived changes
      List<JsonNode> before = READS.stream().map(http1::get).toList();
      JsonNode again = http1.post("/v1/telemetry/events", Fixtures.liveStreamCapture());
      assertThat(again.get("duplicate").asLong()).isEqualTo(65);
      assertThat(again.get("accepted").asLong()).isZero();
      assertThat(READS.stream().map(http1::get).toList()).isEqualTo(before);
    }
  }

  @Test
  void badQueriesGetTheErrorShape(PostgresDatabase database) throws Exception {
    try (Served api = serve(database)) {
      for (String bad :
          List.of(
              "/v1/kpis?bucket=week",
              "/v1/kpis?from=yesterday",
              "/v1/kpis?from=2026-01-09T00:00:00Z&to=2026-01-08T00:00:00Z",
              "/v1/kpis?orchestrator=0x123",
              "/v1/kpis?bucket=minute&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
              "/v1/kpis?traffic=fake",
              "/v1/orchestrators/nope/kpis",
              "/v1/orchestrators/" + ON_CHAIN + "/kpis?window=1y",
              "/v1/demand?groupBy=planet",
              "/v1/demand/gap?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")) {
        HttpResponse<String> response = api.raw(bad);
        assertThat(response.statusCode()).as(bad).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("code").asText())
            .as(bad)
            .isEqualTo("bad_request");
      }
      HttpResponse<String> missing = api.raw("/v1/streams/never-seen");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(missing.body()).get("error").get("code").asText())
          .isEqualTo("not_found");
    }
  }

  private Served serve(PostgresDatabase postgres) {
    Database database =
        Database.connect(new DatabaseSettings(postgres.jdbcUrl(), "postgres", Optional.empty(), 4));
    MeterRegistry meters = Metrics.globalRegistry();
    ApiKeys keys = new ApiKeys(new ApiKeyStore(database), CLOCK, new SecureRandom());
    ApiServer server =
        new ApiServer(
            ApiSettings.onLoopback(0),
            meters,
            List.of(),
            new TelemetryFeatures(database, CLOCK, SessionSettings.defaults())
                .endpoints(meters, TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES),
            keys);
    String gatewayKey = keys.create(KeyScope.GATEWAY, Optional.of("gateway")).key().text();
    int port = server.start();
    return new Served(server, database, "http://127.0.0.1:" + port, gatewayKey);
  }

  /** A running API over one database, and a gateway key of it. */
  private final class Served implements AutoCloseable {
    private final ApiServer server;
    private final Database database;
    private final String base;
    private final String gatewayKey;

    Served(ApiServer server, Database database, String base, String gatewayKey) {
      this.server = server;
      this.database = database;
      this.base = base;
      this.gatewayKey = gatewayKey;
    }

    HttpResponse<String> raw(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String path) {
      try {
        HttpResponse<String> response = raw(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    JsonNode post(String path, byte[] body) throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(REQUEST_TIMEOUT)
                  .header("Authorization", "Bearer " + gatewayKey)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    }

    @Override
    public void close() {
      server.stop();
      database.close();
    }
  }
}
