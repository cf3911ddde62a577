package io.naap.oracle;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Contract calls as raw transactions whose hash is known before they are sent, so a caller can
 * record a transaction first and find it again after a crash: signed with the node's nonce and gas
 * estimate (a call the node says would revert is refused with the node's reason, before anything is
 * sent), sent, and followed to their receipt.
 */
public final class ChainTransactions {
  /** Gas on top of the node's estimate. */
  private static final int GAS_MARGIN_PERCENT = 25;

  private final Web3j web3j;
  private final long chainId;

  public ChainTransactions(Web3j web3j, long chainId) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.chainId = chainId;
  }

  /** A signed transaction, not yet sent. */
  public record Prepared(Bytes32 hash, String rawHex, EvmAddress from, long nonce) {}

  /** What the node knows of a transaction. */
  public enum TransactionState {
    SUCCEEDED,
    REVERTED,
    PENDING,
    UNKNOWN
  }

  /**
   * Signs a call of {@code to} with {@code data} from {@code sender}: the nonce is the account's
   * pending count, the gas the node's estimate plus {@value #GAS_MARGIN_PERCENT}%.
   *
   * @param what what the call does, for messages ("publishing epoch 7")
   * @throws OracleChainException when the node estimates that the call reverts (with its reason)
   */
  public Prepared prepare(EvmAddress to, String data, Credentials sender, String what) {
    return prepare(to, data, BigInteger.ZERO, sender, what);
  }

  /**
   * Signs a call of {@code to} with {@code data} sending {@code value} wei from {@code sender} (see
   * {@link #prepare(EvmAddress, String, Credentials, String)}).
   */
  public Prepared prepare(
      EvmAddress to, String data, BigInteger value, Credentials sender, String what) {
    Objects.requireNonNull(value, "value");
    String from = sender.getAddress();
    String contract = to.checksummed();
    try {
      BigInteger nonce =
          checked(
                  web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send(),
                  "eth_getTransactionCount")
              .getTransactionCount();
      EthEstimateGas estimate =
          web3j
              .ethEstimateGas(
                  Transaction.createFunctionCallTransaction(
                      from, null, null, null, contract, value, data))
              .send();
      if (estimate.hasError()) {
        throw new OracleChainException(
            what
                + " would revert: "
                + estimate.getError().getMessage()
                + Optional.ofNullable(estimate.getError().getData()).map(d -> " " + d).orElse(""));
      }
      BigInteger gas =
          estimate
              .getAmountUsed()
              .multiply(BigInteger.valueOf(100 + GAS_MARGIN_PERCENT))
              .divide(BigInteger.valueOf(100));
      BigInteger baseFee =
          checked(
                  web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send(),
                  "eth_getBlockByNumber")
              .getBlock()
              .getBaseFeePerGas();
      byte[] signed;
      if (baseFee == null) {
        // a chain without EIP-1559: a legacy transaction at the node's price
        BigInteger price = checked(web3j.ethGasPrice().send(), "eth_gasPrice").getGasPrice();
        signed =
            TransactionEncoder.signMessage(
                RawTransaction.createTransaction(
                    nonce, price, gas, contract, BigInteger.ZERO, data),
                chainId,
                sender);
      } else {
        // EIP-1559: the node's suggested tip, and room for the base fee to double before mining;
        // paying just the suggested tip keeps the node's next suggestion where it is (a premium
        // on every transaction would compound)
        BigInteger tip =
            checked(web3j.ethMaxPriorityFeePerGas().send(), "eth_maxPriorityFeePerGas")
                .getMaxPriorityFeePerGas();
        signed =
            TransactionEncoder.signMessage(
                RawTransaction.createTransaction(
                    chainId, nonce, gas, contract, value, data, tip, baseFee.shiftLeft(1).add(tip)),
                sender);
      }
      return new Prepared(
          Bytes32.of(Hash.sha3(signed)),
          Numeric.toHexString(signed),
          EvmAddress.fromHex(from),
          nonce.longValueExact());
    } catch (IOException e) {
      throw failure("cannot prepare " + what, e);
    }
  }

  /** Sends a prepared transaction; the node's refusal is an {@link OracleChainException}. */
  public void send(Prepared prepared) {
    try {
      EthSendTransaction sent = web3j.ethSendRawTransaction(prepared.rawHex()).send();
      if (sent.hasError()) {
        throw new OracleChainException(
            "the node refused transaction "
                + prepared.hash()
                + ": "
                + sent.getError().getMessage());
      }
    } catch (IOException e) {
      throw failure("cannot send transaction " + prepared.hash(), e);
    }
  }

  /** Whether a transaction was mined, and how it ended. */
  public TransactionState state(Bytes32 transaction) {
    return receipt(transaction)
        .map(r -> r.isStatusOK() ? TransactionState.SUCCEEDED : TransactionState.REVERTED)
        .orElseGet(
            () -> {
              try {
                boolean known =
                    checked(web3j.ethGetTransactionByHash(transaction.hex()).send(), "transaction")
                        .getTransaction()
                        .isPresent();
                return known ? TransactionState.PENDING : TransactionState.UNKNOWN;
              } catch (IOException e) {
                throw failure("cannot read transaction " + transaction, e);
              }
            });
  }

  /**
   * Waits up to {@code wait} for a transaction to be mined, looking every 50 ms.
   *
   * @return {@link TransactionState#SUCCEEDED} or {@link TransactionState#REVERTED} once mined; the
   *     last state seen ({@code PENDING} or {@code UNKNOWN}) when the wait is over or the thread is
   *     interrupted (its flag set again)
   */
  public TransactionState awaitMined(Bytes32 transaction, java.time.Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      TransactionState state = state(transaction);
      if (state == TransactionState.SUCCEEDED
          || state == TransactionState.REVERTED
          || System.nanoTime() >= deadline) {
        return state;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return state;
      }
    }
  }

  /** The transaction's receipt, once it is mined. */
  public Optional<TransactionReceipt> receipt(Bytes32 transaction) {
    try {
      return checked(web3j.ethGetTransactionReceipt(transaction.hex()).send(), "receipt")
          .getTransactionReceipt();
    } catch (IOException e) {
      throw failure("cannot read the receipt of " + transaction, e);
    }
  }

  /** The response, or an {@link OracleChainException} with the node's error for {@code call}. */
  public static <T extends Response<?>> T checked(T response, String call) {
    if (response.hasError()) {
      throw new OracleChainException(call + " failed: " + response.getError().getMessage());
    }
    return response;
  }

  static OracleChainException failure(String message, Exception e) {
    if (e instanceof OracleChainException chain) {
      return chain;
    }
    return new OracleChainException(message + ": " + e.getMessage(), e);
  }
}
