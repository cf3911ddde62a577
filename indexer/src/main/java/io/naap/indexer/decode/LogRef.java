package io.naap.indexer.decode;

import io.naap.indexer.chain.RawLog;
import io.naap.storage.EthereumAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a decoded log comes from: the contract that emitted it and the log's coordinates on the
 * chain. Hashes are lower-case {@code 0x} hex, as the node returns them.
 *
 * @param contract which contract emitted it (as the decoder was told)
 * @param address the emitting contract's address
 * @param blockNumber the block it was emitted in
 * @param blockHash that block's hash, 0x and 64 hex digits
 * @param transactionHash the emitting transaction's hash, 0x and 64 hex digits
 * @param logIndex the log's index in its block
 */
public record LogRef(
    ProtocolContract contract,
    EthereumAddress address,
    long blockNumber,
    String blockHash,
    String transactionHash,
    int logIndex) {
  public LogRef {
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(address, "address");
    blockHash = hash32("blockHash", blockHash);
    transactionHash = hash32("transactionHash", transactionHash);
    if (blockNumber < 0 || logIndex < 0) {
      throw new IllegalArgumentException(
          "a log's block number and log index are >= 0: " + blockNumber + ", " + logIndex);
    }
  }

  /**
   * The coordinates of {@code log}, emitted by {@code contract}.
   *
   * @throws IllegalArgumentException when the log's address or hashes are not hex of their length
   *     (no node returns such a log)
   */
  public static LogRef of(RawLog log, ProtocolContract contract) {
    return new LogRef(
        contract,
        EthereumAddress.fromHex(log.address()),
        log.blockNumber(),
        log.blockHash(),
        log.transactionHash(),
        log.logIndex());
  }

  private static String hash32(String what, String hex) {
    Objects.requireNonNull(hex, what);
    if (hex.length() != 66 || !hex.startsWith("0x") || !Hex.isHex(hex, 2, hex.length())) {
      throw new IllegalArgumentException(what + " must be 0x and 64 hex digits: '" + hex + "'");
    }
    return hex.toLowerCase(Locale.ROOT);
  }
}
