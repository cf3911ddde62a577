package io.naap.sla.kpi;

import static io.naap.sla.kpi.ExactQuantiles.sketchOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The binary encoding: exact bytes, round trips, and rejection of everything else. */
class QuantileSketchEncodingTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final List<QuantileSketch> SAMPLES =
      List.of(
          QuantileSketch.create(),
          sketchOf(1.0),
          sketchOf(-2.5, 0, 100, 100),
          sketchOf(0, 0, 0),
          sketchOf(-3, -2, -1),
          sketchOf(0.1, 16.7, 29.97, 30, 30, 59.94, 120),
          sketchOf(-Double.MAX_VALUE, Double.MIN_VALUE, 1e-9, Double.MAX_VALUE),
          frameRates());

  @Test
  void encodesAnEmptySketchAsItsVersionAndAZeroCount() {
    assertThat(HEX.formatHex(QuantileSketch.create().toBytes())).isEqualTo("0100");
  }

  @Test
  void encodesKnownSketchesToKnownBytes() {
    assertThat(HEX.formatHex(sketchOf(1.0).toBytes()))
        .isEqualTo(
            "01" // version
                + "01" // count
                + "3ff0000000000000" // min 1.0
                + "3ff0000000000000" // max 1.0
                + "00" // sum exponent 0 (zigzag)
                + "01" // sum length
                + "01" // sum significand 1: 1 * 2^0
                + "00" // zero count
                + "00" // no negative buckets
                + "01" // one positive bucket
                + "00" // index 0 (zigzag): (1/gamma, 1]
                + "01"); // count 1
    assertThat(HEX.formatHex(sketchOf(-2.5, 0, 100, 100).toBytes()))
        .isEqualTo(
            "01"
                + "04" // count
                + "c004000000000000" // min -2.5
                + "4059000000000000" // max 100
                + "01" // sum exponent -1 (zigzag)
                + "02" // sum length
                + "018b" // 395 * 2^-1 = 197.5
                + "01" // zero count
                + "01" // one negative bucket
                + "5c" // index 46 (zigzag 92): ceil(ln 2.5 / ln gamma)
                + "01"
                + "01" // one positive bucket
                + "ce03" // index 231 (zigzag 462): ceil(ln 100 / ln gamma)
                + "02"); // count 2
  }

  @Test
  void everySketchRoundTripsToAnEqualSketchAndTheSameBytes() {
    for (QuantileSketch sketch : SAMPLES) {
      byte[] bytes = sketch.toBytes();
      QuantileSketch decoded = QuantileSketch.fromBytes(bytes);
      assertThat(decoded).isEqualTo(sketch);
      assertThat(decoded.toBytes()).isEqualTo(bytes);
      assertThat(decoded.quantile(0.95)).isEqualTo(sketch.quantile(0.95));
      assertThat(decoded.sum()).isEqualTo(sketch.sum());
    }
  }

  @Test
  void aDecodedSketchKeepsGrowing() {
    QuantileSketch decoded = QuantileSketch.fromBytes(sketchOf(10, 20).toBytes());

    decoded.add(1e6);
    decoded.add(-4);
    decoded.merge(sketchOf(1e-3));

    assertThat(decoded).isEqualTo(sketchOf(10, 20, 1e6, -4, 1e-3));
  }

  @Test
  void rejectsEveryTruncationOfAValidEncoding() {
    for (QuantileSketch sketch : SAMPLES) {
      byte[] bytes = sketch.toBytes();
      for (int length = 0; length < bytes.length; length++) {
        byte[] cut = Arrays.copyOf(bytes, length);
        assertThatThrownBy(() -> QuantileSketch.fromBytes(cut))
            .as("%s cut to %d bytes", sketch, length)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void rejectsBytesAfterTheEncoding() {
    for (QuantileSketch sketch : SAMPLES) {
      byte[] bytes = Arrays.copyOf(sketch.toBytes(), sketch.toBytes().length + 1);
      assertThatThrownBy(() -> QuantileSketch.fromBytes(bytes))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("follow the end");
    }
  }

  @Test
  void rejectsAnUnknownVersion() {
    assertThatThrownBy(() -> QuantileSketch.fromBytes(HEX.parseHex("0200")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void rejectsAVarintThatIsNotInItsShortestForm() {
    assertThatThrownBy(() -> QuantileSketch.fromBytes(HEX.parseHex("018000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shortest form");
  }

  @Test
  void rejectsACountThatIsNotTheSumOfTheBucketCounts() {
    byte[] bytes = sketchOf(1.0).toBytes();
    bytes[1] = 2;
    assertThatThrownBy(() -> QuantileSketch.fromBytes(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the sum of the bucket counts");
  }

  @Test
  void rejectsAMinOrMaxOutsideTheOuterBuckets() {
    // min 2.0 above max 1.0
    byte[] minAbove =
        HEX.parseHex("0101" + "4000000000000000" + "3ff0000000000000" + "000101000001" + "0001");
    assertThatThrownBy(() -> QuantileSketch.fromBytes(minAbove))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above max");
    byte[] bothOutside =
        HEX.parseHex("0101" + "4000000000000000" + "4000000000000000" + "0201010000010001");
    assertThatThrownBy(() -> QuantileSketch.fromBytes(bothOutside))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowest non-empty bucket");
  }

  @Test
  void rejectsASumThatTheValuesCannotHave() {
    // one value 1.0, but a sum of 3 * 2^0
    byte[] bytes = HEX.parseHex("0101" + "3ff0000000000000".repeat(2) + "000103" + "0000010001");
    assertThatThrownBy(() -> QuantileSketch.fromBytes(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impossible");
    // a sum with an even significand is not canonical
    byte[] even = HEX.parseHex("0101" + "3ff0000000000000".repeat(2) + "020102" + "0000010001");
    assertThatThrownBy(() -> QuantileSketch.fromBytes(even))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("canonical");
  }

  @Test
  void rejectsNegativeZeroAndNonFiniteMinOrMax() {
    byte[] zero = HEX.parseHex("0101" + "0000000000000000".repeat(2) + "000100" + "01" + "0000");
    assertThat(QuantileSketch.fromBytes(zero)).isEqualTo(sketchOf(0.0));
    for (String min : List.of("8000000000000000", "7ff0000000000000", "7ff8000000000000")) {
      byte[] bytes = HEX.parseHex("0101" + min + "0000000000000000" + "000100" + "01" + "0000");
      assertThatThrownBy(() -> QuantileSketch.fromBytes(bytes))
          .as(min)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void rejectsABucketIndexOutsideTheMapping() {
    byte[] bytes = sketchOf(1.0).toBytes();
    byte[] farIndex = Arrays.copyOf(bytes, bytes.length + 2);
    // replace "00 01" (index 0, count 1) by "ffff07 01": index -65536 (zigzag 131071)
    farIndex[bytes.length - 2] = (byte) 0xff;
    farIndex[bytes.length - 1] = (byte) 0xff;
    farIndex[bytes.length] = 0x07;
    farIndex[bytes.length + 1] = 0x01;
    assertThatThrownBy(() -> QuantileSketch.fromBytes(farIndex))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void randomBytesAreRejectedOrDecodeToTheSketchTheyEncode() {
    SplittableRandom random = new SplittableRandom(20260108);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      if (bytes.length > 0 && random.nextBoolean()) {
        bytes[0] = SketchFormat.VERSION;
      }
      decodesCanonicallyOrIsRejected(bytes);
    }
  }

  @Test
  void corruptedEncodingsAreRejectedOrDecodeToTheSketchTheyEncode() {
    SplittableRandom random = new SplittableRandom(20260108);
    for (QuantileSketch sketch : SAMPLES) {
      byte[] bytes = sketch.toBytes();
      for (int i = 0; i < 2_000; i++) {
        byte[] corrupt = bytes.clone();
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
          corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 << random.nextInt(8));
        }
        decodesCanonicallyOrIsRejected(corrupt);
      }
    }
  }

  /** Whether the bytes decoded; if so, they are the canonical encoding of a usable sketch. */
  static boolean decodesCanonicallyOrIsRejected(byte[] bytes) {
    QuantileSketch sketch;
    try {
      sketch = QuantileSketch.fromBytes(bytes);
    } catch (IllegalArgumentException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
      return false;
    }
    assertThat(sketch.toBytes()).isEqualTo(bytes);
    if (!sketch.isEmpty()) {
      double min = sketch.min().getAsDouble();
      double max = sketch.max().getAsDouble();
      for (double q = 0; q <= 1; q += 0.125) {
        assertThat(sketch.quantile(q).getAsDouble()).isBetween(min, max);
      }
      assertThat(sketch.mean().getAsDouble()).isBetween(min, max);
    }
    return true;
  }

  private static QuantileSketch frameRates() {
    QuantileSketch sketch = QuantileSketch.create();
    for (int i = 0; i < 5_000; i++) {
      sketch.add(20 + (i * 7919 % 1000) / 100.0);
    }
    return sketch;
  }
}
