package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.envelope;
import static io.naap.telemetry.decode.TestEvents.object;
import static io.naap.telemetry.decode.TestEvents.quarantined;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.storage.telemetry.JsonText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every reason of the catalogue, with the detail naming the field. */
class QuarantineReasonsTest {

  private static final String ID = TestEvents.id(7);

  @Test
  void quarantinesTextThatIsNotJson() {
    Quarantined cut = quarantined("{\"id\": \"" + ID + "\", \"type\": \"stream_tr");
    assertThat(cut.reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(cut.detail()).startsWith("not valid JSON at byte ");
    assertThat(cut.eventId()).as("read from the record's first bytes").hasValue(ID);
    assertThat(cut.rawText()).isEqualTo("{\"id\": \"" + ID + "\", \"type\": \"stream_tr");
  }

  @Test
  void quarantinesARepeatedFieldNameAsMalformed() {
    Quarantined repeated =
        quarantined(
            "{\"id\": \"" + ID + "\", \"type\": \"stream_trace\", \"type\": \"job_gateway\"}");
    assertThat(repeated.reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(repeated.detail()).contains("Duplicate field 'type'");
  }

  @Test
  void quarantinesContentAfterTheRecordAsMalformed() {
    ObjectNode event = envelope(1, "job_gateway", object("{}"));
    Quarantined trailing = quarantined(event + " {}");
    assertThat(trailing.reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(trailing.detail()).contains("Trailing token");
  }

  @Test
  void quarantinesAnEnvelopeLargerThanTheStoreHoldsAsUnstorable() {
    // only a decoder allowing records above the store's 4 MiB meets one
    EventDecoder generous = new EventDecoder(new DecoderSettings(8 << 20, 8 << 20, 16, 512));
    String large = "x".repeat(JsonText.MAX_BYTES);
    ObjectNode event = envelope(7, "job_gateway", object("{\"note\": \"" + large + "\"}"));

    Quarantined tooLarge = (Quarantined) generous.decode(TestEvents.bytes(event));

    assertThat(tooLarge.reason()).isEqualTo(QuarantineReason.UNSTORABLE);
    assertThat(tooLarge.detail()).contains("more than " + JsonText.MAX_BYTES);
    assertThat(tooLarge.eventId()).hasValue(ID);
  }

  @Test
  void quarantinesTextThatIsNotValidUtf8() {
    byte[] prefix =
        TestEvents.utf8("{\"id\": \"" + ID + "\", \"type\": \"job_gateway\", \"data\": \"");
    byte[] overlongNul = {(byte) 0xC0, (byte) 0x80};
    byte[] record = new byte[prefix.length + overlongNul.length + 2];
    System.arraycopy(prefix, 0, record, 0, prefix.length);
    System.arraycopy(overlongNul, 0, record, prefix.length, 2);
    record[record.length - 2] = '"';
    record[record.length - 1] = '}';

    Quarantined invalid = (Quarantined) TestEvents.DECODER.decode(record);

    assertThat(invalid.reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(invalid.detail()).isEqualTo("not valid UTF-8 at byte " + prefix.length);
    assertThat(invalid.eventId()).hasValue(ID);
  }

  @Test
  void quarantinesTextTheStoreCannotHold() {
    String nul = "{\"id\": \"" + ID + "\", \"type\": \"job_gateway\", \"data\": \"a\\u0000b\"}";
    Quarantined withNul = quarantined(nul);
    assertThat(withNul.reason()).isEqualTo(QuarantineReason.UNSTORABLE);
    assertThat(withNul.detail())
        .isEqualTo(
            "byte "
                + nul.indexOf("\\u0000")
                + ": the escape \\u0000 (PostgreSQL text cannot hold U+0000)");
    assertThat(withNul.eventId()).hasValue(ID);

    Quarantined loneSurrogate = quarantined("{\"id\": \"" + ID + "\", \"data\": \"\\ud83d!\"}");
    assertThat(loneSurrogate.reason()).isEqualTo(QuarantineReason.UNSTORABLE);
    assertThat(loneSurrogate.detail()).endsWith("an unpaired high surrogate escape \\ud83d");
  }

  @Test
  void acceptsPairedSurrogatesEscapedBackslashesAndRawNonAsciiText() {
    String data = "\\ud83d\\ude00 \\\\u0000 caf\u00e9 \ud83d\ude00";
    String record =
        "{\"id\": \""
            + ID
            + "\", \"type\": \"job_gateway\", \"timestamp\": \"1767908945298\", \"data\": \""
            + data
            + "\"}";
    DecodeResult result = TestEvents.decode(record);
    assertThat(result).isInstanceOf(Decoded.class);
    assertThat(((Decoded) result).event().json()).contains("caf\u00e9 \ud83d\ude00");
  }

  @Test
  void quarantinesARecordLargerThanTheBound() {
    EventDecoder small = new EventDecoder(new DecoderSettings(4096, 1024, 16, 512));
    ObjectNode event = envelope(1, "stream_trace", object("{\"type\": \"orchestrator_swap\"}"));
    ((ObjectNode) event.get("data")).put("message", "x".repeat(5000));

    DecodeResult result = small.decode(TestEvents.bytes(event));

    assertThat(result).isInstanceOf(Quarantined.class);
    Quarantined tooLarge = (Quarantined) result;
    assertThat(tooLarge.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    assertThat(tooLarge.detail()).matches("the record has \\d+ bytes, the bound is 4096");
    assertThat(tooLarge.eventId()).hasValue(TestEvents.id(1));
    assertThat(tooLarge.rawText()).hasSize(512);
  }

  @Test
  void quarantinesAStringLongerThanTheBound() {
    EventDecoder small = new EventDecoder(new DecoderSettings(1 << 20, 1024, 16, 512));
    ObjectNode event = envelope(1, "stream_trace", object("{\"type\": \"orchestrator_swap\"}"));
    ((ObjectNode) event.get("data")).put("message", "x".repeat(2000));
    Quarantined longString = (Quarantined) small.decode(TestEvents.bytes(event));
    assertThat(longString.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    assertThat(longString.detail())
        .startsWith("a bound is exceeded")
        .contains("exceeds the maximum allowed (1024)");
  }

  @Test
  void quarantinesANumberWhoseExponentIsBeyondTheParsersRange() {
    for (String number : new String[] {"1e-2147483649", "1.5e9999999999", "2e8734742899780583"}) {
      Quarantined overflow =
          quarantined(
              "{\"id\": \""
                  + ID
                  + "\", \"type\": \"job_gateway\", \"timestamp\": \"1767908945298\","
                  + " \"data\": {\"x\": "
                  + number
                  + "}}");
      assertThat(overflow.reason()).as(number).isEqualTo(QuarantineReason.TOO_LARGE);
      assertThat(overflow.detail())
          .startsWith("a number is beyond the range the parser holds: ")
          .contains(number);
      assertThat(overflow.eventId()).hasValue(ID);
    }
    assertThat(quarantined("[1e99999999999]").reason()).isEqualTo(QuarantineReason.TOO_LARGE);
  }

  @Test
  void quarantinesAnIdentifierLongerThanItsBound() {
    Quarantined longId =
        quarantined(
            envelope(
                1,
                "stream_trace",
                object(
                    "{\"type\": \"orchestrator_swap\", \"stream_id\": \""
                        + "s".repeat(300)
                        + "\"}")));
    assertThat(longId.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    assertThat(longId.detail()).isEqualTo("data.stream_id: 300 characters, the bound is 256");
    assertThat(longId.eventId()).hasValue(TestEvents.id(1));
  }

  @Test
  void quarantinesNestingDeeperThanTheBound() {
    String deep = "[".repeat(100) + "]".repeat(100);
    Quarantined tooDeep =
        quarantined(
            "{\"id\": \""
                + ID
                + "\", \"type\": \"job_gateway\", \"timestamp\": \"1767908945298\", \"data\": "
                + deep
                + "}");
    assertThat(tooDeep.reason()).isEqualTo(QuarantineReason.TOO_DEEP);
    assertThat(tooDeep.detail())
        .contains("Document nesting depth (65) exceeds the maximum allowed (64)");
    assertThat(tooDeep.eventId()).hasValue(ID);
  }

  @Test
  void quarantinesARecordThatIsNotAnObject() {
    Quarantined array = quarantined("[1, 2]");
    assertThat(array.reason()).isEqualTo(QuarantineReason.NOT_AN_OBJECT);
    assertThat(array.detail()).isEqualTo("the record is an array, expected an event object");
    Quarantined kafkaString = quarantined("{\"topic\": \"t\", \"value\": \"{}\"}");
    assertThat(kafkaString.reason()).isEqualTo(QuarantineReason.NOT_AN_OBJECT);
    assertThat(kafkaString.detail())
        .isEqualTo("value: the Kafka record's value is a string, expected an event object");
  }

  @Test
  void quarantinesMissingRequiredFields() {
    ObjectNode noId = envelope(1, "stream_trace", object("{\"type\": \"x\"}"));
    noId.remove("id");
    assertDetail(noId, QuarantineReason.MISSING_FIELD, "id: required field is missing");

    ObjectNode emptyType = envelope(1, "", object("{}"));
    assertDetail(emptyType, QuarantineReason.MISSING_FIELD, "type: is empty");

    ObjectNode noTimestamp = envelope(1, "stream_trace", object("{\"type\": \"x\"}"));
    noTimestamp.remove("timestamp");
    assertDetail(
        noTimestamp, QuarantineReason.MISSING_FIELD, "timestamp: required field is missing");

    ObjectNode nullData = envelope(1, "job_gateway", null);
    nullData.putNull("data");
    assertDetail(nullData, QuarantineReason.MISSING_FIELD, "data: required field is missing");

    assertDetail(
        envelope(1, "stream_trace", object("{\"stream_id\": \"s\"}")),
        QuarantineReason.MISSING_FIELD,
        "data.type: required field is missing");
  }

  @Test
  void quarantinesFieldsOfTheWrongType() {
    assertDetail(
        envelope(1, "stream_trace", object("{\"type\": \"x\", \"stream_id\": 42}")),
        QuarantineReason.WRONG_TYPE,
        "data.stream_id: expected a string, got a number");
    assertDetail(
        envelope(1, "stream_trace", TestEvents.JSON.createArrayNode()),
        QuarantineReason.WRONG_TYPE,
        "data: expected an object, got an array");
    assertDetail(
        envelope(1, "stream_ingest_metrics", object("{\"stats\": {\"track_stats\": {}}}")),
        QuarantineReason.WRONG_TYPE,
        "data.stats.track_stats: expected an array, got an object");
    assertDetail(
        envelope(1, "ai_stream_status", object("{\"inference_status\": {\"fps\": true}}")),
        QuarantineReason.WRONG_TYPE,
        "data.inference_status.fps: expected a number, got a boolean");
    ObjectNode numericId = envelope(1, "job_gateway", object("{}"));
    numericId.put("id", 12);
    assertDetail(numericId, QuarantineReason.WRONG_TYPE, "id: expected a string, got a number");
  }

  @Test
  void quarantinesAnIdThatIsNotAUuid() {
    ObjectNode event = envelope(1, "job_gateway", object("{}"));
    event.put("id", "log-0");
    Quarantined notUuid =
        assertDetail(event, QuarantineReason.INVALID_ID, "id: \"log-0\" is not a UUID");
    assertThat(notUuid.eventId()).isEmpty();
  }

  @Test
  void quarantinesATypeThatIsNotAFamilyName() {
    assertDetail(
        envelope(1, "Stream-Trace", object("{}")),
        QuarantineReason.INVALID_FAMILY,
        "type: \"Stream-Trace\" is not a family name (a lower-case letter, then lower-case"
            + " letters, digits or '_', at most 64 characters)");
  }

  @Test
  void quarantinesTimesThatAreNotUnixTimesOfThisCentury() {
    ObjectNode words = envelope(1, "job_gateway", object("{}"));
    words.put("timestamp", "yesterday");
    assertDetail(
        words, QuarantineReason.INVALID_TIMESTAMP, "timestamp: \"yesterday\" is not a number");

    ObjectNode seconds = envelope(1, "job_gateway", object("{}"));
    seconds.put("timestamp", "1767908945");
    assertDetail(
        seconds,
        QuarantineReason.INVALID_TIMESTAMP,
        "timestamp: 1767908945 is not a unix time in milliseconds within"
            + " [2015-01-01T00:00:00Z, 2100-01-01T00:00:00Z)");

    assertDetail(
        envelope(1, "stream_trace", object("{\"type\": \"x\", \"timestamp\": 0}")),
        QuarantineReason.INVALID_TIMESTAMP,
        "data.timestamp: 0 is not a unix time in milliseconds within"
            + " [2015-01-01T00:00:00Z, 2100-01-01T00:00:00Z)");

    assertDetail(
        envelope(
            1,
            "ai_stream_status",
            object("{\"inference_status\": {\"start_time\": 1767908945607}}")),
        QuarantineReason.INVALID_TIMESTAMP,
        "data.inference_status.start_time: 1767908945607 is not a unix time in seconds within"
            + " [2015-01-01T00:00:00Z, 2100-01-01T00:00:00Z)");
  }

  @Test
  void quarantinesNumbersThatDoNotParse() {
    assertDetail(
        envelope(1, "ai_stream_status", object("{\"inference_status\": {\"fps\": \"NaN\"}}")),
        QuarantineReason.INVALID_NUMBER,
        "data.inference_status.fps: \"NaN\" is not a finite number");
    assertDetail(
        envelope(1, "create_new_payment", object("{\"faceValue\": \"-Infinity WEI\"}")),
        QuarantineReason.INVALID_NUMBER,
        "data.faceValue: \"-Infinity WEI\" is not a finite number");
    assertDetail(
        envelope(1, "create_new_payment", object("{\"faceValue\": \"12x WEI\"}")),
        QuarantineReason.INVALID_NUMBER,
        "data.faceValue: \"12x WEI\" is not a number");
    assertDetail(
        envelope(1, "create_new_payment", object("{\"numTickets\": \"1.5\"}")),
        QuarantineReason.INVALID_NUMBER,
        "data.numTickets: 1.5 is not an integer");
    assertDetail(
        envelope(1, "create_new_payment", object("{\"price\": \"5 ETH\"}")),
        QuarantineReason.INVALID_NUMBER,
        "data.price: \"5 ETH\" has unit \"ETH\", expected wei/pixel");
    assertDetail(
        envelope(1, "create_new_payment", object("{\"winProb\": \"0.5 WEI\"}")),
        QuarantineReason.INVALID_NUMBER,
        "data.winProb: \"0.5 WEI\" is not a number (no unit is expected)");
    assertDetail(
        envelope(
            1,
            "discovery_results",
            TestEvents.tree(TestEvents.utf8("[{\"latency_ms\": \" 77\"}]"))),
        QuarantineReason.INVALID_NUMBER,
        "data[0].latency_ms: \" 77\" is not a number (no unit is expected)");
  }

  @Test
  void quarantinesNumbersOutOfTheirRange() {
    assertDetail(
        envelope(
            1,
            "stream_ingest_metrics",
            object("{\"stats\": {\"peer_conn_stats\": {\"BytesReceived\": -1}}}")),
        QuarantineReason.OUT_OF_RANGE,
        "data.stats.peer_conn_stats.BytesReceived: -1 is out of range [0, 9223372036854775807]");
    assertDetail(
        envelope(1, "create_new_payment", object("{\"winProb\": \"1.5\"}")),
        QuarantineReason.OUT_OF_RANGE,
        "data.winProb: 1.5 is out of range [0, 1]");
    assertDetail(
        envelope(1, "ai_stream_status", object("{\"inference_status\": {\"fps\": 5000}}")),
        QuarantineReason.OUT_OF_RANGE,
        "data.inference_status.fps: 5000 is out of range [0, 1000]");
    assertDetail(
        envelope(
            1,
            "create_new_payment",
            object("{\"faceValue\": \"" + java.math.BigInteger.TWO.pow(256) + " WEI\"}")),
        QuarantineReason.OUT_OF_RANGE,
        "data.faceValue: 1157920892373161954235709850086879078532699846656405640394575840..."
            + " is out of range [0, 1157920892373161954235709850086879078532699846656405640394575"
            + "84007913129639935]");
    Quarantined hugeExponent =
        quarantined(envelope(1, "create_new_payment", object("{\"numTickets\": \"1e9999\"}")));
    assertThat(hugeExponent.reason()).isEqualTo(QuarantineReason.OUT_OF_RANGE);
    assertThat(hugeExponent.detail()).isEqualTo("data.numTickets: 1E+9999 is out of range");
  }

  @Test
  void quarantinesAddressesThatAreNotAddresses() {
    assertDetail(
        envelope(1, "create_new_payment", object("{\"recipient\": \"0x12\"}")),
        QuarantineReason.INVALID_ADDRESS,
        "data.recipient: \"0x12\" is not 0x and 40 hex digits");
    assertDetail(
        envelope(
            1,
            "stream_trace",
            object(
                "{\"type\": \"x\", \"orchestrator_info\": {\"address\":"
                    + " \"0xg2cf2968b3dc6016778742d3539449a6597d5954\"}}")),
        QuarantineReason.INVALID_ADDRESS,
        "data.orchestrator_info.address: \"0xg2cf2968b3dc6016778742d3539449a6597d5954\" is not"
            + " 0x and 40 hex digits");
  }

  @Test
  void reportsTheFirstBrokenRuleInTheDocumentedOrder() {
    ObjectNode manyProblems =
        envelope(1, "create_new_payment", object("{\"recipient\": \"bad\", \"winProb\": \"NaN\"}"));
    manyProblems.put("timestamp", "soon");
    assertDetail(
        manyProblems, QuarantineReason.INVALID_TIMESTAMP, "timestamp: \"soon\" is not a number");
    manyProblems.put("timestamp", "1767908945298");
    assertDetail(
        manyProblems,
        QuarantineReason.INVALID_ADDRESS,
        "data.recipient: \"bad\" is not 0x and 40 hex digits");
  }

  @Test
  void keepsTheEventIdOfARecordThatBreaksARuleAfterTheId() {
    Quarantined quarantined =
        quarantined(envelope(3, "create_new_payment", object("{\"recipient\": \"0x12\"}")));
    assertThat(quarantined.eventId()).isEqualTo(Optional.of(TestEvents.id(3)));
    assertThat(
            TestEvents.tree(TestEvents.utf8(quarantined.rawText()))
                .get("data")
                .get("recipient")
                .asText())
        .isEqualTo("0x12");
  }

  @Test
  void readsTheEventIdOfAnUnparseableKafkaRecordFromItsValue() {
    Quarantined cut =
        quarantined(
            "{\"id\": \"log-3\", \"topic\": \"t\", \"value\": {\"id\": \"" + ID + "\", \"type\": ");
    assertThat(cut.reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(cut.eventId()).hasValue(ID);
  }

  @Test
  void everyReasonHasAStableLowerCaseCode() {
    for (QuarantineReason reason : QuarantineReason.values()) {
      assertThat(reason.code()).matches("[a-z_]+").isEqualTo(reason.name().toLowerCase());
    }
  }

  private static Quarantined assertDetail(
      ObjectNode record, QuarantineReason reason, String detail) {
    Quarantined quarantined = quarantined(record);
    assertThat(quarantined.reason()).isEqualTo(reason);
    assertThat(quarantined.detail()).isEqualTo(detail);
    return quarantined;
  }
}
