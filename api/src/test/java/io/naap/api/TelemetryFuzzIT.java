package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.storage.auth.KeyScope;
import io.naap.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 100,000 mutated gateway events over a real socket into the whole pipeline (decoding, storage,
 * sessions and KPIs): every body is answered, every record accounted for, every quarantined one has
 * a reason, and the server keeps answering its reads in between.
 */
class TelemetryFuzzIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BODIES = 25;
  private static final int EVENTS_PER_BODY = 4_000;

  private static ApiServer server;
  private static String base;
  private static String gatewayKey;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = FeatureApi.server();
    base = "http://127.0.0.1:" + server.start();
    gatewayKey = FeatureApi.key(KeyScope.GATEWAY, "TelemetryFuzzIT");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void mutatedEventsNeverBreakTheAccountingOrTheServer() throws Exception {
    List<ObjectNode> templates = templates();
    SplittableRandom random = new SplittableRandom(20260108);
    long received = 0;
    long quarantined = 0;
    for (int body = 0; body < BODIES; body++) {
      ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
      List<String> sentIds = new ArrayList<>();
      for (int n = 0; n < EVENTS_PER_BODY; n++) {
        String record = mutate(templates.get(random.nextInt(templates.size())), random, sentIds);
        ndjson.writeBytes(record.getBytes(StandardCharsets.UTF_8));
        ndjson.write('\n');
      }
      HttpResponse<String> answer = post(ndjson.toByteArray());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode report = JSON.readTree(answer.body());
      long records = report.get("received").asLong();
      assertThat(records).isEqualTo(EVENTS_PER_BODY);
      assertThat(
              report.get("accepted").asLong()
                  + report.get("duplicate").asLong()
                  + report.get("quarantined").asLong())
          .isEqualTo(records);
      assertThat(report.get("quarantine")).hasSize(report.get("quarantined").asInt());
      for (JsonNode notice : report.get("quarantine")) {
        assertThat(notice.get("reason").asText()).matches("[a-z][a-z0-9_.-]*");
        assertThat(notice.get("detail").asText()).isNotBlank();
      }
      received += records;
      quarantined += report.get("quarantined").asLong();

      // the server keeps answering its reads between bodies
      for (String read :
          List.of(
              "/health",
              "/v1/kpis?bucket=day&from=2015-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
              "/v1/demand?groupBy=orchestrator,workload,region,gpu&from=2015-01-01T00:00:00Z"
                  + "&to=2030-01-01T00:00:00Z",
              "/v1/supply")) {
        HttpResponse<String> response = get(read);
        assertThat(response.statusCode()).as(read + ": " + response.body()).isEqualTo(200);
      }
    }
    assertThat(received).isEqualTo((long) BODIES * EVENTS_PER_BODY);
    assertThat(quarantined).isPositive().isLessThan(received);
  }

  /** A server that stops answering fails the test instead of hanging the build. */
  private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(60);

  private HttpResponse<String> post(byte[] body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/telemetry/events"))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + gatewayKey)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The capture's events, plus a gpu_metrics and an unknown-family event. */
  private static List<ObjectNode> templates() throws IOException {
    List<ObjectNode> templates = new ArrayList<>();
    for (JsonNode record : JSON.readTree(Fixtures.liveStreamCapture())) {
      templates.add((ObjectNode) record.get("value").deepCopy());
    }
    templates.add(
        (ObjectNode)
            JSON.readTree(
                "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"type\":\"gpu_metrics\","
                    + "\"timestamp\":\"1767908955000\",\"gateway\":\"\",\"data\":{\"timestamp\":"
                    + "1767908955000,\"stream_id\":\"stream-o5s73x-mk5zc8fy\",\"pipeline\":"
                    + "\"streamdiffusion-sdxl-faceid\",\"orchestrator_info\":{\"address\":"
                    + "\"0x52cf2968b3dc6016778742d3539449a6597d5954\",\"url\":\"\"},"
                    + "\"achieved_tflops\":\"40.5\",\"peak_tflops\":82.6}}"));
    templates.add(
        (ObjectNode)
            JSON.readTree(
                "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"type\":\"job_gateway\","
                    + "\"timestamp\":\"1767908955000\",\"gateway\":\"gw:1\",\"data\":{\"x\":1}}"));
    return templates;
  }

  /**
   * One record from a template: usually a fresh id in a fresh stream (so sessions and rollups get
   * work), often with one mutation: a truncation, a wrong type, NaN, a negative or huge number, an
   * unknown family, a missing or repeated id, or a multi-megabyte string.
   */
  private static String mutate(ObjectNode template, SplittableRandom random, List<String> sent) {
    ObjectNode event = template.deepCopy();
    String id = new UUID(random.nextLong(), random.nextLong()).toString();
    event.put("id", id);
    String text;
    int mutation = random.nextInt(14);
    JsonNode data = event.get("data");
    switch (mutation) {
      case 0 -> event.remove("id");
      case 1 ->
          event.put("id", sent.isEmpty() ? "not-a-uuid" : sent.get(random.nextInt(sent.size())));
      case 2 -> event.put("type", "family_" + random.nextInt(1_000));
      case 3 -> event.put("timestamp", random.nextBoolean() ? "NaN" : "-1");
      case 4 -> {
        if (data instanceof ObjectNode object) {
          object.put("timestamp", random.nextBoolean() ? 1e300 : -5);
        }
      }
      case 5 -> {
        if (data instanceof ObjectNode object && object.has("inference_status")) {
          ((ObjectNode) object.get("inference_status"))
              .put("fps", random.nextBoolean() ? "NaN" : "-3.5");
        } else if (data instanceof ObjectNode object) {
          object.put("stream_id", 12345);
        }
      }
      case 6 -> {
        if (data instanceof ObjectNode object && object.has("faceValue")) {
          object.put("faceValue", "1" + "0".repeat(90) + " WEI");
        } else if (data instanceof ObjectNode object) {
          object.putArray("orchestrator_info");
        }
      }
      case 7 -> event.set("data", JSON.getNodeFactory().textNode("data"));
      case 8 -> {
        if (data instanceof ObjectNode object) {
          object.put("stream_id", random.nextInt(200) == 0 ? "s".repeat(2 << 20) : "s".repeat(300));
        }
      }
      default -> {
        if (data instanceof ObjectNode object && object.has("stream_id")) {
          object.put("stream_id", "fuzz-" + random.nextInt(2_000));
        }
      }
    }
    sent.add(id);
    text = event.toString();
    if (mutation == 9) {
      text = text.substring(0, 1 + random.nextInt(text.length() - 1));
    }
    return text;
  }
}
