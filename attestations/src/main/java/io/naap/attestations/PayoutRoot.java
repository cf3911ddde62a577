package io.naap.attestations;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the oracle operators sign to make a payout tree claimable, the EIP-712 struct {@code
 * PayoutRoot(uint64 epoch, bytes32 payoutRoot, uint256 cumulativeTotal, bytes32 dataHash, uint64
 * configVersion)} under the {@code SlaFeeDistributor} domain: the Merkle root of the epoch's {@link
 * PayoutLeaf cumulative leaves}, the sum of their amounts (the contract refuses a root that allots
 * more than was funded), the keccak-256 of the epoch's canonical distribution document, and the
 * {@code SlaOracle} signer-set version the signatures are counted against.
 */
public record PayoutRoot(
    long epoch,
    Bytes32 payoutRoot,
    BigInteger cumulativeTotal,
    Bytes32 dataHash,
    long configVersion)
    implements TypedData {
  /** The struct's EIP-712 type. */
  public static final String TYPE =
      "PayoutRoot(uint64 epoch,bytes32 payoutRoot,uint256 cumulativeTotal,bytes32 dataHash,"
          + "uint64 configVersion)";

  private static final Bytes32 TYPE_HASH = Bytes32.keccak(TYPE.getBytes(StandardCharsets.UTF_8));

  public PayoutRoot {
    Objects.requireNonNull(payoutRoot, "payoutRoot");
    Objects.requireNonNull(cumulativeTotal, "cumulativeTotal");
    Objects.requireNonNull(dataHash, "dataHash");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
    }
    if (cumulativeTotal.signum() < 0 || cumulativeTotal.bitLength() > 256) {
      throw new IllegalArgumentException("cumulativeTotal must be a uint256: " + cumulativeTotal);
    }
    if (configVersion < 0) {
      throw new IllegalArgumentException("configVersion must be >= 0: " + configVersion);
    }
  }

  @Override
  public Bytes32 structHash() {
    return Bytes32.keccak(
        new AbiWords(6)
            .bytes32(TYPE_HASH)
            .uint(epoch)
            .bytes32(payoutRoot)
            .uint(cumulativeTotal)
            .bytes32(dataHash)
            .uint(configVersion)
            .encoded());
  }
}
