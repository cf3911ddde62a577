package io.naap.storage.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
  @Test
  void keepsTheBytesItWasGivenAndDecodesThemOnDemand() {
    byte[] utf8 = "{\"a\":\"caf\u00e9 \uD83D\uDE00\"}".getBytes(UTF_8);

    JsonText text = JsonText.adoptUtf8(utf8);

    assertThat(text.utf8()).isSameAs(utf8);
    assertThat(text.utf8Length()).isEqualTo(utf8.length);
    assertThat(text).hasToString("{\"a\":\"caf\u00e9 \uD83D\uDE00\"}");
    assertThat(text).isEqualTo(JsonText.of("{\"a\":\"caf\u00e9 \uD83D\uDE00\"}"));
    assertThat(text.hashCode()).isEqualTo(JsonText.of(text.toString()).hashCode());
    assertThat(text).isNotEqualTo(JsonText.of("{\"a\":1}"));

    java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
    try {
      text.writeTo(written);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(written.toByteArray()).isEqualTo(utf8);
  }

  /** A NUL byte anywhere: in the 8-byte words, in the tail, after a non-ASCII character. */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 15, 16, 40, 41})
  void refusesANulByteWherever(int at) {
    byte[] utf8 = ("{\"a\":\"" + "x".repeat(36) + "\"}").getBytes(UTF_8);
    utf8[at] = 0;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonText.adoptUtf8(utf8))
        .withMessage(
            "the JSON text contains U+0000 (NUL) at byte "
                + at
                + ", which PostgreSQL text cannot hold");

    byte[] afterNonAscii = ("{\"a\":\"\u00e9" + "x".repeat(30) + "\"}").getBytes(UTF_8);
    afterNonAscii[afterNonAscii.length - 3] = 0;
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonText.adoptUtf8(afterNonAscii))
        .withMessageContaining("U+0000 (NUL) at byte " + (afterNonAscii.length - 3));
  }

  @Test
  void refusesWhatIsNotUtf8() {
    byte[][] invalid = {
      {'{', (byte) 0xC0, (byte) 0x80, '}'}, // overlong encoding of U+0000
      {'{', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'}, // an encoded surrogate (CESU-8)
      {'{', (byte) 0xE2, (byte) 0x82, '}'}, // a cut sequence
      {'{', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '}'}, // beyond U+10FFFF
      {'{', (byte) 0xFF, '}'},
    };
    for (byte[] utf8 : invalid) {
      assertThatIllegalArgumentException()
          .as(Arrays.toString(utf8))
          .isThrownBy(() -> JsonText.adoptUtf8(utf8))
          .withMessage("the JSON text is not valid UTF-8 at byte 1");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"text\"", "1", "null", "{", "}", "{]", "", " ", " {}", "{} "})
  void wantsAnObjectsBraces(String json) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonText.adoptUtf8(json.getBytes(UTF_8)))
        .withMessage("the JSON text is not an object");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonText.of(json))
        .withMessage("the JSON text is not an object");
  }

  @Test
  void refusesFromAStringWhatUtf8CannotCarry() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonText.of("{\"a\":\"\uD83D\"}"))
        .withMessage("the JSON text contains an unpaired UTF-16 surrogate at index 6");
  }

  @Test
  void boundsTheLengthInBytes() {
    byte[] largest = new byte[JsonText.MAX_BYTES];
    Arrays.fill(largest, (byte) ' ');
    largest[0] = '{';
    largest[largest.length - 1] = '}';
    assertThat(JsonText.adoptUtf8(largest).utf8Length()).isEqualTo(JsonText.MAX_BYTES);

    byte[] larger = Arrays.copyOf(largest, JsonText.MAX_BYTES + 1);
    larger[larger.length - 1] = '}';
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonText.adoptUtf8(larger))
        .withMessage("the JSON text has 4194305 bytes of UTF-8, more than 4194304");
  }
}
