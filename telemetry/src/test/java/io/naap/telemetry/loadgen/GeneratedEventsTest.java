package io.naap.telemetry.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.telemetry.decode.DecodeBatch;
import io.naap.telemetry.event.AiStreamEvent;
import io.naap.telemetry.event.AiStreamEventType;
import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.DiscoveredOrchestrator;
import io.naap.telemetry.event.DiscoveryResults;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.GpuMetrics;
import io.naap.telemetry.event.NetworkCapabilities;
import io.naap.telemetry.event.StatusShape;
import io.naap.telemetry.event.Wei;
import io.naap.testkit.Fixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated events against the production decoder and the real capture: half an hour of load
 * decodes without a single quarantined record, and every family the capture has comes with the
 * capture's field names and JSON types.
 */
class GeneratedEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEST_GATEWAY =
      Pattern.compile("loadgen-(eu-central|us-east|us-west|ap-southeast):8935");

  private static Simulation run;
  private static List<GatewayEvent> decoded;

  @BeforeAll
  static void runHalfAnHour() {
    run =
        Simulation.run(
            2026, LoadSettings.defaults(), Duration.ofMinutes(30), Duration.ofSeconds(1));
    decoded = run.decoded();
  }

  @Test
  void everyEventOfHalfAnHourDecodesWithoutQuarantine() {
    DecodeBatch batch = run.decode();
    assertThat(batch.counts().quarantined()).isZero();
    assertThat(batch.counts().duplicates()).isZero();
    assertThat(batch.counts().decoded()).isEqualTo(run.events.size()).isGreaterThan(30_000);
    Set<String> families = new TreeSet<>();
    decoded.forEach(event -> families.add(event.family()));
    assertThat(families)
        .containsExactlyInAnyOrder(
            "stream_trace",
            "ai_stream_status",
            "ai_stream_events",
            "stream_ingest_metrics",
            "create_new_payment",
            "discovery_results",
            "network_capabilities",
            "gpu_metrics");
    assertThat(decoded)
        .filteredOn(event -> event instanceof AiStreamStatus)
        .allSatisfy(
            status ->
                assertThat(((AiStreamStatus) status).shape()).isEqualTo(StatusShape.CAPTURED));
    assertThat(decoded)
        .filteredOn(event -> event.family().equals("gpu_metrics"))
        .allSatisfy(event -> assertThat(event).isInstanceOf(GpuMetrics.class))
        .allSatisfy(event -> assertThat(event.streamId()).isPresent());
    Set<String> subtypes = new TreeSet<>();
    decoded.forEach(event -> event.subtype().ifPresent(subtypes::add));
    assertThat(subtypes)
        .contains(
            "gateway_receive_stream_request",
            "gateway_send_first_ingest_segment",
            "runner_receive_first_ingest_segment",
            "runner_send_first_processed_segment",
            "gateway_receive_first_processed_segment",
            "gateway_receive_few_processed_segments",
            "orchestrator_swap",
            "gateway_no_orchestrators_available",
            "gateway_ingest_stream_closed",
            "params_update",
            "error");
  }

  @Test
  void everyEventComesFromALoadGeneratorGateway() {
    assertThat(decoded)
        .allSatisfy(event -> assertThat(event.gateway().orElseThrow()).matches(TEST_GATEWAY));
    assertThat(decoded.stream().map(event -> event.gateway().orElseThrow()).distinct()).hasSize(4);
    assertThat(Region.isTestGateway("loadgen-us-east:8935")).isTrue();
    assertThat(Region.isTestGateway("")).isFalse();
  }

  @Test
  void eachFamilyHasTheCapturedFieldNamesAndTypes() throws IOException {
    Map<String, Map<String, Set<String>>> captured = new TreeMap<>();
    for (JsonNode record : JSON.readTree(Fixtures.liveStreamCapture())) {
      JsonNode event = record.path("value");
      shape(event, "", captured.computeIfAbsent(event.path("type").asText(), k -> new TreeMap<>()));
    }
    Map<String, Map<String, Set<String>>> generated = new TreeMap<>();
    for (String text : run.events) {
      JsonNode event = JSON.readTree(text);
      shape(
          event, "", generated.computeIfAbsent(event.path("type").asText(), k -> new TreeMap<>()));
    }
    assertThat(captured.keySet()).hasSize(6);
    for (String family : captured.keySet()) {
      Map<String, Set<String>> expected = captured.get(family);
      Map<String, Set<String>> actual = generated.get(family);
      assertThat(actual).as(family).isNotNull();
      for (Map.Entry<String, Set<String>> field : expected.entrySet()) {
        assertThat(actual).as("%s has %s", family, field.getKey()).containsKey(field.getKey());
        assertThat(actual.get(field.getKey()))
            .as("%s %s has the captured type", family, field.getKey())
            .containsAll(field.getValue());
      }
    }
    assertThat(extra(generated, captured, "stream_trace")).containsExactly("data.message");
    assertThat(extra(generated, captured, "stream_ingest_metrics")).isEmpty();
    assertThat(extra(generated, captured, "create_new_payment")).isEmpty();
    assertThat(extra(generated, captured, "discovery_results")).isEmpty();
    assertThat(extra(generated, captured, "ai_stream_status"))
        .allSatisfy(path -> assertThat(path).startsWith("data.inference_status.last_params."));
  }

  private static Set<String> extra(
      Map<String, Map<String, Set<String>>> generated,
      Map<String, Map<String, Set<String>>> captured,
      String family) {
    Set<String> extra = new TreeSet<>(generated.get(family).keySet());
    extra.removeAll(captured.get(family).keySet());
    return extra;
  }

  /** Field paths to JSON types; array elements as [], map keys (ids, models) as placeholders. */
  private static void shape(JsonNode node, String path, Map<String, Set<String>> into) {
    if (node.isObject()) {
      boolean mapOfModels = path.endsWith(".models");
      node.fieldNames()
          .forEachRemaining(
              name -> {
                String key = mapOfModels ? "<model>" : name.matches("\\d+") ? "<n>" : name;
                shape(node.get(name), path.isEmpty() ? key : path + "." + key, into);
              });
    } else if (node.isArray()) {
      into.computeIfAbsent(path, k -> new TreeSet<>()).add("array");
      node.forEach(element -> shape(element, path + "[]", into));
    } else {
      String type =
          node.isTextual()
              ? "string"
              : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "null";
      into.computeIfAbsent(path, k -> new TreeSet<>()).add(type);
    }
  }

  @Test
  void streamEventsNameLocalAddressesThatTheCapabilitiesResolveToOnChainOnes() {
    NetworkCapabilities capabilities =
        decoded.stream()
            .filter(NetworkCapabilities.class::isInstance)
            .map(NetworkCapabilities.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(capabilities.orchestrators()).hasSize(run.fleet().orchestrators().size());
    Map<String, SyntheticOrchestrator> byUri = new HashMap<>();
    run.fleet().orchestrators().forEach(o -> byUri.put(o.uri(), o));
    int resolved = 0;
    for (GatewayEvent event : decoded) {
      if (event instanceof AiStreamStatus status) {
        SyntheticOrchestrator orchestrator =
            byUri.get(status.orchestratorInfo().url().orElseThrow());
        assertThat(status.orchestratorInfo().address()).hasValue(orchestrator.localAddress());
        assertThat(capabilities.onChainAddress(status.orchestratorInfo()))
            .hasValue(orchestrator.address());
        resolved++;
      }
      if (event instanceof CreateNewPayment payment) {
        SyntheticOrchestrator orchestrator = byUri.get(payment.orchestratorUrl().orElseThrow());
        assertThat(payment.recipient()).hasValue(orchestrator.address());
        assertThat(payment.json()).contains("\"recipient\":\"" + orchestrator.addressText() + "\"");
      }
    }
    assertThat(resolved).isGreaterThan(1_000);
    assertThat(run.fleet().orchestrators())
        .as("the real answer's local addresses shared by several orchestrators are kept")
        .filteredOn(
            o -> o.localAddress().value().equals("0x52cf2968b3dc6016778742d3539449a6597d5954"))
        .hasSize(2);
  }

  @Test
  void paymentsCarryTheProducersStringQuirks() throws IOException {
    Set<String> requestIds = new TreeSet<>();
    decoded.stream().flatMap(e -> e.requestId().stream()).forEach(requestIds::add);
    int opening = 0;
    for (GatewayEvent event : decoded) {
      if (!(event instanceof CreateNewPayment payment)) {
        continue;
      }
      JsonNode data = JSON.readTree(payment.json()).path("data");
      data.properties()
          .forEach(field -> assertThat(field.getValue().isTextual()).as(field.getKey()).isTrue());
      assertThat(data.path("faceValue").asText()).matches("\\d+ WEI");
      assertThat(data.path("price").asText()).matches("\\d+\\.\\d{3} wei/pixel");
      assertThat(data.path("winProb").asText()).matches("0\\.\\d{10}");
      assertThat(data.path("numTickets").asText()).matches("[12]");
      assertThat(data.path("sessionID").asText()).matches("[0-9a-f]{8}");
      BigInteger expected =
          new BigDecimal(payment.faceValue().map(Wei::value).orElseThrow())
              .multiply(payment.winProbability().orElseThrow())
              .toBigInteger();
      assertThat(expected.subtract(BigInteger.valueOf(2_400_000_000_000L)).abs())
          .as("expected value per ticket: 2.4e12 wei, as in the capture's pairs")
          .isLessThanOrEqualTo(BigInteger.valueOf(2_400_000L));
      if (data.path("manifestID").asText().startsWith("35_")) {
        opening++;
        assertThat(data.path("requestID").asText()).isIn(requestIds);
        assertThat(data.path("manifestID").asText())
            .isIn("35_streamdiffusion-sdxl", "35_streamdiffusion-sdxl-faceid", "35_liveportrait");
      } else {
        assertThat(data.path("requestID").asText()).isEmpty();
        assertThat(data.path("manifestID").asText()).matches("[0-9a-f]{8}");
      }
    }
    assertThat(opening).isGreaterThan(200);
  }

  @Test
  void discoveryLatencyIsLowFromTheOrchestratorsRegionAndHighElsewhere() {
    Map<String, SyntheticOrchestrator> byUri = new HashMap<>();
    run.fleet().orchestrators().forEach(o -> byUri.put(o.uri(), o));
    int measured = 0;
    for (GatewayEvent event : decoded) {
      if (!(event instanceof DiscoveryResults discovery)) {
        continue;
      }
      Region gateway =
          Region.fromCode(
                  event.gateway().orElseThrow().replace("loadgen-", "").replace(":8935", ""))
              .orElseThrow();
      long previous = 0;
      for (DiscoveredOrchestrator found : discovery.orchestrators()) {
        SyntheticOrchestrator orchestrator = byUri.get(found.url().orElseThrow());
        assertThat(found.address()).hasValue(orchestrator.localAddress());
        long latency = found.latency().orElseThrow().toMillis();
        assertThat(latency)
            .as("preference order is nearest first")
            .isGreaterThanOrEqualTo(previous);
        previous = latency;
        if (orchestrator.region() == gateway) {
          assertThat(latency).isLessThan(40);
        } else {
          assertThat(latency).isGreaterThanOrEqualTo(65);
        }
        measured++;
      }
    }
    assertThat(measured).isGreaterThan(10_000);
  }

  @Test
  void gpuMetricsStayWithinTheGpusLimits() throws IOException {
    int count = 0;
    for (GatewayEvent event : decoded) {
      if (!event.family().equals("gpu_metrics")) {
        continue;
      }
      JsonNode data = JSON.readTree(event.json()).path("data");
      assertThat(data.path("achieved_tflops").asDouble())
          .isPositive()
          .isLessThanOrEqualTo(data.path("peak_tflops").asDouble());
      assertThat(data.path("utilization_pct").asDouble()).isBetween(0.0, 100.0);
      assertThat(data.path("gpu_info").path("memory_used").asLong())
          .isPositive()
          .isLessThanOrEqualTo(data.path("gpu_info").path("memory_total").asLong());
      assertThat(data.path("window_ms").asLong()).isEqualTo(10_000);
      assertThat(data.path("gpu_info").path("id").asText()).startsWith("GPU-");
      assertThat(data.path("orchestrator_info").path("address").asText()).matches("0x[0-9a-f]{40}");
      assertThat(data.path("timestamp").asLong())
          .isEqualTo(event.occurredAt().toEpochMilli())
          .isEqualTo(Long.parseLong(JSON.readTree(event.json()).path("timestamp").asText()));
      count++;
    }
    assertThat(count).isGreaterThan(5_000);
  }

  @Test
  void promptsReachTheEventsAsParamsUpdatesAndNewParamsHashes() {
    Map<String, Set<String>> hashesByStream = new HashMap<>();
    int badRejected = 0;
    int updates = 0;
    for (GatewayEvent event : decoded) {
      if (event instanceof AiStreamStatus status) {
        hashesByStream
            .computeIfAbsent(status.streamId().orElseThrow(), k -> new TreeSet<>())
            .add(status.inference().lastParamsHash().orElseThrow());
      }
      if (event instanceof AiStreamEvent streamEvent) {
        if (streamEvent.type() == AiStreamEventType.PARAMS_UPDATE) {
          updates++;
          assertThat(streamEvent.params())
              .hasValueSatisfying(p -> assertThat(p).contains("\"prompt\""));
        } else if (streamEvent.message().orElse("").startsWith("invalid params")
            || streamEvent.message().orElse("").startsWith("params_update rejected")) {
          badRejected++;
        }
      }
    }
    assertThat(updates).isGreaterThan(500);
    assertThat(badRejected).as("bad prompts of the random dataset are rejected").isPositive();
    assertThat(hashesByStream.values().stream().filter(hashes -> hashes.size() > 1).count())
        .as("streams whose params changed while they ran")
        .isGreaterThan(50);
    Optional<String> anyHash = hashesByStream.values().stream().flatMap(Set::stream).findFirst();
    assertThat(anyHash).hasValueSatisfying(hash -> assertThat(hash).matches("[0-9a-f]{32}"));
  }
}
