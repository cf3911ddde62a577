package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.decoded;
import static io.naap.telemetry.decode.TestEvents.envelope;
import static io.naap.telemetry.decode.TestEvents.object;
import static io.naap.telemetry.decode.TestEvents.quarantined;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.EventFamily;
import io.naap.telemetry.event.GpuMetrics;
import io.naap.telemetry.event.OrchestratorInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** naap's extension family {@code gpu_metrics}: exact values, quirks, and every rule it breaks. */
class GpuMetricsDecodingTest {

  private static final String ADDRESS = "0x52cf2968b3dc6016778742d3539449a6597d5954";

  private static final String VALID =
      """
      {"timestamp": 1767908955000, "stream_id": "stream-1", "request_id": "req-1",
       "pipeline": "streamdiffusion-sdxl",
       "orchestrator_info": {"address": "0x52CF2968b3dc6016778742d3539449a6597d5954",
                             "url": "https://orch.example:8935"},
       "gpu_info": {"id": "GPU-a8d1b2c3", "name": "NVIDIA GeForce RTX 4090",
                    "memory_total": 25393692672, "memory_used": 8123456789},
       "window_ms": 10000, "achieved_tflops": 41.2, "peak_tflops": 82.6,
       "utilization_pct": 87.5}
      """;

  private static final String VALID_AS_STRINGS =
      """
      {"timestamp": "1767908955000", "stream_id": "stream-1", "request_id": "req-1",
       "pipeline": "streamdiffusion-sdxl",
       "orchestrator_info": {"address": "0x52CF2968b3dc6016778742d3539449a6597d5954",
                             "url": "https://orch.example:8935"},
       "gpu_info": {"id": "GPU-a8d1b2c3", "name": "NVIDIA GeForce RTX 4090",
                    "memory_total": "25393692672", "memory_used": "8123456789"},
       "window_ms": "10000", "achieved_tflops": "41.2", "peak_tflops": "82.6",
       "utilization_pct": "87.5"}
      """;

  @Test
  void decodesEveryFieldExactly() {
    GpuMetrics metrics = decoded(envelope(1, "gpu_metrics", object(VALID)), GpuMetrics.class);

    assertThat(metrics.family()).isEqualTo("gpu_metrics");
    assertThat(EventFamily.fromWireName(metrics.family())).hasValue(EventFamily.GPU_METRICS);
    assertThat(metrics.subtype()).isEmpty();
    assertThat(metrics.occurredAt()).isEqualTo(Instant.ofEpochMilli(1767908955000L));
    assertThat(metrics.header().envelopeTime()).isEqualTo(Instant.ofEpochMilli(1767908945298L));
    assertThat(metrics.streamId()).hasValue("stream-1");
    assertThat(metrics.requestId()).hasValue("req-1");
    assertThat(metrics.pipeline()).hasValue("streamdiffusion-sdxl");
    assertThat(metrics.orchestratorInfo())
        .isEqualTo(
            new OrchestratorInfo(
                Optional.of(new EthAddress(ADDRESS)), Optional.of("https://orch.example:8935")));
    assertThat(metrics.orchestrator()).hasValue(new EthAddress(ADDRESS));
    assertThat(metrics.gpuId()).hasValue("GPU-a8d1b2c3");
    assertThat(metrics.gpuName()).hasValue("NVIDIA GeForce RTX 4090");
    assertThat(metrics.memoryTotalBytes()).hasValue(25393692672L);
    assertThat(metrics.memoryUsedBytes()).hasValue(8123456789L);
    assertThat(metrics.window()).hasValue(Duration.ofSeconds(10));
    assertThat(metrics.achievedTflops()).isEqualTo(41.2);
    assertThat(metrics.peakTflops()).isEqualTo(82.6);
    assertThat(metrics.utilizationPct()).hasValue(87.5);
    assertThat(metrics.efficiency()).isEqualTo(41.2 / 82.6);
  }

  @Test
  void decodesNumbersGivenAsStringsToTheSameValues() {
    GpuMetrics numbers = decoded(envelope(1, "gpu_metrics", object(VALID)), GpuMetrics.class);
    GpuMetrics strings =
        decoded(envelope(1, "gpu_metrics", object(VALID_AS_STRINGS)), GpuMetrics.class);

    assertThat(strings.header().payload()).isNotEqualTo(numbers.header().payload());
    assertThat(
            new GpuMetrics(
                numbers.header(),
                strings.streamId(),
                strings.requestId(),
                strings.pipeline(),
                strings.orchestratorInfo(),
                strings.gpuId(),
                strings.gpuName(),
                strings.memoryTotalBytes(),
                strings.memoryUsedBytes(),
                strings.window(),
                strings.achievedTflops(),
                strings.peakTflops(),
                strings.utilizationPct()))
        .as("every field but the text as received")
        .isEqualTo(numbers);
    assertThat(strings.occurredAt()).isEqualTo(numbers.occurredAt());
  }

  @Test
  void needsOnlyTheOrchestratorAndTheTwoThroughputs() {
    GpuMetrics minimal =
        decoded(
            envelope(
                1,
                "gpu_metrics",
                object(
                    """
                    {"orchestrator_info": {"address": "%s"},
                     "achieved_tflops": 0, "peak_tflops": "165.2"}
                    """
                        .formatted(ADDRESS))),
            GpuMetrics.class);

    assertThat(minimal.streamId()).isEmpty();
    assertThat(minimal.requestId()).isEmpty();
    assertThat(minimal.pipeline()).isEmpty();
    assertThat(minimal.orchestratorInfo().url()).isEmpty();
    assertThat(minimal.gpuId()).isEmpty();
    assertThat(minimal.gpuName()).isEmpty();
    assertThat(minimal.memoryTotalBytes()).isEmpty();
    assertThat(minimal.memoryUsedBytes()).isEmpty();
    assertThat(minimal.window()).isEmpty();
    assertThat(minimal.utilizationPct()).isEmpty();
    assertThat(minimal.occurredAt())
        .as("no data.timestamp: the envelope's")
        .isEqualTo(Instant.ofEpochMilli(1767908945298L));
    assertThat(minimal.efficiency()).isZero();
  }

  @Test
  void treatsEmptyStringsAsUnknownForTheOptionalFields() {
    GpuMetrics metrics =
        decoded(
            envelope(
                1,
                "gpu_metrics",
                object(
                    """
                    {"stream_id": "", "request_id": "", "pipeline": "",
                     "orchestrator_info": {"address": "%s", "url": ""},
                     "gpu_info": {"id": "", "name": "", "memory_total": "", "memory_used": null},
                     "window_ms": "", "achieved_tflops": 1, "peak_tflops": 2,
                     "utilization_pct": ""}
                    """
                        .formatted(ADDRESS))),
            GpuMetrics.class);

    assertThat(metrics.streamId()).isEmpty();
    assertThat(metrics.pipeline()).isEmpty();
    assertThat(metrics.gpuId()).isEmpty();
    assertThat(metrics.memoryTotalBytes()).isEmpty();
    assertThat(metrics.memoryUsedBytes()).isEmpty();
    assertThat(metrics.window()).isEmpty();
    assertThat(metrics.utilizationPct()).isEmpty();
    assertThat(metrics.efficiency()).isEqualTo(0.5);
  }

  @Test
  void acceptsAnAchievedThroughputUpToFivePercentAbovePeakAsFullEfficiency() {
    GpuMetrics noisy = decoded(throughputs("105", "100"), GpuMetrics.class);

    assertThat(noisy.achievedTflops()).isEqualTo(105.0);
    assertThat(noisy.efficiency()).isEqualTo(1.0);
  }

  @Test
  void quarantinesAnAchievedThroughputMoreThanFivePercentAbovePeak() {
    assertRejected(
        throughputs("105.01", "100"),
        QuarantineReason.OUT_OF_RANGE,
        "data.achieved_tflops: 105.01 exceeds peak_tflops 100.0 by more than 5%");
  }

  @Test
  void quarantinesNegativeThroughputs() {
    assertRejected(
        throughputs("-0.5", "100"),
        QuarantineReason.OUT_OF_RANGE,
        "data.achieved_tflops: -0.5 is out of range [0, 1000000]");
    assertRejected(
        throughputs(-3, 100),
        QuarantineReason.OUT_OF_RANGE,
        "data.achieved_tflops: -3.0 is out of range [0, 1000000]");
    assertRejected(
        throughputs("10", "-82.6"),
        QuarantineReason.OUT_OF_RANGE,
        "data.peak_tflops: -82.6 is out of range [0, 1000000]");
  }

  @Test
  void quarantinesAPeakThatIsNotAboveZero() {
    assertRejected(
        throughputs(0, 0), QuarantineReason.OUT_OF_RANGE, "data.peak_tflops: must be above 0");
    assertRejected(
        throughputs("0", "0.0"),
        QuarantineReason.OUT_OF_RANGE,
        "data.peak_tflops: must be above 0");
    assertRejected(
        throughputs("0", "1e-400"),
        QuarantineReason.OUT_OF_RANGE,
        "data.peak_tflops: must be above 0");
  }

  @Test
  void quarantinesThroughputsBeyondTheRangeOfADouble() {
    ObjectNode huge = throughputs(0, 100);
    ((ObjectNode) huge.get("data")).put("achieved_tflops", new BigDecimal("1e400"));
    assertRejected(
        huge,
        QuarantineReason.OUT_OF_RANGE,
        "data.achieved_tflops: 1E+400 is out of range [0, 1000000]");
    assertRejected(
        throughputs("1", "1e9999"),
        QuarantineReason.OUT_OF_RANGE,
        "data.peak_tflops: 1E+9999 is out of range [0, 1000000]");
  }

  @Test
  void quarantinesNonFiniteAndUnparseableNumbersAsInvalid() {
    // like every family: "NaN" and "Infinity" do not parse under the strict rules
    assertRejected(
        throughputs("NaN", "100"),
        QuarantineReason.INVALID_NUMBER,
        "data.achieved_tflops: \"NaN\" is not a finite number");
    assertRejected(
        throughputs("1", "Infinity"),
        QuarantineReason.INVALID_NUMBER,
        "data.peak_tflops: \"Infinity\" is not a finite number");
    assertRejected(
        throughputs("41.2 TFLOPS", "100"),
        QuarantineReason.INVALID_NUMBER,
        "data.achieved_tflops: \"41.2 TFLOPS\" is not a number (no unit is expected)");
    assertRejected(
        throughputs("4,1", "100"),
        QuarantineReason.INVALID_NUMBER,
        "data.achieved_tflops: \"4,1\" is not a number");
  }

  @Test
  void quarantinesThroughputsOfTheWrongType() {
    ObjectNode bool = throughputs(0, 100);
    ((ObjectNode) bool.get("data")).put("achieved_tflops", true);
    assertRejected(
        bool,
        QuarantineReason.WRONG_TYPE,
        "data.achieved_tflops: expected a number, got a boolean");
    ObjectNode array = throughputs(0, 100);
    ((ObjectNode) array.get("data")).putArray("peak_tflops").add(82.6);
    assertRejected(
        array, QuarantineReason.WRONG_TYPE, "data.peak_tflops: expected a number, got an array");
  }

  @Test
  void quarantinesMissingOrEmptyRequiredThroughputs() {
    ObjectNode noAchieved = throughputs(0, 100);
    ((ObjectNode) noAchieved.get("data")).remove("achieved_tflops");
    assertRejected(
        noAchieved,
        QuarantineReason.MISSING_FIELD,
        "data.achieved_tflops: required field is missing");
    ObjectNode nullPeak = throughputs(0, 100);
    ((ObjectNode) nullPeak.get("data")).putNull("peak_tflops");
    assertRejected(
        nullPeak, QuarantineReason.MISSING_FIELD, "data.peak_tflops: required field is missing");
    assertRejected(
        throughputs("", "100"), QuarantineReason.MISSING_FIELD, "data.achieved_tflops: is empty");
  }

  @Test
  void quarantinesAnEventThatNamesNoOrchestrator() {
    assertRejected(
        envelope(1, "gpu_metrics", object("{\"achieved_tflops\": 1, \"peak_tflops\": 2}")),
        QuarantineReason.MISSING_FIELD,
        "data.orchestrator_info: required field is missing");
    assertRejected(
        withOrchestrator("{\"url\": \"https://o:1\"}"),
        QuarantineReason.MISSING_FIELD,
        "data.orchestrator_info.address: required field is missing");
    assertRejected(
        withOrchestrator("{\"address\": \"\"}"),
        QuarantineReason.MISSING_FIELD,
        "data.orchestrator_info.address: is empty");
    assertRejected(
        withOrchestrator("{\"address\": \"0x12\"}"),
        QuarantineReason.INVALID_ADDRESS,
        "data.orchestrator_info.address: \"0x12\" is not 0x and 40 hex digits");
    assertRejected(
        withOrchestrator("{\"address\": 5}"),
        QuarantineReason.WRONG_TYPE,
        "data.orchestrator_info.address: expected a string, got a number");
    assertRejected(
        withOrchestrator("\"" + ADDRESS + "\""),
        QuarantineReason.WRONG_TYPE,
        "data.orchestrator_info: expected an object, got a string");
  }

  @Test
  void quarantinesOptionalFieldsOutsideTheirRanges() {
    assertRejected(
        withField("window_ms", 0),
        QuarantineReason.OUT_OF_RANGE,
        "data.window_ms: 0 is out of range [1, 86400000]");
    assertRejected(
        withField("window_ms", -10000),
        QuarantineReason.OUT_OF_RANGE,
        "data.window_ms: -10000 is out of range [1, 86400000]");
    assertRejected(
        withField("window_ms", "10000.5"),
        QuarantineReason.INVALID_NUMBER,
        "data.window_ms: 10000.5 is not an integer");
    assertRejected(
        withField("utilization_pct", 100.5),
        QuarantineReason.OUT_OF_RANGE,
        "data.utilization_pct: 100.5 is out of range [0, 100]");
    assertRejected(
        withField("utilization_pct", "-1"),
        QuarantineReason.OUT_OF_RANGE,
        "data.utilization_pct: -1 is out of range [0, 100]");
    assertRejected(
        withField("stream_id", 42),
        QuarantineReason.WRONG_TYPE,
        "data.stream_id: expected a string, got a number");
    assertRejected(
        withField("timestamp", "1767908955"),
        QuarantineReason.INVALID_TIMESTAMP,
        "data.timestamp: 1767908955 is not a unix time in milliseconds within"
            + " [2015-01-01T00:00:00Z, 2100-01-01T00:00:00Z)");
  }

  @Test
  void quarantinesAGpuInfoThatBreaksItsRules() {
    ObjectNode notAnObject = throughputs(1, 2);
    ((ObjectNode) notAnObject.get("data")).put("gpu_info", "RTX 4090");
    assertRejected(
        notAnObject,
        QuarantineReason.WRONG_TYPE,
        "data.gpu_info: expected an object, got a string");
    ObjectNode negativeMemory = throughputs(1, 2);
    ((ObjectNode) negativeMemory.get("data")).set("gpu_info", object("{\"memory_used\": -1}"));
    assertRejected(
        negativeMemory,
        QuarantineReason.OUT_OF_RANGE,
        "data.gpu_info.memory_used: -1 is out of range [0, 1125899906842624]");
  }

  @Test
  void quarantinesDataThatIsNotAnObject() {
    assertRejected(
        envelope(1, "gpu_metrics", TestEvents.JSON.createArrayNode()),
        QuarantineReason.WRONG_TYPE,
        "data: expected an object, got an array");
  }

  private static void assertRejected(ObjectNode event, QuarantineReason reason, String detail) {
    Quarantined rejected = quarantined(event);
    assertThat(rejected.reason()).as(detail).isEqualTo(reason);
    assertThat(rejected.detail()).isEqualTo(detail);
    assertThat(rejected.eventId()).hasValue(TestEvents.id(1));
  }

  private static ObjectNode throughputs(String achieved, String peak) {
    ObjectNode event = throughputs(0, 1);
    ObjectNode data = (ObjectNode) event.get("data");
    data.put("achieved_tflops", achieved);
    data.put("peak_tflops", peak);
    return event;
  }

  private static ObjectNode throughputs(double achieved, double peak) {
    ObjectNode data = object("{\"orchestrator_info\": {\"address\": \"" + ADDRESS + "\"}}");
    data.put("achieved_tflops", achieved);
    data.put("peak_tflops", peak);
    return envelope(1, "gpu_metrics", data);
  }

  private static ObjectNode withOrchestrator(String orchestratorInfo) {
    return envelope(
        1,
        "gpu_metrics",
        object(
            "{\"orchestrator_info\": "
                + orchestratorInfo
                + ", \"achieved_tflops\": 1, \"peak_tflops\": 2}"));
  }

  private static ObjectNode withField(String name, Object value) {
    ObjectNode event = throughputs(1, 2);
    ObjectNode data = (ObjectNode) event.get("data");
    if (value instanceof String text) {
      data.put(name, text);
    } else if (value instanceof Integer integer) {
      data.put(name, integer);
    } else {
      data.put(name, (Double) value);
    }
    return event;
  }
}
