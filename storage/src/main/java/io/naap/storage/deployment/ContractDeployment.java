package io.naap.storage.deployment;

import io.naap.storage.EthereumAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A contract naap deployed, or was pointed at by address, on one chain. The same rules as the
 * {@code contract_deployment} table's constraints hold on construction.
 *
 * @param chainId EIP-155 chain id, positive
 * @param name the contract's name, unique per chain: a letter, then up to 99 letters, digits,
 *     {@code _ . -} (e.g. {@code SlaOracle}, {@code BondingManager})
 * @param address where the contract lives
 * @param blockNumber the block holding the deployment, or for a contract given by address the first
 *     block naap reads it from; not negative
 * @param transactionHash the deploying transaction; empty for a contract given by address
 * @param recordedAt when naap recorded it, truncated to microseconds (PostgreSQL's precision) so
 *     that what is read back equals what was recorded
 */
public record ContractDeployment(
    long chainId,
    String name,
    EthereumAddress address,
    long blockNumber,
    Optional<TransactionHash> transactionHash,
    Instant recordedAt) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

  public ContractDeployment {
    requireChainId(chainId);
    requireName(name);
    Objects.requireNonNull(address, "address");
    if (blockNumber < 0) {
      throw new IllegalArgumentException("block number must be >= 0, got " + blockNumber);
    }
    Objects.requireNonNull(transactionHash, "transactionHash must be an Optional");
    Objects.requireNonNull(recordedAt, "recordedAt");
    recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
  }

  static long requireChainId(long chainId) {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + chainId);
    }
    return chainId;
  }

  static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "contract name must be a letter then up to 99 letters, digits, '_', '.' or '-', got '"
              + name
              + "'");
    }
    return name;
  }
}
