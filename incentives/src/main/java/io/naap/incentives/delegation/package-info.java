/**
 * An orchestrator's payout split with its delegators by its fee share and their stakes, as the
 * Livepeer protocol splits fees ({@link io.naap.incentives.delegation.DelegatorSplit}).
 */
package io.naap.incentives.delegation;
