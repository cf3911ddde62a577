package io.naap.oracle.payout;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.PayoutRoot;
import io.naap.attestations.Signature;
import io.naap.bindings.generated.SlaFeeDistributor;
import io.naap.oracle.ChainTransactions;
import io.naap.oracle.OracleChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * One SlaFeeDistributor contract over JSON-RPC: its roots and totals, the publication of payout
 * roots and claims, each as a raw transaction whose hash is known before it is sent ({@link
 * ChainTransactions}).
 */
public final class DistributorChain {
  private static final String ROOT_PUBLISHED_TOPIC =
      EventEncoder.encode(SlaFeeDistributor.ROOTPUBLISHED_EVENT);

  private final Web3j web3j;
  private final long chainId;
  private final EvmAddress contract;
  private final long deploymentBlock;
  private final SlaFeeDistributor reader;
  private final ChainTransactions transactions;

  /**
   * @param deploymentBlock the block the contract was deployed in: where logs are searched from
   */
  public DistributorChain(Web3j web3j, long chainId, EvmAddress contract, long deploymentBlock) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.chainId = chainId;
    this.contract = Objects.requireNonNull(contract, "contract");
    this.deploymentBlock = deploymentBlock;
    this.transactions = new ChainTransactions(web3j, chainId);
    this.reader =
        SlaFeeDistributor.load(
            contract.checksummed(),
            web3j,
            new ReadonlyTransactionManager(web3j, contract.checksummed()),
            new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
  }

  public long chainId() {
    return chainId;
  }

  public EvmAddress contract() {
    return contract;
  }

  public long deploymentBlock() {
    return deploymentBlock;
  }

  /**
   * What the contract holds, read at the latest block.
   *
   * @param root the claimable root (zero before the first)
   * @param pendingRoot a root waiting for its challenge window, if any
   * @param pendingClaimableAt when the pending root becomes claimable (unix seconds; 0 without one)
   */
  public record State(
      Bytes32 root,
      Optional<Bytes32> pendingRoot,
      long pendingClaimableAt,
      long latestEpoch,
      BigInteger latestCumulativeTotal,
      BigInteger totalFunded,
      BigInteger totalClaimed,
      boolean paused) {}

  /** A publication found on chain. */
  public record Found(
      Bytes32 payoutRoot,
      BigInteger cumulativeTotal,
      long configVersion,
      long claimableAt,
      Bytes32 transaction,
      long blockNumber,
      long gasUsed,
      EvmAddress submitter) {}

  public State state() {
    try {
      Bytes32 pending = Bytes32.of(reader.pendingRoot().send());
      return new State(
          Bytes32.of(reader.root().send()),
          pending.equals(Bytes32.ZERO) ? Optional.empty() : Optional.of(pending),
          reader.pendingClaimableAt().send().longValueExact(),
          reader.latestEpoch().send().longValueExact(),
          reader.latestCumulativeTotal().send(),
          reader.totalFunded().send(),
          reader.totalClaimed().send(),
          reader.paused().send());
    } catch (Exception e) {
      throw failure("cannot read the state of SlaFeeDistributor " + contract.checksummed(), e);
    }
  }

  /** The SlaOracle whose signer set attests its roots. */
  public EvmAddress oracle() {
    try {
      return EvmAddress.fromHex(reader.oracle().send());
    } catch (Exception e) {
      throw failure("cannot read the oracle of SlaFeeDistributor " + contract.checksummed(), e);
    }
  }

  /** What an account has claimed so far (its cumulative amount at its last claim). */
  public BigInteger claimed(EvmAddress account) {
    try {
      return reader.claimed(account.checksummed()).send();
    } catch (Exception e) {
      throw failure("cannot read what " + account.checksummed() + " claimed", e);
    }
  }

  /** The time of a block (its header's timestamp). */
  public Instant blockTime(long block) {
    try {
      EthBlock.Block header =
          ChainTransactions.checked(
                  web3j
                      .ethGetBlockByNumber(
                          DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                      .send(),
                  "eth_getBlockByNumber")
              .getBlock();
      if (header == null) {
        throw new OracleChainException("the node has no block " + block);
      }
      return Instant.ofEpochSecond(header.getTimestamp().longValueExact());
    } catch (IOException e) {
      throw failure("cannot read block " + block, e);
    }
  }

  /** The RootPublished event of an epoch, with its transaction's gas, if it is on chain. */
  public Optional<Found> findPublication(long epoch) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(deploymentBlock)),
            DefaultBlockParameterName.LATEST,
            contract.checksummed());
    filter.addSingleTopic(ROOT_PUBLISHED_TOPIC);
    filter.addSingleTopic("0x" + TypeEncoder.encode(new Uint64(epoch)));
    try {
      var logs =
          ChainTransactions.checked(web3j.ethGetLogs(filter).send(), "eth_getLogs").getLogs();
      if (logs.isEmpty()) {
        return Optional.empty();
      }
      Log log = (Log) logs.getFirst().get();
      SlaFeeDistributor.RootPublishedEventResponse event =
          SlaFeeDistributor.getRootPublishedEventFromLog(log);
      TransactionReceipt receipt =
          transactions
              .receipt(Bytes32.fromHex(log.getTransactionHash()))
              .orElseThrow(
                  () -> new OracleChainException("no receipt for " + log.getTransactionHash()));
      return Optional.of(
          new Found(
              Bytes32.of(event.payoutRoot),
              event.cumulativeTotal,
              event.configVersion.longValueExact(),
              event.claimableAt.longValueExact(),
              Bytes32.fromHex(log.getTransactionHash()),
              log.getBlockNumber().longValueExact(),
              receipt.getGasUsed().longValueExact(),
              EvmAddress.fromHex(new Address(event.submitter).getValue())));
    } catch (IOException e) {
      throw failure("cannot search the payout root of epoch " + epoch, e);
    }
  }

  /**
   * Signs a {@code publishRoot} transaction from {@code submitter}.
   *
   * @param signatures ascending by signer address
   * @throws OracleChainException when the node estimates that the call reverts (with its reason)
   */
  public ChainTransactions.Prepared preparePublish(
      PayoutRoot root, List<Signature> signatures, Credentials submitter) {
    String data =
        reader
            .publishRoot(
                BigInteger.valueOf(root.epoch()),
                root.payoutRoot().bytes(),
                root.cumulativeTotal(),
                root.dataHash().bytes(),
                signatures.stream().map(Signature::bytes).toList())
            .encodeFunctionCall();
    return transactions.prepare(
        contract, data, submitter, "publishing the payout root of epoch " + root.epoch());
  }

  /**
   * Signs a {@code claim} transaction from {@code sender}, paying {@code account}.
   *
   * @throws OracleChainException when the node estimates that the call reverts (with its reason)
   */
  public ChainTransactions.Prepared prepareClaim(
      EvmAddress account,
      BigInteger cumulativeAmount,
      Bytes32 expectedRoot,
      List<Bytes32> proof,
      Credentials sender) {
    String data =
        reader
            .claim(
                account.checksummed(),
                cumulativeAmount,
                expectedRoot.bytes(),
                proof.stream().map(Bytes32::bytes).toList())
            .encodeFunctionCall();
    return transactions.prepare(contract, data, sender, "claiming for " + account.checksummed());
  }

  /**
   * Signs a {@code fund} transaction of an ETH distributor from {@code funder}: {@code
   * amountPerEpoch} wei for each of {@code epochs} epochs from {@code firstEpoch}.
   */
  public ChainTransactions.Prepared prepareFundEth(
      Bytes32 workload,
      long firstEpoch,
      long epochs,
      BigInteger amountPerEpoch,
      Credentials funder) {
    String data =
        reader
            .fund(
                workload.bytes(),
                BigInteger.valueOf(firstEpoch),
                BigInteger.valueOf(epochs),
                amountPerEpoch,
                BigInteger.ZERO)
            .encodeFunctionCall();
    return transactions.prepare(
        contract,
        data,
        amountPerEpoch.multiply(BigInteger.valueOf(epochs)),
        funder,
        "funding workload " + workload + " from epoch " + firstEpoch);
  }

  /** Sends a prepared transaction; the node's refusal is an {@link OracleChainException}. */
  public void send(ChainTransactions.Prepared prepared) {
    transactions.send(prepared);
  }

  /** Whether a transaction was mined, and how it ended. */
  public ChainTransactions.TransactionState state(Bytes32 transaction) {
    return transactions.state(transaction);
  }

  /** {@link ChainTransactions#awaitMined}. */
  public ChainTransactions.TransactionState awaitMined(
      Bytes32 transaction, java.time.Duration wait) {
    return transactions.awaitMined(transaction, wait);
  }

  /** The transaction's receipt, once it is mined. */
  public Optional<TransactionReceipt> receipt(Bytes32 transaction) {
    return transactions.receipt(transaction);
  }

  private static OracleChainException failure(String message, Exception e) {
    if (e instanceof OracleChainException chain) {
      return chain;
    }
    return new OracleChainException(message + ": " + e.getMessage(), e);
  }
}
