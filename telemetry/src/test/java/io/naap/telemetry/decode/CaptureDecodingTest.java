package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.INPUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.CapabilityPrice;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.DiscoveredOrchestrator;
import io.naap.telemetry.event.DiscoveryResults;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.GatewayEvent;
import io.naap.telemetry.event.GpuInfo;
import io.naap.telemetry.event.NetworkCapabilities;
import io.naap.telemetry.event.OrchestratorCapabilities;
import io.naap.telemetry.event.OrchestratorInfo;
import io.naap.telemetry.event.StatusShape;
import io.naap.telemetry.event.StreamIngestMetrics;
import io.naap.telemetry.event.StreamTrace;
import io.naap.telemetry.event.StreamTraceType;
import io.naap.telemetry.event.Wei;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real capture of one live stream (2026-01-08) and the real network capabilities answer. */
class CaptureDecodingTest {

  private static final EthAddress LOCAL =
      EthAddress.parse("0x52cf2968b3dc6016778742d3539449a6597d5954");
  private static final EthAddress ON_CHAIN =
      EthAddress.parse("0xd00354656922168815Fcd1e51CBddB9e359e3C7F");
  private static final String STREAM = "stream-o5s73x-mk5zc8fy";

  private static DecodeBatch capture;
  private static Map<String, GatewayEvent> byId;

  @BeforeAll
  static void decodeCapture() {
    capture = INPUT.read(io.naap.testkit.Fixtures.liveStreamCapture());
    byId =
        capture.events().stream()
            .collect(Collectors.toMap(event -> event.id().toString(), Function.identity()));
  }

  @Test
  void decodesEveryRecordOfTheRealCapture() {
    assertThat(capture.counts()).isEqualTo(new DecodeCounts(65, 65, 0, 0, Map.of()));
    Map<String, Long> families =
        capture.events().stream()
            .collect(Collectors.groupingBy(GatewayEvent::family, Collectors.counting()));
    assertThat(families)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "stream_ingest_metrics", 34L,
                "ai_stream_status", 17L,
                "stream_trace", 6L,
                "create_new_payment", 6L,
                "discovery_results", 1L,
                "network_capabilities", 1L));
  }

  @Test
  void decodesTheStreamLifecycleTraces() {
    StreamTrace request = event("59485235-8460-472f-a894-3b84f37ee9bb", StreamTrace.class);
    assertThat(request.type()).isEqualTo(StreamTraceType.GATEWAY_RECEIVE_STREAM_REQUEST);
    assertThat(request.subtype()).hasValue("gateway_receive_stream_request");
    assertThat(request.streamId()).hasValue(STREAM);
    assertThat(request.requestId()).hasValue("db936fab");
    assertThat(request.pipelineId()).isEmpty();
    assertThat(request.orchestrator()).as("no orchestrator selected yet").isEmpty();
    assertThat(request.orchestratorInfo().url()).isEmpty();
    assertThat(request.gateway()).as("the capture's gateway is empty").isEmpty();
    assertThat(request.occurredAt()).isEqualTo(Instant.ofEpochMilli(1767908945298L));

    StreamTrace runner = event("dd5bbc80-5b77-40e2-b006-82dcbcff37f1", StreamTrace.class);
    assertThat(runner.type()).isEqualTo(StreamTraceType.RUNNER_RECEIVE_FIRST_INGEST_SEGMENT);
    assertThat(runner.orchestrator()).hasValue(LOCAL);
    assertThat(runner.orchestratorInfo().url()).hasValue("https://rtav-orch2.xodeapp.xyz:28935");
    assertThat(runner.header().envelopeTime()).isEqualTo(Instant.ofEpochMilli(1767908947583L));
    assertThat(runner.occurredAt())
        .as("data.timestamp wins over the envelope timestamp")
        .isEqualTo(Instant.ofEpochMilli(1767908947585L));

    List<StreamTraceType> types =
        capture.events().stream()
            .filter(StreamTrace.class::isInstance)
            .map(event -> ((StreamTrace) event).type())
            .toList();
    assertThat(types)
        .containsExactly(
            StreamTraceType.GATEWAY_RECEIVE_STREAM_REQUEST,
            StreamTraceType.GATEWAY_SEND_FIRST_INGEST_SEGMENT,
            StreamTraceType.RUNNER_RECEIVE_FIRST_INGEST_SEGMENT,
            StreamTraceType.RUNNER_SEND_FIRST_PROCESSED_SEGMENT,
            StreamTraceType.GATEWAY_RECEIVE_FIRST_PROCESSED_SEGMENT,
            StreamTraceType.GATEWAY_RECEIVE_FEW_PROCESSED_SEGMENTS);
  }

  @Test
  void decodesTheCapturedStatusShape() {
    AiStreamStatus status = event("f0f0e510-9cda-4879-8546-6adbc080fb6e", AiStreamStatus.class);
    assertThat(status.shape()).isEqualTo(StatusShape.CAPTURED);
    assertThat(status.subtype()).hasValue("status");
    assertThat(status.inference().outputFps()).hasValue(17.298215447072742);
    assertThat(status.inference().inputFps()).hasValue(20.484865861692217);
    assertThat(status.inference().startTime())
        .as("data.start_time is in milliseconds")
        .hasValue(Instant.ofEpochMilli(1767908945607L));
    assertThat(status.inference().lastOutputTime()).hasValue(Instant.ofEpochMilli(1767908955534L));
    assertThat(status.inference().lastInputTime()).hasValue(Instant.ofEpochMilli(1767908955516L));
    assertThat(status.inference().restartCount()).hasValue(0);
    assertThat(status.inference().lastRestartTime()).isEmpty();
    assertThat(status.inference().lastError()).isEmpty();
    assertThat(status.inference().lastParamsHash()).hasValue("f2f41bce75e30de92f8c308a6722859b");
    assertThat(status.state()).hasValue("ONLINE");
    assertThat(status.pipeline()).hasValue("streamdiffusion-sdxl-faceid");
    assertThat(status.streamId()).hasValue(STREAM);
    assertThat(status.orchestrator()).hasValue(LOCAL);
    assertThat(status.header().envelopeTime()).isEqualTo(Instant.ofEpochMilli(1767908955607L));
    assertThat(status.occurredAt()).isEqualTo(Instant.ofEpochMilli(1767908955609L));
    assertThat(
            capture.events().stream()
                .filter(AiStreamStatus.class::isInstance)
                .map(event -> ((AiStreamStatus) event).shape()))
        .hasSize(17)
        .containsOnly(StatusShape.CAPTURED);
  }

  @Test
  void decodesThePaymentWithItsUnitsAndStringNumbers() {
    CreateNewPayment payment =
        event("9c838785-dc30-4725-9769-34cc47792393", CreateNewPayment.class);
    assertThat(payment.faceValue()).hasValue(new Wei(new BigInteger("2402400000000000")));
    assertThat(payment.winProbability()).hasValue(new BigDecimal("0.0009990010"));
    assertThat(payment.pricePerPixel()).hasValue(new BigDecimal("1635.021"));
    assertThat(payment.numTickets()).hasValue(2);
    assertThat(payment.recipient()).hasValue(ON_CHAIN);
    assertThat(payment.orchestrator()).hasValue(ON_CHAIN);
    assertThat(payment.sender())
        .hasValue(EthAddress.parse("0x5ae4e42db3671370a0c25aff451e7482aaec3d0b"));
    assertThat(payment.manifestId()).hasValue("35_streamdiffusion-sdxl-faceid");
    assertThat(payment.requestId()).hasValue("db936fab");
    assertThat(payment.sessionId()).hasValue("01b55632");
    assertThat(payment.orchestratorUrl()).hasValue("https://rtav-orch2.xodeapp.xyz:28935");
    assertThat(payment.capability()).as("empty string means unknown").isEmpty();
    assertThat(payment.streamId()).isEmpty();
    assertThat(payment.expectedValueWei().orElseThrow()).isEqualByComparingTo("4800000004800");
    assertThat(payment.occurredAt()).isEqualTo(Instant.ofEpochMilli(1767908945560L));
  }

  @Test
  void decodesTheDiscoveryLatencyGivenAsAString() {
    DiscoveryResults discovery =
        event("86efc363-271e-4e51-93b2-80c0034f22b4", DiscoveryResults.class);
    assertThat(discovery.orchestrators())
        .containsExactly(
            new DiscoveredOrchestrator(
                Optional.of(LOCAL),
                Optional.of("https://rtav-orch2.xodeapp.xyz:28935"),
                Optional.of(Duration.ofMillis(77))));
    assertThat(discovery.occurredAt())
        .as("no data.timestamp: the envelope's time")
        .isEqualTo(Instant.ofEpochMilli(1767908945559L));
  }

  @Test
  void decodesTheIngestMetrics() {
    StreamIngestMetrics metrics =
        event("5dd0cf64-52fd-4067-86d7-a0d19508952b", StreamIngestMetrics.class);
    assertThat(metrics.bytesReceived()).hasValue(477890);
    assertThat(metrics.bytesSent()).hasValue(4013);
    assertThat(metrics.connectionQuality()).hasValue("good");
    assertThat(metrics.tracks()).hasSize(2);
    assertThat(metrics.tracks().get(0).type()).hasValue("video");
    assertThat(metrics.tracks().get(0).jitter()).hasValue(10.126770701625134);
    assertThat(metrics.tracks().get(0).packetsReceived()).hasValue(413);
    assertThat(metrics.tracks().get(0).packetsLost()).hasValue(0);
    assertThat(metrics.tracks().get(1).type()).hasValue("audio");
    assertThat(metrics.tracks().get(1).jitter()).hasValue(20.29064497237114);
    assertThat(metrics.streamId()).hasValue(STREAM);
    assertThat(metrics.orchestrator()).isEmpty();
  }

  @Test
  void decodesTheNetworkCapabilitiesWithGpusAndPrices() {
    NetworkCapabilities capabilities =
        event("e89def1c-7a3c-40aa-a51a-ad490a305112", NetworkCapabilities.class);
    assertThat(capabilities.orchestrators()).hasSize(1);
    OrchestratorCapabilities orchestrator = capabilities.orchestrators().get(0);
    assertThat(orchestrator.address()).hasValue(ON_CHAIN);
    assertThat(orchestrator.localAddress()).hasValue(LOCAL);
    assertThat(orchestrator.uri()).hasValue("https://rtav-orch2.xodeapp.xyz:28935");
    assertThat(orchestrator.version()).hasValue("0.8.8-3a5678ec-dirty");
    assertThat(orchestrator.capacities()).hasSize(16).containsEntry(35, 1);
    assertThat(orchestrator.models()).hasSize(1);
    assertThat(orchestrator.models().get(0).modelId()).isEqualTo("streamdiffusion-sdxl-faceid");
    assertThat(orchestrator.models().get(0).capability()).isEqualTo(35);
    assertThat(orchestrator.models().get(0).warm()).hasValue(true);
    assertThat(orchestrator.models().get(0).capacityInUse()).hasValue(1);
    assertThat(orchestrator.models().get(0).runnerVersion()).hasValue("0.14.0");
    CapabilityPrice price = orchestrator.prices().get(0);
    assertThat(price.capability()).hasValue(35);
    assertThat(price.constraint()).hasValue("streamdiffusion-sdxl-faceid");
    assertThat(price.pricePerUnit()).hasValue(Wei.of(1618));
    assertThat(price.pixelsPerUnit()).hasValue(1);
    assertThat(price.weiPerPixel().orElseThrow()).isEqualByComparingTo("1618");
    GpuInfo gpu = orchestrator.hardware().get(0).gpus().get(0);
    assertThat(orchestrator.hardware().get(0).pipeline()).hasValue("live-video-to-video");
    assertThat(gpu.index()).isZero();
    assertThat(gpu.name()).hasValue("NVIDIA GeForce RTX 5090");
    assertThat(gpu.id()).hasValue("GPU-a8d13655-197b-2226-d09f-b4b81e07504b");
    assertThat(gpu.memoryTotal()).hasValue(34190917632L);
    assertThat(gpu.memoryFree()).hasValue(33595981824L);
    assertThat(gpu.major()).hasValue(12);
    assertThat(gpu.minor()).as("absent in the capture").isEmpty();
  }

  @Test
  void mapsTheLocalAddressOfStreamEventsToThePaymentRecipient() {
    NetworkCapabilities capabilities =
        event("e89def1c-7a3c-40aa-a51a-ad490a305112", NetworkCapabilities.class);
    AiStreamStatus status = event("f0f0e510-9cda-4879-8546-6adbc080fb6e", AiStreamStatus.class);
    CreateNewPayment payment =
        event("9c838785-dc30-4725-9769-34cc47792393", CreateNewPayment.class);

    assertThat(capabilities.onChainByLocalAddress())
        .containsExactly(Map.entry(LOCAL, Set.of(ON_CHAIN)));
    assertThat(status.orchestrator()).hasValue(LOCAL);
    assertThat(capabilities.onChainAddress(status.orchestratorInfo()))
        .isEqualTo(payment.recipient())
        .hasValue(ON_CHAIN);
  }

  @Test
  void keepsEachEventsJsonAsReceivedWithoutTheKafkaRecord() {
    ArrayNode records = TestEvents.captureRecords();
    for (JsonNode record : records) {
      JsonNode value = record.get("value");
      GatewayEvent event = byId.get(value.get("id").asText());
      assertThat(TestEvents.tree(TestEvents.utf8(event.json()))).isEqualTo(value);
      assertThat(event.json()).doesNotContain("\n").doesNotContain("\"topic\"");
    }
  }

  @Test
  void decodesTheNetworkCapabilitiesAnswerWrappedAsAnEvent() {
    JsonNode answer = TestEvents.tree(io.naap.testkit.Fixtures.networkCapabilities());
    ObjectNode event = TestEvents.envelope(1, "network_capabilities", answer.get("orchestrators"));

    NetworkCapabilities capabilities = TestEvents.decoded(event, NetworkCapabilities.class);

    assertThat(capabilities.orchestrators()).hasSize(53);
    assertThat(capabilities.onChainByLocalAddress()).hasSize(47);
    assertThat(
            capabilities.onChainByLocalAddress().values().stream()
                .filter(onChain -> onChain.size() > 1))
        .as("local addresses shared by several on-chain orchestrators")
        .hasSize(5);
    assertThat(capabilities.onChainByLocalAddress().get(LOCAL))
        .containsExactlyInAnyOrder(
            ON_CHAIN, EthAddress.parse("0x5263e0ce3a97b634d8828ce4337ad0f70b30b077"));
    assertThat(
            capabilities.onChainAddress(
                new OrchestratorInfo(
                    Optional.of(LOCAL), Optional.of("https://livepeer-ai.xodeapp.xyz:18935"))))
        .as("the service URL tells the two apart")
        .hasValue(ON_CHAIN);
    assertThat(
            capabilities.onChainAddress(new OrchestratorInfo(Optional.of(LOCAL), Optional.empty())))
        .as("ambiguous without a URL")
        .isEmpty();
    assertThat(capabilities.orchestrators().stream().filter(o -> !o.hardware().isEmpty()))
        .hasSize(15);
    assertThat(capabilities.orchestrators().stream().mapToInt(o -> o.prices().size()).sum())
        .isEqualTo(44);
    assertThat(
            capabilities.orchestrators().stream()
                .flatMap(o -> o.hardware().stream())
                .mapToInt(hardware -> hardware.gpus().size())
                .sum())
        .isEqualTo(19);

    OrchestratorCapabilities elite = capabilities.orchestrators().get(18);
    assertThat(elite.address())
        .hasValue(EthAddress.parse("0x104a7ca059a35fd4def5ecb16600b2caa1fe1361"));
    assertThat(elite.localAddress())
        .hasValue(EthAddress.parse("0x0074780fefF1FD0277FAD6ccdb5a29908df6051F"));
    assertThat(elite.hardware()).hasSize(2);
    GpuInfo gpu = elite.hardware().get(1).gpus().get(0);
    assertThat(gpu.name()).hasValue("NVIDIA GeForce RTX 4090");
    assertThat(gpu.major()).hasValue(8);
    assertThat(gpu.minor()).hasValue(9);
    assertThat(gpu.memoryTotal()).hasValue(25757220864L);
    assertThat(gpu.memoryFree()).hasValue(25258885120L);
    assertThat(elite.prices().get(0).pricePerUnit()).hasValue(Wei.of(1588));

    OrchestratorCapabilities unpriced = capabilities.orchestrators().get(1);
    assertThat(unpriced.prices()).as("capabilities_prices: null").isEmpty();
    assertThat(unpriced.hardware()).as("hardware: null").isEmpty();
    assertThat(unpriced.version()).hasValue("0.7.8-1.2.4-2e3fae7a");

    OrchestratorCapabilities manyPrices = capabilities.orchestrators().get(26);
    assertThat(manyPrices.prices()).hasSize(20);
    assertThat(manyPrices.prices().get(0).constraint()).hasValue("runwayml/stable-diffusion-v1-5");
    assertThat(manyPrices.prices().get(0).pricePerUnit()).hasValue(Wei.of(603032));
  }

  private static <T extends GatewayEvent> T event(String id, Class<T> type) {
    assertThat(byId).containsKey(id);
    return type.cast(byId.get(id));
  }
}
