package io.naap.telemetry.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time: each word is XORed with the byte sought (a match becomes a
 * byte below the bound), then the classic "has a byte less than n" test finds the lowest such byte
 * exactly (a borrow only ever flows from a matching byte into the ones above it).
 */
final class ByteWords {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;

  private ByteWords() {}

  /** The index of the first byte equal to {@code value} in {@code bytes[from, to)}, or -1. */
  static int indexOf(byte[] bytes, int from, int to, byte value) {
    return indexOfXorBelow(bytes, from, to, value & 0xFF, 1);
  }

  /**
   * The index of the first byte in {@code bytes[from, to)} whose unsigned value is below {@code
   * bound} (at most 128), or -1.
   */
  static int indexOfBelow(byte[] bytes, int from, int to, int bound) {
    return indexOfXorBelow(bytes, from, to, 0, bound);
  }

  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;
  private static final long SPACES = ' ' * ONES;

  /**
   * The index of the first byte in {@code bytes[from, to)} that ends a run of plain string text in
   * JSON: a quote, a backslash, a control character (below 0x20) or a byte above ASCII; or -1.
   */
  static int indexOfStringSpecial(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long quote = word ^ QUOTES;
      long backslash = word ^ BACKSLASHES;
      // each term flags its lowest matching byte exactly (borrows only flag bytes above it)
      long special =
          ((quote - ONES) & ~quote)
              | ((backslash - ONES) & ~backslash)
              | ((word - SPACES) & ~word)
              | word;
      special &= HIGHS;
      if (special != 0) {
        return i + (Long.numberOfTrailingZeros(special) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b == '"' || b == '\\' || b < 0x20) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The {@code min(8, length)} bytes from {@code from} as a little-endian word, the bytes beyond
   * them zero; {@code length} must be positive, and those bytes inside the array.
   */
  static long word(byte[] bytes, int from, int length) {
    if (length >= Long.BYTES) {
      return (long) LONGS.get(bytes, from);
    }
    if (from + Long.BYTES <= bytes.length) {
      return (long) LONGS.get(bytes, from) & (-1L >>> (Long.SIZE - Byte.SIZE * length));
    }
    long word = 0;
    for (int i = length - 1; i >= 0; i--) {
      word = (word << Byte.SIZE) | (bytes[from + i] & 0xFF);
    }
    return word;
  }

  private static int indexOfXorBelow(byte[] bytes, int from, int to, int xor, int bound) {
    long xors = xor * ONES;
    long bounds = bound * ONES;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i) ^ xors;
      long below = (word - bounds) & ~word & HIGHS;
      if (below != 0) {
        return i + (Long.numberOfTrailingZeros(below) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (((bytes[i] ^ xor) & 0xFF) < bound) {
        return i;
      }
    }
    return -1;
  }
}
