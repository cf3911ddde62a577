package io.naap.telemetry.event;

import java.math.BigInteger;
import java.util.Objects;

/** An amount of wei: a non-negative integer below 2^256 (the range of a Solidity uint256). */
public record Wei(BigInteger value) implements Comparable<Wei> {

  /** 2^256, the first amount that is out of range. */
  public static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(256);

  public static final Wei ZERO = new Wei(BigInteger.ZERO);

  public Wei {
    Objects.requireNonNull(value, "value");
    if (value.signum() < 0 || value.compareTo(LIMIT) >= 0) {
      throw new IllegalArgumentException("wei amount out of range [0, 2^256): " + value);
    }
  }

  public static Wei of(long value) {
    return new Wei(BigInteger.valueOf(value));
  }

  @Override
  public int compareTo(Wei other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value + " wei";
  }
}
