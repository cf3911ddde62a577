package io.naap.storage.protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a chain's indexer saw at its last pass ({@code indexer_status}).
 *
 * @param finalized blocks at or below it are taken as final
 * @param rangeBlocks the {@code eth_getLogs} range in blocks the source uses now, if known
 * @param requests RPC requests since the indexer process started
 * @param retries of which retried
 * @param rpcErrors failures by kind since it started
 * @param unknownTopics logs whose topic its contract does not declare, by topic
 * @param lastFailure why the last pass failed, empty when it did not
 */
public record IndexerStatusRow(
    long chainId,
    long head,
    long finalized,
    OptionalLong rangeBlocks,
    long requests,
    long retries,
    Map<String, Long> rpcErrors,
    Map<String, Long> unknownTopics,
    Instant lastPassAt,
    Optional<String> lastFailure) {
  public IndexerStatusRow {
    Objects.requireNonNull(rangeBlocks, "rangeBlocks");
    rpcErrors = Map.copyOf(new TreeMap<>(rpcErrors));
    unknownTopics = Map.copyOf(new TreeMap<>(unknownTopics));
    Objects.requireNonNull(lastPassAt, "lastPassAt");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }
}
