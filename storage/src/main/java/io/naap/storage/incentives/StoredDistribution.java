package io.naap.storage.incentives;

import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.StoredSnapshot;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One epoch's distribution as stored: its window, rules, inputs, payout tree and the state of its
 * publication.
 *
 * @param oracle the SlaOracle whose published scores of the same epoch it distributes by
 * @param stakeBlock the mirrored block fee shares and delegators' stakes were read at
 * @param payoutRoot the payout tree's root; empty while no account has anything
 * @param cumulativeTotal the sum of the tree's cumulative amounts
 * @param leafCount the tree's leaves (0 without a tree)
 * @param unattributedFees fees credited on chain in the epoch to addresses naap scored no workload
 *     for
 * @param dataHash keccak-256 of the canonical distribution JSON (stored beside it, read with {@link
 *     IncentiveStore#document})
 * @param configVersion the SlaOracle signer-set version the root was signed under, once signed
 */
public record StoredDistribution(
    long epoch,
    Instant startsAt,
    Instant endsAt,
    String rulesVersion,
    EthereumAddress oracle,
    long stakeBlock,
    Optional<byte[]> payoutRoot,
    BigInteger cumulativeTotal,
    int leafCount,
    BigInteger unattributedFees,
    byte[] dataHash,
    Instant builtAt,
    DistributionStatus status,
    Optional<String> statusReason,
    OptionalLong configVersion,
    Optional<TransactionHash> transaction,
    Optional<Instant> transactionSentAt,
    Optional<Publication> publication) {
  public StoredDistribution {
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(rulesVersion, "rulesVersion");
    Objects.requireNonNull(oracle, "oracle");
    Objects.requireNonNull(payoutRoot, "payoutRoot");
    Objects.requireNonNull(cumulativeTotal, "cumulativeTotal");
    Objects.requireNonNull(unattributedFees, "unattributedFees");
    Objects.requireNonNull(builtAt, "builtAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusReason, "statusReason");
    Objects.requireNonNull(configVersion, "configVersion");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(transactionSentAt, "transactionSentAt");
    Objects.requireNonNull(publication, "publication");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1: " + epoch);
    }
    if (!startsAt.isBefore(endsAt)) {
      throw new IllegalArgumentException("an epoch starts before it ends");
    }
    payoutRoot = payoutRoot.map(root -> StoredSnapshot.bytes32(root, "payoutRoot"));
    if (payoutRoot.isEmpty() != (leafCount == 0) || leafCount < 0) {
      throw new IllegalArgumentException("a payout root goes with at least one leaf, none without");
    }
    if (cumulativeTotal.signum() < 0 || unattributedFees.signum() < 0) {
      throw new IllegalArgumentException("amounts are >= 0");
    }
    dataHash = StoredSnapshot.bytes32(dataHash, "dataHash");
  }

  @Override
  public Optional<byte[]> payoutRoot() {
    return payoutRoot.map(byte[]::clone);
  }

  @Override
  public byte[] dataHash() {
    return dataHash.clone();
  }
}
