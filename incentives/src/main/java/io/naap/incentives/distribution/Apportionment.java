package io.naap.incentives.distribution;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A pool shared in proportion to weights under a cap, exactly to the wei: the integer part of the
 * rule {@link Distributor} documents (water-filling, then the remainder rule).
 *
 * <p>Weights are doubles and used exactly: a finite double is an odd integer times a power of two,
 * so scaling every weight by the same power of two (the smallest exponent among them) turns them
 * into integers in exactly the ratios of the doubles. Nothing is rounded before the one floor per
 * share, and a positive weight never becomes 0. Everything below is integer arithmetic and depends
 * only on the ratios of the weights.
 */
final class Apportionment {
  /** The amount of each weight's holder, in the order of the weights. */
  private final BigInteger[] amounts;

  /** Whether each was cut to the cap. */
  private final boolean[] capped;

  /** Whether each got a wei of the remainder. */
  private final boolean[] remainder;

  /** What nobody could be paid. */
  private final BigInteger carried;

  private Apportionment(
      BigInteger[] amounts, boolean[] capped, boolean[] remainder, BigInteger carried) {
    this.amounts = amounts;
    this.capped = capped;
    this.remainder = remainder;
    this.carried = carried;
  }

  /**
   * The pool shared among the weights, none above the cap.
   *
   * <ol>
   *   <li>In order of weight descending (ties: the lower index first), while the next one's
   *       proportional share of what remains, {@code remaining x q / sum of the uncapped q},
   *       exceeds the cap, it gets the cap and leaves the set.
   *   <li>The others get {@code floor(remaining x q / sum)}.
   *   <li>The wei left by those floors go one each to the uncapped positive weights in the same
   *       order, skipping any already at the cap.
   *   <li>If no positive weight is left uncapped (none at all, or all capped), what remains is
   *       carried.
   * </ol>
   *
   * @param pool >= 0
   * @param cap >= 0
   * @param weights finite and >= 0; the index order breaks ties (callers pass them by address)
   */
  static Apportionment of(BigInteger pool, BigInteger cap, double[] weights) {
    int n = weights.length;
    BigInteger[] quantities = exactIntegers(weights);
    Integer[] order = positivesByWeightDescending(weights);
    BigInteger[] amounts = new BigInteger[n];
    Arrays.fill(amounts, BigInteger.ZERO);
    boolean[] capped = new boolean[n];
    boolean[] remainder = new boolean[n];

    BigInteger remaining = pool;
    BigInteger sum = BigInteger.ZERO;
    for (Integer index : order) {
      sum = sum.add(quantities[index]);
    }
    int first = 0;
    while (first < order.length) {
      int index = order[first];
      if (remaining.multiply(quantities[index]).compareTo(cap.multiply(sum)) <= 0) {
        break;
      }
      amounts[index] = cap;
      capped[index] = true;
      remaining = remaining.subtract(cap);
      sum = sum.subtract(quantities[index]);
      first++;
    }
    if (first == order.length) {
      return new Apportionment(amounts, capped, remainder, remaining);
    }
    BigInteger floors = BigInteger.ZERO;
    for (int k = first; k < order.length; k++) {
      int index = order[k];
      amounts[index] = remaining.multiply(quantities[index]).divide(sum);
      floors = floors.add(amounts[index]);
    }
    // Fewer wei than uncapped positive weights are left, and each of those below the cap can take
    // one more without passing it (one at the cap got its exact share and left no fraction).
    long left = remaining.subtract(floors).longValueExact();
    for (int k = first; k < order.length && left > 0; k++) {
      int index = order[k];
      if (amounts[index].compareTo(cap) < 0) {
        amounts[index] = amounts[index].add(BigInteger.ONE);
        remainder[index] = true;
        left--;
      }
    }
    if (left != 0) {
      throw new IllegalStateException(left + " wei of the remainder found no taker");
    }
    return new Apportionment(amounts, capped, remainder, BigInteger.ZERO);
  }

  BigInteger amount(int index) {
    return amounts[index];
  }

  boolean capped(int index) {
    return capped[index];
  }

  boolean remainder(int index) {
    return remainder[index];
  }

  BigInteger carried() {
    return carried;
  }

  /**
   * The weights as integers in exactly their ratios: each positive double {@code m x 2^e} ({@code
   * m} odd) becomes {@code m x 2^(e - min e)}; zeros stay 0.
   */
  static BigInteger[] exactIntegers(double[] weights) {
    int n = weights.length;
    long[] mantissas = new long[n];
    int[] exponents = new int[n];
    int lowest = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      double weight = weights[i];
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("a weight must be finite and >= 0: " + weight);
      }
      if (weight == 0) {
        continue;
      }
      long bits = Double.doubleToRawLongBits(weight);
      int biased = (int) (bits >>> 52) & 0x7ff;
      long mantissa = bits & 0xf_ffff_ffff_ffffL;
      int exponent;
      if (biased == 0) {
        exponent = -1074;
      } else {
        mantissa |= 1L << 52;
        exponent = biased - 1075;
      }
      int zeros = Long.numberOfTrailingZeros(mantissa);
      mantissas[i] = mantissa >>> zeros;
      exponents[i] = exponent + zeros;
      lowest = Math.min(lowest, exponents[i]);
    }
    BigInteger[] integers = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      integers[i] =
          mantissas[i] == 0
              ? BigInteger.ZERO
              : BigInteger.valueOf(mantissas[i]).shiftLeft(exponents[i] - lowest);
    }
    return integers;
  }

  /** The indices of the positive weights, largest weight first, ties by index. */
  private static Integer[] positivesByWeightDescending(double[] weights) {
    int count = 0;
    for (double weight : weights) {
      if (weight > 0) {
        count++;
      }
    }
    Integer[] order = new Integer[count];
    int next = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        order[next++] = i;
      }
    }
    // A stable sort: equal weights keep their index order.
    Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
    return order;
  }
}
