package io.naap.storage.oracle;

import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.TransactionHash;
import java.time.Instant;
import java.util.Objects;

/**
 * Where and at what cost a snapshot went on chain.
 *
 * @param gasUsed the publishing transaction's gas, from its receipt
 */
public record Publication(
    TransactionHash transaction,
    long blockNumber,
    long gasUsed,
    EthereumAddress submitter,
    Instant publishedAt) {
  public Publication {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(publishedAt, "publishedAt");
    if (blockNumber < 0 || gasUsed < 0) {
      throw new IllegalArgumentException("block and gas must be >= 0");
    }
  }
}
