package io.naap.attestations;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The EIP-712 domain an attestation is bound to: the contract's name and version, the chain id and
 * the verifying contract's address. A signature made for one domain does not verify in another
 * (another chain, another contract).
 */
public record Eip712Domain(
    String name, String version, BigInteger chainId, EvmAddress verifyingContract) {
  private static final Bytes32 TYPE_HASH =
      Bytes32.keccak(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
              .getBytes(StandardCharsets.UTF_8));

  /** The name and version {@code SlaOracle} declares. */
  public static Eip712Domain slaOracle(long chainId, EvmAddress contract) {
    return new Eip712Domain("naap SlaOracle", "1", BigInteger.valueOf(chainId), contract);
  }

  /** The name and version {@code SlaFeeDistributor} declares. */
  public static Eip712Domain slaFeeDistributor(long chainId, EvmAddress contract) {
    return new Eip712Domain("naap SlaFeeDistributor", "1", BigInteger.valueOf(chainId), contract);
  }

  public Eip712Domain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(verifyingContract, "verifyingContract");
    if (chainId.signum() <= 0 || chainId.bitLength() > 256) {
      throw new IllegalArgumentException("chainId must be a positive uint256: " + chainId);
    }
  }

  /** {@code hashStruct(EIP712Domain)}. */
  public Bytes32 separator() {
    return Bytes32.keccak(
        new AbiWords(5)
            .bytes32(TYPE_HASH)
            .bytes32(Bytes32.keccak(name.getBytes(StandardCharsets.UTF_8)))
            .bytes32(Bytes32.keccak(version.getBytes(StandardCharsets.UTF_8)))
            .uint(chainId)
            .address(verifyingContract)
            .encoded());
  }
}
