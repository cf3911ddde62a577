package io.naap.sla.kpi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The exact sum of doubles: {@code significand * 2^exponent}, in canonical form (the significand
 * odd, or zero with exponent 0). Every finite double is an integer times a power of two, so the sum
 * of any of them, in any order and with any grouping, is exactly the same value with exactly the
 * same representation. Mutable, not thread-safe.
 */
final class ExactSum {

  /** Every double is a multiple of 2^-1074 (the least subnormal). */
  static final int MIN_EXPONENT = -1074;

  private static final int SIGNIFICAND_BITS = 52;
  private static final int EXPONENT_BIAS = 1075;
  private static final long SIGNIFICAND_MASK = (1L << SIGNIFICAND_BITS) - 1;

  /**
   * Enough digits that the quotient rounds to the same double as the exact one, or its neighbour.
   */
  private static final MathContext QUOTIENT = new MathContext(40);

  private BigInteger significand = BigInteger.ZERO;
  private int exponent;

  ExactSum() {}

  ExactSum(ExactSum other) {
    significand = other.significand;
    exponent = other.exponent;
  }

  /**
   * The sum {@code significand * 2^exponent}.
   *
   * @throws IllegalArgumentException when the pair is not canonical (an even significand, or zero
   *     with a non-zero exponent) or the exponent is below {@link #MIN_EXPONENT}
   */
  static ExactSum of(BigInteger significand, int exponent) {
    boolean canonical = significand.signum() == 0 ? exponent == 0 : significand.testBit(0);
    if (!canonical || exponent < MIN_EXPONENT) {
      throw new IllegalArgumentException(
          "not a canonical exact sum: " + significand + " * 2^" + exponent);
    }
    ExactSum sum = new ExactSum();
    sum.significand = significand;
    sum.exponent = exponent;
    return sum;
  }

  BigInteger significand() {
    return significand;
  }

  int exponent() {
    return exponent;
  }

  /** Adds {@code value * count} exactly; {@code value} is finite. */
  void add(double value, long count) {
    if (value == 0) {
      return;
    }
    long bits = Double.doubleToRawLongBits(value);
    int biased = (int) ((bits >>> SIGNIFICAND_BITS) & 0x7ff);
    long magnitude = bits & SIGNIFICAND_MASK;
    int termExponent;
    if (biased == 0) {
      termExponent = MIN_EXPONENT;
    } else {
      magnitude |= 1L << SIGNIFICAND_BITS;
      termExponent = biased - EXPONENT_BIAS;
    }
    int zeros = Long.numberOfTrailingZeros(magnitude);
    magnitude >>>= zeros;
    termExponent += zeros;
    BigInteger term = BigInteger.valueOf(value < 0 ? -magnitude : magnitude);
    if (count != 1) {
      term = term.multiply(BigInteger.valueOf(count));
    }
    add(term, termExponent);
  }

  /** Adds another exact sum. */
  void add(ExactSum other) {
    if (other.significand.signum() != 0) {
      add(other.significand, other.exponent);
    }
  }

  private void add(BigInteger termSignificand, int termExponent) {
    if (significand.signum() == 0) {
      significand = termSignificand;
      exponent = termExponent;
    } else if (termExponent >= exponent) {
      significand = significand.add(termSignificand.shiftLeft(termExponent - exponent));
    } else {
      significand = significand.shiftLeft(exponent - termExponent).add(termSignificand);
      exponent = termExponent;
    }
    normalise();
  }

  private void normalise() {
    if (significand.signum() == 0) {
      exponent = 0;
      return;
    }
    int zeros = significand.getLowestSetBit();
    if (zeros > 0) {
      significand = significand.shiftRight(zeros);
      exponent += zeros;
    }
  }

  /** The exact value. */
  BigDecimal toBigDecimal() {
    if (exponent >= 0) {
      return new BigDecimal(significand.shiftLeft(exponent));
    }
    // 2^-k = 5^k / 10^k
    return new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
  }

  /** The sum rounded once to the nearest double (infinite when beyond the double range). */
  double toDouble() {
    if (significand.signum() == 0) {
      return 0.0;
    }
    if (significand.bitLength() <= SIGNIFICAND_BITS + 1 && exponent >= MIN_EXPONENT + 53) {
      // the significand and the power of two are both exact doubles, and so is their product
      return Math.scalb((double) significand.longValue(), exponent);
    }
    return toBigDecimal().doubleValue();
  }

  /** The sum divided by {@code divisor > 0}, rounded to a double. */
  double dividedBy(long divisor) {
    if (significand.signum() == 0) {
      return 0.0;
    }
    return toBigDecimal().divide(BigDecimal.valueOf(divisor), QUOTIENT).doubleValue();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExactSum that
        && exponent == that.exponent
        && significand.equals(that.significand);
  }

  @Override
  public int hashCode() {
    return significand.hashCode() * 31 + exponent;
  }
}
