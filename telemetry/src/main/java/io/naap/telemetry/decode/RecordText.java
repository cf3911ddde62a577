package io.naap.telemetry.decode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The rules of the store for a record's text, as {@link JsonTreeReader#storeRule} applies them:
 * valid UTF-8 (overlong and out-of-range sequences would change meaning once stored), and nothing
 * PostgreSQL's {@code text} and {@code jsonb} refuse (the character U+0000 and unpaired UTF-16
 * surrogates, which JSON can spell as escapes).
 */
final class RecordText {

  private RecordText() {}

  /** Throws {@link RecordRejected} unless the bytes are valid UTF-8 (strictly). */
  static void checkUtf8(byte[] buffer, int offset, int length) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
    try {
      decoder.decode(bytes);
    } catch (CharacterCodingException e) {
      throw new RecordRejected(
          QuarantineReason.MALFORMED_JSON,
          "not valid UTF-8 at byte " + (bytes.position() - offset));
    }
  }

  /** The rejection of text the store cannot hold, at byte {@code at} of the record. */
  static RecordRejected unstorable(int at, String what) {
    return new RecordRejected(QuarantineReason.UNSTORABLE, "byte " + at + ": " + what);
  }

  /** A UTF-16 code unit as 4 hex digits. */
  static String hex(int code) {
    return String.format("%04x", code);
  }
}
