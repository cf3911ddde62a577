package io.naap.attestations;

/**
 * An EIP-712 struct: what it hashes to ({@code hashStruct}) and the digest signed for it under a
 * domain, {@code keccak256(0x1901 || domainSeparator || structHash)}.
 */
public interface TypedData {
  /** {@code hashStruct} of the value: keccak-256 of its type hash and its encoded fields. */
  Bytes32 structHash();

  /** The digest an operator signs for this value in {@code domain}. */
  default Bytes32 digest(Eip712Domain domain) {
    byte[] message = new byte[66];
    message[0] = 0x19;
    message[1] = 0x01;
    domain.separator().copyTo(message, 2);
    structHash().copyTo(message, 34);
    return Bytes32.keccak(message);
  }
}
