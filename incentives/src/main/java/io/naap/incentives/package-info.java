/**
 * The incentive engine: each workload's fee pool shared among its orchestrators by the SLA they
 * delivered ({@link io.naap.incentives.distribution}), weighed by what their GPU costs ({@link
 * io.naap.incentives.gpu}), each payout split with the orchestrator's delegators ({@link
 * io.naap.incentives.delegation}), and the cumulative payout tree the {@code SlaFeeDistributor}
 * contract verifies claims against ({@link io.naap.incentives.payout}). Pure: no IO, no clock, no
 * randomness; every result is exact to the wei and independent of the order of the inputs, its
 * accounts in {@link io.naap.incentives.AddressOrder}.
 */
package io.naap.incentives;
