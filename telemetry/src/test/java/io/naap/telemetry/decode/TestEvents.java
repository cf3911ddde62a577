package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.GatewayEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builders and readers of test events and inputs. */
final class TestEvents {

  /** Writes and reads nesting far deeper than the decoder accepts, to build hostile records. */
  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamWriteConstraints(
                  StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
              .build());

  static final EventDecoder DECODER = new EventDecoder(DecoderSettings.defaults());
  static final TelemetryInput INPUT = new TelemetryInput(DECODER);

  private TestEvents() {}

  /** A fixed, valid event id: {@code 00000000-0000-4000-8000-<n, 12 digits>}. */
  static String id(long n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  static ArrayNode captureRecords() {
    return (ArrayNode) tree(io.naap.testkit.Fixtures.liveStreamCapture());
  }

  static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object(String json) {
    return (ObjectNode) tree(json.getBytes(StandardCharsets.UTF_8));
  }

  /** An envelope with the given family and data, id {@link #id(long)} of {@code n}. */
  static ObjectNode envelope(long n, String family, JsonNode data) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("id", id(n));
    envelope.put("type", family);
    envelope.put("timestamp", "1767908945298");
    envelope.put("gateway", "");
    envelope.set("data", data);
    return envelope;
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] ndjson(List<? extends JsonNode> records) {
    StringBuilder text = new StringBuilder();
    for (JsonNode record : records) {
      text.append(record).append('\n');
    }
    return utf8(text.toString());
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static DecodeResult decode(JsonNode record) {
    return DECODER.decode(bytes(record));
  }

  static DecodeResult decode(String record) {
    return DECODER.decode(utf8(record));
  }

  /** Decodes a record that must decode, and returns its event. */
  static <T extends GatewayEvent> T decoded(JsonNode record, Class<T> type) {
    DecodeResult result = decode(record);
    assertThat(result).isInstanceOf(Decoded.class);
    return type.cast(((Decoded) result).event());
  }

  /** Decodes a record that must be quarantined, and returns the quarantine. */
  static Quarantined quarantined(JsonNode record) {
    DecodeResult result = decode(record);
    assertThat(result).isInstanceOf(Quarantined.class);
    return (Quarantined) result;
  }

  static Quarantined quarantined(String record) {
    DecodeResult result = decode(record);
    assertThat(result).isInstanceOf(Quarantined.class);
    return (Quarantined) result;
  }
}
