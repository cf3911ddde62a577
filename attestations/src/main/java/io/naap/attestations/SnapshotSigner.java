package io.naap.attestations;

import java.math.BigInteger;
import java.util.Objects;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * An oracle operator's key, signing snapshot digests: deterministic (RFC 6979) and low-s, so the
 * same key and digest always give the same signature, the one ethers gives.
 */
public final class SnapshotSigner {
  private final ECKeyPair keyPair;
  private final EvmAddress address;

  private SnapshotSigner(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.address = EvmAddress.fromHex("0x" + Keys.getAddress(keyPair.getPublicKey()));
  }

  /** The signer of this private key (a scalar in [1, n-1]). */
  public static SnapshotSigner of(BigInteger privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey.signum() <= 0 || privateKey.compareTo(Sign.CURVE_PARAMS.getN()) >= 0) {
      throw new IllegalArgumentException("a private key must be in [1, n-1]");
    }
    return new SnapshotSigner(ECKeyPair.create(privateKey));
  }

  public EvmAddress address() {
    return address;
  }

  /** Signs the digest itself (no message prefix): what EIP-712 signing does. */
  public Signature sign(Bytes32 digest) {
    Sign.SignatureData data = Sign.signMessage(digest.bytes(), keyPair, false);
    return Signature.of(
        new BigInteger(1, data.getR()), new BigInteger(1, data.getS()), data.getV()[0] & 0xff);
  }

  /** Signs the EIP-712 digest of a struct (a score snapshot, a payout root) in the domain. */
  public Signature sign(TypedData value, Eip712Domain domain) {
    return sign(value.digest(domain));
  }

  @Override
  public String toString() {
    return "SnapshotSigner[" + address + "]";
  }
}
