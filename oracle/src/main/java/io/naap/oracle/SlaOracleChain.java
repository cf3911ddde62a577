package io.naap.oracle;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.bindings.generated.SlaOracle;
import java.io.IOException;
import java.math.BigInteger;
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
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * One SlaOracle contract over JSON-RPC: its signer set and published snapshots, and publication by
 * a raw transaction whose hash is known before it is sent (so the oracle can record it first, and
 * find it again after a crash).
 */
public final class SlaOracleChain {

  private static final String SNAPSHOT_PUBLISHED_TOPIC =
      EventEncoder.encode(SlaOracle.SNAPSHOTPUBLISHED_EVENT);

  private final Web3j web3j;
  private final long chainId;
  private final EvmAddress contract;
  private final long deploymentBlock;
  private final SlaOracle reader;
  private final ChainTransactions transactions;

  /**
   * @param deploymentBlock the block the contract was deployed in: where logs are searched from
   */
  public SlaOracleChain(Web3j web3j, long chainId, EvmAddress contract, long deploymentBlock) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.chainId = chainId;
    this.contract = Objects.requireNonNull(contract, "contract");
    this.deploymentBlock = deploymentBlock;
    this.transactions = new ChainTransactions(web3j, chainId);
    this.reader =
        SlaOracle.load(
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

  /** The contract's signer set, threshold and versions, read at the latest block. */
  public record Config(
      long configVersion,
      int threshold,
      List<EvmAddress> signers,
      long latestEpoch,
      boolean paused) {
    public Config {
      signers = List.copyOf(signers);
    }
  }

  /** A publication found on chain. */
  public record Found(
      Bytes32 scoresRoot,
      Bytes32 transaction,
      long blockNumber,
      long gasUsed,
      EvmAddress submitter) {}

  public Config config() {
    try {
      @SuppressWarnings("unchecked")
      List<String> signers = (List<String>) reader.signers().send();
      return new Config(
          reader.configVersion().send().longValueExact(),
          reader.threshold().send().intValueExact(),
          signers.stream().map(EvmAddress::fromHex).toList(),
          reader.latestEpoch().send().longValueExact(),
          reader.paused().send());
    } catch (Exception e) {
      throw ChainTransactions.failure(
          "cannot read the signer set of SlaOracle " + contract.checksummed(), e);
    }
  }

  /** The root the contract holds for an epoch, empty when none. */
  public Optional<Bytes32> publishedRoot(long epoch) {
    try {
      Bytes32 root = Bytes32.of(reader.snapshot(BigInteger.valueOf(epoch)).send().scoresRoot);
      return root.equals(Bytes32.ZERO) ? Optional.empty() : Optional.of(root);
    } catch (Exception e) {
      throw ChainTransactions.failure(
          "cannot read epoch " + epoch + " from SlaOracle " + contract.checksummed(), e);
    }
  }

  /** What the contract's {@code verifyScore} answers for a leaf and its proof. */
  public boolean verifyScore(ScoreLeaf leaf, List<Bytes32> proof) {
    try {
      return reader
          .verifyScore(
              BigInteger.valueOf(leaf.epoch()),
              leaf.orchestrator().checksummed(),
              leaf.workload().bytes(),
              BigInteger.valueOf(leaf.scoreBps()),
              BigInteger.valueOf(leaf.flags()),
              leaf.kpiDigest().bytes(),
              proof.stream().map(Bytes32::bytes).toList())
          .send();
    } catch (Exception e) {
      throw ChainTransactions.failure(
          "cannot call verifyScore on SlaOracle " + contract.checksummed(), e);
    }
  }

  /** The SnapshotPublished event of an epoch, with its transaction's gas, if it is on chain. */
  public Optional<Found> findPublication(long epoch) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(deploymentBlock)),
            DefaultBlockParameterName.LATEST,
            contract.checksummed());
    filter.addSingleTopic(SNAPSHOT_PUBLISHED_TOPIC);
    filter.addSingleTopic("0x" + TypeEncoder.encode(new Uint64(epoch)));
    try {
      var logs =
          ChainTransactions.checked(web3j.ethGetLogs(filter).send(), "eth_getLogs").getLogs();
      if (logs.isEmpty()) {
        return Optional.empty();
      }
      Log log = (Log) logs.getFirst().get();
      SlaOracle.SnapshotPublishedEventResponse event =
          SlaOracle.getSnapshotPublishedEventFromLog(log);
      TransactionReceipt receipt =
          ChainTransactions.checked(
                  web3j.ethGetTransactionReceipt(log.getTransactionHash()).send(), "receipt")
              .getTransactionReceipt()
              .orElseThrow(
                  () -> new OracleChainException("no receipt for " + log.getTransactionHash()));
      return Optional.of(
          new Found(
              Bytes32.of(event.scoresRoot),
              Bytes32.fromHex(log.getTransactionHash()),
              log.getBlockNumber().longValueExact(),
              receipt.getGasUsed().longValueExact(),
              EvmAddress.fromHex(new Address(event.submitter).getValue())));
    } catch (IOException e) {
      throw ChainTransactions.failure("cannot search the publication of epoch " + epoch, e);
    }
  }

  /**
   * Signs a publish transaction from {@code submitter} ({@link ChainTransactions#prepare}).
   *
   * @param signatures ascending by signer address
   * @throws OracleChainException when the node estimates that the call reverts (with its reason)
   */
  public ChainTransactions.Prepared preparePublish(
      ScoreSnapshot snapshot, List<Signature> signatures, Credentials submitter) {
    String data =
        reader
            .publish(
                BigInteger.valueOf(snapshot.epoch()),
                snapshot.scoresRoot().bytes(),
                BigInteger.valueOf(snapshot.leafCount()),
                snapshot.dataHash().bytes(),
                signatures.stream().map(Signature::bytes).toList())
            .encodeFunctionCall();
    return transactions.prepare(contract, data, submitter, "publishing epoch " + snapshot.epoch());
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
}
