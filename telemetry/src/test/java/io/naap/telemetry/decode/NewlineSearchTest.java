package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time byte searches and reads find exactly what byte-by-byte ones find. */
class NewlineSearchTest {
  /** Bytes that are '\n' or close to it in every bit pattern the zero-byte test could confuse. */
  private static final byte[] ALPHABET = {
    '\n', '\n' ^ (byte) 0x80, '\n' + 1, '\n' - 1, 0, 1, (byte) 0x80, (byte) 0xFF, 'a', '{', '"'
  };

  @Test
  void findsTheFirstNewlineInEveryRangeOfRandomBytes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] bytes = new byte[random.nextInt(1, 40)];
      double newlines = random.nextDouble(0, 0.3);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextDouble() < newlines
                ? (byte) '\n'
                : ALPHABET[1 + random.nextInt(ALPHABET.length - 1)];
      }
      int from = random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertThat(LineSplitter.indexOfNewline(bytes, from, to))
          .as("trial %d, from %d to %d", trial, from, to)
          .isEqualTo(naive(bytes, from, to));
    }
  }

  /** Bytes below the whitespace bound '!' (0x21), and at or above it, high bytes included. */
  private static final byte[] BELOW_SPACE = {' ', '\t', '\n', '\r', 0, 0x1F, 0x20};

  private static final byte[] NOT_BELOW = {
    '!', (byte) 0x80, (byte) 0xA0, (byte) 0xA1, (byte) 0xFF, 'a', '"'
  };

  @Test
  void findsTheFirstByteBelowTheBoundInEveryRangeOfRandomBytes() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] bytes = new byte[random.nextInt(1, 40)];
      double sparse = random.nextDouble(0, 0.3);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextDouble() < sparse
                ? BELOW_SPACE[random.nextInt(BELOW_SPACE.length)]
                : NOT_BELOW[random.nextInt(NOT_BELOW.length)];
      }
      int from = random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      int expected = -1;
      for (int i = from; i < to && expected < 0; i++) {
        if ((bytes[i] & 0xFF) < '!') {
          expected = i;
        }
      }
      assertThat(ByteWords.indexOfBelow(bytes, from, to, '!'))
          .as("trial %d, from %d to %d", trial, from, to)
          .isEqualTo(expected);
    }
  }

  /** The bytes that end plain string text, and neighbours of theirs in every bit pattern. */
  private static final byte[] STRING_BYTES = {
    '"',
    '\\',
    0,
    0x1F,
    '\n',
    (byte) 0x80,
    (byte) 0xC3,
    (byte) 0xFF, // special
    ' ',
    '!',
    '#',
    '[',
    ']',
    'a',
    0x7F,
    '"' ^ (byte) 0x80,
    '\\' ^ (byte) 0x80 // plain
  };

  @Test
  void findsTheFirstByteEndingPlainStringTextInEveryRangeOfRandomBytes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] bytes = new byte[random.nextInt(1, 40)];
      double sparse = random.nextDouble(0, 0.3);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] =
            random.nextDouble() < sparse
                ? STRING_BYTES[random.nextInt(8)]
                : STRING_BYTES[8 + random.nextInt(STRING_BYTES.length - 8)];
      }
      int from = random.nextInt(bytes.length + 1);
      int to = from + random.nextInt(bytes.length - from + 1);
      int expected = -1;
      for (int i = from; i < to && expected < 0; i++) {
        if (bytes[i] == '"' || bytes[i] == '\\' || (bytes[i] & 0xFF) < 0x20 || bytes[i] < 0) {
          expected = i;
        }
      }
      assertThat(ByteWords.indexOfStringSpecial(bytes, from, to))
          .as("trial %d, from %d to %d", trial, from, to)
          .isEqualTo(expected);
    }
  }

  @Test
  void readsUpToEightBytesAsOneWordWhereverTheyLie() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 5_000; trial++) {
      byte[] bytes = new byte[random.nextInt(1, 24)];
      random.nextBytes(bytes);
      int from = random.nextInt(bytes.length);
      int length = 1 + random.nextInt(bytes.length - from);
      long expected = 0;
      for (int i = Math.min(length, Long.BYTES) - 1; i >= 0; i--) {
        expected = (expected << 8) | (bytes[from + i] & 0xFF);
      }
      assertThat(ByteWords.word(bytes, from, length))
          .as("trial %d, from %d, %d bytes", trial, from, length)
          .isEqualTo(expected);
    }
  }

  private static int naive(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
