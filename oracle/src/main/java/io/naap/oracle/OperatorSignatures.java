package io.naap.oracle;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Signature;
import io.naap.attestations.SignerSet;
import io.naap.attestations.SnapshotSigner;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.SignatureStore;
import io.naap.storage.oracle.StoredSignature;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The local operator keys signing an epoch's attestation (a score snapshot, a payout root): each
 * key of the contract's current signer set signs the digest and the signature is stored, and what
 * the contract accepts is chosen from every stored signature, this process's and other operators'
 * ({@link SignerSet#submission}).
 */
public final class OperatorSignatures {
  private final List<SnapshotSigner> signers;
  private final Clock clock;

  public OperatorSignatures(List<SnapshotSigner> signers, Clock clock) {
    this.signers = List.copyOf(signers);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Signs {@code digest} with the local keys in {@code config}'s signer set, stores the signatures
   * under {@code configVersion}, and returns what the contract accepts of the stored ones: at most
   * its threshold, one per current signer, ascending by address (fewer when not enough signed).
   */
  public List<Signature> signAndChoose(
      SignatureStore store,
      long epoch,
      long configVersion,
      Bytes32 digest,
      SlaOracleChain.Config config) {
    for (SnapshotSigner signer : signers) {
      if (config.signers().contains(signer.address())) {
        store.addSignature(
            epoch,
            new StoredSignature(
                epoch,
                configVersion,
                digest.bytes(),
                new EthereumAddress(signer.address().bytes()),
                signer.sign(digest).bytes(),
                clock.instant()));
      }
    }
    return new SignerSet(config.signers(), config.threshold())
        .submission(
            digest,
            store.signatures(epoch, digest.bytes()).stream()
                .map(stored -> Signature.fromBytes(stored.signature()))
                .toList());
  }
}
