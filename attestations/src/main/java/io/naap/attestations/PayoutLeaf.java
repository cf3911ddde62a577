package io.naap.attestations;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One leaf of a payout tree: everything an account has been allotted since the first epoch, in the
 * distributor's asset (wei for ETH, the token's smallest unit otherwise), as the {@code
 * SlaFeeDistributor} contract encodes it: {@code abi.encode(address account, uint256
 * cumulativeAmount)}, hashed twice as OpenZeppelin's {@code StandardMerkleTree} hashes a leaf.
 * Amounts are cumulative, so the latest root alone pays out everything owed: a claim pays the
 * difference between the leaf's amount and what the account already claimed.
 *
 * @param account who may claim
 * @param cumulativeAmount all that was allotted to it up to the tree's epoch (uint256, >= 0)
 */
public record PayoutLeaf(EvmAddress account, BigInteger cumulativeAmount) {
  /** The Solidity types of a leaf's fields, in order. */
  public static final String TYPES = "address,uint256";

  public PayoutLeaf {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(cumulativeAmount, "cumulativeAmount");
    if (cumulativeAmount.signum() < 0 || cumulativeAmount.bitLength() > 256) {
      throw new IllegalArgumentException("cumulativeAmount must be a uint256: " + cumulativeAmount);
    }
  }

  /** {@code abi.encode} of the fields. */
  public byte[] abiEncoded() {
    return new AbiWords(2).address(account).uint(cumulativeAmount).encoded();
  }

  /** The leaf's hash in the tree: keccak-256 of keccak-256 of {@link #abiEncoded}. */
  public Bytes32 hash() {
    return Bytes32.keccak(Bytes32.keccak(abiEncoded()).bytes());
  }
}
