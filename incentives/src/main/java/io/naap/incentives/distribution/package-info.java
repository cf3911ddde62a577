/**
 * Each workload's pool shared among its orchestrators by SLA, volume, swaps and GPU cost, under a
 * cap, exactly to the wei ({@link io.naap.incentives.distribution.Distributor}, by versioned {@link
 * io.naap.incentives.distribution.IncentiveRules}), with an explanation of every share.
 */
package io.naap.incentives.distribution;
