package io.naap.telemetry.decode;

import java.util.Arrays;

/**
 * The text of a record as received, without the whitespace between tokens: a byte-level pass over
 * JSON that the parser has already accepted (so strings and escapes are well formed). Cheaper than
 * writing the parsed tree back, and keeps every token exactly as the producer wrote it.
 */
final class CompactJson {

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
    // needs no look at its strings
    if (ByteWords.indexOfBelow(buffer, from, to, '!') < 0) {
      return -1;
    }
    boolean inString = false;
    for (int i = from; i < to; i++) {
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
