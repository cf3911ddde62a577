package io.naap.indexer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.attestations.PayoutRoot;
import io.naap.attestations.SnapshotSigner;
import io.naap.bindings.deploy.DeployedContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.Controller;
import io.naap.bindings.generated.Minter;
import io.naap.bindings.generated.RoundsManager;
import io.naap.bindings.generated.ServiceRegistry;
import io.naap.bindings.generated.SlaFeeDistributor;
import io.naap.bindings.generated.SlaOracle;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.DevAccount;
import io.naap.indexer.chain.RawLog;
import io.naap.indexer.decode.Decoded.Unknown;
import io.naap.indexer.decode.ProtocolEvent.Bond;
import io.naap.indexer.decode.ProtocolEvent.Claimed;
import io.naap.indexer.decode.ProtocolEvent.DepositFunded;
import io.naap.indexer.decode.ProtocolEvent.EarningsClaimed;
import io.naap.indexer.decode.ProtocolEvent.NewRound;
import io.naap.indexer.decode.ProtocolEvent.ParameterUpdate;
import io.naap.indexer.decode.ProtocolEvent.Pause;
import io.naap.indexer.decode.ProtocolEvent.Paused;
import io.naap.indexer.decode.ProtocolEvent.PoolFunded;
import io.naap.indexer.decode.ProtocolEvent.Rebond;
import io.naap.indexer.decode.ProtocolEvent.ReserveClaimed;
import io.naap.indexer.decode.ProtocolEvent.ReserveFunded;
import io.naap.indexer.decode.ProtocolEvent.Reward;
import io.naap.indexer.decode.ProtocolEvent.RoleGranted;
import io.naap.indexer.decode.ProtocolEvent.RoleRevoked;
import io.naap.indexer.decode.ProtocolEvent.RootPublished;
import io.naap.indexer.decode.ProtocolEvent.RootVetoed;
import io.naap.indexer.decode.ProtocolEvent.ServiceURIUpdate;
import io.naap.indexer.decode.ProtocolEvent.SetContractInfo;
import io.naap.indexer.decode.ProtocolEvent.SetCurrentRewardTokens;
import io.naap.indexer.decode.ProtocolEvent.SignerSetChanged;
import io.naap.indexer.decode.ProtocolEvent.SnapshotPublished;
import io.naap.indexer.decode.ProtocolEvent.TranscoderActivated;
import io.naap.indexer.decode.ProtocolEvent.TranscoderDeactivated;
import io.naap.indexer.decode.ProtocolEvent.TranscoderSlashed;
import io.naap.indexer.decode.ProtocolEvent.TranscoderUpdate;
import io.naap.indexer.decode.ProtocolEvent.TransferBond;
import io.naap.indexer.decode.ProtocolEvent.TreasuryReward;
import io.naap.indexer.decode.ProtocolEvent.Unbond;
import io.naap.indexer.decode.ProtocolEvent.Unlock;
import io.naap.indexer.decode.ProtocolEvent.UnlockCancelled;
import io.naap.indexer.decode.ProtocolEvent.Unpause;
import io.naap.indexer.decode.ProtocolEvent.Unpaused;
import io.naap.indexer.decode.ProtocolEvent.WinningTicketRedeemed;
import io.naap.indexer.decode.ProtocolEvent.WinningTicketRedeemed.TicketAuxData;
import io.naap.indexer.decode.ProtocolEvent.WinningTicketTransfer;
import io.naap.indexer.decode.ProtocolEvent.WithdrawFees;
import io.naap.indexer.decode.ProtocolEvent.WithdrawStake;
import io.naap.indexer.decode.ProtocolEvent.Withdrawal;
import io.naap.storage.EthereumAddress;
import io.naap.testkit.AnvilExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * On a real anvil: the protocol doubles, SlaOracle and SlaFeeDistributor emit every event of
 * docs/PROTOCOL.md and every event naap's two contracts can emit, with distinctive values (uint256
 * near 2^256 - 1, addresses with zero and high bytes, strings longer than a word and empty, 64-byte
 * and malformed auxData, uint64 at the edge of a long); their logs, fetched with {@code
 * eth_getLogs} and decoded, equal what was emitted, field by field, at the coordinates the receipts
 * give.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEventDecoderIT {
  private static final ContractGasProvider GAS = new DefaultGasProvider();

  private static final String ORCHESTRATOR = "0x00a1b2c3d4e5f60718293a4b5c6d7e8f90a0b0c0";
  private static final String OTHER_ORCHESTRATOR = "0xff00ff00ff00ff00ff00ff00ff00ff00ff00ff01";
  private static final String DELEGATOR = "0x8000000000000000000000000000000000000001";
  private static final String OTHER_DELEGATOR = "0x0123456789abcdef0123456789abcdef01234567";
  private static final String BROADCASTER = "0xc0ffee254729296a45a3885639ac7e10f9d54979";
  private static final String TREASURY = "0xf82c1ff415f1fcf582554fdba790e27019c8e8c4";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";
  private static final String MAX_ADDRESS = "0xffffffffffffffffffffffffffffffffffffffff";

  private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final BigInteger ONE_LPT = BigInteger.TEN.pow(18);
  private static final long MAX_UINT32 = 4_294_967_295L;

  /** No challenge window: a published root is claimable at once. */
  private static final BigInteger ZERO_WINDOW = BigInteger.ZERO;

  /** SlaFeeDistributor's longest challenge window, in seconds (30 days). */
  private static final long MAX_CHALLENGE_WINDOW = 2_592_000;

  private static final String LONG_TEXT =
      "a parameter name much longer than one 32-byte word, with ünïcödé and an emoji 🛰 ✓ ";

  private Web3j web3j;
  private String deployer;
  private final ProtocolEventDecoder decoder = new ProtocolEventDecoder();
  private final Map<String, ProtocolContract> contractsByAddress = new HashMap<>();

  /** What each transaction emitted, in log order, each event built from its log's coordinates. */
  private final Map<String, List<Function<LogRef, Decoded>>> emitted = new LinkedHashMap<>();

  /** What the receipts say about each log's coordinates, by transaction. */
  private final Map<String, List<LogRef>> receiptLogs = new HashMap<>();

  private final Map<String, Decoded> decodedByCoordinates = new HashMap<>();
  private final List<Decoded> decoded = new ArrayList<>();
  private String snapshotBeyondLongTransaction;

  @BeforeAll
  void emitEveryEventAndDecodeTheLogs(AnvilNode anvil) throws Exception {
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials credentials = Credentials.create(anvil.accounts().getFirst().privateKey());
    deployer = credentials.getAddress().toLowerCase(Locale.ROOT);
    TransactionManager transactions =
        ProtocolDoubles.transactionManager(web3j, credentials, anvil.chainId());
    ProtocolDeployment protocol = ProtocolDoubles.deploy(web3j, transactions, GAS);
    for (DeployedContract contract : protocol.contracts()) {
      contractsByAddress.put(
          contract.addressHex().toLowerCase(Locale.ROOT), ProtocolContract.of(contract.contract()));
    }

    emitBondingManagerEvents(
        BondingManager.load(protocol.bondingManager().addressHex(), web3j, transactions, GAS));
    emitTicketBrokerEvents(
        TicketBroker.load(protocol.ticketBroker().addressHex(), web3j, transactions, GAS));
    emitRoundsManagerMinterAndRegistryEvents(protocol, transactions);
    emitControllerEvents(
        Controller.load(protocol.controller().addressHex(), web3j, transactions, GAS));
    SlaOracle oracle = emitSlaOracleEvents(anvil, transactions);
    emitSlaFeeDistributorEvents(anvil, transactions, oracle);

    fetchAndDecodeEveryLog();
  }

  @AfterAll
  void close() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  @Test
  void everyLogDecodesToWhatWasEmittedAtTheCoordinatesOfItsReceipt() {
    int checked = 0;
    for (Map.Entry<String, List<Function<LogRef, Decoded>>> transaction : emitted.entrySet()) {
      List<LogRef> logs = receiptLogs.get(transaction.getKey());
      assertThat(logs).as("logs of %s", transaction.getKey()).hasSameSizeAs(transaction.getValue());
      for (int i = 0; i < logs.size(); i++) {
        LogRef ref = logs.get(i);
        Decoded expected = transaction.getValue().get(i).apply(ref);
        Decoded actual = decodedByCoordinates.get(coordinates(ref));
        assertThat(actual).as("the log of %s at %s", expected.name(), ref).isEqualTo(expected);
        checked++;
      }
    }
    // and the one publication beyond a long's range, checked below
    assertThat(decoded).hasSize(checked + receiptLogs.get(snapshotBeyondLongTransaction).size());
  }

  @Test
  void everyDeclaredEventWasEmittedExceptTwoNaapsContractsCannotEmit() {
    Map<ProtocolContract, Set<String>> seen = new EnumMap<>(ProtocolContract.class);
    for (Decoded log : decoded) {
      if (log instanceof ProtocolEvent event) {
        seen.computeIfAbsent(event.log().contract(), c -> new TreeSet<>()).add(event.name());
      }
    }
    for (ProtocolContract contract : ProtocolContract.values()) {
      Set<String> declared =
          EventCatalogue.PROTOCOL.events(contract).stream()
              .map(EventSpec::name)
              .collect(Collectors.toCollection(TreeSet::new));
      if (contract == ProtocolContract.SLA_ORACLE
          || contract == ProtocolContract.SLA_FEE_DISTRIBUTOR) {
        // inherited from OpenZeppelin; neither changes a role's admin or its EIP-712 domain
        declared.removeAll(Set.of("RoleAdminChanged", "EIP712DomainChanged"));
      }
      assertThat(seen.get(contract)).as("events decoded from %s", contract).isEqualTo(declared);
    }
  }

  @Test
  void aSnapshotEpochBeyondTheRangeOfALongIsUnknownAndCounted() {
    LogRef ref = receiptLogs.get(snapshotBeyondLongTransaction).getFirst();
    Decoded actual = decodedByCoordinates.get(coordinates(ref));

    assertThat(actual).isInstanceOf(Unknown.class);
    Unknown unknown = (Unknown) actual;
    assertThat(unknown.reason())
        .isEqualTo(
            "SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address): parameter 0 (uint64"
                + " indexed): the uint64 18446744073709551615 exceeds the range of a signed 64-bit"
                + " long");
    assertThat(unknown.log()).isEqualTo(ref);
    String topic =
        Hash.sha3String("SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address)");
    assertThat(decoder.unknownCounts()).isEqualTo(Map.of(topic, 1L));
  }

  // ---------------------------------------------------------------------------------------------
  // Emitting

  private void emitBondingManagerEvents(BondingManager bondingManager) throws Exception {
    BigInteger rewardCut = BigInteger.valueOf(123_456);
    BigInteger feeShare = MAX_UINT256;
    emit(
        bondingManager.emitTranscoderUpdate(ORCHESTRATOR, rewardCut, feeShare),
        log -> new TranscoderUpdate(log, addr(ORCHESTRATOR), rewardCut, feeShare));
    emit(
        bondingManager.emitTranscoderActivated(ORCHESTRATOR, max(1)),
        log -> new TranscoderActivated(log, addr(ORCHESTRATOR), max(1)));
    emit(
        bondingManager.emitTranscoderDeactivated(OTHER_ORCHESTRATOR, max(2)),
        log -> new TranscoderDeactivated(log, addr(OTHER_ORCHESTRATOR), max(2)));
    emit(
        bondingManager.emitTranscoderSlashed(ORCHESTRATOR, MAX_ADDRESS, max(3), BigInteger.ONE),
        log ->
            new TranscoderSlashed(
                log, addr(ORCHESTRATOR), addr(MAX_ADDRESS), max(3), BigInteger.ONE));
    emit(
        bondingManager.emitReward(ORCHESTRATOR, max(4)),
        log -> new Reward(log, addr(ORCHESTRATOR), max(4)));
    emit(
        bondingManager.emitTreasuryReward(ORCHESTRATOR, TREASURY, ONE_LPT),
        log -> new TreasuryReward(log, addr(ORCHESTRATOR), addr(TREASURY), ONE_LPT));
    emit(
        bondingManager.emitBond(ORCHESTRATOR, ZERO, DELEGATOR, max(5), MAX_UINT256),
        log -> new Bond(log, addr(ORCHESTRATOR), addr(ZERO), addr(DELEGATOR), max(5), MAX_UINT256));
    emit(
        bondingManager.emitUnbond(ORCHESTRATOR, DELEGATOR, BigInteger.ZERO, max(6), max(7)),
        log ->
            new Unbond(log, addr(ORCHESTRATOR), addr(DELEGATOR), BigInteger.ZERO, max(6), max(7)));
    emit(
        bondingManager.emitRebond(ORCHESTRATOR, DELEGATOR, max(8), max(9)),
        log -> new Rebond(log, addr(ORCHESTRATOR), addr(DELEGATOR), max(8), max(9)));
    emit(
        bondingManager.emitTransferBond(DELEGATOR, OTHER_DELEGATOR, max(10), max(11), max(12)),
        log ->
            new TransferBond(
                log, addr(DELEGATOR), addr(OTHER_DELEGATOR), max(10), max(11), max(12)));
    emit(
        bondingManager.emitWithdrawStake(DELEGATOR, max(13), max(14), max(15)),
        log -> new WithdrawStake(log, addr(DELEGATOR), max(13), max(14), max(15)));
    emit(
        bondingManager.emitWithdrawFees(DELEGATOR, OTHER_DELEGATOR, max(16)),
        log -> new WithdrawFees(log, addr(DELEGATOR), addr(OTHER_DELEGATOR), max(16)));
    emit(
        bondingManager.emitEarningsClaimed(
            ORCHESTRATOR, DELEGATOR, max(17), max(18), max(19), max(20)),
        log ->
            new EarningsClaimed(
                log, addr(ORCHESTRATOR), addr(DELEGATOR), max(17), max(18), max(19), max(20)));
    emit(
        bondingManager.emitParameterUpdate(LONG_TEXT + "BondingManager"),
        log -> new ParameterUpdate(log, LONG_TEXT + "BondingManager"));
  }

  private void emitTicketBrokerEvents(TicketBroker ticketBroker) throws Exception {
    emit(
        ticketBroker.emitDepositFunded(BROADCASTER, max(21)),
        log -> new DepositFunded(log, addr(BROADCASTER), max(21)));
    BigInteger creationRound = max(22);
    byte[] creationRoundBlockHash = Hash.sha3("round block".getBytes(StandardCharsets.UTF_8));
    byte[] auxData = new byte[64];
    System.arraycopy(bytes32(creationRound), 0, auxData, 0, 32);
    System.arraycopy(creationRoundBlockHash, 0, auxData, 32, 32);
    emit(
        ticketBroker.emitWinningTicketRedeemed(
            BROADCASTER, ORCHESTRATOR, ONE_LPT, max(23), max(24), max(25), auxData),
        log -> {
          WinningTicketRedeemed redeemed =
              new WinningTicketRedeemed(
                  log,
                  addr(BROADCASTER),
                  addr(ORCHESTRATOR),
                  ONE_LPT,
                  max(23),
                  max(24),
                  max(25),
                  hex(auxData));
          assertThat(redeemed.ticketAuxData())
              .contains(new TicketAuxData(creationRound, hex(creationRoundBlockHash)));
          return redeemed;
        });
    byte[] malformed = {(byte) 0xde, (byte) 0xad, 0x00, (byte) 0xbe, (byte) 0xef};
    emit(
        ticketBroker.emitWinningTicketRedeemed(
            BROADCASTER,
            OTHER_ORCHESTRATOR,
            max(26),
            BigInteger.ZERO,
            MAX_UINT256,
            BigInteger.ONE,
            malformed),
        log -> {
          WinningTicketRedeemed redeemed =
              new WinningTicketRedeemed(
                  log,
                  addr(BROADCASTER),
                  addr(OTHER_ORCHESTRATOR),
                  max(26),
                  BigInteger.ZERO,
                  MAX_UINT256,
                  BigInteger.ONE,
                  "0xdead00beef");
          assertThat(redeemed.ticketAuxData()).isEmpty();
          return redeemed;
        });
    emit(
        ticketBroker.emitWinningTicketTransfer(BROADCASTER, ORCHESTRATOR, max(27)),
        log -> new WinningTicketTransfer(log, addr(BROADCASTER), addr(ORCHESTRATOR), max(27)));
    emit(
        ticketBroker.emitUnlock(BROADCASTER, max(28), max(29)),
        log -> new Unlock(log, addr(BROADCASTER), max(28), max(29)));
    emit(
        ticketBroker.emitUnlockCancelled(BROADCASTER),
        log -> new UnlockCancelled(log, addr(BROADCASTER)));
    emit(
        ticketBroker.emitWithdrawal(BROADCASTER, max(30), max(31)),
        log -> new Withdrawal(log, addr(BROADCASTER), max(30), max(31)));
    emit(
        ticketBroker.emitReserveFunded(BROADCASTER, max(32)),
        log -> new ReserveFunded(log, addr(BROADCASTER), max(32)));
    emit(
        ticketBroker.emitReserveClaimed(BROADCASTER, ORCHESTRATOR, max(33)),
        log -> new ReserveClaimed(log, addr(BROADCASTER), addr(ORCHESTRATOR), max(33)));
    emit(ticketBroker.emitParameterUpdate(""), log -> new ParameterUpdate(log, ""));
  }

  private void emitRoundsManagerMinterAndRegistryEvents(
      ProtocolDeployment protocol, TransactionManager transactions) throws Exception {
    RoundsManager roundsManager =
        RoundsManager.load(protocol.roundsManager().addressHex(), web3j, transactions, GAS);
    byte[] blockHash = Hash.sha3("a round's block".getBytes(StandardCharsets.UTF_8));
    emit(
        roundsManager.emitNewRound(MAX_UINT256, blockHash),
        log -> new NewRound(log, MAX_UINT256, hex(blockHash)));
    emit(
        roundsManager.emitParameterUpdate("roundLength"),
        log -> new ParameterUpdate(log, "roundLength"));

    Minter minter = Minter.load(protocol.minter().addressHex(), web3j, transactions, GAS);
    emit(
        minter.emitSetCurrentRewardTokens(max(34), BigInteger.valueOf(500)),
        log -> new SetCurrentRewardTokens(log, max(34), BigInteger.valueOf(500)));
    String longParameter = LONG_TEXT.repeat(5);
    emit(minter.emitParameterUpdate(longParameter), log -> new ParameterUpdate(log, longParameter));

    for (DeployedContract registry :
        List.of(protocol.serviceRegistry(), protocol.aiServiceRegistry())) {
      String uri =
          "https://" + registry.contract() + ".orchestrator.example.org:8935/ünï/" + "p".repeat(70);
      emit(
          ServiceRegistry.load(registry.addressHex(), web3j, transactions, GAS)
              .emitServiceURIUpdate(ORCHESTRATOR, uri),
          log -> new ServiceURIUpdate(log, addr(ORCHESTRATOR), uri));
    }
  }

  private void emitControllerEvents(Controller controller) throws Exception {
    byte[] id = Hash.sha3("BondingManager".getBytes(StandardCharsets.UTF_8));
    byte[] gitCommitHash = HexFormat.of().parseHex("00ff10ef20df30cf40bf50af609f708f807f906f");
    emit(
        controller.emitSetContractInfo(id, OTHER_ORCHESTRATOR, gitCommitHash),
        log -> new SetContractInfo(log, hex(id), addr(OTHER_ORCHESTRATOR), hex(gitCommitHash)));
    emit(controller.emitPause(), Pause::new);
    emit(controller.emitUnpause(), Unpause::new);
  }

  private SlaOracle emitSlaOracleEvents(AnvilNode anvil, TransactionManager transactions)
      throws Exception {
    List<DevAccount> operators = anvil.accounts().subList(1, 5);
    List<String> firstSet = operators.subList(0, 3).stream().map(DevAccount::address).toList();
    SlaOracle oracle =
        SlaOracle.deploy(web3j, transactions, GAS, deployer, firstSet, BigInteger.TWO).send();
    contractsByAddress.put(
        oracle.getContractAddress().toLowerCase(Locale.ROOT), ProtocolContract.SLA_ORACLE);
    String defaultAdminRole = "0x" + "0".repeat(64);
    expect(
        oracle.getTransactionReceipt().orElseThrow(),
        List.of(
            log -> new RoleGranted(log, defaultAdminRole, addr(deployer), addr(deployer)),
            log -> new SignerSetChanged(log, 1, addrs(firstSet), 2)));

    List<String> secondSet = operators.stream().map(DevAccount::address).toList();
    emit(
        oracle.setSigners(secondSet, BigInteger.valueOf(3)),
        log -> new SignerSetChanged(log, 2, addrs(secondSet), 3));
    byte[] role = Hash.sha3("naap.test.ROLE".getBytes(StandardCharsets.UTF_8));
    emit(
        oracle.grantRole(role, OTHER_ORCHESTRATOR),
        log -> new RoleGranted(log, hex(role), addr(OTHER_ORCHESTRATOR), addr(deployer)));
    emit(
        oracle.revokeRole(role, OTHER_ORCHESTRATOR),
        log -> new RoleRevoked(log, hex(role), addr(OTHER_ORCHESTRATOR), addr(deployer)));
    emit(oracle.pause(), log -> new Paused(log, addr(deployer)));
    emit(oracle.unpause(), log -> new Unpaused(log, addr(deployer)));

    byte[] scoresRoot = Hash.sha3("scores".getBytes(StandardCharsets.UTF_8));
    byte[] dataHash = Hash.sha3("snapshot json".getBytes(StandardCharsets.UTF_8));
    BigInteger epoch = BigInteger.valueOf(Long.MAX_VALUE);
    emit(
        publish(oracle, operators.subList(1, 4), epoch, scoresRoot, dataHash),
        log ->
            new SnapshotPublished(
                log,
                Long.MAX_VALUE,
                hex(scoresRoot),
                MAX_UINT32,
                hex(dataHash),
                2,
                addr(deployer)));

    // an epoch a uint64 holds but a long does not: kept raw as unknown
    BigInteger beyondLong = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
    TransactionReceipt beyond =
        publish(oracle, operators.subList(0, 3), beyondLong, scoresRoot, dataHash).send();
    assertThat(beyond.isStatusOK()).isTrue();
    snapshotBeyondLongTransaction = beyond.getTransactionHash();
    receiptLogs.put(snapshotBeyondLongTransaction, refs(beyond));
    return oracle;
  }

  /**
   * Two distributors of ETH on that oracle (signers: operators 1 to 4, three needed, config version
   * 2): one without a challenge window, funded, publishing a root whose leaf is claimed, paused and
   * unpaused, a role granted and revoked; one with the longest window, whose pending root is
   * vetoed.
   */
  private void emitSlaFeeDistributorEvents(
      AnvilNode anvil, TransactionManager transactions, SlaOracle oracle) throws Exception {
    List<DevAccount> operators = anvil.accounts().subList(1, 5);
    String defaultAdminRole = "0x" + "0".repeat(64);
    SlaFeeDistributor distributor =
        SlaFeeDistributor.deploy(
                web3j, transactions, GAS, oracle.getContractAddress(), ZERO, deployer, ZERO_WINDOW)
            .send();
    contractsByAddress.put(
        distributor.getContractAddress().toLowerCase(Locale.ROOT),
        ProtocolContract.SLA_FEE_DISTRIBUTOR);
    expect(
        distributor.getTransactionReceipt().orElseThrow(),
        List.of(log -> new RoleGranted(log, defaultAdminRole, addr(deployer), addr(deployer))));

    byte[] workload = Hash.sha3("workload transcoding".getBytes(StandardCharsets.UTF_8));
    BigInteger epochs = BigInteger.valueOf(MAX_UINT32);
    emit(
        distributor.fund(
            workload, BigInteger.valueOf(Long.MAX_VALUE), epochs, BigInteger.ONE, epochs),
        log ->
            new PoolFunded(
                log, hex(workload), addr(deployer), Long.MAX_VALUE, MAX_UINT32, BigInteger.ONE));
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    emit(
        distributor.fund(allOnes, BigInteger.ONE, BigInteger.ONE, ONE_LPT, ONE_LPT),
        log -> new PoolFunded(log, hex(allOnes), addr(deployer), 1, 1, ONE_LPT));

    PayoutLeaf claimant =
        new PayoutLeaf(EvmAddress.fromHex(OTHER_ORCHESTRATOR), ONE_LPT.subtract(BigInteger.ONE));
    PayoutLeaf other = new PayoutLeaf(EvmAddress.fromHex(DELEGATOR), epochs);
    MerkleTree tree = MerkleTree.of(List.of(claimant.hash(), other.hash()));
    BigInteger total = claimant.cumulativeAmount().add(other.cumulativeAmount());
    Bytes32 dataHash = Bytes32.keccak("distribution json".getBytes(StandardCharsets.UTF_8));
    PayoutRoot payout = new PayoutRoot(1, tree.root(), total, dataHash, 2);
    emit(
        publishRoot(distributor, anvil.chainId(), payout, operators.subList(1, 4)),
        log ->
            new RootPublished(
                log,
                1,
                tree.root().hex(),
                total,
                dataHash.hex(),
                2,
                blockTime(log.blockNumber()),
                addr(deployer)));
    emit(
        distributor.claim(
            OTHER_ORCHESTRATOR,
            claimant.cumulativeAmount(),
            tree.root().bytes(),
            tree.proof(claimant.hash()).stream().map(Bytes32::bytes).toList()),
        log ->
            new Claimed(
                log,
                addr(OTHER_ORCHESTRATOR),
                claimant.cumulativeAmount(),
                claimant.cumulativeAmount()));
    byte[] role = Hash.sha3("naap.test.DISTRIBUTOR_ROLE".getBytes(StandardCharsets.UTF_8));
    emit(
        distributor.grantRole(role, BROADCASTER),
        log -> new RoleGranted(log, hex(role), addr(BROADCASTER), addr(deployer)));
    emit(
        distributor.revokeRole(role, BROADCASTER),
        log -> new RoleRevoked(log, hex(role), addr(BROADCASTER), addr(deployer)));
    emit(distributor.pause(), log -> new Paused(log, addr(deployer)));
    emit(distributor.unpause(), log -> new Unpaused(log, addr(deployer)));

    SlaFeeDistributor challenged =
        SlaFeeDistributor.deploy(
                web3j,
                transactions,
                GAS,
                oracle.getContractAddress(),
                ZERO,
                deployer,
                BigInteger.valueOf(MAX_CHALLENGE_WINDOW))
            .send();
    contractsByAddress.put(
        challenged.getContractAddress().toLowerCase(Locale.ROOT),
        ProtocolContract.SLA_FEE_DISTRIBUTOR);
    expect(
        challenged.getTransactionReceipt().orElseThrow(),
        List.of(log -> new RoleGranted(log, defaultAdminRole, addr(deployer), addr(deployer))));
    emit(
        challenged.fund(workload, BigInteger.ONE, BigInteger.ONE, BigInteger.TWO, BigInteger.TWO),
        log -> new PoolFunded(log, hex(workload), addr(deployer), 1, 1, BigInteger.TWO));
    Bytes32 vetoedRoot = new PayoutLeaf(EvmAddress.fromHex(TREASURY), BigInteger.TWO).hash();
    PayoutRoot vetoed = new PayoutRoot(1, vetoedRoot, BigInteger.TWO, dataHash, 2);
    emit(
        publishRoot(challenged, anvil.chainId(), vetoed, operators.subList(0, 3)),
        log ->
            new RootPublished(
                log,
                1,
                vetoedRoot.hex(),
                BigInteger.TWO,
                dataHash.hex(),
                2,
                blockTime(log.blockNumber()) + MAX_CHALLENGE_WINDOW,
                addr(deployer)));
    emit(challenged.vetoRoot(), log -> new RootVetoed(log, 1, vetoedRoot.hex()));
  }

  /**
   * A payout root published with the EIP-712 signatures of {@code by} in the distributor's domain,
   * in ascending order of signer address, as the contract wants.
   */
  private static RemoteFunctionCall<TransactionReceipt> publishRoot(
      SlaFeeDistributor distributor, long chainId, PayoutRoot payout, List<DevAccount> by) {
    Eip712Domain domain =
        Eip712Domain.slaFeeDistributor(
            chainId, EvmAddress.fromHex(distributor.getContractAddress()));
    List<byte[]> signatures =
        by.stream()
            .map(account -> SnapshotSigner.of(Numeric.toBigInt(account.privateKey())))
            .sorted((a, b) -> Arrays.compareUnsigned(a.address().bytes(), b.address().bytes()))
            .map(signer -> signer.sign(payout, domain).bytes())
            .toList();
    return distributor.publishRoot(
        BigInteger.valueOf(payout.epoch()),
        payout.payoutRoot().bytes(),
        payout.cumulativeTotal(),
        payout.dataHash().bytes(),
        signatures);
  }

  /** The timestamp of a block, as its header has it. */
  private long blockTime(long block) {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A publication signed by {@code by} (in ascending order of address, as the contract wants). */
  private RemoteFunctionCall<TransactionReceipt> publish(
      SlaOracle oracle, List<DevAccount> by, BigInteger epoch, byte[] scoresRoot, byte[] dataHash)
      throws Exception {
    BigInteger leafCount = BigInteger.valueOf(MAX_UINT32);
    BigInteger version = oracle.configVersion().send();
    byte[] digest = oracle.snapshotDigest(epoch, scoresRoot, leafCount, dataHash, version).send();
    List<byte[]> signatures =
        by.stream()
            .sorted(Comparator.comparing(DevAccount::address))
            .map(
                account -> {
                  Sign.SignatureData signature =
                      Sign.signMessage(
                          digest, Credentials.create(account.privateKey()).getEcKeyPair(), false);
                  byte[] bytes = new byte[65];
                  System.arraycopy(signature.getR(), 0, bytes, 0, 32);
                  System.arraycopy(signature.getS(), 0, bytes, 32, 32);
                  bytes[64] = signature.getV()[0];
                  return bytes;
                })
            .toList();
    return oracle.publish(epoch, scoresRoot, leafCount, dataHash, signatures);
  }

  private void emit(RemoteFunctionCall<TransactionReceipt> call, Function<LogRef, Decoded> event)
      throws Exception {
    expect(call.send(), List.of(event));
  }

  private void expect(TransactionReceipt receipt, List<Function<LogRef, Decoded>> events) {
    assertThat(receipt.isStatusOK()).as("transaction %s", receipt.getTransactionHash()).isTrue();
    emitted.put(receipt.getTransactionHash(), events);
    receiptLogs.put(receipt.getTransactionHash(), refs(receipt));
  }

  private List<LogRef> refs(TransactionReceipt receipt) {
    return receipt.getLogs().stream()
        .map(
            log ->
                new LogRef(
                    contractsByAddress.get(log.getAddress().toLowerCase(Locale.ROOT)),
                    addr(log.getAddress().toLowerCase(Locale.ROOT)),
                    log.getBlockNumber().longValueExact(),
                    log.getBlockHash(),
                    log.getTransactionHash(),
                    log.getLogIndex().intValueExact()))
        .toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Fetching with eth_getLogs, as a node returns the logs

  private void fetchAndDecodeEveryLog() throws Exception {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST,
            DefaultBlockParameterName.LATEST,
            List.copyOf(contractsByAddress.keySet()));
    EthLog logs = web3j.ethGetLogs(filter).send();
    assertThat(logs.hasError()).as("eth_getLogs error %s", logs.getError()).isFalse();
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      Log log = (Log) result.get();
      RawLog raw =
          new RawLog(
              log.getBlockNumber().longValueExact(),
              log.getBlockHash().toLowerCase(Locale.ROOT),
              log.getTransactionHash().toLowerCase(Locale.ROOT),
              log.getTransactionIndex().intValueExact(),
              log.getLogIndex().intValueExact(),
              log.getAddress().toLowerCase(Locale.ROOT),
              log.getTopics().stream().map(topic -> topic.toLowerCase(Locale.ROOT)).toList(),
              log.getData().toLowerCase(Locale.ROOT),
              log.isRemoved());
      Decoded decodedLog = decoder.decode(raw, contractsByAddress.get(raw.address()));
      decoded.add(decodedLog);
      decodedByCoordinates.put(coordinates(decodedLog.log()), decodedLog);
    }
  }

  private static String coordinates(LogRef ref) {
    return ref.blockNumber() + ":" + ref.logIndex();
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** 2^256 - 1 - k: distinctive values that need every bit of a word. */
  private static BigInteger max(int k) {
    return MAX_UINT256.subtract(BigInteger.valueOf(k));
  }

  private static EthereumAddress addr(String hex) {
    return EthereumAddress.fromHex(hex);
  }

  private static List<EthereumAddress> addrs(List<String> hex) {
    return hex.stream().map(EthereumAddress::fromHex).toList();
  }

  private static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  private static byte[] bytes32(BigInteger value) {
    return org.web3j.utils.Numeric.toBytesPadded(value, 32);
  }
}
