package io.naap.telemetry.decode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where an object or an array lies in the bytes of the record it was read from; {@code compact}
 * when the reader saw no whitespace between its tokens (the usual producer's output), so that its
 * compact text is a plain copy.
 */
record JsonSpan(byte[] buffer, int offset, int length, boolean compact) {

  /** The value's text as received, without whitespace between tokens, as UTF-8 in a new array. */
  byte[] compactUtf8() {
    return compact
        ? Arrays.copyOfRange(buffer, offset, offset + length)
        : CompactJson.utf8(buffer, offset, length);
  }

  String compactText() {
    return new String(compactUtf8(), StandardCharsets.UTF_8);
  }
}
