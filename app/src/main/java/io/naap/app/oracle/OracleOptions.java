package io.naap.app.oracle;

import io.naap.app.DatabaseOptions;
import io.naap.attestations.EvmAddress;
import io.naap.storage.Database;
import io.naap.storage.deployment.ContractDeployment;
import io.naap.storage.deployment.ContractDeployments;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where an oracle command finds its database, its chain and its SlaOracle contract: a picocli
 * mixin. The contract defaults to the one recorded for the chain (as {@code naap up} records it).
 */
public final class OracleOptions {
  static final String CONTRACT_NAME = "SlaOracle";
  private static final Pattern CONTRACT = Pattern.compile("(0x[0-9a-fA-F]{40})(?:@(\\d+))?");

  @Mixin DatabaseOptions database;

  @Option(
      names = "--rpc",
      required = true,
      paramLabel = "URL",
      description = "JSON-RPC endpoint of the chain SlaOracle lives on.")
  String rpc;

  @Option(
      names = "--contract",
      paramLabel = "0xADDRESS[@BLOCK]",
      description =
          "The SlaOracle contract and the block it was deployed in (default: the SlaOracle"
              + " recorded for the chain, e.g. by naap up).")
  String contract;

  /** A contract's address and deployment block. */
  record Contract(EvmAddress address, long block) {}

  /**
   * The contract of {@code --contract}, else the one recorded for the chain.
   *
   * @throws IllegalArgumentException when {@code --contract} is malformed or none is recorded
   */
  Contract contract(Database db, long chainId) {
    if (contract != null) {
      Matcher matcher = CONTRACT.matcher(contract);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "--contract must be 0x and 40 hex digits, optionally @ and a block number: "
                + contract);
      }
      return new Contract(
          EvmAddress.fromHex(matcher.group(1)),
          matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2)));
    }
    ContractDeployment recorded =
        new ContractDeployments(db)
            .find(chainId, CONTRACT_NAME)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no SlaOracle is recorded for chain "
                            + chainId
                            + ": pass --contract 0xADDRESS@BLOCK"));
    return new Contract(EvmAddress.fromHex(recorded.address().toHex()), recorded.blockNumber());
  }

  /** The chain id the node answers. */
  static long chainId(Web3j web3j, String rpc) {
    try {
      return web3j.ethChainId().send().getChainId().longValueExact();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot reach the chain at " + rpc + ": " + e.getMessage(), e);
    }
  }

  /**
   * A private key from a file holding its hex (with or without 0x; surrounding space ignored).
   *
   * @throws IllegalArgumentException naming the file when it cannot be read or holds no key
   */
  public static Credentials key(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the key file " + file + ": " + e.getMessage(), e);
    }
    String hex = text.startsWith("0x") ? text.substring(2) : text;
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "the key file " + file + " must hold a private key: 64 hex digits, optionally after 0x");
    }
    BigInteger key = new BigInteger(hex, 16);
    if (key.signum() == 0) {
      throw new IllegalArgumentException("the key file " + file + " holds a zero key");
    }
    return Credentials.create(hex);
  }
}
