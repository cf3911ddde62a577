package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonTreeReader} against Jackson, a general-purpose parser, on the same bytes: random JSON
 * documents, the capture's records, and both mutated byte by byte (the mutations keep the text
 * ASCII, where the two parsers' rules coincide). They must agree on what is JSON at all (with
 * repeated names refused, Jackson's strict duplicate detection) and, where both read a document, on
 * every value; each container's compact text must be what the general whitespace stripper gives.
 */
class JsonTreeReaderAgreementTest {

  private static final int MAX_DEPTH = 16;

  private static final ObjectMapper JACKSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * Bytes a mutation inserts or writes: JSON's punctuation, digits, letters of its words, space.
   */
  private static final byte[] MUTANTS =
      "{}[]\":,.-+eE0123456789tfnulrsa \t\n\\/xu".getBytes(StandardCharsets.US_ASCII);

  @Test
  void agreesWithJacksonOnRandomAndMutatedDocuments() {
    SplittableRandom random = new SplittableRandom(20261128);
    int read = 0;
    int refused = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder json = new StringBuilder();
      value(random, json, 0);
      byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
      if (compare(text)) {
        read++;
      } else {
        refused++;
      }
      byte[] mutated = mutate(random, text);
      if (compare(mutated)) {
        read++;
      } else {
        refused++;
      }
    }
    assertThat(read).as("documents both read").isGreaterThan(20_000);
    assertThat(refused).as("documents both refused").isGreaterThan(5_000);
  }

  @Test
  void agreesWithJacksonOnTheCapturesRecordsAndTheirMutations() throws IOException {
    List<byte[]> records = new ArrayList<>();
    for (JsonNode record : JACKSON.readTree(io.naap.testkit.Fixtures.liveStreamCapture())) {
      records.add(JACKSON.writeValueAsBytes(record));
      records.add(JACKSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    }
    SplittableRandom random = new SplittableRandom(8);
    for (byte[] record : records) {
      assertThat(compare(record)).as(new String(record, StandardCharsets.UTF_8)).isTrue();
      for (int n = 0; n < 200; n++) {
        compare(mutate(random, record));
      }
    }
  }

  /** Parses with both; asserts they agree; returns whether they read the text. */
  private static boolean compare(byte[] text) {
    String shown = new String(text, StandardCharsets.UTF_8);
    JsonNode expected;
    try (JsonParser parser = JACKSON.createParser(text)) {
      expected = JACKSON.readTree(parser);
      if (expected != null && parser.nextToken() != null) {
        expected = null; // trailing content: not one JSON value
      } else if (expected == null) {
        return assertRefused(text, shown, true);
      }
    } catch (IOException | RuntimeException e) {
      expected = null;
    }
    if (expected == null) {
      return assertRefused(text, shown, false);
    }
    Object actual;
    try {
      actual = new JsonTreeReader(text, 0, text.length, MAX_DEPTH, Integer.MAX_VALUE).read();
    } catch (NumberFormatException e) {
      // Jackson holds the literal; its exact value is out of any BigDecimal's range
      assertThat(hasNumberBeyondDecimals(expected)).as(shown).isTrue();
      return true;
    } catch (JsonTreeReader.MalformedJson e) {
      throw new AssertionError("refused what Jackson reads: " + shown + ": " + e.getMessage(), e);
    }
    assertSameValue(actual, expected, shown);
    return true;
  }

  private static boolean assertRefused(byte[] text, String shown, boolean empty) {
    Object actual;
    try {
      actual = new JsonTreeReader(text, 0, text.length, MAX_DEPTH, Integer.MAX_VALUE).read();
    } catch (JsonTreeReader.MalformedJson | NumberFormatException e) {
      // (a number beyond any decimal: Jackson refuses it when it makes its BigDecimal)
      assertThat(empty).as("Jackson found no value at all in: " + shown).isFalse();
      return false;
    }
    assertThat(actual).as("read what Jackson refuses: " + shown).isNull();
    assertThat(empty).as(shown).isTrue();
    return false;
  }

  private static boolean hasNumberBeyondDecimals(JsonNode node) {
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasNumberBeyondDecimals(child)) {
          return true;
        }
      }
      return false;
    }
    if (!node.isNumber()) {
      return false;
    }
    try {
      new BigDecimal(node.asText());
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static void assertSameValue(Object actual, JsonNode expected, String shown) {
    switch (actual) {
      case JsonObject object -> {
        assertThat(expected.isObject()).as(shown).isTrue();
        assertThat(object.size()).as(shown).isEqualTo(expected.size());
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        for (String name : object.names()) {
          Map.Entry<String, JsonNode> field = fields.next();
          assertThat(name).as(shown).isEqualTo(field.getKey());
          assertSameValue(object.get(name), field.getValue(), shown);
        }
        assertCompact(object.span(), shown);
      }
      case JsonArray array -> {
        assertThat(expected.isArray()).as(shown).isTrue();
        assertThat(array.size()).as(shown).isEqualTo(expected.size());
        for (int i = 0; i < array.size(); i++) {
          assertSameValue(array.get(i), expected.get(i), shown);
        }
        assertCompact(array.span(), shown);
      }
      case String string -> assertThat(string).as(shown).isEqualTo(expected.textValue());
      case Long integer -> {
        assertThat(expected.isIntegralNumber() && expected.canConvertToLong()).as(shown).isTrue();
        assertThat(integer).as(shown).isEqualTo(expected.longValue());
      }
      case JsonNumber number -> {
        assertThat(expected.isNumber()).as(shown).isTrue();
        assertThat(expected.isIntegralNumber() && expected.canConvertToLong())
            .as("an integer that fits a long is a Long: " + shown)
            .isFalse();
        assertThat(number.decimalValue().compareTo(new BigDecimal(expected.asText())))
            .as(shown)
            .isZero();
      }
      case Boolean bool -> assertThat(bool).as(shown).isEqualTo(expected.booleanValue());
      default -> {
        assertThat(actual).as(shown).isSameAs(JsonTreeReader.NULL);
        assertThat(expected.isNull()).as(shown).isTrue();
      }
    }
  }

  private static void assertCompact(JsonSpan span, String shown) {
    assertThat(span.compactUtf8())
        .as("compact text of a container in " + shown)
        .isEqualTo(CompactJson.utf8(span.buffer(), span.offset(), span.length()));
  }

  private static byte[] mutate(SplittableRandom random, byte[] text) {
    byte[] mutated = text.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && mutated.length > 0; e++) {
      int at = random.nextInt(mutated.length);
      byte mutant = MUTANTS[random.nextInt(MUTANTS.length)];
      mutated =
          switch (random.nextInt(4)) {
            case 0 -> remove(mutated, at);
            case 1 -> insert(mutated, at, mutant);
            case 2 -> {
              if (mutated[at] >= 0) {
                mutated[at] = mutant; // a byte of a multi-byte sequence stays: valid UTF-8
              }
              yield mutated;
            }
            default -> java.util.Arrays.copyOf(mutated, at);
          };
    }
    return mutated;
  }

  private static byte[] remove(byte[] text, int at) {
    if (text[at] < 0) {
      return text; // keep UTF-8 sequences whole
    }
    byte[] shorter = new byte[text.length - 1];
    System.arraycopy(text, 0, shorter, 0, at);
    System.arraycopy(text, at + 1, shorter, at, text.length - at - 1);
    return shorter;
  }

  private static byte[] insert(byte[] text, int at, byte b) {
    if (at < text.length && text[at] < 0 && (text[at] & 0xC0) == 0x80) {
      return text; // not inside a UTF-8 sequence
    }
    byte[] longer = new byte[text.length + 1];
    System.arraycopy(text, 0, longer, 0, at);
    longer[at] = b;
    System.arraycopy(text, at, longer, at + 1, text.length - at);
    return longer;
  }

  private static void value(SplittableRandom random, StringBuilder json, int depth) {
    int kind = depth >= 5 ? 2 + random.nextInt(6) : random.nextInt(8);
    switch (kind) {
      case 0 -> {
        json.append('{').append(space(random));
        int size = random.nextInt(depth == 0 ? 24 : 6);
        for (int i = 0; i < size; i++) {
          if (i > 0) {
            json.append(',').append(space(random));
          }
          // names from a small set: the name cache is exercised, and repeats happen
          string(random, json, "n" + random.nextInt(depth == 0 ? 40 : 12), random.nextInt(9) == 0);
          json.append(space(random)).append(':').append(space(random));
          value(random, json, depth + 1);
        }
        json.append(space(random)).append('}');
      }
      case 1 -> {
        json.append('[');
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
          json.append(i > 0 ? "," + space(random) : "");
          value(random, json, depth + 1);
        }
        json.append(']');
      }
      case 2, 3 -> string(random, json, text(random), false);
      case 4, 5 -> json.append(number(random));
      case 6 -> json.append(random.nextBoolean() ? "true" : "false");
      default -> json.append("null");
    }
  }

  private static String space(SplittableRandom random) {
    return switch (random.nextInt(12)) {
      case 0 -> " ";
      case 1 -> "\n  ";
      case 2 -> "\t";
      default -> "";
    };
  }

  private static void string(
      SplittableRandom random, StringBuilder json, String text, boolean escape) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || (escape && random.nextBoolean())) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  private static String text(SplittableRandom random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(random.nextInt(10) == 0 ? 200 : 40);
    for (int i = 0; i < length; i++) {
      text.append(
          switch (random.nextInt(20)) {
            case 0 -> '"';
            case 1 -> '\\';
            case 2 -> '\n';
            case 3 -> 'é';
            case 4 -> "\ud83d\ude00";
            case 5 -> (char) random.nextInt(0x20);
            default -> (char) ('a' + random.nextInt(26));
          });
    }
    return text.toString();
  }

  private static String number(SplittableRandom random) {
    return switch (random.nextInt(8)) {
      case 0 -> Long.toString(random.nextLong());
      case 1 -> Long.toString(random.nextInt(1000) - 500);
      case 2 -> (random.nextBoolean() ? "-" : "") + "9223372036854775" + (800 + random.nextInt(20));
      case 3 -> "1" + "0".repeat(random.nextInt(40));
      case 4 -> Double.toString(random.nextDouble() * 1000);
      case 5 -> random.nextInt(100) + "." + random.nextInt(1000) + "e" + (random.nextInt(40) - 20);
      case 6 -> "-0" + (random.nextBoolean() ? ".0" : "");
      default -> random.nextInt(10) + "E+" + random.nextInt(400);
    };
  }
}
