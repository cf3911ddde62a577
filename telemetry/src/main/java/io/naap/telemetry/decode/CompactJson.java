package io.naap.telemetry.decode;

import java.nio.charset.StandardCharsets;

/**
 * The text of a record as received, without the whitespace between tokens: a byte-level pass over
 * JSON that the parser has already accepted (so strings and escapes are well formed). Cheaper than
 * writing the parsed tree back, and keeps every token exactly as the producer wrote it.
 */
final class CompactJson {

  private CompactJson() {}

  static String of(byte[] buffer, int offset, int length) {
    int end = offset + length;
    int firstSpace = firstWhitespaceOutsideStrings(buffer, offset, end);
    if (firstSpace < 0) {
      return new String(buffer, offset, length, StandardCharsets.UTF_8);
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
    return new String(compact, 0, size, StandardCharsets.UTF_8);
  }

  private static int firstWhitespaceOutsideStrings(byte[] buffer, int from, int to) {
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
