package io.naap.telemetry.decode;

import java.nio.charset.StandardCharsets;

/** Where an object or an array lies in the bytes of the record it was read from. */
record JsonSpan(byte[] buffer, int offset, int length) {

  /** The value's text as received, without whitespace between tokens, as UTF-8 in a new array. */
  byte[] compactUtf8() {
    return CompactJson.utf8(buffer, offset, length);
  }

  String compactText() {
    return new String(compactUtf8(), StandardCharsets.UTF_8);
  }
}
