package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.TestEvents.INPUT;
import static io.naap.telemetry.decode.TestEvents.envelope;
import static io.naap.telemetry.decode.TestEvents.object;
import static io.naap.telemetry.decode.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How inputs are split into records, and when a whole input fails. */
class InputSplittingTest {

  private static final DecoderSettings SMALL = new DecoderSettings(4096, 1024, 16, 512);
  private static final TelemetryInput SMALL_INPUT = new TelemetryInput(new EventDecoder(SMALL));

  private static String event(long n) {
    return envelope(n, "stream_trace", object("{\"type\": \"gateway_receive_stream_request\"}"))
        .toString();
  }

  @Test
  void splitsAJsonArrayElementByElementWhateverItsLayout() {
    String body = "[\n  " + event(1) + " ,\n\n" + event(2) + ",\t" + event(3) + "\n]\n";
    DecodeBatch batch = INPUT.read(utf8(body));
    assertThat(batch.events())
        .extracting(event -> event.id().toString())
        .containsExactly(TestEvents.id(1), TestEvents.id(2), TestEvents.id(3));
  }

  @Test
  void readsAnEmptyArrayAndAnEmptyInputAsNoRecords() {
    assertThat(INPUT.read(utf8("[ ]")).counts().received()).isZero();
    assertThat(INPUT.read(new byte[0]).counts().received()).isZero();
    assertThat(INPUT.read(utf8(" \n\t ")).counts().received()).isZero();
  }

  @Test
  void readsAnArrayLargerThanAnyBufferOfTheScanner() {
    StringBuilder body = new StringBuilder("[");
    for (int n = 1; n <= 5000; n++) {
      body.append(n > 1 ? "," : "").append(event(n));
    }
    DecodeBatch batch = SMALL_INPUT.read(utf8(body.append(']').toString()));
    assertThat(batch.counts().decoded()).isEqualTo(5000);
    assertThat(batch.events().get(4999).id()).hasToString(TestEvents.id(5000));
  }

  @Test
  void failsATruncatedArrayNamingTheByteAndTheElement() {
    String body = "[" + event(1) + "," + event(2) + "," + event(3).substring(0, 40);
    assertThatThrownBy(() -> INPUT.read(utf8(body)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("the JSON array is broken at byte " + body.length())
        .hasMessageContaining("(element 2)")
        .satisfies(
            e -> {
              MalformedInputException broken = (MalformedInputException) e;
              assertThat(broken.byteOffset()).isEqualTo(body.length());
              assertThat(broken.recordIndex()).isEqualTo(2);
            });
  }

  @Test
  void failsAnArrayWithGarbageBetweenElements() {
    String first = "[" + event(1);
    String body = first + " oops " + event(2) + "]";
    assertThatThrownBy(() -> INPUT.read(utf8(body)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("the JSON array is broken at byte " + (first.length() + 1))
        .hasMessageContaining("(element 1)");
  }

  @Test
  void failsAnArrayWithAMissingComma() {
    assertThatThrownBy(() -> INPUT.read(utf8("[" + event(1) + " " + event(2) + "]")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("element 1");
  }

  @Test
  void failsAnArrayWithAnElementThatIsNotJson() {
    assertThatThrownBy(() -> INPUT.read(utf8("[" + event(1) + ", {\"id\": tru}]")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("element 1");
  }

  @Test
  void failsContentAfterTheClosingBracket() {
    String array = "[" + event(1) + "]";
    assertThatThrownBy(() -> INPUT.read(utf8(array + "\n[" + event(2) + "]")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("content after the closing ']'")
        .hasMessageContaining("byte " + (array.length() + 1));
  }

  @Test
  void failsAnInputThatIsNeitherAnArrayNorNdjson() {
    assertThatThrownBy(() -> INPUT.read(utf8("  id,type\n1,stream_trace")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessage(
            "the input starts with 'i' at byte 2: expected '[' (a JSON array of events) or '{'"
                + " (NDJSON, one event per line)");
  }

  @Test
  void failsUtf16Input() {
    byte[] utf16 = ("[" + event(1) + "]").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    assertThatThrownBy(() -> INPUT.read(utf16))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void failsATruncatedGzipStream() {
    byte[] gzip = TestEvents.gzip(io.naap.testkit.Fixtures.liveStreamCapture());
    byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);
    assertThatThrownBy(() -> INPUT.read(cut))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("gzip stream is corrupt or truncated");
  }

  @Test
  void wrapsAStreamThatFailsToRead() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };
    assertThatThrownBy(() -> INPUT.read(failing))
        .isExactlyInstanceOf(TelemetryInputException.class)
        .hasMessageContaining("disk on fire");
  }

  @Test
  void quarantinesAnNdjsonLineThatIsNotJsonAndReadsTheOthers() {
    String ndjson =
        event(1) + "\n{\"id\": \"" + TestEvents.id(2) + "\", broken\n" + event(3) + "\n";
    DecodeBatch batch = INPUT.read(utf8(ndjson));
    assertThat(batch.counts().received()).isEqualTo(3);
    assertThat(batch.counts().decoded()).isEqualTo(2);
    assertThat(batch.outcomes().get(1)).isInstanceOf(Quarantined.class);
    Quarantined broken = (Quarantined) batch.outcomes().get(1);
    assertThat(broken.reason()).isEqualTo(QuarantineReason.MALFORMED_JSON);
    assertThat(broken.eventId()).hasValue(TestEvents.id(2));
  }

  @Test
  void quarantinesAnOversizedArrayElementWithoutLosingTheNextOne() {
    ObjectNode huge = envelope(2, "stream_trace", object("{\"type\": \"orchestrator_swap\"}"));
    ((ObjectNode) huge.get("data")).put("message", "m".repeat(200_000));
    String body = "[" + event(1) + "," + huge + "," + event(3) + "]";

    DecodeBatch batch = SMALL_INPUT.read(utf8(body));

    assertThat(batch.counts().received()).isEqualTo(3);
    assertThat(batch.outcomes().get(0)).isInstanceOf(Decoded.class);
    Quarantined tooLarge = (Quarantined) batch.outcomes().get(1);
    assertThat(tooLarge.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    assertThat(tooLarge.detail())
        .isEqualTo("the record has " + huge.toString().length() + " bytes, the bound is 4096");
    assertThat(tooLarge.eventId()).hasValue(TestEvents.id(2));
    assertThat(tooLarge.rawText()).hasSize(512).startsWith("{\"id\":\"" + TestEvents.id(2));
    assertThat(((Decoded) batch.outcomes().get(2)).event().id()).hasToString(TestEvents.id(3));
  }

  @Test
  void quarantinesAnOversizedNdjsonLineWithoutLosingTheNextOne() {
    String huge = "{\"id\": \"" + TestEvents.id(2) + "\", \"x\": \"" + "m".repeat(300_000) + "\"}";
    String ndjson = event(1) + "\r\n" + huge + "\r\n" + event(3);

    DecodeBatch batch = SMALL_INPUT.read(utf8(ndjson));

    assertThat(batch.counts().received()).isEqualTo(3);
    Quarantined tooLarge = (Quarantined) batch.outcomes().get(1);
    assertThat(tooLarge.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    assertThat(tooLarge.detail())
        .isEqualTo("the record has " + huge.length() + " bytes, the bound is 4096");
    assertThat(tooLarge.eventId()).hasValue(TestEvents.id(2));
    assertThat(batch.outcomes().get(2)).isInstanceOf(Decoded.class);
  }

  @Test
  void streamsAnInputFarLargerThanTheRecordBoundInBoundedMemory() {
    // 64 MiB of one string element, produced lazily: never held whole by the input or the test
    long size = 64L << 20;
    InputStream body =
        new SequenceInputStream(
            Collections.enumeration(
                List.of(
                    new ByteArrayInputStream(utf8("[" + event(1) + ",\"")),
                    new RepeatingStream((byte) 'x', size),
                    new ByteArrayInputStream(utf8("\"," + event(2) + "]")))));
    List<RecordOutcome> outcomes = new ArrayList<>();

    DecodeCounts counts = SMALL_INPUT.stream(body, outcomes::add);

    assertThat(counts.received()).isEqualTo(3);
    Quarantined tooLarge = (Quarantined) outcomes.get(1);
    assertThat(tooLarge.reason()).isEqualTo(QuarantineReason.TOO_LARGE);
    assertThat(tooLarge.detail())
        .isEqualTo("the record has more than 4096 bytes, the bound is 4096");
    assertThat(tooLarge.rawText()).hasSize(512).startsWith("\"xxx");
    assertThat(outcomes.get(2)).isInstanceOf(Decoded.class);
  }

  @Test
  void quarantinesScalarElementsOfAnArray() {
    String body =
        "[1.5e3, \"a \\\" string, with a comma\", true, null, " + event(1) + ", [1, 2], \"\"]";
    DecodeBatch batch = INPUT.read(utf8(body));
    assertThat(batch.counts().received()).isEqualTo(7);
    assertThat(batch.quarantined())
        .extracting(Quarantined::rawText)
        .containsExactly(
            "1.5e3", "\"a \\\" string, with a comma\"", "true", "null", "[1, 2]", "\"\"");
    assertThat(batch.quarantined())
        .extracting(Quarantined::reason)
        .containsOnly(QuarantineReason.NOT_AN_OBJECT);
  }

  @Test
  void quarantinesDeeplyNestedElementsAndFailsBeyondTheScannersDepth() {
    String deep = "{\"data\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
    DecodeBatch batch = INPUT.read(utf8("[" + deep + "," + event(1) + "]"));
    assertThat(batch.outcomes().get(0))
        .isInstanceOfSatisfying(
            Quarantined.class, q -> assertThat(q.reason()).isEqualTo(QuarantineReason.TOO_DEEP));
    assertThat(batch.outcomes().get(1)).isInstanceOf(Decoded.class);

    int tooDeep = ArraySplitter.MAX_SCAN_NESTING + 1;
    assertThatThrownBy(
            () -> INPUT.read(utf8("[" + "[".repeat(tooDeep) + "]".repeat(tooDeep) + "]")))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("nesting depth");

    DecodeBatch ndjson = INPUT.read(utf8("{\"a\": " + "[".repeat(tooDeep) + "\n" + event(1)));
    assertThat(ndjson.outcomes().get(0))
        .as("in NDJSON the line is one record, whatever its depth")
        .isInstanceOfSatisfying(
            Quarantined.class, q -> assertThat(q.reason()).isEqualTo(QuarantineReason.TOO_DEEP));
  }

  @Test
  void doesNotCloseTheCallersStream() {
    boolean[] closed = {false};
    InputStream body =
        new ByteArrayInputStream(utf8("[" + event(1) + "]")) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    INPUT.read(body);
    assertThat(closed[0]).isFalse();
  }

  @Test
  void handsOutcomesToTheSinkInInputOrder() {
    StringBuilder ndjson = new StringBuilder();
    for (int n = 1; n <= 100; n++) {
      ndjson.append(n % 7 == 0 ? "not json" : event(n)).append('\n');
    }
    List<RecordOutcome> streamed = new ArrayList<>();
    INPUT.stream(new ByteArrayInputStream(utf8(ndjson.toString())), streamed::add);
    assertThat(streamed).isEqualTo(INPUT.read(utf8(ndjson.toString())).outcomes());
    assertThat(streamed).hasSize(100);
    assertThat(streamed.get(6)).as("line 7").isInstanceOf(Quarantined.class);
    assertThat(((Decoded) streamed.get(7)).event().id()).hasToString(TestEvents.id(8));
  }

  /** {@code count} copies of one byte, generated on demand. */
  private static final class RepeatingStream extends InputStream {
    private final byte value;
    private long remaining;

    RepeatingStream(byte value, long count) {
      this.value = value;
      this.remaining = count;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return value;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int count = (int) Math.min(length, remaining);
      Arrays.fill(target, offset, offset + count, value);
      remaining -= count;
      return count;
    }
  }
}
