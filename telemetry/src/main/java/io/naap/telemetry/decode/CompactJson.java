package io.naap.telemetry.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The text of a record as received, without the whitespace between tokens: a byte-level pass over
 * JSON that the parser has already accepted (so strings and escapes are well formed). Cheaper than
 * writing the parsed tree back, and keeps every token exactly as the producer wrote it.
 */
final class CompactJson {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long BELOW_EXCLAMATION = 0x2121212121212121L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private CompactJson() {}

  /** The record's UTF-8 bytes without whitespace between tokens, in a new array. */
  static byte[] utf8(byte[] buffer, int offset, int length) {
    int end = offset + length;
    int firstSpace = firstWhitespaceOutsideStrings(buffer, offset, end);
    if (firstSpace < 0) {
      return Arrays.copyOfRange(buffer, offset, end);
    }
    byte[] compact = new byte[length];
    int size = firstSpace - offset;
    System.arraycopy(buffer, offset, compact, 0, size);
    boolean inString = false;
    for (int i = firstSpace; i < end; i++) {
      byte b = buffer[i];
      if (inString) {
        compact[size++] = b;
        if (b == '\\') {
          compact[size++] = buffer[++i];
        } else if (b == '"') {
          inString = false;
        }
      } else if (!LineSplitter.isWhitespace(b)) {
        compact[size++] = b;
        inString = b == '"';
      }
    }
    return Arrays.copyOf(compact, size);
  }

  private static int firstWhitespaceOutsideStrings(byte[] buffer, int from, int to) {
    // JSON whitespace is all below '!': text without such a byte (the usual producer's output)
    // needs no look at its strings. 8 bytes at a time.
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(buffer, i);
      // a byte below 0x21 (bytes from 0x80 never match: ~word clears their high bit)
      if (((word - BELOW_EXCLAMATION) & ~word & HIGH_BITS) != 0) {
        break;
      }
    }
    while (i < to && (buffer[i] & 0xFF) > ' ') {
      i++;
    }
    if (i == to) {
      return -1;
    }
    boolean inString = false;
    for (i = from; i < to; i++) {
      byte b = buffer[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (LineSplitter.isWhitespace(b)) {
        return i;
      }
    }
    return -1;
  }
}
