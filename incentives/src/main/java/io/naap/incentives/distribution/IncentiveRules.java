package io.naap.incentives.distribution;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One version of the incentive rules: how a workload's pool is shared among the orchestrators that
 * served it. An epoch's distribution names the version it was computed with, so anyone can compute
 * it again and get the same amounts to the wei. {@link Distributor} documents the rule itself.
 *
 * @param version the name distributions carry (1 to 64 of {@code [A-Za-z0-9._-]})
 * @param slaExponent the SLA factor is {@code (scoreBps / 10000)^slaExponent} (finite, >= 0): 0
 *     pays every qualifying score alike, larger values favour the best scores more steeply
 * @param minutesWeight the volume's share given to inference minutes, the rest to sessions won (in
 *     [0, 1])
 * @param swapPenalty the swap factor is {@code 1 - swapPenalty x swapRate} (in [0, 1])
 * @param costExponent the cost factor is {@code hourlyCostUsd^costExponent} (finite, >= 0): 0 pays
 *     every GPU the same per SLA-minute, 1 in proportion to what an hour of it costs
 * @param energyUsdPerKwh the energy price the GPU costs are computed at, US dollars (>= 0)
 * @param capPpm the most one orchestrator may get of a workload's pool, in parts per million (1 to
 *     1,000,000)
 */
public record IncentiveRules(
    String version,
    double slaExponent,
    double minutesWeight,
    double swapPenalty,
    double costExponent,
    BigDecimal energyUsdPerKwh,
    int capPpm) {
  /** Parts per million in a whole. */
  public static final int PPM = 1_000_000;

  public IncentiveRules {
    Objects.requireNonNull(version, "version");
    if (!version.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("version must be 1 to 64 of [A-Za-z0-9._-]: " + version);
    }
    if (!(slaExponent >= 0) || Double.isInfinite(slaExponent)) {
      throw new IllegalArgumentException("slaExponent must be finite and >= 0: " + slaExponent);
    }
    if (!(minutesWeight >= 0 && minutesWeight <= 1)) {
      throw new IllegalArgumentException("minutesWeight must be in [0, 1]: " + minutesWeight);
    }
    if (!(swapPenalty >= 0 && swapPenalty <= 1)) {
      throw new IllegalArgumentException("swapPenalty must be in [0, 1]: " + swapPenalty);
    }
    if (!(costExponent >= 0) || Double.isInfinite(costExponent)) {
      throw new IllegalArgumentException("costExponent must be finite and >= 0: " + costExponent);
    }
    Objects.requireNonNull(energyUsdPerKwh, "energyUsdPerKwh");
    if (energyUsdPerKwh.signum() < 0) {
      throw new IllegalArgumentException("energyUsdPerKwh must be >= 0: " + energyUsdPerKwh);
    }
    if (capPpm < 1 || capPpm > PPM) {
      throw new IllegalArgumentException("capPpm must be 1 to " + PPM + ": " + capPpm);
    }
  }

  /**
   * The first rules: the SLA factor squares the score (an orchestrator at 9,000 earns 1.27 times
   * one at 8,000 for the same volume), minutes weigh 75% of the volume and sessions won 25%
   * (minutes are the work done; sessions won reward being selected), a swap costs half of the
   * session's worth (a swap is a failed service the gateway had to repair, but the swap rate is
   * already part of the SLA score), the cost factor is the square root of the GPU's hourly cost (an
   * H100 earns about 3 times an RTX 4090 per SLA-minute, not the 10 times its cost would say:
   * dearer hardware is paid more without making cheap cards worthless), energy at 0.15 USD/kWh, and
   * no orchestrator gets more than 25% of a workload's pool (so a workload needs at least 4
   * qualifying orchestrators to pay out its whole pool).
   */
  public static IncentiveRules v1() {
    return new IncentiveRules("incentives-1", 2, 0.75, 0.5, 0.5, new BigDecimal("0.15"), 250_000);
  }
}
