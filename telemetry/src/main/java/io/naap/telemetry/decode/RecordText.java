package io.naap.telemetry.decode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks of a record's text that the JSON parser does not make: that it is valid UTF-8 (the parser
 * accepts overlong and out-of-range sequences, which would change meaning once stored) and that the
 * store can hold it faithfully (PostgreSQL's {@code text} and {@code jsonb} refuse the character
 * U+0000 and unpaired UTF-16 surrogates, which JSON can spell as escapes).
 *
 * <p>One pass over the bytes; a strict UTF-8 decode only for the rare record that is not ASCII.
 */
final class RecordText {

  private RecordText() {}

  /** Throws {@link RecordRejected} when the (parsed) record's text breaks one of the rules. */
  static void check(byte[] buffer, int offset, int length) {
    int end = offset + length;
    boolean ascii = true;
    for (int i = offset; i < end; i++) {
      byte b = buffer[i];
      if (b < 0) {
        ascii = false;
      } else if (b == '\\' && i + 1 < end) {
        byte next = buffer[i + 1];
        if (next == 'u') {
          i = checkEscape(buffer, i, end, offset);
        } else {
          i++;
        }
      }
    }
    if (!ascii) {
      checkUtf8(buffer, offset, length);
    }
  }

  /** Checks the {@code \\uXXXX} escape at {@code at}; returns the index of its last byte. */
  private static int checkEscape(byte[] buffer, int at, int end, int offset) {
    int code = hex4(buffer, at + 2, end);
    if (code == 0) {
      throw unstorable(at - offset, "the escape \\u0000 (PostgreSQL text cannot hold U+0000)");
    }
    if (code >= 0xDC00 && code <= 0xDFFF) {
      throw unstorable(at - offset, "an unpaired low surrogate escape \\u" + hex(code));
    }
    if (code >= 0xD800 && code <= 0xDBFF) {
      int low =
          at + 11 < end && buffer[at + 6] == '\\' && buffer[at + 7] == 'u'
              ? hex4(buffer, at + 8, end)
              : -1;
      if (low < 0xDC00 || low > 0xDFFF) {
        throw unstorable(at - offset, "an unpaired high surrogate escape \\u" + hex(code));
      }
      return at + 11;
    }
    return at + 5;
  }

  private static int hex4(byte[] buffer, int from, int end) {
    if (from + 4 > end) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(buffer[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  private static void checkUtf8(byte[] buffer, int offset, int length) {
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

  private static RecordRejected unstorable(int at, String what) {
    return new RecordRejected(QuarantineReason.UNSTORABLE, "byte " + at + ": " + what);
  }

  private static String hex(int code) {
    return String.format("%04x", code);
  }
}
