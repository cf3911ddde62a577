package io.naap.app.verify;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SignerSet;
import io.naap.oracle.SlaOracleChain;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads what {@code naap verify} checks on chain: the node's chain id, the contract's code, its
 * SnapshotPublished and SignerSetChanged events (decoded here from the contract's ABI: the oracle
 * module reads neither in full), and through {@link SlaOracleChain} its stored root, config version
 * and {@code verifyScore}.
 */
final class SlaOracleReader {
  /**
   * {@code SnapshotPublished(uint64 indexed epoch, bytes32, uint32, bytes32, uint64, address
   * indexed)}.
   */
  static final Event SNAPSHOT_PUBLISHED =
      new Event(
          "SnapshotPublished",
          List.of(
              new TypeReference<Uint64>(true) {},
              new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {},
              new TypeReference<Uint32>() {},
              new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {},
              new TypeReference<Uint64>() {},
              new TypeReference<Address>(true) {}));

  /**
   * {@code SignerSetChanged(uint64 indexed configVersion, address[] signers, uint32 threshold)}.
   */
  static final Event SIGNER_SET_CHANGED =
      new Event(
          "SignerSetChanged",
          List.of(
              new TypeReference<Uint64>(true) {},
              new TypeReference<DynamicArray<Address>>() {},
              new TypeReference<Uint32>() {}));

  private final Web3j web3j;
  private final String rpc;

  SlaOracleReader(Web3j web3j, String rpc) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.rpc = Objects.requireNonNull(rpc, "rpc");
  }

  /**
   * The chain id the node answers.
   *
   * @throws VerifyException when the node cannot be reached
   */
  long chainId() {
    try {
      return checked(web3j.ethChainId().send(), "eth_chainId").getChainId().longValueExact();
    } catch (IOException | RuntimeException e) {
      throw new VerifyException("cannot reach the chain at " + rpc + ": " + reason(e), e);
    }
  }

  /** Everything the chain says about the answers' snapshot (all of one epoch) and leaves. */
  ChainFacts read(long chainId, EvmAddress contract, long fromBlock, List<ProofAnswer> answers) {
    ProofAnswer.Snapshot snapshot = answers.getFirst().snapshot();
    SlaOracleChain oracle = new SlaOracleChain(web3j, chainId, contract, fromBlock);
    return new ChainFacts(
        chainId,
        contract,
        fromBlock,
        ChainRead.of(() -> hasCode(contract)),
        ChainRead.of(() -> publication(contract, fromBlock, snapshot.epoch())),
        ChainRead.of(() -> oracle.publishedRoot(snapshot.epoch())),
        ChainRead.of(() -> signerSet(contract, fromBlock, snapshot.configVersion())),
        ChainRead.of(() -> oracle.config().configVersion()),
        answers.stream()
            .map(answer -> ChainRead.of(() -> oracle.verifyScore(answer.leaf(), answer.proof())))
            .toList());
  }

  private boolean hasCode(EvmAddress contract) {
    try {
      String code =
          checked(
                  web3j.ethGetCode(contract.checksummed(), DefaultBlockParameterName.LATEST).send(),
                  "eth_getCode")
              .getCode();
      return code != null && !code.isEmpty() && !"0x".equals(code);
    } catch (IOException e) {
      throw new VerifyException("eth_getCode failed: " + reason(e), e);
    }
  }

  /** The SnapshotPublished event of {@code epoch}, if the contract emitted one. */
  private Optional<ChainFacts.Publication> publication(
      EvmAddress contract, long fromBlock, long epoch) {
    Optional<Log> found = firstLog(contract, fromBlock, SNAPSHOT_PUBLISHED, epoch);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Log log = found.get();
    var values =
        FunctionReturnDecoder.decode(log.getData(), SNAPSHOT_PUBLISHED.getNonIndexedParameters());
    if (values.size() != 4 || log.getTopics().size() != 3) {
      throw new VerifyException(
          "the SnapshotPublished event of epoch "
              + epoch
              + " in transaction "
              + log.getTransactionHash()
              + " does not decode");
    }
    Address submitter =
        (Address)
            FunctionReturnDecoder.decodeIndexedValue(
                log.getTopics().get(2), new TypeReference<Address>() {});
    return Optional.of(
        new ChainFacts.Publication(
            epoch,
            Bytes32.of(((org.web3j.abi.datatypes.generated.Bytes32) values.get(0)).getValue()),
            ((Uint32) values.get(1)).getValue().longValueExact(),
            Bytes32.of(((org.web3j.abi.datatypes.generated.Bytes32) values.get(2)).getValue()),
            ((Uint64) values.get(3)).getValue().longValueExact(),
            EvmAddress.fromHex(submitter.getValue()),
            log.getBlockNumber().longValueExact(),
            Bytes32.fromHex(log.getTransactionHash())));
  }

  /** The signer set and threshold of {@code configVersion}, from its SignerSetChanged event. */
  private Optional<SignerSet> signerSet(EvmAddress contract, long fromBlock, long configVersion) {
    Optional<Log> found = firstLog(contract, fromBlock, SIGNER_SET_CHANGED, configVersion);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    var values =
        FunctionReturnDecoder.decode(
            found.get().getData(), SIGNER_SET_CHANGED.getNonIndexedParameters());
    if (values.size() != 2) {
      throw new VerifyException(
          "the SignerSetChanged event of config version " + configVersion + " does not decode");
    }
    @SuppressWarnings("unchecked")
    List<Address> signers = ((DynamicArray<Address>) values.get(0)).getValue();
    return Optional.of(
        new SignerSet(
            signers.stream().map(address -> EvmAddress.fromHex(address.getValue())).toList(),
            ((Uint32) values.get(1)).getValue().intValueExact()));
  }

  /** The first log of {@code event} whose first indexed uint64 is {@code indexed}. */
  private Optional<Log> firstLog(EvmAddress contract, long fromBlock, Event event, long indexed) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameterName.LATEST,
            contract.checksummed());
    filter.addSingleTopic(EventEncoder.encode(event));
    filter.addSingleTopic("0x" + TypeEncoder.encode(new Uint64(indexed)));
    try {
      var logs = checked(web3j.ethGetLogs(filter).send(), "eth_getLogs").getLogs();
      return logs.stream()
          .map(result -> (Log) ((EthLog.LogResult<?>) result).get())
          .filter(log -> !log.isRemoved())
          .findFirst();
    } catch (IOException e) {
      throw new VerifyException("eth_getLogs failed: " + reason(e), e);
    }
  }

  private static <T extends Response<?>> T checked(T response, String call) {
    if (response.hasError()) {
      throw new VerifyException(call + " failed: " + response.getError().getMessage());
    }
    return response;
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
