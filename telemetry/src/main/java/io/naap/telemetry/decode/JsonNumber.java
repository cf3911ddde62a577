package io.naap.telemetry.decode;

import com.fasterxml.jackson.core.io.NumberInput;
import java.math.BigDecimal;

/**
 * A JSON number that is not an integer fitting a {@code long}: kept as its literal, converted when
 * a field asks for it (most numbers of a record are never read as anything but a double).
 */
final class JsonNumber {
  private final String literal;
  private BigDecimal decimal;

  JsonNumber(String literal) {
    this.literal = literal;
  }

  /** The number exactly. */
  BigDecimal decimalValue() {
    if (decimal == null) {
      decimal = new BigDecimal(literal);
    }
    return decimal;
  }

  /** The nearest double (as {@code decimalValue().doubleValue()}, but for the sign of zero). */
  double doubleValue() {
    return nearestDouble(literal);
  }

  /**
   * The nearest double of a decimal literal, by Jackson's fast parser: correctly rounded, as {@link
   * Double#parseDouble}, several times faster.
   */
  static double nearestDouble(String literal) {
    return NumberInput.parseDouble(literal, true);
  }

  String literal() {
    return literal;
  }
}
