package io.naap.incentives.gpu;

import io.naap.sla.workload.GpuClass;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * What an hour of one GPU class costs its operator: the card's price spread over its useful life,
 * and the energy it draws.
 *
 * @param gpu the GPU class
 * @param hardwareUsdPerHour the purchase price amortised per hour of use, US dollars (> 0)
 * @param powerWatts the board power (TDP), watts (1 to {@value #MAX_POWER_WATTS})
 */
public record GpuCost(GpuClass gpu, BigDecimal hardwareUsdPerHour, int powerWatts) {
  /** The most board power a table may give a GPU: above any single card made. */
  public static final int MAX_POWER_WATTS = 2_000;

  private static final BigDecimal WATTS_PER_KILOWATT = BigDecimal.valueOf(1_000);

  public GpuCost {
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(hardwareUsdPerHour, "hardwareUsdPerHour");
    if (hardwareUsdPerHour.signum() <= 0) {
      throw new IllegalArgumentException(
          "hardwareUsdPerHour of " + gpu.name() + " must be > 0: " + hardwareUsdPerHour);
    }
    if (powerWatts < 1 || powerWatts > MAX_POWER_WATTS) {
      throw new IllegalArgumentException(
          "powerWatts of " + gpu.name() + " must be 1 to " + MAX_POWER_WATTS + ": " + powerWatts);
    }
  }

  /**
   * The cost of an hour, exactly: {@code hardwareUsdPerHour + powerWatts / 1000 x energyUsdPerKwh}.
   *
   * @throws IllegalArgumentException when the energy price is negative
   */
  public BigDecimal hourlyCostUsd(BigDecimal energyUsdPerKwh) {
    Objects.requireNonNull(energyUsdPerKwh, "energyUsdPerKwh");
    if (energyUsdPerKwh.signum() < 0) {
      throw new IllegalArgumentException("energyUsdPerKwh must be >= 0: " + energyUsdPerKwh);
    }
    return hardwareUsdPerHour.add(
        BigDecimal.valueOf(powerWatts).multiply(energyUsdPerKwh).divide(WATTS_PER_KILOWATT));
  }
}
