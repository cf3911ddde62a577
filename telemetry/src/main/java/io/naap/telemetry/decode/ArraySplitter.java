package io.naap.telemetry.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Splits a JSON array into records, element by element, with Jackson's streaming parser: an element
 * is scanned token by token (strings are skipped, never materialised) and then decoded from the
 * bytes kept by {@link RetainingInputStream}; the body is never held whole.
 *
 * <p>If the array itself is broken (truncated, garbage between elements, content after the closing
 * bracket, nesting deeper than {@value #MAX_SCAN_NESTING} levels, a field name or number longer
 * than the record bound) its records cannot be counted reliably, and the whole input fails with a
 * {@link MalformedInputException} naming the byte and the element.
 */
final class ArraySplitter {

  /**
   * Deepest nesting the scanner follows. Deeper than the record bound but shallower than this is a
   * record quarantined {@code too_deep}; deeper than this fails the input (the parser's state per
   * level is small, so this bounds its memory to a few MB).
   */
  static final int MAX_SCAN_NESTING = 100_000;

  private final DecoderSettings settings;
  private final JsonFactory factory;

  ArraySplitter(DecoderSettings settings) {
    this.settings = settings;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_SCAN_NESTING)
                    .maxStringLength(settings.maxRecordBytes())
                    .maxNameLength(settings.maxRecordBytes())
                    .maxNumberLength(settings.maxRecordBytes())
                    .build())
            // canonicalisation stays on: without it Jackson reads bytes through a Reader and
            // reports no byte offsets
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CHARSET_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
  }

  /**
   * Splits the array that {@code input} holds (its first byte is the {@code [}).
   *
   * @param baseOffset bytes of the input before {@code input}'s first byte (for error messages)
   * @param recordsSoFar the number of records handed to the sink so far (for error messages)
   */
  void split(InputStream input, long baseOffset, RecordSink sink, LongSupplier recordsSoFar)
      throws IOException {
    RetainingInputStream retained =
        new RetainingInputStream(input, settings.maxRecordBytes(), settings.maxRawTextBytes());
    try (JsonParser parser = factory.createParser(retained)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_ARRAY) {
        throw broken("expected '['", baseOffset, recordsSoFar, null);
      }
      token = parser.nextToken();
      while (token != JsonToken.END_ARRAY) {
        if (token == null) {
          throw broken(
              "the array is not closed", baseOffset + retained.position(), recordsSoFar, null);
        }
        long start = parser.currentTokenLocation().getByteOffset();
        retained.beginRecord(start);
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          parser.skipChildren();
          retained.endRecord(parser.currentLocation().getByteOffset(), sink);
          token = parser.nextToken();
        } else if (token == JsonToken.VALUE_STRING) {
          token = parser.nextToken();
          long next =
              token == null ? retained.position() : parser.currentTokenLocation().getByteOffset();
          retained.endStringRecord(next, sink);
        } else {
          retained.endRecord(parser.currentLocation().getByteOffset(), sink);
          token = parser.nextToken();
        }
      }
      if (parser.nextToken() != null) {
        throw broken(
            "content after the closing ']'",
            baseOffset + parser.currentTokenLocation().getByteOffset(),
            recordsSoFar,
            null);
      }
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      long offset =
          location != null && location.getByteOffset() >= 0
              ? location.getByteOffset()
              : retained.position();
      String message = e.getOriginalMessage();
      int newline = message.indexOf('\n');
      throw broken(
          newline < 0 ? message : message.substring(0, newline),
          baseOffset + offset,
          recordsSoFar,
          e);
    }
  }

  private static MalformedInputException broken(
      String problem, long offset, LongSupplier recordsSoFar, Throwable cause) {
    long element = recordsSoFar.getAsLong();
    return new MalformedInputException(
        "the JSON array is broken at byte "
            + offset
            + " (element "
            + element
            + "): "
            + problem
            + "; its records cannot be counted reliably, so none is accepted",
        offset,
        element,
        cause);
  }
}
