package io.naap.telemetry.decode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The stream a JSON array is scanned from. It keeps the bytes the parser has read since the start
 * of the current record, so that the record's text can be decoded once the parser has found its
 * end, and bounds what it keeps: a record longer than the record bound keeps only its first bytes
 * (for the quarantine) and a window of the latest bytes (where the next record starts).
 *
 * <p>Each read hands out at most {@link #MAX_READ} bytes, which bounds how far the parser reads
 * ahead of the token it reports: always less than the window kept.
 */
final class RetainingInputStream extends InputStream {

  static final int MAX_READ = 8192;

  /** Latest bytes kept past the bound inside an oversized record: 4 reads' worth. */
  private static final int WINDOW = 4 * MAX_READ;

  private final InputStream source;
  private final int recordLimit;
  private final int prefixLimit;

  private byte[] buffer = new byte[64 * 1024];
  private int head;
  private int tail;
  private long headOffset;
  private long position;
  private long recordStart = -1;
  private byte[] prefix;

  RetainingInputStream(InputStream source, int recordLimit, int prefixLimit) {
    this.source = source;
    this.recordLimit = recordLimit;
    this.prefixLimit = prefixLimit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read <= 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    int read = source.read(target, offset, Math.min(length, MAX_READ));
    if (read > 0) {
      retain(target, offset, read);
    }
    return read;
  }

  /** Does not close the source: the caller owns it. */
  @Override
  public void close() {}

  /** Bytes handed out so far. */
  long position() {
    return position;
  }

  /** A record starts at {@code start}: bytes before it are no longer needed. */
  void beginRecord(long start) {
    release(start);
    recordStart = start;
  }

  /** The current record ends at {@code end} (exclusive): hands it to the sink. */
  void endRecord(long end, RecordSink sink) {
    if (prefix == null) {
      sink.record(buffer, head, Math.toIntExact(end - recordStart));
    } else {
      sink.oversized(end - recordStart, true, prefix, prefix.length);
    }
    release(end);
  }

  /**
   * The current record is a string scalar that the parser skipped; {@code nextTokenStart} is where
   * the parser found the token after it. The string's end is found in the kept bytes.
   */
  void endStringRecord(long nextTokenStart, RecordSink sink) {
    if (prefix != null) {
      sink.oversized(recordLimit, false, prefix, prefix.length);
      release(nextTokenStart);
      return;
    }
    int end = head + 1;
    int limit = head + Math.toIntExact(nextTokenStart - recordStart);
    while (end < limit && buffer[end] != '"') {
      end += buffer[end] == '\\' ? 2 : 1;
    }
    long recordEnd = Math.min(nextTokenStart, headOffset + (end + 1 - head));
    endRecord(recordEnd, sink);
  }

  private void release(long offset) {
    if (offset < headOffset || offset > position) {
      throw new IllegalStateException(
          "array scanner lost track of the input: offset "
              + offset
              + " outside the kept bytes ["
              + headOffset
              + ", "
              + position
              + ")");
    }
    head += Math.toIntExact(offset - headOffset);
    headOffset = offset;
    recordStart = -1;
    prefix = null;
  }

  private void retain(byte[] bytes, int offset, int length) {
    if (tail + length > buffer.length) {
      int kept = tail - head;
      if (kept + length > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, kept + length));
      }
      System.arraycopy(buffer, head, buffer, 0, kept);
      head = 0;
      tail = kept;
    }
    System.arraycopy(bytes, offset, buffer, tail, length);
    tail += length;
    position += length;
    if (recordStart < 0) {
      // between records the parser may be inside a long number token whose start it reports
      // only at the token's end: keep a record's worth
      if (tail - head > 2L * (recordLimit + WINDOW)) {
        keepLatest(recordLimit + WINDOW);
      }
    } else if (prefix != null) {
      if (tail - head > 2 * WINDOW) {
        keepLatest(WINDOW);
      }
    } else if (position - recordStart > (long) recordLimit + WINDOW) {
      int start = head + Math.toIntExact(recordStart - headOffset);
      prefix = Arrays.copyOfRange(buffer, start, start + prefixLimit);
      keepLatest(WINDOW);
    }
  }

  private void keepLatest(int count) {
    int drop = (tail - head) - count;
    if (drop > 0) {
      head += drop;
      headOffset += drop;
    }
  }
}
