package io.naap.storage.oracle;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator's EIP-712 signature over a snapshot's digest.
 *
 * @param signature 65 bytes: r, s, v
 */
public record StoredSignature(
    long epoch,
    long configVersion,
    byte[] digest,
    EthereumAddress signer,
    byte[] signature,
    Instant signedAt) {
  public StoredSignature {
    digest = StoredSnapshot.bytes32(digest, "digest");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(signature, "signature");
    if (signature.length != 65) {
      throw new IllegalArgumentException("a signature is 65 bytes, got " + signature.length);
    }
    signature = signature.clone();
    Objects.requireNonNull(signedAt, "signedAt");
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
