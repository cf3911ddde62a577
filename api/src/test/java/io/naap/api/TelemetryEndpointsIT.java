package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.naap.storage.auth.KeyScope;
import io.naap.testkit.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The telemetry endpoints through the production routing, over a real PostgreSQL, posting with a
 * gateway key (ApiKeyAuthenticationIT covers the requests without one).
 */
@RoutingTest
class TelemetryEndpointsIT {
  private static final ApiServer API = FeatureApi.server();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GATEWAY_KEY =
      FeatureApi.key(KeyScope.GATEWAY, "TelemetryEndpointsIT");

  private final DirectClient client;

  TelemetryEndpointsIT(DirectClient client) {
    this.client = client;
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    API.addFeatures(server);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    API.routing(routing);
  }

  @Test
  void acceptsTheRealCaptureOnceThenCountsItAsDuplicates() throws IOException {
    JsonNode first = post(Fixtures.liveStreamCapture(), "application/json", Status.OK_200);
    JsonNode second = post(gzip(Fixtures.liveStreamCapture()), "application/json", Status.OK_200);

    // The capture may already have been sent by another test of this JVM: what counts is that
    // every record is accounted for and that a second sending adds nothing.
    assertThat(first.get("received").asLong()).isEqualTo(65);
    assertThat(first.get("accepted").asLong() + first.get("duplicate").asLong()).isEqualTo(65);
    assertThat(first.get("quarantined").asLong()).isZero();
    assertThat(second.get("received").asLong()).isEqualTo(65);
    assertThat(second.get("accepted").asLong()).isZero();
    assertThat(second.get("duplicate").asLong()).isEqualTo(65);
  }

  @Test
  void accountsForEveryNdjsonRecordAndSaysWhyEachWasQuarantined() throws IOException {
    String good = event(UUID.randomUUID(), "\"1767908945298\"");
    String badTime = event(UUID.randomUUID(), "\"soon\"");
    String body = good + "\n" + "{\"id\": \"x\", truncated" + "\n" + badTime + "\n" + good + "\n";

    JsonNode report =
        post(body.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", Status.OK_200);

    assertThat(report.get("received").asLong()).isEqualTo(4);
    assertThat(report.get("accepted").asLong()).isEqualTo(1);
    assertThat(report.get("duplicate").asLong()).isEqualTo(1);
    assertThat(report.get("quarantined").asLong()).isEqualTo(2);
    assertThat(report.get("quarantine")).hasSize(2);
    assertThat(report.get("quarantine").get(0).get("index").asLong()).isEqualTo(1);
    assertThat(report.get("quarantine").get(0).get("reason").asText()).isEqualTo("malformed_json");
    assertThat(report.get("quarantine").get(1).get("index").asLong()).isEqualTo(2);
    assertThat(report.get("quarantine").get(1).get("detail").asText()).contains("timestamp");

    try (HttpClientResponse metrics =
        client.get("/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
      assertThat(metrics.as(String.class))
          .contains("naap_telemetry_records_total{outcome=\"accepted\"")
          .contains("naap_telemetry_quarantined_total{reason=\"malformed_json\"");
    }

    JsonNode page = get("/v1/telemetry/quarantine?reason=malformed_json&limit=1", Status.OK_200);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("reason").asText()).isEqualTo("malformed_json");
    assertThat(page.get("items").get(0).get("raw").asText()).contains("truncated");
  }

  @Test
  void pagesThroughTheQuarantineNewestFirst() throws IOException {
    String reasonless = "[1, 2, 3]"; // three records that are not objects
    post(reasonless.getBytes(StandardCharsets.UTF_8), "application/json", Status.OK_200);

    JsonNode first = get("/v1/telemetry/quarantine?source=http&limit=2", Status.OK_200);
    assertThat(first.get("items")).hasSize(2);
    String next = first.get("next").asText();
    JsonNode second =
        get("/v1/telemetry/quarantine?source=http&limit=2&after=" + next, Status.OK_200);
    assertThat(second.get("items").get(0).get("id").asLong())
        .isLessThan(first.get("items").get(1).get("id").asLong());
  }

  @Test
  void aBrokenArrayIsRefusedWholeWithTheJsonErrorShape() throws IOException {
    String broken = "[" + event(UUID.randomUUID(), "\"1767908945298\"") + ", {\"id\": ";
    JsonNode error =
        post(broken.getBytes(StandardCharsets.UTF_8), "application/json", Status.BAD_REQUEST_400);
    assertThat(error.at("/error/code").asText()).isEqualTo("bad_request");
    assertThat(error.at("/error/message").asText()).contains("nothing was stored");
  }

  @Test
  void refusesOtherMediaTypesAndBadQueries() throws IOException {
    JsonNode media =
        post(
            "<xml/>".getBytes(StandardCharsets.UTF_8),
            "application/xml",
            Status.UNSUPPORTED_MEDIA_TYPE_415);
    assertThat(media.at("/error/code").asText()).isEqualTo("unsupported_media_type");

    JsonNode limit = get("/v1/telemetry/quarantine?limit=0", Status.BAD_REQUEST_400);
    assertThat(limit.at("/error/message").asText()).contains("'limit'");
    JsonNode from = get("/v1/telemetry/quarantine?from=yesterday", Status.BAD_REQUEST_400);
    assertThat(from.at("/error/message").asText()).contains("ISO-8601");
    JsonNode after = get("/v1/telemetry/quarantine?after=nonsense", Status.BAD_REQUEST_400);
    assertThat(after.at("/error/details/parameter").asText()).isEqualTo("after");
  }

  private static String event(UUID id, String timestamp) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"stream_trace\",\"timestamp\":"
        + timestamp
        + ",\"gateway\":\"\",\"data\":{\"type\":\"gateway_receive_stream_request\","
        + "\"timestamp\":1767908945298,\"stream_id\":\"s-1\",\"request_id\":\"r-1\","
        + "\"pipeline_id\":\"\",\"orchestrator_info\":{\"address\":\"\",\"url\":\"\"}}}";
  }

  private JsonNode post(byte[] body, String contentType, Status expected) throws IOException {
    try (HttpClientResponse response =
        client
            .post("/v1/telemetry/events")
            .header(HeaderNames.AUTHORIZATION, "Bearer " + GATEWAY_KEY)
            .header(HeaderNames.CONTENT_TYPE, contentType)
            .submit(body)) {
      String text = response.as(String.class);
      assertThat(response.status()).as(text).isEqualTo(expected);
      return JSON.readTree(text);
    }
  }

  private JsonNode get(String pathAndQuery, Status expected) throws IOException {
    String[] parts = pathAndQuery.split("\\?", 2);
    var request = client.get(parts[0]);
    if (parts.length == 2) {
      for (String pair : parts[1].split("&")) {
        String[] nameValue = pair.split("=", 2);
        request.queryParam(nameValue[0], nameValue[1]);
      }
    }
    try (HttpClientResponse response = request.request()) {
      String text = response.as(String.class);
      assertThat(response.status()).as(text).isEqualTo(expected);
      return JSON.readTree(text);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(data);
    }
    return out.toByteArray();
  }
}
