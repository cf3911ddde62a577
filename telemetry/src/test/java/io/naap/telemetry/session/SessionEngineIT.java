package io.naap.telemetry.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.ingest.IngestReport;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.kpi.Bucket;
import io.naap.telemetry.kpi.KpiFilter;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.testkit.Fixtures;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import io.naap.testkit.SteppedClock;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions and KPIs from real events, against a real PostgreSQL: the captured stream's figures
 * derived by hand, idempotence, order independence, swaps, inactivity and lateness.
 */
@ExtendWith(PostgresExtension.class)
class SessionEngineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAPTURED_STREAM = "stream-o5s73x-mk5zc8fy";
  private static final String LOCAL = "0x52cf2968b3dc6016778742d3539449a6597d5954";
  private static final String ON_CHAIN = "0xd00354656922168815fcd1e51cbddb9e359e3c7f";

  private static String postgresUrl;
  private static Database database;
  private static KpiQueries queries;
  private static SessionSettings settings;
  private static final SteppedClock CLOCK = new SteppedClock(Instant.parse("2026-01-09T00:00:00Z"));

  @BeforeAll
  static void connect(PostgresDatabase migrated) {
    database =
        Database.connect(new DatabaseSettings(migrated.jdbcUrl(), "postgres", Optional.empty(), 4));
    postgresUrl = migrated.jdbcUrl();
    settings = SessionSettings.defaults();
    queries = new KpiQueries(database, settings);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static TelemetryIngestion ingestion(int chunkRecords) {
    return new TelemetryIngestion(
        new TelemetryInput(new EventDecoder(DecoderSettings.defaults())),
        new TelemetryStore(database),
        CLOCK,
        chunkRecords,
        Optional.of(new SessionEngine(settings)));
  }

  private static IngestReport ingest(byte[] body, int chunkRecords) {
    return ingestion(chunkRecords)
        .ingestStream(new ByteArrayInputStream(body), "file", 100, records -> {});
  }

  @Test
  void theCapturedStreamsKpisAreTheOnesDerivedByHandFromItsEvents() {
    ingest(Fixtures.liveStreamCapture(), 10_000);

    StreamReport stream = queries.stream(CAPTURED_STREAM).orElseThrow();

    // startup = gateway_receive_first_processed_segment (1767908947953)
    //         - gateway_receive_stream_request (1767908945298) = 2655 ms
    assertThat(stream.startupLatencyMs()).hasValue(2655);
    // end-to-end = runner_send_first_processed_segment (data.timestamp 1767908947688)
    //            - gateway_send_first_ingest_segment (1767908947583) = 105 ms
    assertThat(stream.endToEndLatencyMs()).hasValue(105);
    // prompt-to-first-frame = gateway_receive_few_processed_segments (1767908952042)
    //                       - the runner's data.start_time (1767908945607 ms) = 6435 ms
    assertThat(stream.promptToFirstFrameMs()).hasValue(6435);
    // 17 ai_stream_status events; inference_status.fps: 17.298215447072742, 17.18697998280588,
    // 17.089245637926744, 17.19078224438009, 17.182905190758706, 17.185857728016792,
    // 15.9870066387818, 15.887257403699925, 17.08506651822032, 16.987496019253673,
    // 15.785640774906039, 15.289066594518758, 9.792241483474283, 13.18788839671513,
    // 15.591995648138624, 16.287628279939398, 16.983902096084837: sum 271.99917608469373,
    // mean = sum / 17 = 15.999951534393748
    assertThat(stream.fpsSamples()).isEqualTo(17);
    assertThat(stream.meanFps().getAsDouble()).isCloseTo(15.999951534393748, within(1e-9));
    assertThat(stream.minFps().getAsDouble()).isEqualTo(9.792241483474283);
    // population std of those 17 values = sqrt(sum((x - mean)^2) / 17) = 1.8610954785587606;
    // jitter coefficient = std / mean = 0.1163188197513049
    assertThat(stream.jitterCoefficient().getAsDouble())
        .isCloseTo(0.1163188197513049, within(1e-9));
    // the same, computed here from the fixture itself rather than from the literals above
    double[] fps = capturedFps();
    double mean = java.util.Arrays.stream(fps).average().orElseThrow();
    double std =
        Math.sqrt(
            java.util.Arrays.stream(fps).map(x -> (x - mean) * (x - mean)).sum() / fps.length);
    assertThat(stream.jitterCoefficient().getAsDouble()).isCloseTo(std / mean, within(1e-12));
    // bandwidth from the 34 stream_ingest_metrics: first at 1767908950608 (BytesReceived 477890,
    // BytesSent 4013), last at 1767909115608 (28303758, 124129): 165.000 s apart;
    // up = (28303758 - 477890) x 8 / 165 / 1000 = 1349.1329939... kbit/s
    // down = (124129 - 4013) x 8 / 165 / 1000 = 5.8238060... kbit/s
    assertThat(stream.bytesUp()).isEqualTo(28303758L - 477890L);
    assertThat(stream.bytesDown()).isEqualTo(124129L - 4013L);
    assertThat(stream.bandwidthUpKbps().getAsDouble()).isCloseTo(1349.1329939393938, within(1e-9));
    assertThat(stream.bandwidthDownKbps().getAsDouble())
        .isCloseTo(5.823806060606061, within(1e-12));
    // the stream names the orchestrator by its local address; the capture's network_capabilities
    // maps it to the on-chain address the payments name
    assertThat(stream.orchestrators()).hasSize(1);
    assertThat(stream.orchestrators().get(0).orchestrator()).isEqualTo(ON_CHAIN);
    assertThat(stream.orchestrators().get(0).named()).isEqualTo(LOCAL);
    assertThat(stream.workload()).isEqualTo("streamdiffusion-sdxl-faceid");
    // 6 payments, 7 tickets: 2402400000000000 x 0.0009990010 x 2 + 2402400000000000 x
    // 0.0009990010 x 1 + 4 x 2400000000000000 x 0.0010000000 x 1 = 16800000007200 wei
    assertThat(stream.payments()).isEqualTo(6);
    assertThat(stream.tickets()).isEqualTo(7);
    assertThat(stream.expectedFeesWei()).isEqualByComparingTo(new BigDecimal("16800000007200"));
    assertThat(stream.traffic()).isEqualTo("real");
    assertThat(stream.status()).isEqualTo("open");

    // the rollups hold the same figures, under the on-chain address
    Instant from = Instant.parse("2026-01-08T00:00:00Z");
    Instant to = Instant.parse("2026-01-10T00:00:00Z");
    // (real traffic only: other tests replay the capture as test traffic)
    KpiFilter byOrchestrator =
        new KpiFilter(
            Optional.of(EthereumAddress.fromHex(ON_CHAIN)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("real"));
    KpiAggregate hour = merged(queries.series(byOrchestrator, from, to, Bucket.HOUR));
    KpiAggregate minutes = merged(queries.series(byOrchestrator, from, to, Bucket.MINUTE));
    KpiAggregate day = merged(queries.series(byOrchestrator, from, to, Bucket.DAY));
    assertThat(hour.outputFps().count()).isEqualTo(17);
    assertThat(hour.outputFps().mean().getAsDouble()).isCloseTo(mean, within(1e-9));
    assertThat(hour.jitterCoefficient().getAsDouble()).isCloseTo(std / mean, within(1e-9));
    assertThat(hour.startupMs().quantile(0.5).getAsDouble()).isCloseTo(2655, within(2655 * 0.01));
    assertThat(hour.sessions()).isEqualTo(1);
    assertThat(hour.segments()).isEqualTo(1);
    assertThat(hour.payments()).isEqualTo(6);
    assertThat(hour.expectedFeesWei()).isEqualByComparingTo(new BigDecimal("16800000007200"));
    // rollups are exact merges: the hour and the day are the merge of the minutes
    assertThat(minutes.outputFps()).isEqualTo(hour.outputFps());
    assertThat(minutes.startupMs()).isEqualTo(hour.startupMs());
    assertThat(day.outputFps()).isEqualTo(hour.outputFps());
    assertThat(minutes.sessions()).isEqualTo(hour.sessions());
    assertThat(minutes.bytesUp()).isEqualTo(hour.bytesUp());
  }

  @Test
  void ingestingTheCaptureAgainChangesNothing() throws SQLException {
    ingest(Fixtures.liveStreamCapture(), 10_000);
    List<String> before = derivedState();

    IngestReport again = ingest(Fixtures.liveStreamCapture(), 10_000);

    assertThat(again.duplicate()).isEqualTo(65);
    assertThat(again.accepted()).isZero();
    assertThat(derivedState()).isEqualTo(before);
  }

  @Test
  void deliveryOrderAndChunkingDoNotChangeAStreamsKpis() {
    byte[] inOrder = renamedCapture("order-a", new Random(1), false);
    byte[] shuffled = renamedCapture("order-b", new Random(2), true);

    ingest(inOrder, 10_000);
    ingest(shuffled, 7);

    StreamReport a = queries.stream("order-a").orElseThrow();
    StreamReport b = queries.stream("order-b").orElseThrow();
    assertThat(b.startupLatencyMs()).isEqualTo(a.startupLatencyMs()).hasValue(2655);
    assertThat(b.endToEndLatencyMs()).isEqualTo(a.endToEndLatencyMs());
    assertThat(b.promptToFirstFrameMs()).isEqualTo(a.promptToFirstFrameMs());
    assertThat(b.fpsSamples()).isEqualTo(17);
    assertThat(b.meanFps().getAsDouble()).isCloseTo(a.meanFps().getAsDouble(), within(1e-9));
    assertThat(b.jitterCoefficient().getAsDouble())
        .isCloseTo(a.jitterCoefficient().getAsDouble(), within(1e-9));
    assertThat(b.bytesUp()).isEqualTo(a.bytesUp());
    assertThat(b.expectedFeesWei()).isEqualByComparingTo(a.expectedFeesWei());
    assertThat(b.payments()).isEqualTo(6);
  }

  @Test
  void aSwapIsChargedToTheOrchestratorAbandoned() {
    String a = "0x1111111111111111111111111111111111111111";
    String b = "0x2222222222222222222222222222222222222222";
    long t = Instant.parse("2026-02-01T10:00:00Z").toEpochMilli();
    String stream = "swap-stream";
    List<String> events =
        List.of(
            trace(stream, "gateway_receive_stream_request", "", t, null),
            trace(stream, "gateway_send_first_ingest_segment", a, t + 100, null),
            trace(stream, "orchestrator_swap", a, t + 5_000, "no output within 5s"),
            trace(stream, "gateway_send_first_ingest_segment", b, t + 5_100, null),
            trace(stream, "gateway_receive_first_processed_segment", b, t + 6_000, null),
            status(stream, b, t + 10_000, 19.5));

    ingest(String.join("\n", events).getBytes(StandardCharsets.UTF_8), 10_000);

    StreamReport report = queries.stream(stream).orElseThrow();
    assertThat(report.orchestrators()).hasSize(2);
    assertThat(report.orchestrators().get(0).orchestrator()).isEqualTo(a);
    assertThat(report.orchestrators().get(0).swappedAway()).isTrue();
    assertThat(report.orchestrators().get(0).swapReason()).hasValue("no output within 5s");
    assertThat(report.orchestrators().get(1).swappedAway()).isFalse();
    assertThat(report.swaps()).isEqualTo(1);
    assertThat(report.startupLatencyMs()).hasValue(6_000);
    Instant from = Instant.parse("2026-02-01T00:00:00Z");
    Instant to = Instant.parse("2026-02-02T00:00:00Z");
    KpiAggregate ofA =
        merged(
            queries.series(
                KpiFilter.ALL.withOrchestrator(EthereumAddress.fromHex(a)), from, to, Bucket.DAY));
    KpiAggregate ofB =
        merged(
            queries.series(
                KpiFilter.ALL.withOrchestrator(EthereumAddress.fromHex(b)), from, to, Bucket.DAY));
    assertThat(ofA.swaps()).isEqualTo(1);
    assertThat(ofA.swapRate()).hasValue(1.0);
    assertThat(ofB.swaps()).isZero();
    assertThat(ofB.swapRate()).hasValue(0.0);
    assertThat(ofB.startupMs().count()).isEqualTo(1);
    assertThat(ofA.startupMs().count()).isZero();
  }

  @Test
  void anIdleSessionClosesThenBecomesFinalAndLaterEventsAreCountedLate() {
    String a = "0x3333333333333333333333333333333333333333";
    String stream = "idle-stream";
    long t = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    SessionEngine engine = new SessionEngine(settings);
    Instant arrival = Instant.parse("2026-03-01T10:00:01Z");
    CLOCK.set(arrival);
    ingest(
        String.join(
                "\n",
                trace(stream, "gateway_receive_stream_request", "", t, null),
                trace(stream, "gateway_send_first_ingest_segment", a, t + 100, null))
            .getBytes(StandardCharsets.UTF_8),
        10_000);

    database.inTransaction(tx -> engine.sweep(tx, arrival.plus(Duration.ofMinutes(1)), 100));
    assertThat(queries.stream(stream).orElseThrow().status()).isEqualTo("open");

    database.inTransaction(tx -> engine.sweep(tx, arrival.plus(Duration.ofMinutes(3)), 100));
    StreamReport closed = queries.stream(stream).orElseThrow();
    assertThat(closed.status()).isEqualTo("closed");
    assertThat(closed.closeReason()).hasValue("inactivity");
    assertThat(closed.failures()).isZero();

    database.inTransaction(tx -> engine.sweep(tx, arrival.plus(Duration.ofMinutes(6)), 100));
    StreamReport finalised = queries.stream(stream).orElseThrow();
    assertThat(finalised.status()).isEqualTo("final");
    // the orchestrator never produced output: a failure, charged to it
    assertThat(finalised.failures()).isEqualTo(1);

    CLOCK.set(arrival.plus(Duration.ofMinutes(7)));
    ingest(status(stream, a, t + 30_000, 12.0).getBytes(StandardCharsets.UTF_8), 10_000);
    StreamReport late = queries.stream(stream).orElseThrow();
    assertThat(late.lateEvents()).isEqualTo(1);
    assertThat(late.fpsSamples()).isZero();
    KpiAggregate ofA =
        merged(
            queries.series(
                KpiFilter.ALL.withOrchestrator(EthereumAddress.fromHex(a)),
                Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z"),
                Bucket.DAY));
    assertThat(ofA.failures()).isEqualTo(1);
    assertThat(ofA.failureRate()).hasValue(1.0);
    assertThat(ofA.outputFps().count()).isZero();
  }

  @Test
  void aStreamClosedByTheGatewayTakesLateEventsWithinTheLateness() {
    String a = "0x4444444444444444444444444444444444444444";
    String stream = "closed-stream";
    long t = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    CLOCK.set(Instant.parse("2026-03-02T10:01:00Z"));
    ingest(
        String.join(
                "\n",
                trace(stream, "gateway_receive_stream_request", "", t, null),
                trace(stream, "gateway_send_first_ingest_segment", a, t + 100, null),
                trace(stream, "gateway_ingest_stream_closed", a, t + 60_000, null))
            .getBytes(StandardCharsets.UTF_8),
        10_000);
    assertThat(queries.stream(stream).orElseThrow().closeReason()).hasValue("stream_closed");

    // delivered after the close, within the lateness: applied, and the stream had output
    ingest(
        String.join(
                "\n",
                trace(stream, "gateway_receive_first_processed_segment", a, t + 2_000, null),
                status(stream, a, t + 12_000, 18.0))
            .getBytes(StandardCharsets.UTF_8),
        10_000);
    SessionEngine engine = new SessionEngine(settings);
    database.inTransaction(tx -> engine.sweep(tx, Instant.parse("2026-03-02T10:10:00Z"), 100));

    StreamReport report = queries.stream(stream).orElseThrow();
    assertThat(report.status()).isEqualTo("final");
    assertThat(report.startupLatencyMs()).hasValue(2_000);
    assertThat(report.fpsSamples()).isEqualTo(1);
    assertThat(report.failures()).isZero();
  }

  @Test
  void aPromptChangeIsTimedToTheFirstOutputWithTheNewParameters() {
    String a = "0x5555555555555555555555555555555555555555";
    String stream = "prompt-stream";
    long t = Instant.parse("2026-03-03T10:00:00Z").toEpochMilli();
    ingest(
        String.join(
                "\n",
                statusWithParams(stream, a, t, "hash-a", t - 500),
                "{\"id\":\""
                    + UUID.randomUUID()
                    + "\",\"type\":\"ai_stream_events\",\"timestamp\":\""
                    + (t + 1_000)
                    + "\",\"gateway\":\"\",\"data\":{\"type\":\"params_update\",\"timestamp\":"
                    + (t + 1_000)
                    + ",\"stream_id\":\""
                    + stream
                    + "\",\"request_id\":\""
                    + stream
                    + "-r\",\"pipeline\":\"streamdiffusion-sdxl\",\"params\":{\"prompt\":\"a cat\"}}}",
                // the next status still shows the old hash; the one after shows the new one, with
                // the runner's last output 2.5 s after the update
                statusWithParams(stream, a, t + 2_000, "hash-a", t + 1_900),
                statusWithParams(stream, a, t + 10_000, "hash-b", t + 3_500))
            .getBytes(StandardCharsets.UTF_8),
        10_000);

    KpiAggregate ofA =
        merged(
            queries.series(
                KpiFilter.ALL.withOrchestrator(EthereumAddress.fromHex(a)),
                Instant.parse("2026-03-03T00:00:00Z"),
                Instant.parse("2026-03-04T00:00:00Z"),
                Bucket.DAY));
    assertThat(ofA.promptToFirstFrameMs().count()).isEqualTo(1);
    assertThat(ofA.promptToFirstFrameMs().max()).hasValue(2_500.0);
  }

  // ---- helpers

  private static String statusWithParams(
      String stream, String orchestrator, long at, String hash, long lastOutput) {
    return status(stream, orchestrator, at, 18.0)
        .replace(
            "\"restart_count\":0",
            "\"restart_count\":0,\"last_params_hash\":\""
                + hash
                + "\",\"last_output_time\":"
                + lastOutput);
  }

  private static KpiAggregate merged(List<KpiQueries.Point> series) {
    KpiAggregate total = KpiAggregate.empty();
    series.forEach(point -> total.merge(point.kpis()));
    return total;
  }

  private static List<String> derivedState() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection =
            java.sql.DriverManager.getConnection(postgresUrl, "postgres", null);
        Statement statement = connection.createStatement()) {
      for (String sql :
          List.of(
              "select stream_id || ' ' || status || ' ' || state::text from stream_session order by stream_id",
              "select bucket || ' ' || bucket_start || ' ' || orchestrator || ' ' || workload || ' '"
                  + " || encode(stats, 'hex') from kpi_rollup order by 1",
              "select encode(address, 'hex') || ' ' || entry::text from orchestrator_directory order by 1")) {
        try (ResultSet result = statement.executeQuery(sql)) {
          while (result.next()) {
            rows.add(result.getString(1));
          }
        }
      }
    }
    return rows;
  }

  private static double[] capturedFps() {
    try {
      JsonNode records = JSON.readTree(Fixtures.liveStreamCapture());
      List<Double> fps = new ArrayList<>();
      for (JsonNode record : records) {
        JsonNode event = record.get("value");
        if ("ai_stream_status".equals(event.get("type").asText())) {
          fps.add(event.get("data").get("inference_status").get("fps").asDouble());
        }
      }
      return fps.stream().mapToDouble(Double::doubleValue).toArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The capture as NDJSON, as test traffic, under a new stream, request and payment session id and
   * new event ids.
   */
  private static byte[] renamedCapture(String streamId, Random random, boolean shuffle) {
    try {
      List<String> lines = new ArrayList<>();
      for (JsonNode record : JSON.readTree(Fixtures.liveStreamCapture())) {
        ObjectNode event = (ObjectNode) record.get("value").deepCopy();
        event.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
        // from the load generator's gateway: test traffic, apart from the real capture's figures
        event.put("gateway", "loadgen-eu-central:8935");
        String text =
            JSON.writeValueAsString(event)
                .replace(CAPTURED_STREAM, streamId)
                .replace("db936fab", streamId + "-request")
                .replace("01b55632", streamId + "-payments");
        lines.add(text);
      }
      if (shuffle) {
        Collections.shuffle(lines, random);
      }
      return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String trace(
      String stream, String type, String orchestrator, long at, String message) {
    return "{\"id\":\""
        + UUID.randomUUID()
        + "\",\"type\":\"stream_trace\",\"timestamp\":\""
        + at
        + "\",\"gateway\":\"\",\"data\":{\"type\":\""
        + type
        + "\",\"timestamp\":"
        + at
        + ",\"stream_id\":\""
        + stream
        + "\",\"request_id\":\""
        + stream
        + "-r\",\"pipeline_id\":\"\",\"orchestrator_info\":{\"address\":\""
        + orchestrator
        + "\",\"url\":\"\"}"
        + (message == null ? "" : ",\"message\":\"" + message + "\"")
        + "}}";
  }

  private static String status(String stream, String orchestrator, long at, double fps) {
    return "{\"id\":\""
        + UUID.randomUUID()
        + "\",\"type\":\"ai_stream_status\",\"timestamp\":\""
        + at
        + "\",\"gateway\":\"\",\"data\":{\"type\":\"status\",\"timestamp\":"
        + at
        + ",\"stream_id\":\""
        + stream
        + "\",\"request_id\":\""
        + stream
        + "-r\",\"pipeline_id\":\"\",\"pipeline\":\"streamdiffusion-sdxl\",\"state\":\"ONLINE\","
        + "\"start_time\":"
        + (at - 5_000)
        + ",\"orchestrator_info\":{\"address\":\""
        + orchestrator
        + "\",\"url\":\"\"},\"inference_status\":{\"fps\":"
        + fps
        + ",\"restart_count\":0},\"input_status\":{\"fps\":20.0}}}";
  }
}
