package io.naap.indexer.rpc;

/**
 * Where a chain source's {@code eth_getLogs} ranges stand, for {@code /v1/indexer/status}.
 *
 * @param blocks the width of the next request
 * @param ceiling the widest request it will make
 * @param learnedCap whether the ceiling is a provider's block cap, learned from its errors, below
 *     the configured maximum
 */
public record RangeState(long blocks, long ceiling, boolean learnedCap) {}
