package io.naap.bindings.deploy;

import io.naap.bindings.generated.BondingManager;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Bulk history for indexer benchmarks and crash tests: the BondingManager double emits many {@code
 * Reward} events in one transaction ({@code emitRewardBurst}), about 2,000 gas each.
 */
public final class RewardBurst {
  /** Enough gas for 10,000 events, under anvil's 30M block gas limit. */
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(29_000_000);

  private static final BigInteger GAS_PRICE = BigInteger.ONE.shiftLeft(33);

  private final BondingManager bonding;

  /**
   * @param bondingManager the deployed BondingManager double
   * @param sender pays for the transactions (a dev account of the local chain)
   */
  public RewardBurst(
      Web3j web3j, Credentials sender, long chainId, DeployedContract bondingManager) {
    Objects.requireNonNull(bondingManager, "bondingManager");
    if (bondingManager.contract() != ProtocolContract.BONDING_MANAGER) {
      throw new IllegalArgumentException("not the BondingManager double: " + bondingManager);
    }
    this.bonding =
        BondingManager.load(
            bondingManager.addressHex(),
            web3j,
            ProtocolDoubles.transactionManager(web3j, sender, chainId),
            new StaticGasProvider(GAS_PRICE, GAS_LIMIT));
  }

  /**
   * One transaction of {@code count} Reward events for {@code transcoders} in turn (0x addresses),
   * amounts derived from {@code seed}; returns once it is mined.
   *
   * @throws DeploymentException when it fails or reverts
   */
  public void emit(List<String> transcoders, int count, long seed) {
    try {
      bonding
          .emitRewardBurst(transcoders, BigInteger.valueOf(count), BigInteger.valueOf(seed))
          .send();
    } catch (Exception e) {
      throw new DeploymentException(
          "emitting " + count + " Reward events failed: " + e.getMessage(), e);
    }
  }
}
