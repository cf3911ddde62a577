package io.naap.telemetry.decode;

/**
 * The unit a number given as a string may carry after a space, e.g. {@code "1635.021 wei/pixel"}.
 */
enum Unit {
  NONE(""),
  WEI("WEI"),
  WEI_PER_PIXEL("wei/pixel");

  private final String symbol;

  Unit(String symbol) {
    this.symbol = symbol;
  }

  String symbol() {
    return symbol;
  }
}
