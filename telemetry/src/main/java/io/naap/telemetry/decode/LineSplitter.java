package io.naap.telemetry.decode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits NDJSON into records: one per line ({@code \n}, an optional {@code \r} before it is
 * dropped); blank lines are skipped. A line longer than the record bound is reported as oversized
 * with its first bytes, without holding the rest.
 */
final class LineSplitter {

  private static final int CHUNK = 64 * 1024;

  private final int maxRecordBytes;
  private final int prefixBytes;

  LineSplitter(DecoderSettings settings) {
    this.maxRecordBytes = settings.maxRecordBytes();
    this.prefixBytes = settings.maxRawTextBytes();
  }

  void split(InputStream input, RecordSink sink) throws IOException {
    byte[] chunk = new byte[CHUNK];
    Pending pending = new Pending();
    int read;
    while ((read = input.read(chunk)) >= 0) {
      int lineStart = 0;
      for (int i = indexOfNewline(chunk, 0, read); i >= 0; i = indexOfNewline(chunk, i + 1, read)) {
        if (pending.isEmpty()) {
          emit(chunk, lineStart, i - lineStart, sink);
        } else {
          pending.append(chunk, lineStart, i - lineStart);
          pending.emit(sink);
        }
        lineStart = i + 1;
      }
      if (lineStart < read) {
        pending.append(chunk, lineStart, read - lineStart);
      }
    }
    if (!pending.isEmpty()) {
      pending.emit(sink);
    }
  }

  /** The index of the first {@code \n} in {@code bytes[from, to)}, or -1. */
  static int indexOfNewline(byte[] bytes, int from, int to) {
    return ByteWords.indexOf(bytes, from, to, (byte) '\n');
  }

  private static void emit(byte[] buffer, int offset, int length, RecordSink sink) {
    int end = offset + length;
    if (end > offset && buffer[end - 1] == '\r') {
      end--;
    }
    if (!isBlank(buffer, offset, end)) {
      sink.record(buffer, offset, end - offset);
    }
  }

  private static boolean isBlank(byte[] buffer, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isWhitespace(buffer[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  /** The part of a line seen so far when it spans chunks. */
  private final class Pending {
    private byte[] buffer = new byte[1024];
    private int length;
    private long totalLength;
    private boolean overflowed;
    private boolean blank = true;
    private byte lastByte;

    boolean isEmpty() {
      return totalLength == 0;
    }

    void append(byte[] bytes, int offset, int count) {
      if (count == 0) {
        return;
      }
      if (blank && !isBlank(bytes, offset, offset + count)) {
        blank = false;
      }
      lastByte = bytes[offset + count - 1];
      totalLength += count;
      if (!overflowed && totalLength > maxRecordBytes + 1L) {
        overflowed = true;
      }
      int keep = overflowed ? Math.max(0, Math.min(count, prefixBytes - length)) : count;
      if (keep > 0) {
        if (length + keep > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + keep));
        }
        System.arraycopy(bytes, offset, buffer, length, keep);
        length += keep;
      }
    }

    void emit(RecordSink sink) {
      if (overflowed) {
        if (!blank) {
          long recordLength = lastByte == '\r' ? totalLength - 1 : totalLength;
          sink.oversized(recordLength, true, buffer, Math.min(length, prefixBytes));
        }
      } else {
        LineSplitter.emit(buffer, 0, length, sink);
      }
      length = 0;
      totalLength = 0;
      overflowed = false;
      blank = true;
      if (buffer.length > CHUNK) {
        buffer = new byte[1024];
      }
    }
  }
}
