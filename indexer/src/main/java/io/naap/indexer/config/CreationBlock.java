package io.naap.indexer.config;

import io.naap.indexer.chain.ChainSourceException;
import io.naap.storage.EthereumAddress;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthGetCode;

/**
 * The block a contract was created in, for a contract configured without a start block: a binary
 * search over {@code eth_getCode(address, block)} (about 30 calls for Arbitrum's ~300 million
 * blocks) instead of a scan of every block's logs from genesis. Needs a node that answers state
 * queries at old blocks (an archive node, or anvil).
 */
public final class CreationBlock {
  private CreationBlock() {}

  /**
   * The first block at which {@code address} has code, searched in {@code 0..head}.
   *
   * @throws ChainSourceException when it has no code at {@code head}, or the node cannot answer
   */
  public static long find(Web3j web3j, EthereumAddress address, long head) {
    if (!hasCode(web3j, address, head)) {
      throw new ChainSourceException(
          "no contract at " + address.toChecksumHex() + " at block " + head);
    }
    long low = 0;
    long high = head;
    while (low < high) {
      long middle = low + (high - low) / 2;
      if (hasCode(web3j, address, middle)) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  private static boolean hasCode(Web3j web3j, EthereumAddress address, long block) {
    try {
      EthGetCode answer =
          web3j
              .ethGetCode(
                  address.toChecksumHex(), DefaultBlockParameter.valueOf(BigInteger.valueOf(block)))
              .send();
      if (answer.hasError()) {
        throw new ChainSourceException(
            "eth_getCode of "
                + address.toChecksumHex()
                + " at block "
                + block
                + " failed: "
                + answer.getError().getMessage()
                + " (finding a contract's first block needs a node that keeps old state)");
      }
      String code = answer.getCode();
      return code != null && !code.isEmpty() && !"0x".equals(code);
    } catch (IOException e) {
      throw new ChainSourceException(
          "eth_getCode at block " + block + " failed: " + e.getMessage(), e);
    }
  }
}
