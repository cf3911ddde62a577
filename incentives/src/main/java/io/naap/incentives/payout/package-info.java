/**
 * Cumulative payouts per account and the Merkle tree of them that the {@code SlaFeeDistributor}
 * contract verifies claims against ({@link io.naap.incentives.payout.PayoutTree}).
 */
package io.naap.incentives.payout;
