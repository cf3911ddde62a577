package io.naap.indexer.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.naap.embedded.LocalPostgres;
import io.naap.indexer.decode.ProtocolContract;
import io.naap.indexer.decode.ProtocolEvent;
import io.naap.indexer.decode.ProtocolEventDecoder;
import io.naap.indexer.follow.ChainFollower.Target;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.IndexedContract;
import io.naap.storage.protocol.ProtocolEventRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The mirror is complete and exact: on a real anvil the protocol doubles emit every event of
 * docs/PROTOCOL.md (ParameterUpdate on each of its four contracts, ServiceURIUpdate on both
 * registries), and SlaOracle and SlaFeeDistributor every event they can emit, with extreme values
 * (uint256 0, 2^63, 2^64, 2^128, 2^255 and 2^256 - 1, funding up to the distributor's cap of 2^120
 * - 1, the largest uint32 epoch count, a 30-day challenge window, EIP-55 checksummed addresses,
 * empty, non-ASCII, quoted, escaped, control-character and 2 KB strings, auxData of 0, 5, 64 and 65
 * bytes, bytes32 and bytes20 at both ends); the real {@link ChainFollower} (JSON-RPC source,
 * decoding mapper, {@link ProtocolMirrorStore}) follows the chain in two rounds, the second a
 * restart from its checkpoints; then every {@code protocol_event} row equals, field by field, what
 * the test emitted, at the coordinates where the test mined it, with nothing missing and nothing
 * extra.
 *
 * <p>Every expected value is written from the test's own inputs, never decoded: uint256 as the
 * decimal string of the number sent, addresses and bytes as the lower-case hex of what was sent,
 * uint64 and uint32 as JSON numbers, the three logs the mirror keeps raw (two uint64 beyond a long,
 * a string holding U+0000) as their topics and data encoded here by hand. Payout roots and their
 * EIP-712 signatures are made here as the oracle makes them (attestations module), and the blocks
 * holding a publication get the timestamp the test sets, so a root's {@code claimableAt} is known
 * too. The coordinates too: the test mines every block itself (automine off, then {@code
 * evm_mine}), so a transaction's block is the block mined after it was sent, its first log's index
 * counts the logs of the transactions sent before it into that block (one sender: nonce order), and
 * its hash is keccak256 of the signed bytes the test sent. The blocks also hold what must not be
 * mirrored: the logs of contracts the follower does not follow (a BondingManager double, a second
 * SlaFeeDistributor), and reverted transactions. Then the names: every event PROTOCOL.md lists,
 * every event each contract's ABI declares (the two that naap's contracts inherit but cannot emit
 * excepted) and every record the decoder has is among the mirrored rows.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorCompletenessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final Path PROTOCOL_MD = Path.of("..", "docs", "PROTOCOL.md");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** Blocks this deep below the head are final: the follower reads both kinds of blocks. */
  private static final int FINALITY_DEPTH = 3;

  private static final ContractGasProvider GAS = new DefaultGasProvider();
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(20_000_000_000L);
  private static final BigInteger CALL_GAS = BigInteger.valueOf(1_000_000);
  private static final BigInteger CREATE_GAS = BigInteger.valueOf(4_000_000);

  // The contracts as the follower is configured with them (and as PROTOCOL.md names them).
  private static final String BONDING_MANAGER = "BondingManager";
  private static final String TICKET_BROKER = "TicketBroker";
  private static final String ROUNDS_MANAGER = "RoundsManager";
  private static final String MINTER = "Minter";
  private static final String SERVICE_REGISTRY = "ServiceRegistry";
  private static final String AI_SERVICE_REGISTRY = "AIServiceRegistry";
  private static final String CONTROLLER = "Controller";
  private static final String SLA_ORACLE = "SlaOracle";
  private static final String SLA_FEE_DISTRIBUTOR = "SlaFeeDistributor";

  /**
   * Inherited from OpenZeppelin: neither SlaOracle nor SlaFeeDistributor ever changes a role's
   * admin or its EIP-712 domain.
   */
  private static final Set<String> NAAP_CONTRACTS_CANNOT_EMIT =
      Set.of("RoleAdminChanged", "EIP712DomainChanged");

  private static final BigInteger ZERO = BigInteger.ZERO;
  private static final BigInteger ONE = BigInteger.ONE;
  private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(ONE);
  private static final String MAX_UINT256_DECIMAL =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";
  private static final BigInteger TWO_63 = BigInteger.TWO.pow(63);
  private static final BigInteger TWO_64 = BigInteger.TWO.pow(64);
  private static final BigInteger TWO_128 = BigInteger.TWO.pow(128);
  private static final BigInteger TWO_255 = BigInteger.TWO.pow(255);
  private static final BigInteger ONE_LPT = BigInteger.TEN.pow(18);
  private static final long MAX_UINT32 = 4_294_967_295L;

  /** What SlaFeeDistributor holds at most as everything funded ({@code MAX_TOTAL}: 2^120 - 1). */
  private static final BigInteger MAX_TOTAL = BigInteger.TWO.pow(120).subtract(ONE);

  /** The longest challenge window SlaFeeDistributor accepts: 30 days, in seconds. */
  private static final long MAX_CHALLENGE_WINDOW = 30L * 24 * 60 * 60;

  /** What ALICE's leaf allots in the payout root of epoch 1, and what the next root adds. */
  private static final BigInteger ALICE_THROUGH_EPOCH_1 = BigInteger.TWO.pow(100).add(ONE);

  private static final BigInteger ALICE_ADDED_LATER = BigInteger.TWO.pow(119);

  // EIP-55 checksummed addresses (EIP-55's own examples, all ones, leading zeros): each has
  // upper-case letters, and the mirror stores them lower-case.
  private static final String ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
  private static final String BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
  private static final String CAROL = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
  private static final String DAVE = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";
  private static final String ALL_ONES = "0xFFfFfFffFFfffFFfFFfFFFFFffFFFffffFfFFFfF";
  private static final String LEADING_ZEROS = "0x00000000000000000000000000000000000000A1";
  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private static final String UNICODE = "ünïcødé ✓";
  private static final String QUOTE_AND_BACKSLASH = "say \"hi\" to C:\\naap\\ and \\\" both";
  private static final String CONTROL_CHARACTERS =
      "tab\tnewline\nreturn\rbell\u0007unit\u001fdel\u007f";
  private static final String LONG_TEXT =
      "a parameter much longer than one 32-byte ABI word, 🛰 ünïcødé ✓ \"q\" \\ ";
  private static final String NUL_URI = "https://orchestrator.example.org:8935/\u0000/after-nul";

  private AnvilNode anvil;
  private Web3j web3j;
  private Database database;
  private ProtocolMirrorStore store;
  private final DecodingLogMapper mapper = new DecodingLogMapper(new ProtocolEventDecoder());
  private final List<Target> targets = new ArrayList<>();

  private Credentials deployer;
  private String strayBondingManager;

  /** Block A2's timestamp, when the distributor's first roots were published (pending). */
  private long firstRootsPublishedAt;

  private BigInteger nonce;
  private long minedThrough;
  private final List<Pending> pending = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();

  /** The mirror after both rounds, by block and log index. */
  private List<Row> mirrored;

  /** What a transaction makes a contract log. */
  private sealed interface Emitted permits Mirrored, NotMirrored {
    String address();
  }

  /** A log of a followed contract: one row of the mirror. */
  private record Mirrored(String contract, String address, String event, JsonNode fields)
      implements Emitted {}

  /** A log of a contract the follower does not follow: no row. */
  private record NotMirrored(String address) implements Emitted {}

  /** A transaction sent, not mined yet. */
  private record Pending(
      String hash, Optional<String> creates, boolean reverts, List<Emitted> logs) {}

  /** A transaction mined where the test put it: its logs from index {@code firstLogIndex}. */
  private record Sent(
      String hash,
      Optional<String> creates,
      boolean reverts,
      List<Emitted> logs,
      long block,
      String blockHash,
      int firstLogIndex) {}

  /** A {@code protocol_event} row with hex for bytes and parsed JSON fields (comparable). */
  private record Row(
      long block,
      int logIndex,
      String blockHash,
      String transactionHash,
      String contract,
      String address,
      String event,
      JsonNode fields) {}

  @BeforeAll
  void emitEveryEventAndFollowTheChain(AnvilNode anvil, PostgresDatabase postgres)
      throws Exception {
    this.anvil = anvil;
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
    store = new ProtocolMirrorStore(database);
    for (String address : List.of(ALICE, BOB, CAROL, DAVE, ALL_ONES, LEADING_ZEROS)) {
      assertThat(Keys.toChecksumAddress(address))
          .as("EIP-55 form of %s", address)
          .isEqualTo(address);
      assertThat(address).as("has upper-case letters").isNotEqualTo(lower(address));
    }

    deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    ProtocolDeployment protocol =
        ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), GAS); // automine: one block each
    for (DeployedContract deployed : protocol.contracts()) {
      targets.add(
          new Target(
              ProtocolContract.of(deployed.contract()).contractName(),
              EthereumAddress.fromHex(deployed.addressHex()),
              deployed.deploymentBlock()));
    }
    nonce =
        web3j
            .ethGetTransactionCount(deployer.getAddress(), DefaultBlockParameterName.LATEST)
            .send()
            .getTransactionCount();
    minedThrough = head();
    rpc("evm_setAutomine", "[false]");

    TransactionManager encodeOnly = new ReadonlyTransactionManager(web3j, deployer.getAddress());
    String oracle = emitSlaOracleCreationAndBondingManagerEvents(protocol, encodeOnly);
    long oracleBlock = minedThrough;
    targets.add(new Target(SLA_ORACLE, EthereumAddress.fromHex(oracle), oracleBlock));
    SlaOracle slaOracle = SlaOracle.load(oracle, web3j, encodeOnly, GAS);
    SlaFeeDistributor distributor =
        emitSlaFeeDistributorCreationFundingAndRoots(encodeOnly, oracle);
    targets.add(
        new Target(
            SLA_FEE_DISTRIBUTOR,
            EthereumAddress.fromHex(distributor.getContractAddress()),
            minedThrough));
    emitTicketBrokerEvents(protocol, encodeOnly, slaOracle);
    for (int i = 0; i < FINALITY_DEPTH; i++) {
      mine(); // empty blocks: the first round reads blocks A and A2 by range, B one by one
    }
    followUntilCaughtUp();

    emitRoundsMinterRegistryAndControllerEvents(protocol, encodeOnly);
    emitSlaOracleEvents(slaOracle);
    emitSlaFeeDistributorClaimsAndLastRoot(distributor);
    emitOneTransactionBlocks(protocol, encodeOnly, slaOracle);
    followUntilCaughtUp(); // a new follower: a restart from the stored checkpoints

    mirrored =
        store.events(anvil.chainId(), 0, Long.MAX_VALUE).stream()
            .map(MirrorCompletenessIT::row)
            .toList();
  }

  @AfterAll
  void close() {
    if (database != null) {
      database.close();
    }
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  @Test
  void everyLogOfTheFollowedContractsIsOneRowHoldingExactlyWhatWasEmitted() {
    List<Row> expected = new ArrayList<>();
    for (Sent transaction : sent) {
      for (int i = 0; i < transaction.logs().size(); i++) {
        if (transaction.logs().get(i) instanceof Mirrored log) {
          expected.add(
              new Row(
                  transaction.block(),
                  transaction.firstLogIndex() + i,
                  transaction.blockHash(),
                  transaction.hash(),
                  log.contract(),
                  lower(log.address()),
                  log.event(),
                  normalised(log.fields())));
        }
      }
    }

    assertThat(expected).as("logs of the followed contracts emitted").hasSize(66);
    assertThat(mirrored).containsExactlyElementsOf(expected);
    assertThat(store.eventCount(anvil.chainId())).isEqualTo(expected.size());
  }

  @Test
  void everyEventOfProtocolMdAndEveryEventNaapsContractsCanEmitIsMirrored() throws IOException {
    Map<String, Set<String>> mirroredNames = new TreeMap<>();
    for (Row row : mirrored) {
      if (!row.event().equals("unknown")) {
        mirroredNames.computeIfAbsent(row.contract(), c -> new TreeSet<>()).add(row.event());
      }
    }

    Map<String, Set<String>> documented = protocolMdEvents();
    assertThat(documented.keySet())
        .as("the contracts of PROTOCOL.md's 'Events to mirror'")
        .containsExactlyInAnyOrder(
            BONDING_MANAGER,
            TICKET_BROKER,
            ROUNDS_MANAGER,
            MINTER,
            SERVICE_REGISTRY,
            AI_SERVICE_REGISTRY,
            CONTROLLER);
    assertThat(documented.values().stream().mapToInt(Set::size).sum())
        .as("events listed in PROTOCOL.md")
        .isEqualTo(32);
    documented.forEach(
        (contract, events) ->
            assertThat(mirroredNames.get(contract))
                .as("events of %s mirrored, against PROTOCOL.md", contract)
                .containsAll(events));

    for (ProtocolContract contract : ProtocolContract.values()) {
      Set<String> declared = declaredEvents(binding(contract));
      if (contract == ProtocolContract.SLA_ORACLE
          || contract == ProtocolContract.SLA_FEE_DISTRIBUTOR) {
        assertThat(declared).containsAll(NAAP_CONTRACTS_CANNOT_EMIT);
        declared.removeAll(NAAP_CONTRACTS_CANNOT_EMIT);
      }
      assertThat(mirroredNames.get(contract.contractName()))
          .as("events of %s mirrored, against its ABI", contract)
          .isEqualTo(declared);
    }

    Set<String> decodable =
        Arrays.stream(ProtocolEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .collect(Collectors.toCollection(TreeSet::new));
    decodable.removeAll(NAAP_CONTRACTS_CANNOT_EMIT);
    Set<String> everyName = new TreeSet<>();
    mirroredNames.values().forEach(everyName::addAll);
    assertThat(everyName)
        .as("event names mirrored, against the decoder's records")
        .isEqualTo(decodable);
  }

  @Test
  void theChainMinedEveryTransactionWhereTheTestPutIt() throws IOException {
    assertThat(sent).anyMatch(Sent::reverts);
    assertThat(sent).anyMatch(t -> t.logs().stream().anyMatch(NotMirrored.class::isInstance));
    for (Sent transaction : sent) {
      TransactionReceipt receipt =
          web3j
              .ethGetTransactionReceipt(transaction.hash())
              .send()
              .getTransactionReceipt()
              .orElseThrow(() -> new AssertionError("no receipt of " + transaction.hash()));
      assertThat(receipt.getBlockNumber().longValueExact())
          .as("block of %s", transaction.hash())
          .isEqualTo(transaction.block());
      assertThat(receipt.isStatusOK())
          .as("status of %s", transaction.hash())
          .isEqualTo(!transaction.reverts());
      transaction
          .creates()
          .ifPresent(
              address -> assertThat(receipt.getContractAddress()).isEqualToIgnoringCase(address));
      List<Emitted> logs = transaction.logs();
      assertThat(receipt.getLogs())
          .as("logs of %s", transaction.hash())
          .extracting(log -> log.getLogIndex().intValueExact(), log -> lower(log.getAddress()))
          .containsExactlyElementsOf(
              IntStream.range(0, logs.size())
                  .mapToObj(
                      i -> tuple(transaction.firstLogIndex() + i, lower(logs.get(i).address())))
                  .toList());
    }
  }

  @Test
  void everyContractIsIndexedFromItsStartBlockThroughTheHead() {
    assertThat(store.contracts(anvil.chainId()))
        .extracting(
            IndexedContract::name,
            contract -> contract.address().toHex(),
            IndexedContract::startBlock,
            IndexedContract::indexedThrough)
        .containsExactlyInAnyOrderElementsOf(
            targets.stream()
                .map(
                    target ->
                        tuple(
                            target.name(),
                            target.address().toHex(),
                            target.startBlock(),
                            minedThrough))
                .toList());
  }

  @Test
  void theDecoderCountsTheSnapshotAndTheFundingItKeptRaw() {
    String snapshotPublished =
        Hash.sha3String("SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address)");
    String poolFunded = Hash.sha3String("PoolFunded(bytes32,address,uint64,uint32,uint256)");
    assertThat(mapper.decoder().unknownCounts())
        .containsEntry(snapshotPublished, 1L)
        .containsEntry(poolFunded, 1L);
  }

  // ---------------------------------------------------------------------------------------------
  // What the test emits

  /**
   * Block A: SlaOracle created (its constructor logs two events), a BondingManager double the
   * follower does not follow created, then every BondingManager event.
   *
   * @return SlaOracle's address
   */
  private String emitSlaOracleCreationAndBondingManagerEvents(
      ProtocolDeployment protocol, TransactionManager encodeOnly) throws IOException {
    String admin = Keys.toChecksumAddress(deployer.getAddress());
    List<String> firstSigners = checksummed(anvil.accounts().subList(1, 4));
    String oracle = nextContractAddress();
    create(
        SlaOracle.BINARY
            + FunctionEncoder.encodeConstructor(
                List.of(
                    new Address(admin),
                    new DynamicArray<>(
                        Address.class, firstSigners.stream().map(Address::new).toList()),
                    new Uint32(2))),
        mirrored(
            SLA_ORACLE,
            oracle,
            "RoleGranted",
            "role",
            hex(new byte[32]),
            "account",
            lower(admin),
            "sender",
            lower(admin)),
        mirrored(
            SLA_ORACLE,
            oracle,
            "SignerSetChanged",
            "configVersion",
            1L,
            "signers",
            lower(firstSigners),
            "threshold",
            2L));
    strayBondingManager = nextContractAddress();
    create(BondingManager.BINARY); // logs nothing; a double the follower does not follow

    String at = protocol.bondingManager().addressHex();
    BondingManager bonding = BondingManager.load(at, web3j, encodeOnly, GAS);
    emit(
        at,
        bonding.emitTranscoderUpdate(ALICE, ZERO, MAX_UINT256),
        mirrored(
            BONDING_MANAGER,
            at,
            "TranscoderUpdate",
            "transcoder",
            lower(ALICE),
            "rewardCut",
            "0",
            "feeShare",
            MAX_UINT256_DECIMAL));
    emit(
        at,
        bonding.emitTranscoderActivated(BOB, TWO_63),
        mirrored(
            BONDING_MANAGER,
            at,
            "TranscoderActivated",
            "transcoder",
            lower(BOB),
            "activationRound",
            dec(TWO_63)));
    emit(
        at,
        bonding.emitTranscoderDeactivated(CAROL, TWO_64.subtract(ONE)),
        mirrored(
            BONDING_MANAGER,
            at,
            "TranscoderDeactivated",
            "transcoder",
            lower(CAROL),
            "deactivationRound",
            dec(TWO_64.subtract(ONE))));
    emit(
        at,
        bonding.emitTranscoderSlashed(ALICE, ALL_ONES, TWO_128, TWO_128.add(ONE)),
        mirrored(
            BONDING_MANAGER,
            at,
            "TranscoderSlashed",
            "transcoder",
            lower(ALICE),
            "finder",
            lower(ALL_ONES),
            "penalty",
            dec(TWO_128),
            "finderReward",
            dec(TWO_128.add(ONE))));
    emit(
        at,
        bonding.emitReward(DAVE, MAX_UINT256),
        mirrored(
            BONDING_MANAGER, at, "Reward", "transcoder", lower(DAVE), "amount", dec(MAX_UINT256)));
    emit(
        at,
        bonding.emitTreasuryReward(ALICE, ZERO_ADDRESS, TWO_255),
        mirrored(
            BONDING_MANAGER,
            at,
            "TreasuryReward",
            "transcoder",
            lower(ALICE),
            "treasury",
            ZERO_ADDRESS,
            "amount",
            dec(TWO_255)));
    emit(
        at,
        bonding.emitBond(
            ALICE, ZERO_ADDRESS, BOB, TWO_128.subtract(ONE), MAX_UINT256.subtract(ONE)),
        mirrored(
            BONDING_MANAGER,
            at,
            "Bond",
            "newDelegate",
            lower(ALICE),
            "oldDelegate",
            ZERO_ADDRESS,
            "delegator",
            lower(BOB),
            "additionalAmount",
            dec(TWO_128.subtract(ONE)),
            "bondedAmount",
            dec(MAX_UINT256.subtract(ONE))));
    emit(
        at,
        bonding.emitUnbond(ALICE, BOB, ZERO, TWO_63.add(ONE), ONE),
        mirrored(
            BONDING_MANAGER,
            at,
            "Unbond",
            "delegate",
            lower(ALICE),
            "delegator",
            lower(BOB),
            "unbondingLockId",
            "0",
            "amount",
            dec(TWO_63.add(ONE)),
            "withdrawRound",
            "1"));
    emit(
        at,
        bonding.emitRebond(ALICE, BOB, MAX_UINT256, ZERO),
        mirrored(
            BONDING_MANAGER,
            at,
            "Rebond",
            "delegate",
            lower(ALICE),
            "delegator",
            lower(BOB),
            "unbondingLockId",
            dec(MAX_UINT256),
            "amount",
            "0"));
    emit(
        at,
        bonding.emitTransferBond(BOB, CAROL, TWO_64, TWO_64.add(ONE), ONE_LPT),
        mirrored(
            BONDING_MANAGER,
            at,
            "TransferBond",
            "oldDelegator",
            lower(BOB),
            "newDelegator",
            lower(CAROL),
            "oldUnbondingLockId",
            dec(TWO_64),
            "newUnbondingLockId",
            dec(TWO_64.add(ONE)),
            "amount",
            "1000000000000000000"));
    emit(
        at,
        bonding.emitWithdrawStake(CAROL, TWO_128.add(TWO_64), MAX_UINT256.subtract(ONE), ZERO),
        mirrored(
            BONDING_MANAGER,
            at,
            "WithdrawStake",
            "delegator",
            lower(CAROL),
            "unbondingLockId",
            dec(TWO_128.add(TWO_64)),
            "amount",
            dec(MAX_UINT256.subtract(ONE)),
            "withdrawRound",
            "0"));
    emit(
        at,
        bonding.emitWithdrawFees(CAROL, LEADING_ZEROS, BigInteger.TWO.pow(200).add(ONE)),
        mirrored(
            BONDING_MANAGER,
            at,
            "WithdrawFees",
            "delegator",
            lower(CAROL),
            "recipient",
            lower(LEADING_ZEROS),
            "amount",
            dec(BigInteger.TWO.pow(200).add(ONE))));
    emit(
        at,
        bonding.emitEarningsClaimed(ALICE, CAROL, MAX_UINT256, TWO_128, TWO_63, TWO_63.add(ONE)),
        mirrored(
            BONDING_MANAGER,
            at,
            "EarningsClaimed",
            "delegate",
            lower(ALICE),
            "delegator",
            lower(CAROL),
            "rewards",
            dec(MAX_UINT256),
            "fees",
            dec(TWO_128),
            "startRound",
            "9223372036854775808",
            "endRound",
            "9223372036854775809"));
    emit(
        at,
        bonding.emitParameterUpdate(UNICODE),
        mirrored(BONDING_MANAGER, at, "ParameterUpdate", "param", UNICODE));
    mine();
    return oracle;
  }

  /**
   * Block B: every TicketBroker event (four tickets with auxData of 64, 5, 0 and 65 bytes), between
   * them a log of the BondingManager double nobody follows and a transaction that reverts.
   */
  private void emitTicketBrokerEvents(
      ProtocolDeployment protocol, TransactionManager encodeOnly, SlaOracle slaOracle)
      throws IOException {
    String at = protocol.ticketBroker().addressHex();
    TicketBroker broker = TicketBroker.load(at, web3j, encodeOnly, GAS);
    emit(
        at,
        broker.emitDepositFunded(DAVE, TWO_63),
        mirrored(TICKET_BROKER, at, "DepositFunded", "sender", lower(DAVE), "amount", dec(TWO_63)));
    byte[] auxData =
        concat(
            word(TWO_64.add(BigInteger.valueOf(3))),
            Hash.sha3("creation round block".getBytes(StandardCharsets.UTF_8)));
    emit(
        at,
        broker.emitWinningTicketRedeemed(
            DAVE, ALICE, ONE_LPT, MAX_UINT256, ZERO, TWO_128.add(ONE), auxData),
        ticket(at, DAVE, ALICE, ONE_LPT, MAX_UINT256, ZERO, TWO_128.add(ONE), auxData));
    byte[] odd = {(byte) 0xde, (byte) 0xad, 0x00, (byte) 0xbe, (byte) 0xef};
    emit(
        at,
        broker.emitWinningTicketRedeemed(DAVE, BOB, MAX_UINT256, ZERO, TWO_63, MAX_UINT256, odd),
        ticket(at, DAVE, BOB, MAX_UINT256, ZERO, TWO_63, MAX_UINT256, odd));

    emit(
        strayBondingManager,
        BondingManager.load(strayBondingManager, web3j, encodeOnly, GAS).emitReward(ALICE, ONE),
        new NotMirrored(strayBondingManager));

    emit(
        at,
        broker.emitWinningTicketRedeemed(DAVE, CAROL, ONE, ONE, ONE, ONE, new byte[0]),
        ticket(at, DAVE, CAROL, ONE, ONE, ONE, ONE, new byte[0]));
    byte[] sixtyFive = new byte[65];
    for (int i = 0; i < sixtyFive.length; i++) {
      sixtyFive[i] = (byte) (0xff - i);
    }
    emit(
        at,
        broker.emitWinningTicketRedeemed(
            DAVE, ALICE, TWO_128, TWO_255, TWO_64.subtract(ONE), ZERO, sixtyFive),
        ticket(at, DAVE, ALICE, TWO_128, TWO_255, TWO_64.subtract(ONE), ZERO, sixtyFive));
    emit(
        at,
        broker.emitWinningTicketTransfer(DAVE, ALICE, TWO_128.subtract(ONE)),
        mirrored(
            TICKET_BROKER,
            at,
            "WinningTicketTransfer",
            "sender",
            lower(DAVE),
            "recipient",
            lower(ALICE),
            "amount",
            dec(TWO_128.subtract(ONE))));
    // an empty snapshot: SlaOracle reverts (EmptySnapshot), the block goes on
    sendReverting(
        slaOracle.getContractAddress(),
        slaOracle.publish(BigInteger.valueOf(5), new byte[32], ZERO, new byte[32], List.of()));
    emit(
        at,
        broker.emitUnlock(DAVE, TWO_63, MAX_UINT256),
        mirrored(
            TICKET_BROKER,
            at,
            "Unlock",
            "sender",
            lower(DAVE),
            "startRound",
            dec(TWO_63),
            "endRound",
            dec(MAX_UINT256)));
    emit(
        at,
        broker.emitUnlockCancelled(DAVE),
        mirrored(TICKET_BROKER, at, "UnlockCancelled", "sender", lower(DAVE)));
    emit(
        at,
        broker.emitWithdrawal(DAVE, MAX_UINT256, ZERO),
        mirrored(
            TICKET_BROKER,
            at,
            "Withdrawal",
            "sender",
            lower(DAVE),
            "deposit",
            dec(MAX_UINT256),
            "reserve",
            "0"));
    emit(
        at,
        broker.emitReserveFunded(DAVE, TWO_128.add(ONE)),
        mirrored(
            TICKET_BROKER,
            at,
            "ReserveFunded",
            "reserveHolder",
            lower(DAVE),
            "amount",
            "340282366920938463463374607431768211457"));
    emit(
        at,
        broker.emitReserveClaimed(DAVE, BOB, TWO_255),
        mirrored(
            TICKET_BROKER,
            at,
            "ReserveClaimed",
            "reserveHolder",
            lower(DAVE),
            "claimant",
            lower(BOB),
            "amount",
            dec(TWO_255)));
    emit(
        at,
        broker.emitParameterUpdate(""),
        mirrored(TICKET_BROKER, at, "ParameterUpdate", "param", ""));
    mine();
  }

  /** Block C: RoundsManager, Minter, both service registries and Controller, every event. */
  private void emitRoundsMinterRegistryAndControllerEvents(
      ProtocolDeployment protocol, TransactionManager encodeOnly) throws IOException {
    String rounds = protocol.roundsManager().addressHex();
    RoundsManager roundsManager = RoundsManager.load(rounds, web3j, encodeOnly, GAS);
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    emit(
        rounds,
        roundsManager.emitNewRound(MAX_UINT256, allOnes),
        mirrored(
            ROUNDS_MANAGER,
            rounds,
            "NewRound",
            "round",
            dec(MAX_UINT256),
            "blockHash",
            "0x" + "f".repeat(64)));
    byte[] low = new byte[32];
    low[31] = 1;
    emit(
        rounds,
        roundsManager.emitNewRound(TWO_63, low),
        mirrored(
            ROUNDS_MANAGER,
            rounds,
            "NewRound",
            "round",
            dec(TWO_63),
            "blockHash",
            "0x" + "0".repeat(63) + "1"));
    emit(
        rounds,
        roundsManager.emitParameterUpdate(QUOTE_AND_BACKSLASH),
        mirrored(ROUNDS_MANAGER, rounds, "ParameterUpdate", "param", QUOTE_AND_BACKSLASH));

    String minterAt = protocol.minter().addressHex();
    Minter minter = Minter.load(minterAt, web3j, encodeOnly, GAS);
    emit(
        minterAt,
        minter.emitSetCurrentRewardTokens(MAX_UINT256, ZERO),
        mirrored(
            MINTER,
            minterAt,
            "SetCurrentRewardTokens",
            "currentMintableTokens",
            dec(MAX_UINT256),
            "currentInflation",
            "0"));
    emit(
        minterAt,
        minter.emitSetCurrentRewardTokens(TWO_128.add(ONE), TWO_63),
        mirrored(
            MINTER,
            minterAt,
            "SetCurrentRewardTokens",
            "currentMintableTokens",
            dec(TWO_128.add(ONE)),
            "currentInflation",
            dec(TWO_63)));
    String longParameter = LONG_TEXT.repeat(30) + CONTROL_CHARACTERS;
    assertThat(longParameter.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(2_000);
    emit(
        minterAt,
        minter.emitParameterUpdate(longParameter),
        mirrored(MINTER, minterAt, "ParameterUpdate", "param", longParameter));

    String registry = protocol.serviceRegistry().addressHex();
    String uri = "https://Orchestrator.example.org:8935/ünï?q=\"x\"&p=\\";
    emit(
        registry,
        ServiceRegistry.load(registry, web3j, encodeOnly, GAS).emitServiceURIUpdate(ALICE, uri),
        mirrored(
            SERVICE_REGISTRY,
            registry,
            "ServiceURIUpdate",
            "addr",
            lower(ALICE),
            "serviceURI",
            uri));
    String aiRegistry = protocol.aiServiceRegistry().addressHex();
    String aiUri = CONTROL_CHARACTERS + " " + UNICODE;
    emit(
        aiRegistry,
        ServiceRegistry.load(aiRegistry, web3j, encodeOnly, GAS).emitServiceURIUpdate(ALICE, aiUri),
        mirrored(
            AI_SERVICE_REGISTRY,
            aiRegistry,
            "ServiceURIUpdate",
            "addr",
            lower(ALICE),
            "serviceURI",
            aiUri));

    String controllerAt = protocol.controller().addressHex();
    Controller controller = Controller.load(controllerAt, web3j, encodeOnly, GAS);
    byte[] id = Hash.sha3("BondingManager".getBytes(StandardCharsets.UTF_8));
    byte[] commit = HEX.parseHex("00ff10ef20df30cf40bf50af609f708f807f9001");
    emit(
        controllerAt,
        controller.emitSetContractInfo(id, BOB, commit),
        mirrored(
            CONTROLLER,
            controllerAt,
            "SetContractInfo",
            "id",
            hex(id),
            "contractAddress",
            lower(BOB),
            "gitCommitHash",
            "0x00ff10ef20df30cf40bf50af609f708f807f9001"));
    byte[] lowId = new byte[32];
    lowId[31] = (byte) 0x80;
    byte[] highCommit = new byte[20];
    Arrays.fill(highCommit, (byte) 0xff);
    emit(
        controllerAt,
        controller.emitSetContractInfo(lowId, ZERO_ADDRESS, highCommit),
        mirrored(
            CONTROLLER,
            controllerAt,
            "SetContractInfo",
            "id",
            "0x" + "0".repeat(62) + "80",
            "contractAddress",
            ZERO_ADDRESS,
            "gitCommitHash",
            "0x" + "f".repeat(40)));
    emit(controllerAt, controller.emitPause(), mirrored(CONTROLLER, controllerAt, "Pause"));
    emit(controllerAt, controller.emitUnpause(), mirrored(CONTROLLER, controllerAt, "Unpause"));
    mine();
  }

  /**
   * Block D: SlaOracle's events as its admin and operators cause them: a new signer set, a role
   * granted and revoked, a pause and an unpause, two publications (epoch 1, then the largest epoch
   * a long holds with the largest uint32 leaf count).
   */
  private void emitSlaOracleEvents(SlaOracle slaOracle) throws Exception {
    String at = slaOracle.getContractAddress();
    String admin = lower(deployer.getAddress());
    List<DevAccount> operators = anvil.accounts().subList(1, 5);
    List<String> signers = checksummed(operators);
    emit(
        at,
        slaOracle.setSigners(signers, BigInteger.valueOf(3)),
        mirrored(
            SLA_ORACLE,
            at,
            "SignerSetChanged",
            "configVersion",
            2L,
            "signers",
            lower(signers),
            "threshold",
            3L));
    byte[] role = Hash.sha3("naap.test.ROLE".getBytes(StandardCharsets.UTF_8));
    emit(
        at,
        slaOracle.grantRole(role, CAROL),
        mirrored(
            SLA_ORACLE,
            at,
            "RoleGranted",
            "role",
            hex(role),
            "account",
            lower(CAROL),
            "sender",
            admin));
    emit(
        at,
        slaOracle.revokeRole(role, CAROL),
        mirrored(
            SLA_ORACLE,
            at,
            "RoleRevoked",
            "role",
            hex(role),
            "account",
            lower(CAROL),
            "sender",
            admin));
    emit(at, slaOracle.pause(), mirrored(SLA_ORACLE, at, "Paused", "account", admin));
    emit(at, slaOracle.unpause(), mirrored(SLA_ORACLE, at, "Unpaused", "account", admin));

    byte[] firstRoot = Hash.sha3("scores of epoch 1".getBytes(StandardCharsets.UTF_8));
    byte[] firstData = Hash.sha3("snapshot json of epoch 1".getBytes(StandardCharsets.UTF_8));
    emit(
        at,
        publish(slaOracle, operators.subList(0, 3), BigInteger.ONE, firstRoot, 1, firstData),
        snapshot(at, 1L, firstRoot, 1L, firstData));
    byte[] root = new byte[32];
    Arrays.fill(root, (byte) 0xff);
    byte[] data = new byte[32];
    data[0] = 1;
    emit(
        at,
        publish(
            slaOracle,
            operators.subList(1, 4),
            BigInteger.valueOf(Long.MAX_VALUE),
            root,
            MAX_UINT32,
            data),
        snapshot(at, Long.MAX_VALUE, root, MAX_UINT32, data));
    mine();
  }

  /**
   * Block A2 (between A and B): SlaFeeDistributor, paying ETH on SlaOracle's signers with the
   * longest challenge window, created (its constructor grants the admin role) and funded to one wei
   * below its cap: the largest uint32 epoch count from epoch 1 and from the largest epoch a long
   * holds, and an amount per epoch near 2^120. A root of epoch 1 declaring everything funded,
   * signed under SlaOracle's first signer set, is published and vetoed within its window; then
   * epoch 1 is published again with the payout tree whose leaf block D2 claims. Between them a
   * second distributor, without a window, which the follower does not follow: created and funded,
   * its logs are not mirrored. The block's timestamp is set here, so the roots' claimableAt is
   * known.
   *
   * @return the followed distributor
   */
  private SlaFeeDistributor emitSlaFeeDistributorCreationFundingAndRoots(
      TransactionManager encodeOnly, String oracle) throws IOException {
    // ETH for funding up to the cap (anvil's accounts hold 10,000 ETH, about 2^63 wei)
    rpc(
        "anvil_setBalance",
        "[\"" + deployer.getAddress() + "\",\"0x" + BigInteger.TWO.pow(121).toString(16) + "\"]");
    firstRootsPublishedAt = headTime() + 1;
    rpc("evm_setNextBlockTimestamp", "[" + firstRootsPublishedAt + "]");
    String admin = lower(deployer.getAddress());

    String at = nextContractAddress();
    create(
        distributorInitCode(oracle, MAX_CHALLENGE_WINDOW),
        mirrored(
            SLA_FEE_DISTRIBUTOR,
            at,
            "RoleGranted",
            "role",
            hex(new byte[32]),
            "account",
            admin,
            "sender",
            admin));
    SlaFeeDistributor distributor = SlaFeeDistributor.load(at, web3j, encodeOnly, GAS);
    String stray = nextContractAddress();
    create(distributorInitCode(oracle, 0), new NotMirrored(stray));

    byte[] transcoding = Hash.sha3("workload transcoding".getBytes(StandardCharsets.UTF_8));
    fund(distributor, transcoding, ONE, MAX_UINT32, TWO_64);
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    fund(distributor, allOnes, BigInteger.valueOf(Long.MAX_VALUE), MAX_UINT32, ONE);
    BigInteger funded =
        TWO_64.multiply(BigInteger.valueOf(MAX_UINT32)).add(BigInteger.valueOf(MAX_UINT32));
    // what is left below the cap but one wei, which funds the epoch beyond a long later
    BigInteger nearCap = MAX_TOTAL.subtract(ONE).subtract(funded);
    assertThat(nearCap.bitLength()).as("an amount per epoch near 2^120").isEqualTo(120);
    fund(distributor, new byte[32], BigInteger.TWO, 1, nearCap);
    emitPaying(
        stray,
        ONE,
        SlaFeeDistributor.load(stray, web3j, encodeOnly, GAS).fund(transcoding, ONE, ONE, ONE, ONE),
        new NotMirrored(stray));

    long claimableAt = firstRootsPublishedAt + MAX_CHALLENGE_WINDOW;
    List<DevAccount> firstSigners = anvil.accounts().subList(1, 4); // threshold 2, version 1
    PayoutRoot vetoed =
        new PayoutRoot(
            1,
            Bytes32.keccak("a payout tree the admin vetoes".getBytes(StandardCharsets.UTF_8)),
            MAX_TOTAL.subtract(ONE),
            Bytes32.keccak("vetoed distribution json".getBytes(StandardCharsets.UTF_8)),
            1);
    emit(
        at,
        publishRoot(distributor, vetoed, firstSigners.subList(0, 2)),
        rootPublished(at, vetoed, claimableAt));
    emit(
        at,
        distributor.vetoRoot(),
        mirrored(
            SLA_FEE_DISTRIBUTOR,
            at,
            "RootVetoed",
            "epoch",
            1L,
            "payoutRoot",
            vetoed.payoutRoot().hex()));
    PayoutRoot epochOne =
        new PayoutRoot(
            1,
            MerkleTree.of(hashes(epochOneLeaves())).root(),
            ALICE_THROUGH_EPOCH_1.add(ONE),
            Bytes32.keccak("distribution json of epoch 1".getBytes(StandardCharsets.UTF_8)),
            1);
    emit(
        at,
        publishRoot(distributor, epochOne, firstSigners.subList(1, 3)),
        rootPublished(at, epochOne, claimableAt));
    mine();
    return distributor;
  }

  /**
   * Block D2 (after D), at the end of epoch 1's challenge window: ALICE's leaf claimed (which makes
   * the root claimable), a role granted and revoked, a pause (a claim then reverts) and an unpause,
   * and the root of the largest epoch a long holds, declaring everything funded, signed under
   * SlaOracle's second signer set. Block D3, at the end of that root's window: ALICE claims what it
   * added. Block D4: a funding whose first epoch a uint64 holds but a long does not, kept raw.
   */
  private void emitSlaFeeDistributorClaimsAndLastRoot(SlaFeeDistributor distributor)
      throws IOException {
    String at = distributor.getContractAddress();
    String admin = lower(deployer.getAddress());
    long endOfFirstWindow = firstRootsPublishedAt + MAX_CHALLENGE_WINDOW;
    rpc("evm_setNextBlockTimestamp", "[" + endOfFirstWindow + "]");
    List<PayoutLeaf> epochOne = epochOneLeaves();
    MerkleTree epochOneTree = MerkleTree.of(hashes(epochOne));
    claim(distributor, epochOneTree, epochOne.getFirst(), ZERO);

    byte[] role = Hash.sha3("naap.test.DISTRIBUTOR_ROLE".getBytes(StandardCharsets.UTF_8));
    emit(
        at,
        distributor.grantRole(role, CAROL),
        mirrored(
            SLA_FEE_DISTRIBUTOR,
            at,
            "RoleGranted",
            "role",
            hex(role),
            "account",
            lower(CAROL),
            "sender",
            admin));
    emit(
        at,
        distributor.revokeRole(role, CAROL),
        mirrored(
            SLA_FEE_DISTRIBUTOR,
            at,
            "RoleRevoked",
            "role",
            hex(role),
            "account",
            lower(CAROL),
            "sender",
            admin));
    emit(at, distributor.pause(), mirrored(SLA_FEE_DISTRIBUTOR, at, "Paused", "account", admin));
    PayoutLeaf bob = epochOne.get(1);
    sendReverting( // EnforcedPause
        at,
        distributor.claim(
            bob.account().checksummed(),
            bob.cumulativeAmount(),
            epochOneTree.root().bytes(),
            proof(epochOneTree, bob)));
    emit(
        at, distributor.unpause(), mirrored(SLA_FEE_DISTRIBUTOR, at, "Unpaused", "account", admin));

    List<PayoutLeaf> last = lastLeaves();
    MerkleTree lastTree = MerkleTree.of(hashes(last));
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    PayoutRoot lastRoot =
        new PayoutRoot(
            Long.MAX_VALUE, lastTree.root(), MAX_TOTAL.subtract(ONE), Bytes32.of(allOnes), 2);
    emit(
        at,
        publishRoot(distributor, lastRoot, anvil.accounts().subList(2, 5)), // threshold 3
        rootPublished(at, lastRoot, endOfFirstWindow + MAX_CHALLENGE_WINDOW));
    mine();

    rpc("evm_setNextBlockTimestamp", "[" + (endOfFirstWindow + MAX_CHALLENGE_WINDOW) + "]");
    claim(distributor, lastTree, last.getFirst(), ALICE_THROUGH_EPOCH_1);
    mine();

    BigInteger beyondLong = TWO_64.subtract(ONE);
    byte[] workload = Hash.sha3("workload ai".getBytes(StandardCharsets.UTF_8));
    emitPaying(
        at,
        ONE,
        distributor.fund(workload, beyondLong, ONE, ONE, ONE),
        unknown(
            SLA_FEE_DISTRIBUTOR,
            at,
            List.of(
                Hash.sha3String("PoolFunded(bytes32,address,uint64,uint32,uint256)"),
                hex(workload),
                topic(deployer.getAddress())),
            concat(word(beyondLong), word(ONE), word(ONE)),
            "PoolFunded(bytes32,address,uint64,uint32,uint256): parameter 2 (uint64): the uint64"
                + " 18446744073709551615 exceeds the range of a signed 64-bit long"));
    mine();
  }

  /**
   * Blocks of one transaction each, the last ones above the finality line when the second round
   * starts. Two of their logs the mirror keeps raw, as {@code unknown}: a service URI holding
   * U+0000 (jsonb cannot store it) and a snapshot of an epoch a uint64 holds but a long does not.
   */
  private void emitOneTransactionBlocks(
      ProtocolDeployment protocol, TransactionManager encodeOnly, SlaOracle slaOracle)
      throws Exception {
    String bondingAt = protocol.bondingManager().addressHex();
    emit(
        bondingAt,
        BondingManager.load(bondingAt, web3j, encodeOnly, GAS)
            .emitBond(ALL_ONES, CAROL, DAVE, MAX_UINT256, ZERO),
        mirrored(
            BONDING_MANAGER,
            bondingAt,
            "Bond",
            "newDelegate",
            lower(ALL_ONES),
            "oldDelegate",
            lower(CAROL),
            "delegator",
            lower(DAVE),
            "additionalAmount",
            dec(MAX_UINT256),
            "bondedAmount",
            "0"));
    mine();

    String registry = protocol.serviceRegistry().addressHex();
    byte[] uri = NUL_URI.getBytes(StandardCharsets.UTF_8);
    emit(
        registry,
        ServiceRegistry.load(registry, web3j, encodeOnly, GAS).emitServiceURIUpdate(BOB, NUL_URI),
        unknown(
            SERVICE_REGISTRY,
            registry,
            List.of(Hash.sha3String("ServiceURIUpdate(address,string)"), topic(BOB)),
            concat(word(BigInteger.valueOf(32)), word(BigInteger.valueOf(uri.length)), padded(uri)),
            "ServiceURIUpdate has a string holding U+0000, which PostgreSQL cannot store"));
    mine();

    String at = slaOracle.getContractAddress();
    BigInteger beyondLong = TWO_64.subtract(ONE);
    byte[] root = Hash.sha3("scores beyond a long".getBytes(StandardCharsets.UTF_8));
    byte[] data = Hash.sha3("snapshot json beyond a long".getBytes(StandardCharsets.UTF_8));
    emit(
        at,
        publish(slaOracle, anvil.accounts().subList(2, 5), beyondLong, root, 7, data),
        unknown(
            SLA_ORACLE,
            at,
            List.of(
                Hash.sha3String("SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address)"),
                "0x" + HEX.formatHex(word(beyondLong)),
                topic(deployer.getAddress())),
            concat(root, word(BigInteger.valueOf(7)), data, word(BigInteger.TWO)),
            "SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address): parameter 0 (uint64"
                + " indexed): the uint64 18446744073709551615 exceeds the range of a signed 64-bit"
                + " long"));
    mine();

    String rounds = protocol.roundsManager().addressHex();
    byte[] blockHash = Hash.sha3("round 1".getBytes(StandardCharsets.UTF_8));
    emit(
        rounds,
        RoundsManager.load(rounds, web3j, encodeOnly, GAS).emitNewRound(ONE, blockHash),
        mirrored(ROUNDS_MANAGER, rounds, "NewRound", "round", "1", "blockHash", hex(blockHash)));
    mine();
  }

  private Mirrored ticket(
      String at,
      String sender,
      String recipient,
      BigInteger faceValue,
      BigInteger winProb,
      BigInteger senderNonce,
      BigInteger recipientRand,
      byte[] auxData) {
    return mirrored(
        TICKET_BROKER,
        at,
        "WinningTicketRedeemed",
        "sender",
        lower(sender),
        "recipient",
        lower(recipient),
        "faceValue",
        dec(faceValue),
        "winProb",
        dec(winProb),
        "senderNonce",
        dec(senderNonce),
        "recipientRand",
        dec(recipientRand),
        "auxData",
        hex(auxData));
  }

  private Mirrored snapshot(String at, long epoch, byte[] root, long leafCount, byte[] data) {
    return mirrored(
        SLA_ORACLE,
        at,
        "SnapshotPublished",
        "epoch",
        epoch,
        "scoresRoot",
        hex(root),
        "leafCount",
        leafCount,
        "dataHash",
        hex(data),
        "configVersion",
        2L,
        "submitter",
        lower(deployer.getAddress()));
  }

  /** A publication signed by {@code by}, in ascending order of address as SlaOracle wants. */
  private RemoteFunctionCall<TransactionReceipt> publish(
      SlaOracle slaOracle,
      List<DevAccount> by,
      BigInteger epoch,
      byte[] scoresRoot,
      long leafCount,
      byte[] dataHash)
      throws Exception {
    BigInteger leaves = BigInteger.valueOf(leafCount);
    byte[] digest =
        slaOracle.snapshotDigest(epoch, scoresRoot, leaves, dataHash, BigInteger.TWO).send();
    List<byte[]> signatures =
        by.stream()
            .sorted(Comparator.comparing(DevAccount::address))
            .map(
                account -> {
                  Sign.SignatureData signature =
                      Sign.signMessage(
                          digest, Credentials.create(account.privateKey()).getEcKeyPair(), false);
                  return concat(signature.getR(), signature.getS(), signature.getV());
                })
            .toList();
    return slaOracle.publish(epoch, scoresRoot, leaves, dataHash, signatures);
  }

  /** ALICE's and BOB's leaves in the payout tree of epoch 1. */
  private static List<PayoutLeaf> epochOneLeaves() {
    return List.of(leaf(ALICE, ALICE_THROUGH_EPOCH_1), leaf(BOB, ONE));
  }

  /**
   * The leaves of the last payout tree: ALICE's grown, BOB's the same, and a new one holding the
   * rest of everything funded then (the cap less one wei).
   */
  private static List<PayoutLeaf> lastLeaves() {
    BigInteger alice = ALICE_THROUGH_EPOCH_1.add(ALICE_ADDED_LATER);
    BigInteger rest = MAX_TOTAL.subtract(ONE).subtract(alice).subtract(ONE);
    return List.of(leaf(ALICE, alice), leaf(BOB, ONE), leaf(LEADING_ZEROS, rest));
  }

  private static PayoutLeaf leaf(String account, BigInteger cumulativeAmount) {
    return new PayoutLeaf(EvmAddress.fromHex(account), cumulativeAmount);
  }

  private static List<Bytes32> hashes(List<PayoutLeaf> leaves) {
    return leaves.stream().map(PayoutLeaf::hash).toList();
  }

  private static List<byte[]> proof(MerkleTree tree, PayoutLeaf leaf) {
    return tree.proof(leaf.hash()).stream().map(Bytes32::bytes).toList();
  }

  /** SlaFeeDistributor's creation code, paying ETH on SlaOracle's signers, the deployer admin. */
  private String distributorInitCode(String oracle, long challengeWindow) {
    return SlaFeeDistributor.BINARY
        + FunctionEncoder.encodeConstructor(
            List.of(
                new Address(oracle),
                new Address(ZERO_ADDRESS),
                new Address(deployer.getAddress()),
                new Uint64(challengeWindow)));
  }

  /**
   * Funds {@code workload} on the followed distributor with exactly the ETH it takes: one
   * PoolFunded row.
   */
  private void fund(
      SlaFeeDistributor distributor,
      byte[] workload,
      BigInteger firstEpoch,
      long epochs,
      BigInteger amountPerEpoch)
      throws IOException {
    String at = distributor.getContractAddress();
    BigInteger value = amountPerEpoch.multiply(BigInteger.valueOf(epochs));
    emitPaying(
        at,
        value,
        distributor.fund(workload, firstEpoch, BigInteger.valueOf(epochs), amountPerEpoch, value),
        mirrored(
            SLA_FEE_DISTRIBUTOR,
            at,
            "PoolFunded",
            "workload",
            hex(workload),
            "funder",
            lower(deployer.getAddress()),
            "firstEpoch",
            firstEpoch.longValueExact(),
            "epochs",
            epochs,
            "amountPerEpoch",
            dec(amountPerEpoch)));
  }

  /**
   * Claims {@code leaf} against {@code tree}'s root, by proof: one Claimed row paying the leaf's
   * amount less what the account {@code alreadyClaimed}.
   */
  private void claim(
      SlaFeeDistributor distributor, MerkleTree tree, PayoutLeaf leaf, BigInteger alreadyClaimed)
      throws IOException {
    String at = distributor.getContractAddress();
    emit(
        at,
        distributor.claim(
            leaf.account().checksummed(),
            leaf.cumulativeAmount(),
            tree.root().bytes(),
            proof(tree, leaf)),
        mirrored(
            SLA_FEE_DISTRIBUTOR,
            at,
            "Claimed",
            "account",
            lower(leaf.account().checksummed()),
            "amount",
            dec(leaf.cumulativeAmount().subtract(alreadyClaimed)),
            "cumulativeAmount",
            dec(leaf.cumulativeAmount())));
  }

  /**
   * A payout root published with the EIP-712 signatures of {@code by} in the distributor's domain,
   * made here as the oracle makes them, in ascending order of signer address as the contract wants.
   */
  private RemoteFunctionCall<TransactionReceipt> publishRoot(
      SlaFeeDistributor distributor, PayoutRoot root, List<DevAccount> by) {
    Eip712Domain domain =
        Eip712Domain.slaFeeDistributor(
            anvil.chainId(), EvmAddress.fromHex(distributor.getContractAddress()));
    List<byte[]> signatures =
        by.stream()
            .map(account -> SnapshotSigner.of(Numeric.toBigInt(account.privateKey())))
            .sorted((a, b) -> Arrays.compareUnsigned(a.address().bytes(), b.address().bytes()))
            .map(signer -> signer.sign(root, domain).bytes())
            .toList();
    return distributor.publishRoot(
        BigInteger.valueOf(root.epoch()),
        root.payoutRoot().bytes(),
        root.cumulativeTotal(),
        root.dataHash().bytes(),
        signatures);
  }

  private Mirrored rootPublished(String at, PayoutRoot root, long claimableAt) {
    return mirrored(
        SLA_FEE_DISTRIBUTOR,
        at,
        "RootPublished",
        "epoch",
        root.epoch(),
        "payoutRoot",
        root.payoutRoot().hex(),
        "cumulativeTotal",
        dec(root.cumulativeTotal()),
        "dataHash",
        root.dataHash().hex(),
        "configVersion",
        root.configVersion(),
        "claimableAt",
        claimableAt,
        "submitter",
        lower(deployer.getAddress()));
  }

  // ---------------------------------------------------------------------------------------------
  // Sending and mining

  /** The address the deployer's next transaction creates a contract at. */
  private String nextContractAddress() {
    return ContractUtils.generateContractAddress(deployer.getAddress(), nonce);
  }

  private void create(String initCode, Emitted... logs) throws IOException {
    signAndSend(
        RawTransaction.createContractTransaction(nonce, GAS_PRICE, CREATE_GAS, ZERO, initCode),
        Optional.of(nextContractAddress()),
        false,
        List.of(logs));
  }

  private void emit(String to, RemoteFunctionCall<?> call, Emitted... logs) throws IOException {
    emitPaying(to, ZERO, call, logs);
  }

  /** As {@link #emit}, sending {@code value} wei with the call. */
  private void emitPaying(String to, BigInteger value, RemoteFunctionCall<?> call, Emitted... logs)
      throws IOException {
    signAndSend(
        RawTransaction.createTransaction(
            nonce, GAS_PRICE, CALL_GAS, to, value, call.encodeFunctionCall()),
        Optional.empty(),
        false,
        List.of(logs));
  }

  private void sendReverting(String to, RemoteFunctionCall<?> call) throws IOException {
    signAndSend(
        RawTransaction.createTransaction(
            nonce, GAS_PRICE, CALL_GAS, to, ZERO, call.encodeFunctionCall()),
        Optional.empty(),
        true,
        List.of());
  }

  /** Signs and sends a transaction, which waits in the pool for the next {@link #mine()}. */
  private void signAndSend(
      RawTransaction transaction, Optional<String> creates, boolean reverts, List<Emitted> logs)
      throws IOException {
    byte[] signed = TransactionEncoder.signMessage(transaction, anvil.chainId(), deployer);
    String hash = Numeric.toHexString(Hash.sha3(signed));
    EthSendTransaction answer = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(answer.getError()).as("eth_sendRawTransaction error").isNull();
    assertThat(answer.getTransactionHash()).isEqualTo(hash);
    nonce = nonce.add(ONE);
    pending.add(new Pending(hash, creates, reverts, logs));
  }

  /** Mines one block of the pending transactions, in the order they were sent. */
  private void mine() throws IOException {
    rpc("evm_mine", "[]");
    long block = head();
    assertThat(block).as("the block evm_mine made").isEqualTo(minedThrough + 1);
    String blockHash =
        web3j
            .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
            .send()
            .getBlock()
            .getHash();
    int logIndex = 0;
    for (Pending transaction : pending) {
      sent.add(
          new Sent(
              transaction.hash(),
              transaction.creates(),
              transaction.reverts(),
              transaction.logs(),
              block,
              blockHash,
              logIndex));
      logIndex += transaction.logs().size();
    }
    pending.clear();
    minedThrough = block;
  }

  private long head() throws IOException {
    return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
  }

  /** The timestamp of the newest block. */
  private long headTime() throws IOException {
    return web3j
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  private void rpc(String method, String params) {
    String answer = anvil.rpc(method, params);
    if (answer.contains("\"error\"")) {
      throw new IllegalStateException(method + " " + params + " answered " + answer);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Following

  /** A new follower of the targets runs until it has caught up with the last mined block. */
  private void followUntilCaughtUp() throws InterruptedException {
    ChainFollower follower =
        new ChainFollower(
            Sources.jsonRpc(anvil.rpcUrl()),
            store,
            mapper,
            targets,
            new ChainFollower.Settings(FINALITY_DEPTH, 4, 5),
            CLOCK,
            line -> System.out.println("follower: " + line));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    ChainFollower.Pass last =
        new FollowLoop(follower, Duration.ofMillis(10), line -> System.out.println(line))
            .run(true, () -> System.nanoTime() > deadline);
    assertThat(last).as("a pass of the follower").isNotNull();
    assertThat(last.caughtUp()).as("caught up within 60 s: %s", last).isTrue();
    assertThat(last.head()).isEqualTo(minedThrough);
  }

  private static Row row(ProtocolEventRow row) {
    try {
      return new Row(
          row.blockNumber(),
          row.logIndex(),
          "0x" + HEX.formatHex(row.blockHash()),
          "0x" + HEX.formatHex(row.transactionHash()),
          row.contract(),
          row.address().toHex(),
          row.event(),
          JSON.readTree(row.fields()));
    } catch (IOException e) {
      throw new AssertionError("fields are not JSON: " + row.fields(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Names: PROTOCOL.md, the ABIs

  private static final Pattern HEADING = Pattern.compile("^(\\w+)( \\(both\\))?:");
  private static final Pattern EVENT = Pattern.compile("`(\\w+)\\(");

  /** The events of PROTOCOL.md's "Events to mirror", by contract. */
  private static Map<String, Set<String>> protocolMdEvents() throws IOException {
    List<String> lines = Files.readAllLines(PROTOCOL_MD);
    int start = lines.indexOf("## Events to mirror");
    assertThat(start).as("PROTOCOL.md's 'Events to mirror'").isNotNegative();
    Map<String, Set<String>> events = new LinkedHashMap<>();
    List<String> contracts = List.of();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.lookingAt()) {
        contracts =
            heading.group(2) == null
                ? List.of(heading.group(1))
                : List.of(heading.group(1), "AI" + heading.group(1));
      }
      Matcher event = EVENT.matcher(line);
      while (event.find()) {
        assertThat(contracts).as("the contract of %s", event.group(1)).isNotEmpty();
        for (String contract : contracts) {
          events.computeIfAbsent(contract, c -> new TreeSet<>()).add(event.group(1));
        }
      }
    }
    return events;
  }

  /** The generated binding of the contract deployed as {@code contract}. */
  private static Class<?> binding(ProtocolContract contract) {
    return switch (contract) {
      case BONDING_MANAGER -> BondingManager.class;
      case TICKET_BROKER -> TicketBroker.class;
      case ROUNDS_MANAGER -> RoundsManager.class;
      case MINTER -> Minter.class;
      case SERVICE_REGISTRY, AI_SERVICE_REGISTRY -> ServiceRegistry.class;
      case CONTROLLER -> Controller.class;
      case SLA_ORACLE -> SlaOracle.class;
      case SLA_FEE_DISTRIBUTOR -> SlaFeeDistributor.class;
    };
  }

  /** The names of the events a binding declares (its {@code Event} constants, from the ABI). */
  private static Set<String> declaredEvents(Class<?> binding) {
    Set<String> names = new TreeSet<>();
    for (Field field : binding.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Event.class) {
        try {
          names.add(((Event) field.get(null)).getName());
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(names).as("events of %s", binding.getSimpleName()).isNotEmpty();
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // Expected values, from the inputs

  /** A decoded log: its fields as alternating names and values (String, Long or List). */
  private static Mirrored mirrored(
      String contract, String address, String event, Object... namesAndValues) {
    ObjectNode fields = JSON.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      switch (namesAndValues[i + 1]) {
        case String text -> fields.put(name, text);
        case Long number -> fields.put(name, number);
        case List<?> list -> {
          ArrayNode array = fields.putArray(name);
          list.forEach(element -> array.add((String) element));
        }
        default -> throw new IllegalArgumentException("no JSON form for " + namesAndValues[i + 1]);
      }
    }
    return new Mirrored(contract, address, event, fields);
  }

  /** A log kept raw: its topics, data and why it did not decode. */
  private static Mirrored unknown(
      String contract, String address, List<String> topics, byte[] data, String reason) {
    return mirrored(
        contract, address, "unknown", "topics", topics, "data", hex(data), "reason", reason);
  }

  /** As the same JSON read back (numbers as a parser reads them), for equality. */
  private static JsonNode normalised(JsonNode fields) {
    try {
      return JSON.readTree(JSON.writeValueAsString(fields));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String dec(BigInteger value) {
    return value.toString();
  }

  private static String lower(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }

  private static List<String> lower(List<String> hex) {
    return hex.stream().map(MirrorCompletenessIT::lower).toList();
  }

  private static List<String> checksummed(List<DevAccount> accounts) {
    return accounts.stream().map(account -> Keys.toChecksumAddress(account.address())).toList();
  }

  private static String hex(byte[] bytes) {
    return "0x" + HEX.formatHex(bytes);
  }

  /** An indexed address as its topic: 12 zero bytes and the address, lower-case. */
  private static String topic(String address) {
    return "0x" + "0".repeat(24) + lower(address).substring(2);
  }

  /** A 32-byte big-endian word. */
  private static byte[] word(BigInteger value) {
    return Numeric.toBytesPadded(value, 32);
  }

  /** {@code bytes} zero-padded to a whole number of 32-byte words. */
  private static byte[] padded(byte[] bytes) {
    return Arrays.copyOf(bytes, (bytes.length + 31) / 32 * 32);
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
