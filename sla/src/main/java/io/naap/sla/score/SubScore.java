package io.naap.sla.score;

import java.util.OptionalDouble;

/**
 * One KPI's part of a score.
 *
 * @param kpi which KPI
 * @param measured its value this epoch; empty when nothing measured it (the sub-score is then the
 *     prior's)
 * @param target the workload's target for it
 * @param score the sub-score in [0, 1]
 * @param share its share of the whole score (group weight x weight within the group)
 * @param samples how many samples measured it
 */
public record SubScore(
    ScoredKpi kpi,
    OptionalDouble measured,
    double target,
    double score,
    double share,
    long samples) {}
