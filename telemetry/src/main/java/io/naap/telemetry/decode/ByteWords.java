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
