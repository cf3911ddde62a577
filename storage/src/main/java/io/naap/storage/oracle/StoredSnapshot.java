package io.naap.storage.oracle;

import io.naap.storage.deployment.TransactionHash;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One epoch's snapshot as stored: its window, versions, commitments, canonical document and the
 * state of its publication.
 *
 * @param scoresRoot the Merkle root, 32 bytes
 * @param dataHash keccak-256 of {@code document}, 32 bytes
 * @param document the canonical snapshot JSON
 * @param transaction the last publishing transaction sent, if any
 * @param publication set when {@code status} is {@link SnapshotStatus#PUBLISHED}
 * @param derivedThrough the last telemetry derivation step its KPIs reflect ({@code
 *     io.naap.storage.telemetry.DerivationLog}), empty when built before the log existed
 */
public record StoredSnapshot(
    OracleContract oracle,
    long epoch,
    Instant startsAt,
    Instant endsAt,
    String rulesVersion,
    long configVersion,
    byte[] scoresRoot,
    byte[] dataHash,
    int leafCount,
    byte[] document,
    Instant builtAt,
    SnapshotStatus status,
    Optional<String> statusReason,
    Optional<TransactionHash> transaction,
    Optional<Instant> transactionSentAt,
    Optional<Publication> publication,
    Optional<Long> derivedThrough) {
  public StoredSnapshot {
    Objects.requireNonNull(oracle, "oracle");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(rulesVersion, "rulesVersion");
    Objects.requireNonNull(builtAt, "builtAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusReason, "statusReason");
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(transactionSentAt, "transactionSentAt");
    Objects.requireNonNull(publication, "publication");
    Objects.requireNonNull(derivedThrough, "derivedThrough");
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1: " + epoch);
    }
    if (!startsAt.isBefore(endsAt)) {
      throw new IllegalArgumentException("an epoch starts before it ends");
    }
    scoresRoot = bytes32(scoresRoot, "scoresRoot");
    dataHash = bytes32(dataHash, "dataHash");
    document = Objects.requireNonNull(document, "document").clone();
    if (leafCount < 1) {
      throw new IllegalArgumentException("leafCount must be >= 1: " + leafCount);
    }
    if (status == SnapshotStatus.PUBLISHED && publication.isEmpty()) {
      throw new IllegalArgumentException("a published snapshot has its publication");
    }
  }

  /** A snapshot just built, before any signature or transaction. */
  public static StoredSnapshot built(
      OracleContract oracle,
      long epoch,
      Instant startsAt,
      Instant endsAt,
      String rulesVersion,
      long configVersion,
      byte[] scoresRoot,
      byte[] dataHash,
      int leafCount,
      byte[] document,
      Instant builtAt,
      Optional<Long> derivedThrough) {
    return new StoredSnapshot(
        oracle,
        epoch,
        startsAt,
        endsAt,
        rulesVersion,
        configVersion,
        scoresRoot,
        dataHash,
        leafCount,
        document,
        builtAt,
        SnapshotStatus.BUILT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        derivedThrough);
  }

  @Override
  public byte[] scoresRoot() {
    return scoresRoot.clone();
  }

  @Override
  public byte[] dataHash() {
    return dataHash.clone();
  }

  @Override
  public byte[] document() {
    return document.clone();
  }

  /** A copy of a 32-byte value (a root, a hash, a digest); any other length is refused. */
  public static byte[] bytes32(byte[] bytes, String what) {
    Objects.requireNonNull(bytes, what);
    if (bytes.length != 32) {
      throw new IllegalArgumentException(what + " must be 32 bytes, got " + bytes.length);
    }
    return bytes.clone();
  }
}
