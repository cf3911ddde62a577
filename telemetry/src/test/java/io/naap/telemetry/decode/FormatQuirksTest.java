package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.INPUT;
import static io.naap.telemetry.decode.TestEvents.decoded;
import static io.naap.telemetry.decode.TestEvents.envelope;
import static io.naap.telemetry.decode.TestEvents.object;
import static io.naap.telemetry.decode.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.AiStreamEvent;
import io.naap.telemetry.event.AiStreamEventType;
import io.naap.telemetry.event.AiStreamStatus;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.DiscoveryResults;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.event.EventFamily;
import io.naap.telemetry.event.NetworkCapabilities;
import io.naap.telemetry.event.OtherEvent;
import io.naap.telemetry.event.StatusShape;
import io.naap.telemetry.event.StreamIngestMetrics;
import io.naap.telemetry.event.StreamTrace;
import io.naap.telemetry.event.StreamTraceType;
import io.naap.telemetry.event.Wei;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each quirk of the producer's format that the decoder accepts as it is. */
class FormatQuirksTest {

  private static final String ADDRESS = "0x52cf2968b3dc6016778742d3539449a6597d5954";

  @Test
  void acceptsNumbersGivenAsStrings() {
    DiscoveryResults discovery =
        decoded(
            envelope(
                1,
                "discovery_results",
                TestEvents.tree(
                    utf8(
                        """
                [{"address": "%s", "url": "https://o:1", "latency_ms": "77"},
                 {"address": "%s", "url": "https://o:2", "latency_ms": 12.5}]
                """
                            .formatted(ADDRESS, ADDRESS)))),
            DiscoveryResults.class);
    assertThat(discovery.orchestrators().get(0).latency()).hasValue(Duration.ofMillis(77));
    assertThat(discovery.orchestrators().get(1).latency())
        .hasValue(Duration.ofMillis(12).plusNanos(500_000));

    StreamIngestMetrics metrics =
        decoded(
            envelope(
                2,
                "stream_ingest_metrics",
                object(
                    """
                    {"stats": {"peer_conn_stats": {"BytesReceived": "477890", "BytesSent": 4013},
                     "track_stats": [{"type": "video", "jitter": "10.5", "packets_lost": "-2"}]}}
                    """)),
            StreamIngestMetrics.class);
    assertThat(metrics.bytesReceived()).hasValue(477890);
    assertThat(metrics.tracks().get(0).jitter()).hasValue(10.5);
    assertThat(metrics.tracks().get(0).packetsLost())
        .as("RTCP cumulative loss can be negative")
        .hasValue(-2);
  }

  @Test
  void acceptsTheEnvelopeTimestampAsAStringOrANumber() {
    ObjectNode asString = envelope(1, "stream_trace", object("{\"type\": \"orchestrator_swap\"}"));
    ObjectNode asNumber = asString.deepCopy();
    asNumber.put("timestamp", 1767908945298L);
    assertThat(decoded(asString, StreamTrace.class).header().envelopeTime())
        .isEqualTo(Instant.ofEpochMilli(1767908945298L));
    assertThat(decoded(asNumber, StreamTrace.class).header().envelopeTime())
        .isEqualTo(Instant.ofEpochMilli(1767908945298L));
  }

  @Test
  void parsesWeiAndWeiPerPixelUnitsInAnyCase() {
    CreateNewPayment payment =
        decoded(
            envelope(
                1,
                "create_new_payment",
                object(
                    """
                    {"faceValue": "2400000000000000 wei", "price": "0.5 WEI/PIXEL",
                     "winProb": "0.0010000000", "numTickets": "1"}
                    """)),
            CreateNewPayment.class);
    assertThat(payment.faceValue()).hasValue(new Wei(new java.math.BigInteger("2400000000000000")));
    assertThat(payment.pricePerPixel()).hasValue(new BigDecimal("0.5"));
    assertThat(payment.winProbability()).hasValue(new BigDecimal("0.0010000000"));

    CreateNewPayment withoutUnits =
        decoded(
            envelope(
                2,
                "create_new_payment",
                object("{\"faceValue\": 2402400000000000, \"price\": 1635.021}")),
            CreateNewPayment.class);
    assertThat(withoutUnits.faceValue()).hasValue(Wei.of(2402400000000000L));
    assertThat(withoutUnits.pricePerPixel()).hasValue(new BigDecimal("1635.021"));
  }

  @Test
  void treatsEmptyStringsAndNullsAsUnknown() {
    CreateNewPayment payment =
        decoded(
            envelope(
                1,
                "create_new_payment",
                object(
                    """
                    {"recipient": "", "sender": null, "faceValue": "", "winProb": "",
                     "price": null, "numTickets": "", "manifestID": "", "requestID": "",
                     "sessionID": "", "orchestrator": "", "capability": "", "clientIP": ""}
                    """)),
            CreateNewPayment.class);
    assertThat(payment.recipient()).isEmpty();
    assertThat(payment.sender()).isEmpty();
    assertThat(payment.faceValue()).isEmpty();
    assertThat(payment.winProbability()).isEmpty();
    assertThat(payment.pricePerPixel()).isEmpty();
    assertThat(payment.numTickets()).isEmpty();
    assertThat(payment.requestId()).isEmpty();
    assertThat(payment.expectedValueWei()).isEmpty();
    assertThat(payment.gateway()).isEmpty();

    StreamTrace trace =
        decoded(
            envelope(
                2,
                "stream_trace",
                object(
                    """
                    {"type": "gateway_receive_stream_request", "stream_id": "s",
                     "orchestrator_info": {"address": "", "url": ""}, "pipeline_id": ""}
                    """)),
            StreamTrace.class);
    assertThat(trace.orchestrator()).isEmpty();
    assertThat(trace.orchestratorInfo().url()).isEmpty();
    assertThat(trace.pipelineId()).isEmpty();
  }

  @Test
  void acceptsArraysAsDataForTheNetworkFamilies() {
    assertThat(
            decoded(
                    envelope(1, "network_capabilities", TestEvents.JSON.createArrayNode()),
                    NetworkCapabilities.class)
                .orchestrators())
        .isEmpty();
    assertThat(
            decoded(
                    envelope(2, "discovery_results", TestEvents.JSON.createArrayNode()),
                    DiscoveryResults.class)
                .orchestrators())
        .isEmpty();
    Quarantined objectData = TestEvents.quarantined(envelope(3, "discovery_results", object("{}")));
    assertThat(objectData.reason()).isEqualTo(QuarantineReason.WRONG_TYPE);
    assertThat(objectData.detail()).isEqualTo("data: expected an array, got an object");
  }

  @Test
  void unwrapsKafkaRecordsInArraysAndNdjson() {
    ArrayNode records = TestEvents.captureRecords();
    List<JsonNode> wrapped = new ArrayList<>();
    records.forEach(wrapped::add);

    DecodeBatch fromNdjson = INPUT.read(TestEvents.ndjson(wrapped));

    assertThat(fromNdjson.counts().decoded()).isEqualTo(65);
    assertThat(fromNdjson.events().get(0).id()).hasToString("59485235-8460-472f-a894-3b84f37ee9bb");
    assertThat(fromNdjson.events().get(0).json()).isEqualTo(records.get(0).get("value").toString());
  }

  @Test
  void readsTheSameEventsWithOrWithoutTheKafkaRecord() {
    ArrayNode records = TestEvents.captureRecords();
    ArrayNode values = TestEvents.JSON.createArrayNode();
    records.forEach(record -> values.add(record.get("value")));

    DecodeBatch wrapped = INPUT.read(TestEvents.bytes(records));
    DecodeBatch bare = INPUT.read(TestEvents.bytes(values));

    assertThat(bare.outcomes()).isEqualTo(wrapped.outcomes());
  }

  @Test
  void quarantinesAKafkaTombstone() {
    Quarantined tombstone =
        TestEvents.quarantined("{\"topic\": \"streaming-events\", \"offset\": 3, \"value\": null}");
    assertThat(tombstone.reason()).isEqualTo(QuarantineReason.NOT_AN_OBJECT);
    assertThat(tombstone.detail()).contains("value").contains("tombstone");
  }

  @Test
  void decodesTheDocumentedStatusShape() {
    AiStreamStatus status =
        decoded(
            envelope(
                1,
                "ai_stream_status",
                object(
                    """
                    {"stream_id": "s", "request_id": "r", "pipeline_id": "p",
                     "orchestrator_info": {"address": "%s", "url": "https://o:1"},
                     "inference_status": {"pipeline": "streamdiffusion", "start_time": 1767908945.607,
                       "input_fps": 20.5, "output_fps": 17.25, "last_input_time": 1767908955.5,
                       "last_output_time": 1767908955534, "restart_count": 2,
                       "last_restart_time": 1767908950, "last_error": "CUDA out of memory",
                       "last_params_hash": "abc"}}
                    """
                        .formatted(ADDRESS))),
            AiStreamStatus.class);
    assertThat(status.shape()).isEqualTo(StatusShape.DOCUMENTED);
    assertThat(status.inference().outputFps()).hasValue(17.25);
    assertThat(status.inference().inputFps()).hasValue(20.5);
    assertThat(status.inference().startTime())
        .as("inference_status.start_time is in seconds")
        .hasValue(Instant.ofEpochMilli(1767908945607L));
    assertThat(status.inference().lastInputTime())
        .as("seconds, told apart from milliseconds by magnitude")
        .hasValue(Instant.ofEpochMilli(1767908955500L));
    assertThat(status.inference().lastOutputTime()).hasValue(Instant.ofEpochMilli(1767908955534L));
    assertThat(status.inference().restartCount()).hasValue(2);
    assertThat(status.inference().lastRestartTime()).hasValue(Instant.ofEpochSecond(1767908950));
    assertThat(status.inference().lastError()).hasValue("CUDA out of memory");
    assertThat(status.pipeline()).hasValue("streamdiffusion");
    assertThat(status.state()).isEmpty();
    assertThat(status.occurredAt())
        .as("no data.timestamp: the envelope's")
        .isEqualTo(Instant.ofEpochMilli(1767908945298L));
  }

  @Test
  void recordsAStatusMixingBothShapesAndOneWithNeither() {
    AiStreamStatus mixed =
        decoded(
            envelope(
                1,
                "ai_stream_status",
                object(
                    """
                    {"inference_status": {"fps": 15.0, "output_fps": 14.0, "input_fps": 30},
                     "input_status": {"fps": 29}}
                    """)),
            AiStreamStatus.class);
    assertThat(mixed.shape()).isEqualTo(StatusShape.MIXED);
    assertThat(mixed.inference().outputFps()).as("the captured field wins").hasValue(15.0);
    assertThat(mixed.inference().inputFps()).hasValue(29.0);

    AiStreamStatus neither =
        decoded(
            envelope(2, "ai_stream_status", object("{\"stream_id\": \"s\"}")),
            AiStreamStatus.class);
    assertThat(neither.shape()).isEqualTo(StatusShape.NEITHER);
    assertThat(neither.inference().outputFps()).isEmpty();
  }

  @Test
  void readsUnsetRunnerTimesGivenAsZeroAsUnknown() {
    AiStreamStatus status =
        decoded(
            envelope(
                1,
                "ai_stream_status",
                object(
                    """
                    {"inference_status": {"fps": 0, "last_output_time": 0,
                     "last_restart_time": 0, "last_error_time": null}, "start_time": 0}
                    """)),
            AiStreamStatus.class);
    assertThat(status.inference().outputFps()).hasValue(0.0);
    assertThat(status.inference().lastOutputTime()).isEmpty();
    assertThat(status.inference().lastRestartTime()).isEmpty();
    assertThat(status.inference().startTime()).isEmpty();
  }

  @Test
  void ordersByDataTimestampWhereAnEventHasOne() {
    StreamTrace trace =
        decoded(
            envelope(
                1,
                "stream_trace",
                object(
                    "{\"type\": \"gateway_ingest_stream_closed\", \"timestamp\": 1767908999000}")),
            StreamTrace.class);
    assertThat(trace.header().envelopeTime()).isEqualTo(Instant.ofEpochMilli(1767908945298L));
    assertThat(trace.header().dataTime()).hasValue(Instant.ofEpochMilli(1767908999000L));
    assertThat(trace.occurredAt()).isEqualTo(Instant.ofEpochMilli(1767908999000L));
  }

  @Test
  void readsNdjsonSkippingBlankLinesAndCarriageReturns() {
    String ndjson =
        "\n"
            + envelope(1, "stream_trace", object("{\"type\": \"orchestrator_swap\"}"))
            + "\r\n   \r\n\n"
            + envelope(2, "stream_trace", object("{\"type\": \"orchestrator_swap\"}"))
            + "\r\n\t\n";
    DecodeBatch batch = INPUT.read(utf8(ndjson));
    assertThat(batch.counts().received()).isEqualTo(2);
    assertThat(batch.events())
        .extracting(event -> event.id().toString())
        .containsExactly(TestEvents.id(1), TestEvents.id(2));
  }

  @Test
  void readsGzipCompressedArraysAndNdjson() {
    byte[] capture = io.naap.testkit.Fixtures.liveStreamCapture();
    DecodeBatch array = INPUT.read(TestEvents.gzip(capture));
    assertThat(array.counts().decoded()).isEqualTo(65);

    List<JsonNode> lines = new ArrayList<>();
    TestEvents.captureRecords().forEach(record -> lines.add(record.get("value")));
    DecodeBatch ndjson = INPUT.read(TestEvents.gzip(TestEvents.ndjson(lines)));
    assertThat(ndjson.outcomes()).isEqualTo(array.outcomes());
  }

  @Test
  void skipsAUtf8ByteOrderMark() {
    byte[] body = utf8("\uFEFF  [" + envelope(1, "job_gateway", object("{}")) + "]");
    assertThat(body[0]).isEqualTo((byte) 0xEF);
    assertThat(INPUT.read(body).counts().decoded()).isEqualTo(1);
  }

  @Test
  void decodesAnUnknownStreamTraceSubtypeKeepingItsName() {
    StreamTrace trace =
        decoded(
            envelope(1, "stream_trace", object("{\"type\": \"app_user_page_unload\"}")),
            StreamTrace.class);
    assertThat(trace.type()).isEqualTo(StreamTraceType.UNKNOWN);
    assertThat(trace.rawType()).isEqualTo("app_user_page_unload");
    assertThat(trace.subtype()).hasValue("app_user_page_unload");
  }

  @Test
  void decodesEveryListedStreamTraceSubtype() {
    for (StreamTraceType type : StreamTraceType.values()) {
      if (type == StreamTraceType.UNKNOWN) {
        continue;
      }
      ObjectNode data = object("{}");
      data.put("type", type.wireName());
      assertThat(decoded(envelope(1, "stream_trace", data), StreamTrace.class).type())
          .isEqualTo(type);
    }
  }

  @Test
  void keepsTheSwapReasonOfAnOrchestratorSwap() {
    StreamTrace swap =
        decoded(
            envelope(
                1,
                "stream_trace",
                object(
                    """
                    {"type": "orchestrator_swap", "message": "context deadline exceeded",
                     "pipeline": "streamdiffusion", "orchestrator_info": {"address": "%s"}}
                    """
                        .formatted(ADDRESS.toUpperCase().replace("0X", "0x")))),
            StreamTrace.class);
    assertThat(swap.type()).isEqualTo(StreamTraceType.ORCHESTRATOR_SWAP);
    assertThat(swap.message()).hasValue("context deadline exceeded");
    assertThat(swap.orchestrator())
        .as("addresses are stored lower-case")
        .hasValue(EthAddress.parse(ADDRESS));
  }

  @Test
  void decodesStreamErrorsParameterUpdatesAndPassThroughEvents() {
    AiStreamEvent error =
        decoded(
            envelope(
                1,
                "ai_stream_events",
                object(
                    """
                    {"type": "error", "capability": "live-video-to-video",
                     "message": "whip disconnected", "stream_id": "s", "timestamp": 1767908999000}
                    """)),
            AiStreamEvent.class);
    assertThat(error.type()).isEqualTo(AiStreamEventType.ERROR);
    assertThat(error.capability()).hasValue("live-video-to-video");
    assertThat(error.message()).hasValue("whip disconnected");
    assertThat(error.occurredAt()).isEqualTo(Instant.ofEpochMilli(1767908999000L));

    String updateText =
        "{\"id\": \""
            + TestEvents.id(2)
            + "\", \"type\": \"ai_stream_events\", \"timestamp\": \"1767908945298\","
            + " \"data\": {\"type\": \"params_update\", \"params\": {\"prompt\": \"a cat\","
            + " \"t\": 1.50}}}";
    AiStreamEvent update = (AiStreamEvent) ((Decoded) TestEvents.decode(updateText)).event();
    assertThat(update.type()).isEqualTo(AiStreamEventType.PARAMS_UPDATE);
    assertThat(update.params()).hasValue("{\"prompt\":\"a cat\",\"t\":1.50}");

    AiStreamEvent untyped =
        decoded(envelope(3, "ai_stream_events", object("{\"foo\": 1}")), AiStreamEvent.class);
    assertThat(untyped.type())
        .as("the gateway forwards runner events without a type")
        .isEqualTo(AiStreamEventType.OTHER);
    assertThat(untyped.subtype()).isEmpty();
  }

  @Test
  void acceptsTheBatchAndByocFamiliesAsOtherEvents() {
    for (EventFamily family : EventFamily.values()) {
      if (family.typed()) {
        continue;
      }
      OtherEvent event =
          decoded(
              envelope(
                  1,
                  family.wireName(),
                  object(
                      "{\"type\": \"job_done\", \"request_id\": \"r1\", \"timestamp\": \"bogus\","
                          + " \"fee\": \"NaN\"}")),
              OtherEvent.class);
      assertThat(event.knownFamily()).hasValue(family);
      assertThat(event.subtype()).hasValue("job_done");
      assertThat(event.requestId()).hasValue("r1");
      assertThat(event.occurredAt())
          .as("a data.timestamp that is not a time is ignored for an unknown schema")
          .isEqualTo(Instant.ofEpochMilli(1767908945298L));
      assertThat(event.data()).contains("\"fee\":\"NaN\"");
    }
  }

  @Test
  void acceptsAFamilyNeverHeardOfAsAnOtherEvent() {
    OtherEvent event =
        decoded(
            envelope(1, "gpu_flops_report", TestEvents.tree(utf8("[1, 2, 3]"))), OtherEvent.class);
    assertThat(event.family()).isEqualTo("gpu_flops_report");
    assertThat(event.knownFamily()).isEmpty();
    assertThat(event.data()).isEqualTo("[1,2,3]");
    assertThat(event.orchestrator()).isEmpty();
  }

  @Test
  void canonicalisesUpperCaseEventIds() {
    ObjectNode event = envelope(1, "job_payment", object("{}"));
    event.put("id", "59485235-8460-472F-A894-3B84F37EE9BB");
    assertThat(decoded(event, OtherEvent.class).id())
        .hasToString("59485235-8460-472f-a894-3b84f37ee9bb");
  }

  @Test
  void keepsTheEventsOwnTokensInItsJson() {
    String text =
        "{ \"id\" : \""
            + TestEvents.id(1)
            + "\",\n \"type\": \"job_gateway\", \"timestamp\": \"1767908945298\","
            + " \"data\": {\"price\": 1.50e3, \"note\": \"a  b\\\" c\"} }";
    OtherEvent event = (OtherEvent) ((Decoded) TestEvents.decode(text)).event();
    assertThat(event.json())
        .isEqualTo(
            "{\"id\":\""
                + TestEvents.id(1)
                + "\",\"type\":\"job_gateway\",\"timestamp\":\"1767908945298\","
                + "\"data\":{\"price\":1.50e3,\"note\":\"a  b\\\" c\"}}");
  }
}
