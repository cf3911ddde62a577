/**
 * SLA scores: an orchestrator's KPIs for one workload turned into a score in basis points against
 * the workload's absolute targets, by versioned rules ({@link io.naap.sla.score.ScoringRules}),
 * balanced with its history and shrunk toward a prior while evidence is thin ({@link
 * io.naap.sla.score.Scorer}), with a full explanation ({@link io.naap.sla.score.ScoreExplanation}).
 * The prior comes from the scores of the orchestrators with the same GPU class on the workload
 * ({@link io.naap.sla.score.Priors}).
 */
package io.naap.sla.score;
