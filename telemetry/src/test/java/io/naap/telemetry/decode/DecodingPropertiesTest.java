package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.DECODER;
import static io.naap.telemetry.decode.TestEvents.envelope;
import static io.naap.telemetry.decode.TestEvents.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.GpuMetrics;
import io.naap.telemetry.event.OtherEvent;
import io.naap.telemetry.event.StreamIngestMetrics;
import io.naap.telemetry.event.Wei;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/** Invariants of the strict parsers, over generated values (fixed seeds: repeatable). */
class DecodingPropertiesTest {

  private static final String MAX_UINT256 =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";

  @Property(seed = "20260108")
  void everyUint256AmountRoundTripsThroughItsTextWithTheUnit(
      @ForAll @BigRange(min = "0", max = MAX_UINT256) BigInteger amount) {
    ObjectNode data = object("{}");
    data.put("faceValue", amount + " WEI");
    CreateNewPayment payment =
        TestEvents.decoded(envelope(1, "create_new_payment", data), CreateNewPayment.class);
    assertThat(payment.faceValue()).hasValue(new Wei(amount));
  }

  @Property(seed = "20260108")
  void everyAddressParsesFromAnyCaseToItsLowerCaseForm(
      @ForAll @Size(20) byte[] bytes, @ForAll long caseMask) {
    String hex = HexFormat.of().formatHex(bytes);
    StringBuilder mixed = new StringBuilder("0x");
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      mixed.append(((caseMask >>> (i % 64)) & 1) == 1 ? Character.toUpperCase(c) : c);
    }
    ObjectNode data = object("{}");
    data.put("recipient", mixed.toString());
    CreateNewPayment payment =
        TestEvents.decoded(envelope(1, "create_new_payment", data), CreateNewPayment.class);
    assertThat(payment.recipient()).hasValue(new EthAddress("0x" + hex));
  }

  @Property(seed = "20260108")
  void everyNegativeByteCountIsOutOfRangeWhetherNumberOrString(
      @ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long bytes, @ForAll boolean asString) {
    ObjectNode peer = object("{}");
    if (asString) {
      peer.put("BytesSent", Long.toString(bytes));
    } else {
      peer.put("BytesSent", bytes);
    }
    ObjectNode data = object("{\"stats\": {}}");
    ((ObjectNode) data.get("stats")).set("peer_conn_stats", peer);
    Quarantined quarantined = TestEvents.quarantined(envelope(1, "stream_ingest_metrics", data));
    assertThat(quarantined.reason()).isEqualTo(QuarantineReason.OUT_OF_RANGE);
    assertThat(quarantined.detail()).startsWith("data.stats.peer_conn_stats.BytesSent: " + bytes);
  }

  @Property(seed = "20260108")
  void everyByteCountIsReadExactlyWhetherNumberOrString(
      @ForAll @LongRange(min = 0) long bytes, @ForAll boolean asString) {
    ObjectNode data = object("{\"stats\": {\"peer_conn_stats\": {}}}");
    ObjectNode peer = (ObjectNode) data.get("stats").get("peer_conn_stats");
    if (asString) {
      peer.put("BytesReceived", Long.toString(bytes));
    } else {
      peer.put("BytesReceived", bytes);
    }
    StreamIngestMetrics metrics =
        TestEvents.decoded(envelope(1, "stream_ingest_metrics", data), StreamIngestMetrics.class);
    assertThat(metrics.bytesReceived()).hasValue(bytes);
  }

  @Property(seed = "20260108")
  void everyMillisecondOfTheAcceptedYearsIsAnEnvelopeTime(
      @ForAll @LongRange(min = 1420070400000L, max = 4102444799999L) long millis) {
    ObjectNode event = envelope(1, "job_gateway", object("{}"));
    event.put("timestamp", Long.toString(millis));
    assertThat(TestEvents.decoded(event, OtherEvent.class).occurredAt())
        .isEqualTo(Instant.ofEpochMilli(millis));
  }

  @Property(seed = "20260108", tries = 2000)
  void anEnvelopeTimeGivenAsDigitsDecodesExactlyAsTheSameJsonNumber(
      @ForAll("timesAroundTheBounds") long value, @ForAll @IntRange(min = 0, max = 3) int zeros) {
    ObjectNode asNumber = envelope(1, "job_gateway", object("{}"));
    asNumber.put("timestamp", value);
    ObjectNode asText = envelope(1, "job_gateway", object("{}"));
    asText.put("timestamp", "0".repeat(zeros) + value);

    DecodeResult number = DECODER.decode(TestEvents.bytes(asNumber));
    DecodeResult text = DECODER.decode(TestEvents.bytes(asText));
    if (number instanceof Decoded decoded) {
      assertThat(text).isInstanceOf(Decoded.class);
      assertThat(((Decoded) text).event().occurredAt()).isEqualTo(decoded.event().occurredAt());
    } else {
      Quarantined rejected = (Quarantined) number;
      assertThat(text).isInstanceOf(Quarantined.class);
      assertThat(((Quarantined) text).reason()).isEqualTo(rejected.reason());
      assertThat(((Quarantined) text).detail()).isEqualTo(rejected.detail());
    }
  }

  /** Non-negative times in and around both accepted ranges (seconds and milliseconds), and 0. */
  @Provide
  Arbitrary<Long> timesAroundTheBounds() {
    long seconds = 1420070400L;
    long secondsEnd = 4102444800L;
    long millis = seconds * 1000;
    long millisEnd = secondsEnd * 1000;
    return Arbitraries.oneOf(
        Arbitraries.of(
            0L,
            seconds - 1,
            seconds,
            secondsEnd - 1,
            secondsEnd,
            millis - 1,
            millis,
            millisEnd - 1,
            millisEnd,
            999_999_999_999_999_999L),
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.longs().between(seconds - 1000, secondsEnd + 1000),
        Arbitraries.longs().between(millis - 1000, millisEnd + 1000));
  }

  @Property(seed = "20260108")
  void everyThroughputPairDecodesWithinTheToleranceOrIsOutOfRange(
      @ForAll @DoubleRange(min = 0, max = 2000) @Scale(4) double achieved,
      @ForAll @DoubleRange(min = 0.001, max = 2000) @Scale(4) double peak,
      @ForAll boolean asString) {
    ObjectNode data =
        object(
            "{\"orchestrator_info\": {\"address\": \"0x52cf2968b3dc6016778742d3539449a6597d5954\"}}");
    if (asString) {
      data.put("achieved_tflops", Double.toString(achieved));
      data.put("peak_tflops", Double.toString(peak));
    } else {
      data.put("achieved_tflops", achieved);
      data.put("peak_tflops", peak);
    }
    DecodeResult result = DECODER.decode(TestEvents.bytes(envelope(1, "gpu_metrics", data)));
    if (achieved <= peak * (1 + GpuMetrics.MEASUREMENT_TOLERANCE)) {
      assertThat(result).isInstanceOf(Decoded.class);
      GpuMetrics metrics = (GpuMetrics) ((Decoded) result).event();
      assertThat(metrics.achievedTflops()).isEqualTo(achieved);
      assertThat(metrics.peakTflops()).isEqualTo(peak);
      assertThat(metrics.efficiency()).isBetween(0.0, 1.0).isEqualTo(Math.min(1, achieved / peak));
    } else {
      assertThat(result).isInstanceOf(Quarantined.class);
      assertThat(((Quarantined) result).reason()).isEqualTo(QuarantineReason.OUT_OF_RANGE);
    }
  }

  @Property(seed = "20260108", tries = 2000)
  void anyTextIsDecodedOrQuarantinedNeverThrown(@ForAll String text) {
    DecodeResult result = DECODER.decode(text.getBytes(StandardCharsets.UTF_8));
    if (result instanceof Quarantined quarantined) {
      assertThat(quarantined.detail()).isNotBlank();
    }
  }

  @Property(seed = "20260108", tries = 2000)
  void anyBytesAreDecodedOrQuarantinedNeverThrown(@ForAll byte[] bytes) {
    assertThat(DECODER.decode(bytes)).isNotNull();
  }
}
