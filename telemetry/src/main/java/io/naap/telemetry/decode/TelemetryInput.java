package io.naap.telemetry.decode;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a telemetry input (a file, an HTTP body) and decodes every record of it, with the
 * accounting of {@link DecodeCounts}. Accepted inputs, after optional gzip compression (detected
 * by its magic bytes) and an optional UTF-8 byte order mark:
 *
 * <ul>
 *   <li>a JSON array of records (first non-whitespace byte {@code [}), scanned element by element;
 *   <li>NDJSON, one record per line (first non-whitespace byte {@code {}), blank lines ignored;
 *   <li>an empty or all-whitespace input: no records.
 * </ul>
 *
 * A record is an event envelope or a Kafka record carrying one in {@code value}. Thread-safe and
 * stateless: build one per application and share it.
 */
public final class TelemetryInput {

  private static final int BUFFER = 64 * 1024;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final EventDecoder decoder;
  private final ArraySplitter arraySplitter;
  private final LineSplitter lineSplitter;

  public TelemetryInput(EventDecoder decoder) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.arraySplitter = new ArraySplitter(decoder.settings());
    this.lineSplitter = new LineSplitter(decoder.settings());
  }

  /**
   * Decodes a whole input held in memory.
   *
   * @throws MalformedInputException when the input's records cannot be counted reliably
   */
  public DecodeBatch read(byte[] input) {
    return read(new ByteArrayInputStream(input));
  }

  /**
   * Decodes a whole input, keeping every outcome; for inputs too large for that, use {@link
   * #stream(InputStream, Consumer)}. Does not close the stream.
   *
   * @throws MalformedInputException when the input's records cannot be counted reliably
   * @throws TelemetryInputException when the stream cannot be read
   */
  public DecodeBatch read(InputStream input) {
    List<RecordOutcome> outcomes = new ArrayList<>();
    DecodeCounts counts = stream(input, outcomes::add);
    return new DecodeBatch(outcomes, counts);
  }

  /**
   * Decodes an input record by record, handing each outcome to {@code sink} in input order as soon
   * as it is known; memory stays bounded by the record bound (plus the ids seen, for
   * deduplication). Does not close the stream.
   *
   * @return the counts of the whole input
   * @throws MalformedInputException when the input's records cannot be counted reliably; the
   *     outcomes handed to the sink before that were delivered, and the caller must not treat the
   *     input as accepted
   * @throws TelemetryInputException when the stream cannot be read
   */
  public DecodeCounts stream(InputStream input, Consumer<? super RecordOutcome> sink) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(sink, "sink");
    BatchAccounting accounting = new BatchAccounting();
    RecordSink records =
        new RecordSink() {
          @Override
          public void record(byte[] buffer, int offset, int length) {
            sink.accept(accounting.account(decoder.decode(buffer, offset, length)));
          }

          @Override
          public void oversized(long length, boolean exact, byte[] prefix, int prefixLength) {
            sink.accept(
                accounting.account(decoder.oversized(length, exact, prefix, 0, prefixLength)));
          }
        };
    boolean gzip = false;
    try {
      BufferedInputStream buffered = new BufferedInputStream(input, BUFFER);
      gzip = isGzip(buffered);
      InputStream text = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
      PushbackInputStream source = new PushbackInputStream(text, 2);
      long skipped = skipPreamble(source);
      int first = source.read();
      if (first < 0) {
        return accounting.counts();
      }
      int second = source.read();
      if (second >= 0) {
        source.unread(second);
      }
      source.unread(first);
      if (second == 0) {
        throw new MalformedInputException(
            "the input is not UTF-8 (a zero byte follows the first character at byte "
                + skipped
                + ": UTF-16?)",
            skipped,
            0,
            null);
      }
      switch (first) {
        case '[' -> arraySplitter.split(source, skipped, records, accounting::received);
        case '{' -> lineSplitter.split(source, records);
        default ->
            throw new MalformedInputException(
                "the input starts with "
                    + describeByte(first)
                    + " at byte "
                    + skipped
                    + ": expected '[' (a JSON array of events) or '{' (NDJSON, one event per"
                    + " line)",
                skipped,
                0,
                null);
      }
      return accounting.counts();
    } catch (ZipException | EOFException e) {
      if (!gzip) {
        throw new TelemetryInputException("reading the telemetry input failed: " + e, e);
      }
      throw new MalformedInputException(
          "the gzip stream is corrupt or truncated after "
              + accounting.received()
              + " records: "
              + e.getMessage(),
          -1,
          accounting.received(),
          e);
    } catch (IOException e) {
      throw new TelemetryInputException("reading the telemetry input failed: " + e, e);
    }
  }

  /**
   * Decodes records that arrive already split, e.g. the values of one Kafka poll: each element is
   * one record (an event, or a Kafka record wrapping one).
   */
  public DecodeBatch readRecords(Iterable<byte[]> records) {
    BatchAccounting accounting = new BatchAccounting();
    List<RecordOutcome> outcomes = new ArrayList<>();
    for (byte[] record : records) {
      outcomes.add(accounting.account(decoder.decode(record)));
    }
    return new DecodeBatch(outcomes, accounting.counts());
  }

  private static boolean isGzip(BufferedInputStream input) throws IOException {
    input.mark(2);
    int first = input.read();
    int second = input.read();
    input.reset();
    return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
  }

  /** Skips a UTF-8 byte order mark and whitespace; returns how many bytes were skipped. */
  private static long skipPreamble(PushbackInputStream input) throws IOException {
    long skipped = 0;
    int b = input.read();
    if (b == 0xEF) {
      int second = input.read();
      int third = input.read();
      if (second != 0xBB || third != 0xBF) {
        throw new MalformedInputException(
            "the input starts with byte 0xef that does not begin a UTF-8 byte order mark",
            0,
            0,
            null);
      }
      skipped = 3;
      b = input.read();
    }
    while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
      skipped++;
      b = input.read();
    }
    if (b >= 0) {
      input.unread(b);
    }
    return skipped;
  }

  private static String describeByte(int b) {
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02x", b);
  }
}
