package io.naap.storage.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The UTF-8 text of a JSON object as the event store keeps an envelope, checked storable once, when
 * made: valid UTF-8 (so no unpaired surrogate), no U+0000 (PostgreSQL {@code text} cannot hold it),
 * an object's braces first and last, at most {@value #MAX_BYTES} bytes. That it is valid JSON is
 * its producer's guarantee (the pipeline's decoder parsed it strictly), not re-checked here.
 *
 * <p>Kept as the bytes it is sent in: an event's text goes from the decoder's input to its block
 * without becoming a {@link String} ({@link #toString} decodes it on demand). Immutable; equal when
 * the bytes are.
 */
public final class JsonText {
  /** Largest text, in UTF-8 bytes: 4 MiB, many times the largest real event. */
  public static final int MAX_BYTES = 4 << 20;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_BITS = 0x0101010101010101L;

  private final byte[] utf8;

  private JsonText(byte[] utf8) {
    this.utf8 = utf8;
  }

  /**
   * The text of {@code json}.
   *
   * @throws IllegalArgumentException when it is not storable (see the class comment)
   */
  public static JsonText of(String json) {
    Objects.requireNonNull(json, "json");
    ColumnRules.text(json, "the JSON text", 0, Integer.MAX_VALUE);
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    checkShape(utf8);
    return new JsonText(utf8);
  }

  /**
   * The text whose UTF-8 encoding is {@code utf8}, which it takes over without a copy: the caller
   * must not change the array afterwards.
   *
   * @throws IllegalArgumentException when it is not storable (see the class comment)
   */
  public static JsonText adoptUtf8(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    checkShape(utf8);
    int firstSuspect = firstNulOrNonAscii(utf8);
    if (firstSuspect < utf8.length) {
      checkFrom(utf8, firstSuspect);
    }
    return new JsonText(utf8);
  }

  private static void checkShape(byte[] utf8) {
    if (utf8.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the JSON text has " + utf8.length + " bytes of UTF-8, more than " + MAX_BYTES);
    }
    if (utf8.length < 2 || utf8[0] != '{' || utf8[utf8.length - 1] != '}') {
      throw new IllegalArgumentException("the JSON text is not an object");
    }
  }

  /** The index of the first byte that is 0 or not ASCII, or the length; 8 bytes at a time. */
  private static int firstNulOrNonAscii(byte[] bytes) {
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      // a high bit set: not ASCII; (word - 0x01..) & ~word & 0x80..: some byte is zero
      if (((word | ((word - LOW_BITS) & ~word)) & HIGH_BITS) != 0) {
        break;
      }
    }
    while (i < bytes.length && bytes[i] > 0) {
      i++;
    }
    return i;
  }

  /** The exact check of the bytes from {@code from} on (all before it are ASCII, not 0). */
  private static void checkFrom(byte[] utf8, int from) {
    for (int i = from; i < utf8.length; i++) {
      if (utf8[i] == 0) {
        // a 0 byte is never part of a multi-byte sequence: it is U+0000 itself
        throw new IllegalArgumentException(
            "the JSON text contains U+0000 (NUL) at byte "
                + i
                + ", which PostgreSQL text cannot hold");
      }
    }
    ByteBuffer rest = ByteBuffer.wrap(utf8, from, utf8.length - from);
    try {
      // Java's strict decoder refuses overlong forms, code points beyond U+10FFFF and encoded
      // surrogates (CESU-8), all of which PostgreSQL refuses too
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(rest);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the JSON text is not valid UTF-8 at byte " + rest.position(), e);
    }
  }

  /** Its length in UTF-8 bytes. */
  public int utf8Length() {
    return utf8.length;
  }

  /** Writes its UTF-8 bytes to {@code out}, without a copy or a decode. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(utf8);
  }

  /**
   * The bytes themselves, not a copy: for the block writer and {@code COPY}, which only read them.
   */
  byte[] utf8() {
    return utf8;
  }

  /** The text, decoded. */
  @Override
  public String toString() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonText text && Arrays.equals(utf8, text.utf8);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(utf8);
  }
}
