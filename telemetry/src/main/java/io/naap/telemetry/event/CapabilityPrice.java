package io.naap.telemetry.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One entry of {@code capabilities_prices}: the price of a capability, optionally for one model.
 *
 * @param capability the capability id (e.g. 35, live video to video)
 * @param constraint the model the price applies to; empty for the capability as a whole
 * @param pricePerUnit wei per {@code pixelsPerUnit} pixels
 */
public record CapabilityPrice(
    OptionalInt capability,
    Optional<String> constraint,
    Optional<Wei> pricePerUnit,
    OptionalLong pixelsPerUnit) {

  public CapabilityPrice {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(constraint, "constraint");
    Objects.requireNonNull(pricePerUnit, "pricePerUnit");
    Objects.requireNonNull(pixelsPerUnit, "pixelsPerUnit");
  }

  /**
   * Wei per pixel, to 34 significant digits; empty when either part is unknown or {@code
   * pixelsPerUnit} is zero.
   */
  public Optional<BigDecimal> weiPerPixel() {
    if (pricePerUnit.isEmpty() || pixelsPerUnit.isEmpty() || pixelsPerUnit.getAsLong() == 0) {
      return Optional.empty();
    }
    BigDecimal price = new BigDecimal(pricePerUnit.get().value());
    BigDecimal pixels = new BigDecimal(BigInteger.valueOf(pixelsPerUnit.getAsLong()));
    return Optional.of(price.divide(pixels, MathContext.DECIMAL128));
  }
}
