package io.naap.incentives.payout;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.PayoutLeaf;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What an account submits to {@code SlaFeeDistributor.claim}: its leaf and the proof that the leaf
 * is in the tree whose root the oracle published. The contract pays the difference between {@code
 * cumulativeAmount} and what the account already claimed.
 *
 * @param account who claims
 * @param cumulativeAmount all that was allotted to it up to the tree's epoch
 * @param proof the sibling hashes from the leaf up, as {@code MerkleProof.verify} takes them
 */
public record Claim(EvmAddress account, BigInteger cumulativeAmount, List<Bytes32> proof) {
  public Claim {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(cumulativeAmount, "cumulativeAmount");
    proof = List.copyOf(proof);
  }

  /** The leaf the proof is for. */
  public PayoutLeaf leaf() {
    return new PayoutLeaf(account, cumulativeAmount);
  }
}
