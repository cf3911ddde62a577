package io.naap.incentives.distribution;

import io.naap.sla.workload.GpuClass;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Why an orchestrator got what it got from a workload's pool: every factor of its weight ({@link
 * Distributor} gives the formulas), whether the cap or the remainder rule touched its amount, and a
 * sentence saying what decided it.
 *
 * @param scoreBps its SLA score
 * @param minScoreBps the workload's minimum score
 * @param qualifies whether {@code scoreBps >= minScoreBps}; if not, every volume factor and the
 *     weight are 0
 * @param minutesShare its share of the qualifying orchestrators' inference seconds
 * @param selectionShare its share of the qualifying orchestrators' sessions
 * @param volume {@code minutesWeight x minutesShare + (1 - minutesWeight) x selectionShare}
 * @param slaFactor {@code (scoreBps / 10000)^slaExponent}
 * @param swapRate {@code min(1, swaps / max(sessions, 1))}
 * @param swapFactor {@code 1 - swapPenalty x swapRate}
 * @param gpu the GPU class it served with
 * @param hourlyCostUsd what an hour of that GPU costs (the cost table, at the rules' energy price)
 * @param costFactor {@code hourlyCostUsd^costExponent}
 * @param weight {@code volume x slaFactor x swapFactor x costFactor}; 0 when it does not qualify
 * @param capped whether its amount was cut to the cap
 * @param remainder the wei the remainder rule added (0 or 1)
 * @param reason what decided its amount, in words
 */
public record Explanation(
    int scoreBps,
    int minScoreBps,
    boolean qualifies,
    double minutesShare,
    double selectionShare,
    double volume,
    double slaFactor,
    double swapRate,
    double swapFactor,
    GpuClass gpu,
    double hourlyCostUsd,
    double costFactor,
    double weight,
    boolean capped,
    BigInteger remainder,
    String reason) {
  public Explanation {
    Objects.requireNonNull(gpu, "gpu");
    Objects.requireNonNull(remainder, "remainder");
    Objects.requireNonNull(reason, "reason");
  }
}
