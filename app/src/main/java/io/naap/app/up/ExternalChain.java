package io.naap.app.up;

import io.naap.app.features.OracleFeatures;
import io.naap.app.oracle.OracleOptions;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SnapshotSigner;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.config.ContractSpec;
import io.naap.indexer.config.CreationBlock;
import io.naap.indexer.config.IndexerProfile;
import io.naap.indexer.rpc.JsonRpcChainSource;
import io.naap.indexer.rpc.RetrySettings;
import io.naap.indexer.rpc.RpcSettings;
import io.naap.oracle.OracleChainException;
import io.naap.oracle.SlaOracleChain;
import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.ContractDeployment;
import io.naap.storage.deployment.ContractDeployments;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * {@code naap up --rpc}: a chain naap up does not start. Checked before anything starts (it
 * answers, it is the profile's chain, it has the configured start blocks); then naap's own
 * SlaOracle is found ({@code --contract}, or recorded by an earlier run on this home) or deployed
 * when asked, and the oracle publisher runs only when there is an SlaOracle that naap up's operator
 * keys sign for and a funded account to publish from.
 *
 * <p>Dev chains (chain id 31337 or 1337: anvil, Hardhat, geth {@code --dev}) are the one place naap
 * up spends other accounts' funds: an account of its own without ETH is funded there from the
 * node's first unlocked account, and the oracle runs one-minute epochs as on its own anvil. On any
 * other chain it only spends from {@code --key-file}'s account (or an operator key someone funded)
 * and runs hourly epochs.
 */
final class ExternalChain {
  /** Chain ids of local development nodes. */
  static final Set<Long> DEV_CHAIN_IDS = Set.of(31337L, 1337L);

  /** What naap up's account gets from a dev chain's unlocked account: 10 ETH. */
  static final BigInteger DEV_FUNDING = BigInteger.TEN.pow(19);

  /** How long a funding or deployment transaction may take to be mined. */
  private static final Duration RECEIPT_WAIT = Duration.ofSeconds(60);

  /** The node's answers before anything started. */
  record Probe(long chainId, long head) {}

  private final UpSettings.External external;
  private final Probe probe;
  private final Web3j web3j;
  private final ContractDeployments deployments;
  private final Path operatorKeys;
  private final Consumer<String> progress;
  private final Clock clock;
  private List<Credentials> operators;

  ExternalChain(
      UpSettings.External external,
      Probe probe,
      Web3j web3j,
      ContractDeployments deployments,
      Path operatorKeys,
      Consumer<String> progress,
      Clock clock) {
    this.external = external;
    this.probe = probe;
    this.web3j = web3j;
    this.deployments = deployments;
    this.operatorKeys = operatorKeys;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * The chain id and head of {@code external}'s node, with a few quick retries.
   *
   * @throws UpException when the node does not answer
   */
  static Probe probe(UpSettings.External external) {
    RpcSettings quick =
        RpcSettings.defaults()
            .withRequestTimeout(external.rpcTimeout())
            .withRetry(
                new RetrySettings(Duration.ofMillis(200), Duration.ofSeconds(2), 4, 10, 0.2));
    try (JsonRpcChainSource source = new JsonRpcChainSource(external.rpc(), quick)) {
      return new Probe(source.chainId(), source.head());
    } catch (ChainSourceException e) {
      throw new UpException(
          "cannot reach the chain at "
              + external.rpc()
              + " ("
              + e.getMessage()
              + "): check --rpc and that the node is running",
          e);
    }
  }

  /**
   * Checks the configured contracts against the node: the profile is for its chain, and no contract
   * starts beyond its head (a node still syncing, or the wrong chain: indexing would wait for
   * blocks that may never come, so naap up stops and says so).
   *
   * @throws IllegalArgumentException naming the mismatch and the fix
   */
  static void check(UpSettings.External external, Probe probe) {
    Optional<IndexerProfile> profile = external.profile().map(IndexerProfile::bundled);
    if (profile.isPresent()
        && profile.get().chainId().isPresent()
        && profile.get().chainId().getAsLong() != probe.chainId()) {
      throw new IllegalArgumentException(
          "profile "
              + profile.get().name()
              + " is for chain "
              + profile.get().chainId().getAsLong()
              + ", but the node at "
              + external.rpc()
              + " is chain "
              + probe.chainId()
              + ": point --rpc at a node of chain "
              + profile.get().chainId().getAsLong()
              + ", or drop --profile and name the contracts with --contract");
    }
    List<ContractSpec> contracts =
        profile
            .map(p -> p.with(external.contracts(), OptionalLong.empty()).contracts())
            .orElse(external.contracts());
    for (ContractSpec contract : contracts) {
      if (contract.startBlock().isPresent() && contract.startBlock().getAsLong() > probe.head()) {
        throw new IllegalArgumentException(
            contract.name()
                + " starts at block "
                + contract.startBlock().getAsLong()
                + ", beyond the head of chain "
                + probe.chainId()
                + " at "
                + external.rpc()
                + " (block "
                + probe.head()
                + "): the node is still syncing, or it is not the chain this contract lives on;"
                + " wait for it, or give --contract "
                + contract.name()
                + "=0xADDRESS@BLOCK with a block the chain has");
      }
    }
  }

  /**
   * SlaOracle on this chain with the block it was deployed in: {@code --contract}'s, else deployed
   * now ({@code --deploy-contracts}, unless the one recorded still has code), else the one this
   * home recorded for the chain if it still has code; empty when there is none.
   */
  Optional<ContractSpec> slaOracle() {
    Optional<ContractSpec> given = external.slaOracle();
    if (given.isPresent()) {
      ContractSpec contract = given.get();
      if (contract.startBlock().isPresent()) {
        if (!hasCode(contract.address())) {
          throw new UpException(
              "--contract "
                  + contract
                  + ": no contract at "
                  + contract.address().toChecksumHex()
                  + " on chain "
                  + probe.chainId()
                  + " (wrong address, or wrong chain)");
        }
        return given;
      }
      long block = creationBlock(contract.address());
      return Optional.of(
          new ContractSpec(contract.name(), contract.address(), OptionalLong.of(block)));
    }
    if (external.deployContracts()) {
      Credentials deployer =
          fundedAccount(payer())
              .orElseThrow(
                  () ->
                      new UpException(
                          "--deploy-contracts needs a funded account: "
                              + payer().getAddress()
                              + " has no ETH on chain "
                              + probe.chainId()
                              + (DEV_CHAIN_IDS.contains(probe.chainId())
                                  ? " and the node has no unlocked dev account to fund it from"
                                  : "")
                              + ": send it ETH, or pass --key-file FILE with the key of a funded"
                              + " account"));
      progress.accept("deploying SlaOracle from " + deployer.getAddress() + " (or reusing it)");
      UpReport.Contract deployed =
          new LocalContracts(web3j, probe.chainId(), deployer, deployments, clock)
              .ensureOracle(
                  operators().stream().map(key -> EvmAddress.fromHex(key.getAddress())).toList(),
                  LocalStack.ORACLE_THRESHOLD);
      return Optional.of(
          new ContractSpec(
              UpSettings.SLA_ORACLE,
              EthereumAddress.fromHex(deployed.address()),
              OptionalLong.of(deployed.block())));
    }
    Optional<ContractDeployment> recorded =
        deployments.find(probe.chainId(), UpSettings.SLA_ORACLE);
    if (recorded.isPresent() && hasCode(recorded.get().address())) {
      progress.accept(
          "using the SlaOracle this home deployed on chain "
              + probe.chainId()
              + ": "
              + recorded.get().address().toChecksumHex());
      return Optional.of(
          new ContractSpec(
              UpSettings.SLA_ORACLE,
              recorded.get().address(),
              OptionalLong.of(recorded.get().blockNumber())));
    }
    return Optional.empty();
  }

  /**
   * The oracle publisher for {@code slaOracle}: naap up's operator keys that sign for it, and a
   * funded account to publish from; off, with the reason, when either is missing.
   */
  OraclePlan oracle(Optional<ContractSpec> slaOracle) {
    if (slaOracle.isEmpty()) {
      return new OraclePlan.Off(
          "no SlaOracle on chain "
              + probe.chainId()
              + " (--deploy-contracts deploys one, --contract SlaOracle=0xADDRESS@BLOCK names one)");
    }
    ContractSpec contract = slaOracle.get();
    EvmAddress address = EvmAddress.fromHex(contract.address().toHex());
    long block = contract.startBlock().orElseThrow();
    SlaOracleChain.Config config;
    try {
      config = new SlaOracleChain(web3j, probe.chainId(), address, block).config();
    } catch (OracleChainException e) {
      throw new UpException(
          e.getMessage() + " (is " + address.checksummed() + " an SlaOracle?)", e);
    }
    List<SnapshotSigner> signers =
        operators().stream()
            .map(key -> SnapshotSigner.of(key.getEcKeyPair().getPrivateKey()))
            .filter(signer -> config.signers().contains(signer.address()))
            .toList();
    if (signers.isEmpty()) {
      return new OraclePlan.Off(
          "none of naap up's operator keys ("
              + operatorKeys
              + ") is a signer of SlaOracle "
              + address.checksummed()
              + ": run naap oracle run with its operators' keys instead");
    }
    Credentials payer = payer();
    Optional<Credentials> submitter = fundedAccount(payer);
    if (submitter.isEmpty()) {
      return new OraclePlan.Off(
          "the account that would publish, "
              + payer.getAddress()
              + ", has no ETH on chain "
              + probe.chainId()
              + ": send it ETH, or pass --key-file FILE with the key of a funded account");
    }
    OracleFeatures.Settings settings =
        DEV_CHAIN_IDS.contains(probe.chainId())
            ? OracleFeatures.Settings.local()
            : OracleFeatures.Settings.hourly();
    return new OraclePlan.Run(
        address, block, signers, submitter.get(), config.threshold(), settings);
  }

  /** The account that pays: {@code --key-file}'s, else naap up's first operator key. */
  private Credentials payer() {
    return external.keyFile().map(OracleOptions::key).orElseGet(() -> operators().getFirst());
  }

  /** naap up's operator keys on this home, made on first use. */
  private List<Credentials> operators() {
    if (operators == null) {
      operators = OperatorKeys.loadOrCreate(operatorKeys, LocalStack.ORACLE_OPERATORS);
    }
    return operators;
  }

  /**
   * {@code account} if it has ETH; on a dev chain, funded first from the node's first unlocked
   * account when it has none; empty when it has none and cannot get any.
   */
  private Optional<Credentials> fundedAccount(Credentials account) {
    try {
      BigInteger balance =
          web3j
              .ethGetBalance(account.getAddress(), DefaultBlockParameterName.LATEST)
              .send()
              .getBalance();
      if (balance.signum() > 0) {
        return Optional.of(account);
      }
      if (!DEV_CHAIN_IDS.contains(probe.chainId())) {
        return Optional.empty();
      }
      List<String> unlocked = web3j.ethAccounts().send().getAccounts();
      if (unlocked == null || unlocked.isEmpty()) {
        return Optional.empty();
      }
      EthSendTransaction sent =
          web3j
              .ethSendTransaction(
                  Transaction.createEtherTransaction(
                      unlocked.getFirst(), null, null, null, account.getAddress(), DEV_FUNDING))
              .send();
      if (sent.hasError()) {
        progress.accept(
            "the node's dev account "
                + unlocked.getFirst()
                + " cannot fund "
                + account.getAddress()
                + ": "
                + sent.getError().getMessage());
        return Optional.empty();
      }
      new PollingTransactionReceiptProcessor(web3j, 100, (int) (RECEIPT_WAIT.toMillis() / 100))
          .waitForTransactionReceipt(sent.getTransactionHash());
      progress.accept(
          "funded "
              + account.getAddress()
              + " with 10 ETH from the dev chain's unlocked account "
              + unlocked.getFirst());
      return Optional.of(account);
    } catch (IOException | TransactionException | RuntimeException e) {
      throw new UpException(
          "cannot read or fund the balance of "
              + account.getAddress()
              + " on chain "
              + probe.chainId()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private boolean hasCode(EthereumAddress address) {
    try {
      String code =
          web3j
              .ethGetCode(address.toChecksumHex(), DefaultBlockParameterName.LATEST)
              .send()
              .getCode();
      return code != null && code.length() > 2;
    } catch (IOException e) {
      throw new UpException("cannot read contract code from the chain: " + e.getMessage(), e);
    }
  }

  private long creationBlock(EthereumAddress address) {
    try {
      long block = CreationBlock.find(web3j, address, probe.head());
      progress.accept("SlaOracle was created in block " + block);
      return block;
    } catch (ChainSourceException e) {
      throw new UpException(
          "--contract SlaOracle=" + address.toChecksumHex() + ": " + e.getMessage(), e);
    }
  }
}
