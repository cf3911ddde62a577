package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decoder's light tree: values, spans, repeated names, numbers beyond range. */
class JsonTreeReaderTest {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Reads the JSON placed at offset 3 of a larger buffer, as records sit in an input. */
  private static Object read(String json) throws IOException {
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[text.length + 6];
    System.arraycopy(text, 0, buffer, 3, text.length);
    try (JsonParser parser = FACTORY.createParser(buffer, 3, text.length)) {
      return JsonTreeReader.read(parser, parser.nextToken(), buffer, 3);
    }
  }

  @Test
  void readsEachKindOfValue() throws IOException {
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
  void findsFieldsInAnyOrderOfLookup() throws IOException {
    JsonObject object = (JsonObject) read("{\"a\": 1, \"b\": 2, \"c\": 3}");
    assertThat(object.get("c")).isEqualTo(3L);
    assertThat(object.get("a")).isEqualTo(1L);
    assertThat(object.get("b")).isEqualTo(2L);
    assertThat(object.get("b")).isEqualTo(2L);
    assertThat(object.get("d")).isNull();
    assertThat(object.get("a")).isEqualTo(1L);
  }

  @Test
  void writesContainersAsTheirOwnBytesWithoutWhitespaceAndScalarsAsJson() throws IOException {
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
        .isInstanceOf(JsonParseException.class)
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
        .isInstanceOf(JsonParseException.class)
        .hasMessageContaining("Duplicate field 'f3'");
  }

  @Test
  void readsALargeObjectWithoutRepeats() throws IOException {
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
}
