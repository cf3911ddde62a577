package io.naap.storage.oracle;

import java.util.List;

/**
 * Where operators' EIP-712 signatures of an epoch's attestation are kept: a score snapshot's
 * ({@link OracleStore}) or a payout root's ({@code IncentiveStore}).
 */
public interface SignatureStore {
  /** Stores a signature; storing the same one again changes nothing. */
  void addSignature(long epoch, StoredSignature signature);

  /** The signatures over {@code digest} for an epoch, by signer address. */
  List<StoredSignature> signatures(long epoch, byte[] digest);
}
