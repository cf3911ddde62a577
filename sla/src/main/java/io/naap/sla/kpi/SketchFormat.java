package io.naap.sla.kpi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Encoding version 1 of a {@link QuantileSketch}. Varints are unsigned LEB128 in their shortest
 * form; signed ones are zigzag-encoded first; doubles are IEEE 754 binary64, big-endian.
 *
 * <pre>
 * version        1 byte, = 1 (the mapping of {@link LogarithmicMapping}: 1% accuracy)
 * count          varint                       -- 0: the sketch is empty and the encoding ends
 * min, max       double, double               -- exact; never -0.0
 * sum exponent   signed varint  e >= -1074    -- the exact sum is s * 2^e
 * sum length     varint n, 1..{@value #MAX_SUM_BYTES}
 * sum            n bytes, s in two's complement, big-endian, shortest form; s odd, or 0 with e = 0
 * zero count     varint
 * negative       bucket list of the magnitudes of the negative values
 * positive       bucket list of the positive values
 *
 * bucket list    varint k, then k times: index, count
 *                index: the first as a signed varint, each next one as the varint gap
 *                (index - previous index - 1): indices strictly increase
 *                count: varint >= 1
 * </pre>
 *
 * <p>The encoding is canonical: a sketch has exactly one, and {@link #decode} accepts only
 * encodings that {@link #encode} produces, of sketches that are consistent (the count is the sum of
 * the bucket counts, the min and the max lie in the first and the last non-empty bucket, the sum
 * lies between what the count, the min and the max allow).
 */
final class SketchFormat {

  static final byte VERSION = 1;

  /** The longest exact sum of 2^63 values: 1074 bits of fraction, 1024 + 63 of magnitude. */
  static final int MAX_SUM_BYTES = 280;

  /** The highest exponent a canonical exact sum of doubles can have. */
  private static final int MAX_SUM_EXPONENT = 1024 + 63;

  private SketchFormat() {}

  static byte[] encode(QuantileSketch sketch) {
    Writer out = new Writer();
    out.write(VERSION);
    writeVarint(out, sketch.count());
    if (sketch.isEmpty()) {
      return out.toByteArray();
    }
    writeDouble(out, sketch.minValue());
    writeDouble(out, sketch.maxValue());
    ExactSum sum = sketch.exactSum();
    writeVarint(out, zigzag(sum.exponent()));
    byte[] significand = sum.significand().toByteArray();
    writeVarint(out, significand.length);
    out.writeBytes(significand);
    writeVarint(out, sketch.zeroCount());
    writeBuckets(out, sketch.negativeBuckets());
    writeBuckets(out, sketch.positiveBuckets());
    return out.toByteArray();
  }

  private static void writeBuckets(Writer out, Buckets buckets) {
    if (buckets.isEmpty()) {
      writeVarint(out, 0);
      return;
    }
    int nonEmpty = 0;
    for (int index = buckets.lowest(); index <= buckets.highest(); index++) {
      nonEmpty += buckets.count(index) > 0 ? 1 : 0;
    }
    writeVarint(out, nonEmpty);
    int previous = 0;
    boolean first = true;
    for (int index = buckets.lowest(); index <= buckets.highest(); index++) {
      long count = buckets.count(index);
      if (count == 0) {
        continue;
      }
      writeVarint(out, first ? zigzag(index) : index - previous - 1);
      writeVarint(out, count);
      previous = index;
      first = false;
    }
  }

  /**
   * Decodes an encoding made by {@link #encode}.
   *
   * @throws IllegalArgumentException when the bytes are not such an encoding: truncated, extended,
   *     of another version, not in canonical form, or describing an inconsistent sketch
   */
  static QuantileSketch decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "unknown quantile sketch encoding version " + version + ", expected " + VERSION);
    }
    long count = in.readVarint();
    if (count < 0) {
      throw new IllegalArgumentException("count " + Long.toUnsignedString(count) + " is too large");
    }
    if (count == 0) {
      in.requireEnd();
      return QuantileSketch.create();
    }
    double min = in.readDouble("min");
    double max = in.readDouble("max");
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " is above max " + max);
    }
    long exponent = unzigzag(in.readVarint());
    if (exponent < ExactSum.MIN_EXPONENT || exponent > MAX_SUM_EXPONENT) {
      throw new IllegalArgumentException("sum exponent " + exponent + " is out of range");
    }
    long length = in.readVarint();
    if (length < 1 || length > MAX_SUM_BYTES) {
      throw new IllegalArgumentException(
          "sum length " + Long.toUnsignedString(length) + " is out of range");
    }
    byte[] significandBytes = in.readBytes((int) length, "sum");
    BigInteger significand = new BigInteger(significandBytes);
    if (significand.toByteArray().length != significandBytes.length) {
      throw new IllegalArgumentException("sum is not in its shortest form");
    }
    ExactSum sum = ExactSum.of(significand, (int) exponent);
    long zeroCount = in.readVarint();
    if (zeroCount < 0) {
      throw new IllegalArgumentException("zero count is too large");
    }
    Buckets negative = readBuckets(in, "negative");
    Buckets positive = readBuckets(in, "positive");
    in.requireEnd();
    checkTotal(count, zeroCount, negative, positive);
    QuantileSketch sketch =
        QuantileSketch.decoded(negative, zeroCount, positive, count, min, max, sum);
    checkRange(sketch);
    checkSum(count, min, max, sum);
    return sketch;
  }

  private static Buckets readBuckets(Reader in, String sign) {
    long size = in.readVarint();
    // every bucket takes at least two bytes
    if (size < 0 || size > in.remaining() / 2) {
      throw new IllegalArgumentException(
          sign + " bucket count " + Long.toUnsignedString(size) + " exceeds the input");
    }
    Buckets buckets = new Buckets();
    long index = 0;
    long total = 0;
    for (long i = 0; i < size; i++) {
      long raw = in.readVarint();
      if (i == 0) {
        index = unzigzag(raw);
      } else if (raw < 0 || raw > LogarithmicMapping.MAX_INDEX - index - 1) {
        throw new IllegalArgumentException(sign + " bucket index is out of range");
      } else {
        index = index + raw + 1;
      }
      if (index < LogarithmicMapping.MIN_INDEX || index > LogarithmicMapping.MAX_INDEX) {
        throw new IllegalArgumentException(sign + " bucket index " + index + " is out of range");
      }
      long count = in.readVarint();
      if (count <= 0 || count > Long.MAX_VALUE - total) {
        throw new IllegalArgumentException(
            sign + " bucket " + index + " has count " + Long.toUnsignedString(count));
      }
      total += count;
      buckets.add((int) index, count);
    }
    return buckets;
  }

  private static void checkTotal(long count, long zeroCount, Buckets negative, Buckets positive) {
    BigInteger total =
        BigInteger.valueOf(zeroCount)
            .add(BigInteger.valueOf(negative.total()))
            .add(BigInteger.valueOf(positive.total()));
    if (!total.equals(BigInteger.valueOf(count))) {
      throw new IllegalArgumentException(
          "count " + count + " is not the sum of the bucket counts " + total);
    }
  }

  /** The min lies in the first non-empty bucket and the max in the last. */
  private static void checkRange(QuantileSketch sketch) {
    if (sketch.bucketKey(sketch.minValue()) != sketch.firstBucketKey()) {
      throw new IllegalArgumentException(
          "min " + sketch.minValue() + " is not in the lowest non-empty bucket");
    }
    if (sketch.bucketKey(sketch.maxValue()) != sketch.lastBucketKey()) {
      throw new IllegalArgumentException(
          "max " + sketch.maxValue() + " is not in the highest non-empty bucket");
    }
  }

  /**
   * The min and the max are values of the sketch, so with {@code n} values the sum lies between
   * {@code max + (n - 1) min} and {@code min + (n - 1) max} (and is the value itself when n = 1).
   */
  private static void checkSum(long count, double min, double max, ExactSum sum) {
    BigDecimal exact = sum.toBigDecimal();
    BigDecimal low = new BigDecimal(min);
    BigDecimal high = new BigDecimal(max);
    BigDecimal lowest;
    BigDecimal highest;
    if (count == 1) {
      if (min != max) {
        throw new IllegalArgumentException("one value, but min " + min + " and max " + max);
      }
      lowest = low;
      highest = low;
    } else {
      BigDecimal others = BigDecimal.valueOf(count - 1);
      lowest = high.add(low.multiply(others));
      highest = low.add(high.multiply(others));
    }
    if (exact.compareTo(lowest) < 0 || exact.compareTo(highest) > 0) {
      throw new IllegalArgumentException(
          "sum "
              + exact.doubleValue()
              + " is impossible for "
              + count
              + " values in ["
              + min
              + ", "
              + max
              + "]");
    }
  }

  // ---- primitives

  private static void writeVarint(Writer out, long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  private static void writeDouble(Writer out, double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (bits >>> shift));
    }
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unzigzag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  /** A growable byte array. */
  private static final class Writer {
    private byte[] bytes = new byte[64];
    private int size;

    void write(int b) {
      if (size == bytes.length) {
        bytes = Arrays.copyOf(bytes, size * 2);
      }
      bytes[size++] = (byte) b;
    }

    void writeBytes(byte[] more) {
      for (byte b : more) {
        write(b);
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }

  /** Reads from a byte array; every read past the end is an {@link IllegalArgumentException}. */
  private static final class Reader {
    private static final int MAX_VARINT_BYTES = 10;

    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int remaining() {
      return bytes.length - position;
    }

    int readByte() {
      if (position >= bytes.length) {
        throw truncated();
      }
      return bytes[position++];
    }

    /** An unsigned LEB128 varint in its shortest form, as the 64 bits it encodes. */
    long readVarint() {
      long value = 0;
      for (int i = 0; i < MAX_VARINT_BYTES; i++) {
        int b = readByte() & 0xFF;
        if (i == MAX_VARINT_BYTES - 1 && b > 1) {
          throw new IllegalArgumentException("a varint exceeds 64 bits at byte " + position);
        }
        value |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw new IllegalArgumentException(
                "a varint is not in its shortest form at byte " + position);
          }
          return value;
        }
      }
      throw new IllegalArgumentException("a varint exceeds 64 bits at byte " + position);
    }

    double readDouble(String name) {
      byte[] raw = readBytes(Double.BYTES, name);
      long bits = 0;
      for (byte b : raw) {
        bits = (bits << 8) | (b & 0xFF);
      }
      double value = Double.longBitsToDouble(bits);
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " is not finite");
      }
      if (bits == Long.MIN_VALUE) {
        throw new IllegalArgumentException(name + " is -0.0, which the sketch holds as 0.0");
      }
      return value;
    }

    byte[] readBytes(int length, String name) {
      if (length > remaining()) {
        throw new IllegalArgumentException(
            name + " needs " + length + " bytes, " + remaining() + " remain: the input is cut");
      }
      byte[] raw = Arrays.copyOfRange(bytes, position, position + length);
      position += length;
      return raw;
    }

    void requireEnd() {
      if (position != bytes.length) {
        throw new IllegalArgumentException(
            (bytes.length - position) + " bytes follow the end of the encoding");
      }
    }

    private IllegalArgumentException truncated() {
      return new IllegalArgumentException(
          "the encoding is cut: " + bytes.length + " bytes end inside it");
    }
  }
}
