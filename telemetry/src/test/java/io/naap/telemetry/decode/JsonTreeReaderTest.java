package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decoder's light tree: values, spans, repeated names, numbers beyond range. */
class JsonTreeReaderTest {

  /** Reads the JSON placed at offset 3 of a larger buffer, as records sit in an input. */
  private static Object read(String json) {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[text.length + 6];
    System.arraycopy(text, 0, buffer, 3, text.length);
    return new JsonTreeReader(buffer, 3, text.length, 64, 1 << 20).read();
  }

  @Test
  void readsEachKindOfValue() {
    JsonObject object =
        (JsonObject)
            read(
                "{\"s\": \"x\", \"i\": -12, \"big\": 123456789012345678901234567890, \"d\": 1.50,"
                    + " \"e\": 2e3, \"t\": true, \"f\": false, \"n\": null, \"a\": [1, {}]}");

    assertThat(object.size()).isEqualTo(9);
    assertThat(object.names()).containsExactly("s", "i", "big", "d", "e", "t", "f", "n", "a");
    assertThat(object.get("s")).isEqualTo("x");
    assertThat(object.get("i")).isEqualTo(-12L);
    assertThat(((JsonNumber) object.get("big")).decimalValue())
        .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(((JsonNumber) object.get("d")).decimalValue()).isEqualTo(new BigDecimal("1.50"));
    assertThat(((JsonNumber) object.get("e")).doubleValue()).isEqualTo(2000.0);
    assertThat(object.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(object.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(object.get("n")).isSameAs(JsonTreeReader.NULL);
    assertThat(object.get("absent")).isNull();
    JsonArray array = (JsonArray) object.get("a");
    assertThat(array.size()).isEqualTo(2);
    assertThat(array.get(0)).isEqualTo(1L);
    assertThat(array.get(1)).isInstanceOf(JsonObject.class);
    assertThat(JsonTreeReader.kind(object)).isEqualTo("an object");
    assertThat(JsonTreeReader.kind(array)).isEqualTo("an array");
    assertThat(JsonTreeReader.kind(object.get("big"))).isEqualTo("a number");
    assertThat(JsonTreeReader.kind(object.get("i"))).isEqualTo("a number");
    assertThat(JsonTreeReader.kind(object.get("t"))).isEqualTo("a boolean");
    assertThat(JsonTreeReader.kind(object.get("n"))).isEqualTo("null");
  }

  @Test
  void findsFieldsInAnyOrderOfLookup() {
    JsonObject object = (JsonObject) read("{\"a\": 1, \"b\": 2, \"c\": 3}");
    assertThat(object.get("c")).isEqualTo(3L);
    assertThat(object.get("a")).isEqualTo(1L);
    assertThat(object.get("b")).isEqualTo(2L);
    assertThat(object.get("b")).isEqualTo(2L);
    assertThat(object.get("d")).isNull();
    assertThat(object.get("a")).isEqualTo(1L);
  }

  @Test
  void writesContainersAsTheirOwnBytesWithoutWhitespaceAndScalarsAsJson() {
    JsonObject object =
        (JsonObject)
            read(
                "{ \"p\" : { \"prompt\" : \"a  cat \\u00e9\", \"t\" : 1.50e3 } ,"
                    + " \"q\": [ 1 , 2 ], \"s\": \"say \\\"hi\\\"\\n\", \"n\": 1E400}");

    assertThat(JsonTreeReader.text(object.get("p")))
        .isEqualTo("{\"prompt\":\"a  cat \\u00e9\",\"t\":1.50e3}");
    assertThat(JsonTreeReader.text(object.get("q"))).isEqualTo("[1,2]");
    assertThat(JsonTreeReader.text(object.get("s"))).isEqualTo("\"say \\\"hi\\\"\\n\"");
    assertThat(JsonTreeReader.text(object.get("n"))).isEqualTo("1E400");
    assertThat(JsonTreeReader.text(JsonTreeReader.NULL)).isEqualTo("null");
    assertThat(new String(object.span().compactUtf8(), StandardCharsets.UTF_8))
        .startsWith("{\"p\":{")
        .endsWith("\"n\":1E400}");
  }

  @Test
  void refusesARepeatedNameInASmallObject() {
    assertThatThrownBy(() -> read("{\"a\": 1, \"b\": 2, \"a\": 3}"))
        .isInstanceOf(JsonTreeReader.MalformedJson.class)
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void refusesARepeatedNameInALargeObject() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      json.append("\"f").append(i).append("\": ").append(i).append(", ");
    }
    json.append("\"f3\": 0}");
    assertThatThrownBy(() -> read(json.toString()))
        .isInstanceOf(JsonTreeReader.MalformedJson.class)
        .hasMessageContaining("Duplicate field 'f3'");
  }

  @Test
  void readsALargeObjectWithoutRepeats() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      json.append(i == 0 ? "" : ", ").append("\"f").append(i).append("\": ").append(i);
    }
    JsonObject object = (JsonObject) read(json.append('}').toString());
    assertThat(object.size()).isEqualTo(40);
    assertThat(object.get("f39")).isEqualTo(39L);
    assertThat(object.get("f0")).isEqualTo(0L);
  }

  @Test
  void refusesAnExponentBeyondAnyDecimalWhereverTheNumberIs() {
    for (String json : new String[] {"{\"x\": 1e-2147483649}", "[0, [1.5e9999999999]]"}) {
      assertThatThrownBy(() -> read(json))
          .as(json)
          .isInstanceOf(NumberFormatException.class)
          .hasMessageContaining("has an exponent out of range");
    }
  }

  private static RecordRejected storeRule(String json) {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    JsonTreeReader reader = new JsonTreeReader(text, 0, text.length, 64, 1 << 20);
    reader.read();
    return reader.storeRule();
  }

  @Test
  void notesTheFirstEscapeTheStoreCannotHoldAndChecksUtf8OnlyAfterThat() {
    assertThat(storeRule("{\"a\": \"\\ud83d\\ude00 \\\\ude00 caf\u00e9\"}")).isNull();
    assertThat(storeRule("[\"x\\u0000\", \"\\udc00\"]").detail())
        .isEqualTo("byte 3: the escape \\u0000 (PostgreSQL text cannot hold U+0000)");
    // a low surrogate after an escaped backslash and the text "ud83d" is not the end of a pair
    RecordRejected low = storeRule("[\"\\\\ud83d\\ude00\"]");
    assertThat(low.reason()).isEqualTo(QuarantineReason.UNSTORABLE);
    assertThat(low.detail()).isEqualTo("byte 9: an unpaired low surrogate escape \\ude00");
    assertThat(storeRule("[\"\\ud83d\\ud83d\\ude00\"]").detail())
        .isEqualTo("byte 2: an unpaired high surrogate escape \\ud83d");
    assertThat(storeRule("[\"\\ud83dx\"]").detail())
        .endsWith("unpaired high surrogate escape \\ud83d");
    byte[] overlong = {'[', '"', (byte) 0xC0, (byte) 0x80, '"', ']'};
    JsonTreeReader reader = new JsonTreeReader(overlong, 0, overlong.length, 64, 1 << 20);
    reader.read();
    assertThat(reader.storeRule().detail()).isEqualTo("not valid UTF-8 at byte 2");
  }

  @Test
  void refusesWhatIsNotJsonWithWhereAndWhy() {
    String[][] cases = {
      {"{\"a\": 1,}", "8", "expected '\"' to start a field name"},
      {"[1 2]", "3", "expected ',' or ']'"},
      {"{\"a\" 1}", "5", "expected ':'"},
      {"[01]", "1", "leading zeroes"},
      {"[1.]", "3", "a decimal point must be followed by a digit"},
      {"[-]", "2", "a minus sign must be followed by a digit"},
      {"[tru]", "1", "expected true"},
      {"[\"a\u0001\"]", "3", "control character"},
      {"[\"\\x\"]", "3", "Unrecognized character escape"},
      {"{} {}", "3", "Trailing token (of type START_OBJECT)"},
      {"{\"a\": [1, ", "10", "Unexpected end of input"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> read(c[0]))
          .as(c[0])
          .isInstanceOfSatisfying(
              JsonTreeReader.MalformedJson.class,
              e -> {
                assertThat(e.kind()).isEqualTo(JsonTreeReader.MalformedJson.Kind.SYNTAX);
                assertThat(e.byteOffset()).isEqualTo(Integer.parseInt(c[1]));
              })
          .hasMessageContaining(c[2]);
    }
  }

  @Test
  void refusesWhatBreaksABound() {
    byte[] deep = "[[[[[]]]]]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new JsonTreeReader(deep, 0, deep.length, 4, 100).read())
        .isInstanceOfSatisfying(
            JsonTreeReader.MalformedJson.class,
            e -> assertThat(e.kind()).isEqualTo(JsonTreeReader.MalformedJson.Kind.TOO_DEEP))
        .hasMessage("Document nesting depth (5) exceeds the maximum allowed (4)");
    byte[] longName = ("{\"" + "n".repeat(101) + "\": 1}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new JsonTreeReader(longName, 0, longName.length, 4, 100).read())
        .hasMessage("Name length (101) exceeds the maximum allowed (100)");
    byte[] longNumber = ("[" + "1".repeat(1001) + "]").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonTreeReader.read(longNumber))
        .isInstanceOfSatisfying(
            JsonTreeReader.MalformedJson.class,
            e -> assertThat(e.kind()).isEqualTo(JsonTreeReader.MalformedJson.Kind.TOO_LARGE))
        .hasMessage("Number value length (1001) exceeds the maximum allowed (1000)");
  }

  @Test
  void givesTheSameNameOnceCachedAndTellsLongAndEscapedNamesApart() {
    JsonObject first = (JsonObject) read("{\"stream_id\": 1, \"orchestrator_info_1\": 2}");
    JsonObject second =
        (JsonObject) read("{\"stream_id\": 3, \"orchestrator_info_2\": 4, \"stre\\u0061m\": 5}");
    assertThat(second.names().get(0)).isSameAs(first.names().get(0));
    assertThat(second.get("orchestrator_info_1")).isNull();
    assertThat(second.get("orchestrator_info_2")).isEqualTo(4L);
    assertThat(second.get("stream")).isEqualTo(5L);
  }
}
