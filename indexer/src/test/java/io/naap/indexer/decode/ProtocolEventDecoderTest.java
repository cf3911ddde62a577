package io.naap.indexer.decode;

import static io.naap.indexer.decode.ProtocolContract.AI_SERVICE_REGISTRY;
import static io.naap.indexer.decode.ProtocolContract.BONDING_MANAGER;
import static io.naap.indexer.decode.ProtocolContract.CONTROLLER;
import static io.naap.indexer.decode.ProtocolContract.MINTER;
import static io.naap.indexer.decode.ProtocolContract.ROUNDS_MANAGER;
import static io.naap.indexer.decode.ProtocolContract.SERVICE_REGISTRY;
import static io.naap.indexer.decode.ProtocolContract.SLA_FEE_DISTRIBUTOR;
import static io.naap.indexer.decode.ProtocolContract.SLA_ORACLE;
import static io.naap.indexer.decode.ProtocolContract.TICKET_BROKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.indexer.chain.RawLog;
import io.naap.indexer.decode.Decoded.Unknown;
import io.naap.indexer.decode.ProtocolEvent.Bond;
import io.naap.indexer.decode.ProtocolEvent.Claimed;
import io.naap.indexer.decode.ProtocolEvent.DepositFunded;
import io.naap.indexer.decode.ProtocolEvent.EIP712DomainChanged;
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
import io.naap.indexer.decode.ProtocolEvent.RoleAdminChanged;
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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * Hand-built logs (topics hashed here from the Solidity signatures, data written word by word) of
 * every event decode to the exact values; logs the contract does not declare or that do not decode
 * are {@link Unknown} with their reason, and counted.
 */
class ProtocolEventDecoderTest {
  private static final String EMITTER = "0x35bcf3c30594191d53231e4ff333e8a770453e40";
  private static final String BLOCK_HASH =
      "0x1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988";
  private static final String TX_HASH =
      "0xa0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f";
  private static final long BLOCK = 5_856_381;
  private static final int LOG_INDEX = 17;

  private static final String ORCHESTRATOR = "0x00a1b2c3d4e5f60718293a4b5c6d7e8f90a0b0c0";
  private static final String DELEGATOR = "0xff00ff00ff00ff00ff00ff00ff00ff00ff00ff01";
  private static final String OTHER = "0x8000000000000000000000000000000000000000";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final BigInteger ONE_LPT = BigInteger.TEN.pow(18);
  private static final String HASH_A =
      "0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final String HASH_B =
      "0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  private final ProtocolEventDecoder decoder = new ProtocolEventDecoder();

  // ---------------------------------------------------------------------------------------------
  // BondingManager

  @Test
  void decodesTranscoderUpdate() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "TranscoderUpdate(address,uint256,uint256)",
                List.of(address(ORCHESTRATOR)),
                uint(50_000),
                uint(1_000_000)))
        .isEqualTo(
            new TranscoderUpdate(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                BigInteger.valueOf(50_000),
                BigInteger.valueOf(1_000_000)));
  }

  @Test
  void decodesTranscoderActivatedAndDeactivated() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "TranscoderActivated(address,uint256)",
                List.of(address(ORCHESTRATOR)),
                uint(3_500)))
        .isEqualTo(
            new TranscoderActivated(
                ref(BONDING_MANAGER), addr(ORCHESTRATOR), BigInteger.valueOf(3_500)));
    assertThat(
            decode(
                BONDING_MANAGER,
                "TranscoderDeactivated(address,uint256)",
                List.of(address(ORCHESTRATOR)),
                uint(MAX_UINT256)))
        .isEqualTo(
            new TranscoderDeactivated(ref(BONDING_MANAGER), addr(ORCHESTRATOR), MAX_UINT256));
  }

  @Test
  void decodesTranscoderSlashed() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "TranscoderSlashed(address,address,uint256,uint256)",
                List.of(address(ORCHESTRATOR)),
                address(OTHER),
                uint(ONE_LPT),
                uint(MAX_UINT256.subtract(BigInteger.ONE))))
        .isEqualTo(
            new TranscoderSlashed(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                addr(OTHER),
                ONE_LPT,
                MAX_UINT256.subtract(BigInteger.ONE)));
  }

  @Test
  void decodesRewardAndTreasuryReward() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "Reward(address,uint256)",
                List.of(address(ORCHESTRATOR)),
                uint(ONE_LPT.multiply(BigInteger.valueOf(1234)))))
        .isEqualTo(
            new Reward(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                ONE_LPT.multiply(BigInteger.valueOf(1234))));
    assertThat(
            decode(
                BONDING_MANAGER,
                "TreasuryReward(address,address,uint256)",
                List.of(address(ORCHESTRATOR)),
                address(OTHER),
                uint(7)))
        .isEqualTo(
            new TreasuryReward(
                ref(BONDING_MANAGER), addr(ORCHESTRATOR), addr(OTHER), BigInteger.valueOf(7)));
  }

  @Test
  void decodesBondWithItsThreeIndexedAddresses() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "Bond(address,address,address,uint256,uint256)",
                List.of(address(ORCHESTRATOR), address(ZERO), address(DELEGATOR)),
                uint(ONE_LPT),
                uint(MAX_UINT256)))
        .isEqualTo(
            new Bond(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                addr(ZERO),
                addr(DELEGATOR),
                ONE_LPT,
                MAX_UINT256));
  }

  @Test
  void decodesUnbondRebondAndTransferBond() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "Unbond(address,address,uint256,uint256,uint256)",
                List.of(address(ORCHESTRATOR), address(DELEGATOR)),
                uint(0),
                uint(ONE_LPT),
                uint(4_000)))
        .isEqualTo(
            new Unbond(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                addr(DELEGATOR),
                BigInteger.ZERO,
                ONE_LPT,
                BigInteger.valueOf(4_000)));
    assertThat(
            decode(
                BONDING_MANAGER,
                "Rebond(address,address,uint256,uint256)",
                List.of(address(ORCHESTRATOR), address(DELEGATOR)),
                uint(3),
                uint(MAX_UINT256)))
        .isEqualTo(
            new Rebond(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                addr(DELEGATOR),
                BigInteger.valueOf(3),
                MAX_UINT256));
    assertThat(
            decode(
                BONDING_MANAGER,
                "TransferBond(address,address,uint256,uint256,uint256)",
                List.of(address(DELEGATOR), address(OTHER)),
                uint(1),
                uint(2),
                uint(ONE_LPT)))
        .isEqualTo(
            new TransferBond(
                ref(BONDING_MANAGER),
                addr(DELEGATOR),
                addr(OTHER),
                BigInteger.ONE,
                BigInteger.TWO,
                ONE_LPT));
  }

  @Test
  void decodesWithdrawStakeWithdrawFeesAndEarningsClaimed() {
    assertThat(
            decode(
                BONDING_MANAGER,
                "WithdrawStake(address,uint256,uint256,uint256)",
                List.of(address(DELEGATOR)),
                uint(9),
                uint(ONE_LPT),
                uint(4_007)))
        .isEqualTo(
            new WithdrawStake(
                ref(BONDING_MANAGER),
                addr(DELEGATOR),
                BigInteger.valueOf(9),
                ONE_LPT,
                BigInteger.valueOf(4_007)));
    assertThat(
            decode(
                BONDING_MANAGER,
                "WithdrawFees(address,address,uint256)",
                List.of(address(DELEGATOR)),
                address(OTHER),
                uint(MAX_UINT256)))
        .isEqualTo(
            new WithdrawFees(ref(BONDING_MANAGER), addr(DELEGATOR), addr(OTHER), MAX_UINT256));
    assertThat(
            decode(
                BONDING_MANAGER,
                "EarningsClaimed(address,address,uint256,uint256,uint256,uint256)",
                List.of(address(ORCHESTRATOR), address(DELEGATOR)),
                uint(ONE_LPT),
                uint(123_456_789),
                uint(3_000),
                uint(3_100)))
        .isEqualTo(
            new EarningsClaimed(
                ref(BONDING_MANAGER),
                addr(ORCHESTRATOR),
                addr(DELEGATOR),
                ONE_LPT,
                BigInteger.valueOf(123_456_789),
                BigInteger.valueOf(3_000),
                BigInteger.valueOf(3_100)));
  }

  @Test
  void decodesParameterUpdateOfEachContractThatDeclaresIt() {
    String name = "unbondingPeriod, and a name longer than one word: ünïcödé ✓";
    for (ProtocolContract contract :
        List.of(BONDING_MANAGER, TICKET_BROKER, ROUNDS_MANAGER, MINTER)) {
      assertThat(decode(contract, "ParameterUpdate(string)", List.of(), offset(1), string(name)))
          .isEqualTo(new ParameterUpdate(ref(contract), name));
    }
    assertThat(decode(MINTER, "ParameterUpdate(string)", List.of(), offset(1), string("")))
        .isEqualTo(new ParameterUpdate(ref(MINTER), ""));
  }

  @Test
  void aStringThatIsNotUtf8IsKeptRawNotReplaced() {
    byte[] invalid = {(byte) 0xff, (byte) 0xfe, 'o', 'k'};
    String data = offset(1) + bytes(invalid);
    Decoded decoded = decode(MINTER, "ParameterUpdate(string)", List.of(), data);

    assertThat(decoded).isInstanceOf(Unknown.class);
    assertThat(((Unknown) decoded).reason())
        .isEqualTo(
            "ParameterUpdate(string): parameter 0 (string): a string of 4 bytes is not valid UTF-8");
    assertThat(((Unknown) decoded).data()).isEqualTo("0x" + data);
    assertThat(decoder.unknownCounts()).containsOnlyKeys(topic("ParameterUpdate(string)"));
  }

  // ---------------------------------------------------------------------------------------------
  // TicketBroker

  @Test
  void decodesDepositFundedUnlockAndWithdrawal() {
    assertThat(
            decode(
                TICKET_BROKER,
                "DepositFunded(address,uint256)",
                List.of(address(OTHER)),
                uint(ONE_LPT)))
        .isEqualTo(new DepositFunded(ref(TICKET_BROKER), addr(OTHER), ONE_LPT));
    assertThat(
            decode(
                TICKET_BROKER,
                "Unlock(address,uint256,uint256)",
                List.of(address(OTHER)),
                uint(100),
                uint(102)))
        .isEqualTo(
            new Unlock(
                ref(TICKET_BROKER), addr(OTHER), BigInteger.valueOf(100), BigInteger.valueOf(102)));
    assertThat(decode(TICKET_BROKER, "UnlockCancelled(address)", List.of(address(OTHER))))
        .isEqualTo(new UnlockCancelled(ref(TICKET_BROKER), addr(OTHER)));
    assertThat(
            decode(
                TICKET_BROKER,
                "Withdrawal(address,uint256,uint256)",
                List.of(address(OTHER)),
                uint(ONE_LPT),
                uint(MAX_UINT256)))
        .isEqualTo(new Withdrawal(ref(TICKET_BROKER), addr(OTHER), ONE_LPT, MAX_UINT256));
  }

  @Test
  void decodesReserveFundedAndClaimed() {
    assertThat(
            decode(
                TICKET_BROKER, "ReserveFunded(address,uint256)", List.of(address(OTHER)), uint(5)))
        .isEqualTo(new ReserveFunded(ref(TICKET_BROKER), addr(OTHER), BigInteger.valueOf(5)));
    assertThat(
            decode(
                TICKET_BROKER,
                "ReserveClaimed(address,address,uint256)",
                List.of(address(OTHER)),
                address(ORCHESTRATOR),
                uint(6)))
        .isEqualTo(
            new ReserveClaimed(
                ref(TICKET_BROKER), addr(OTHER), addr(ORCHESTRATOR), BigInteger.valueOf(6)));
  }

  @Test
  void decodesWinningTicketRedeemedAndItsAuxData() {
    BigInteger creationRound = BigInteger.valueOf(3_579);
    String auxData = "0x" + uint(creationRound) + HASH_B.substring(2);
    Decoded decoded =
        decode(
            TICKET_BROKER,
            "WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)",
            List.of(address(OTHER), address(ORCHESTRATOR)),
            uint(ONE_LPT),
            uint(MAX_UINT256.shiftRight(1)),
            uint(42),
            uint(MAX_UINT256),
            offset(5),
            bytes(HexFormat.of().parseHex(auxData.substring(2))));

    assertThat(decoded)
        .isEqualTo(
            new WinningTicketRedeemed(
                ref(TICKET_BROKER),
                addr(OTHER),
                addr(ORCHESTRATOR),
                ONE_LPT,
                MAX_UINT256.shiftRight(1),
                BigInteger.valueOf(42),
                MAX_UINT256,
                auxData));
    assertThat(((WinningTicketRedeemed) decoded).ticketAuxData())
        .contains(new TicketAuxData(creationRound, HASH_B));
  }

  @Test
  void keepsAuxDataOfAnyOtherLengthRawAndFlagsIt() {
    for (int length : new int[] {0, 5, 63, 65, 96}) {
      byte[] raw = new byte[length];
      for (int i = 0; i < length; i++) {
        raw[i] = (byte) (0xf0 + i);
      }
      Decoded decoded =
          decode(
              TICKET_BROKER,
              "WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)",
              List.of(address(OTHER), address(ORCHESTRATOR)),
              uint(1),
              uint(2),
              uint(3),
              uint(4),
              offset(5),
              bytes(raw));
      assertThat(decoded).isInstanceOf(WinningTicketRedeemed.class);
      WinningTicketRedeemed redeemed = (WinningTicketRedeemed) decoded;
      assertThat(redeemed.auxData()).isEqualTo("0x" + HexFormat.of().formatHex(raw));
      assertThat(redeemed.ticketAuxData()).as("auxData of %d bytes", length).isEmpty();
    }
  }

  @Test
  void decodesWinningTicketTransfer() {
    assertThat(
            decode(
                TICKET_BROKER,
                "WinningTicketTransfer(address,address,uint256)",
                List.of(address(OTHER), address(ORCHESTRATOR)),
                uint(ONE_LPT.subtract(BigInteger.ONE))))
        .isEqualTo(
            new WinningTicketTransfer(
                ref(TICKET_BROKER),
                addr(OTHER),
                addr(ORCHESTRATOR),
                ONE_LPT.subtract(BigInteger.ONE)));
  }

  // ---------------------------------------------------------------------------------------------
  // RoundsManager, Minter, ServiceRegistry, Controller

  @Test
  void decodesNewRoundWithItsIndexedRound() {
    assertThat(
            decode(
                ROUNDS_MANAGER,
                "NewRound(uint256,bytes32)",
                List.of(uint(MAX_UINT256)),
                HASH_A.substring(2)))
        .isEqualTo(new NewRound(ref(ROUNDS_MANAGER), MAX_UINT256, HASH_A));
  }

  @Test
  void decodesSetCurrentRewardTokens() {
    assertThat(
            decode(
                MINTER,
                "SetCurrentRewardTokens(uint256,uint256)",
                List.of(),
                uint(ONE_LPT.multiply(BigInteger.valueOf(6_000))),
                uint(500)))
        .isEqualTo(
            new SetCurrentRewardTokens(
                ref(MINTER), ONE_LPT.multiply(BigInteger.valueOf(6_000)), BigInteger.valueOf(500)));
  }

  @Test
  void decodesServiceUriUpdateOfBothRegistries() {
    String uri = "https://orchestrator.example.org:8935/a/path/longer/than/thirty-two/bytes";
    for (ProtocolContract registry : List.of(SERVICE_REGISTRY, AI_SERVICE_REGISTRY)) {
      assertThat(
              decode(
                  registry,
                  "ServiceURIUpdate(address,string)",
                  List.of(address(ORCHESTRATOR)),
                  offset(1),
                  string(uri)))
          .isEqualTo(new ServiceURIUpdate(ref(registry), addr(ORCHESTRATOR), uri));
    }
  }

  @Test
  void decodesSetContractInfoPauseAndUnpause() {
    String commit = "0x0123456789abcdef0123456789abcdef01234567";
    assertThat(
            decode(
                CONTROLLER,
                "SetContractInfo(bytes32,address,bytes20)",
                List.of(),
                HASH_B.substring(2),
                address(ORCHESTRATOR),
                commit.substring(2) + "0".repeat(24)))
        .isEqualTo(new SetContractInfo(ref(CONTROLLER), HASH_B, addr(ORCHESTRATOR), commit));
    assertThat(decode(CONTROLLER, "Pause()", List.of())).isEqualTo(new Pause(ref(CONTROLLER)));
    assertThat(decode(CONTROLLER, "Unpause()", List.of())).isEqualTo(new Unpause(ref(CONTROLLER)));
  }

  // ---------------------------------------------------------------------------------------------
  // SlaOracle

  @Test
  void decodesSignerSetChangedWithItsAddressArray() {
    assertThat(
            decode(
                SLA_ORACLE,
                "SignerSetChanged(uint64,address[],uint32)",
                List.of(uint(Long.MAX_VALUE)),
                offset(2),
                uint(4_294_967_295L),
                uint(3),
                address(ORCHESTRATOR),
                address(DELEGATOR),
                address(OTHER)))
        .isEqualTo(
            new SignerSetChanged(
                ref(SLA_ORACLE),
                Long.MAX_VALUE,
                List.of(addr(ORCHESTRATOR), addr(DELEGATOR), addr(OTHER)),
                4_294_967_295L));
    assertThat(
            decode(
                SLA_ORACLE,
                "SignerSetChanged(uint64,address[],uint32)",
                List.of(uint(1)),
                offset(2),
                uint(0),
                uint(0)))
        .isEqualTo(new SignerSetChanged(ref(SLA_ORACLE), 1, List.of(), 0));
  }

  @Test
  void decodesSnapshotPublished() {
    assertThat(
            decode(
                SLA_ORACLE,
                "SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address)",
                List.of(uint(Long.MAX_VALUE - 1), address(DELEGATOR)),
                HASH_A.substring(2),
                uint(4_294_967_295L),
                HASH_B.substring(2),
                uint(7)))
        .isEqualTo(
            new SnapshotPublished(
                ref(SLA_ORACLE),
                Long.MAX_VALUE - 1,
                HASH_A,
                4_294_967_295L,
                HASH_B,
                7,
                addr(DELEGATOR)));
  }

  @Test
  void decodesTheEventsSlaOracleInheritsFromOpenZeppelin() {
    assertThat(decode(SLA_ORACLE, "Paused(address)", List.of(), address(DELEGATOR)))
        .isEqualTo(new Paused(ref(SLA_ORACLE), addr(DELEGATOR)));
    assertThat(decode(SLA_ORACLE, "Unpaused(address)", List.of(), address(OTHER)))
        .isEqualTo(new Unpaused(ref(SLA_ORACLE), addr(OTHER)));
    assertThat(
            decode(
                SLA_ORACLE,
                "RoleGranted(bytes32,address,address)",
                List.of(HASH_A.substring(2), address(ORCHESTRATOR), address(DELEGATOR))))
        .isEqualTo(new RoleGranted(ref(SLA_ORACLE), HASH_A, addr(ORCHESTRATOR), addr(DELEGATOR)));
    assertThat(
            decode(
                SLA_ORACLE,
                "RoleRevoked(bytes32,address,address)",
                List.of(HASH_B.substring(2), address(OTHER), address(ZERO))))
        .isEqualTo(new RoleRevoked(ref(SLA_ORACLE), HASH_B, addr(OTHER), addr(ZERO)));
    assertThat(
            decode(
                SLA_ORACLE,
                "RoleAdminChanged(bytes32,bytes32,bytes32)",
                List.of(HASH_A.substring(2), "0".repeat(64), HASH_B.substring(2))))
        .isEqualTo(new RoleAdminChanged(ref(SLA_ORACLE), HASH_A, "0x" + "0".repeat(64), HASH_B));
    assertThat(decode(SLA_ORACLE, "EIP712DomainChanged()", List.of()))
        .isEqualTo(new EIP712DomainChanged(ref(SLA_ORACLE)));
  }

  // ---------------------------------------------------------------------------------------------
  // SlaFeeDistributor

  @Test
  void decodesPoolFunded() {
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "PoolFunded(bytes32,address,uint64,uint32,uint256)",
                List.of(HASH_A.substring(2), address(DELEGATOR)),
                uint(Long.MAX_VALUE),
                uint(4_294_967_295L),
                uint(BigInteger.TWO.pow(120).subtract(BigInteger.ONE))))
        .isEqualTo(
            new PoolFunded(
                ref(SLA_FEE_DISTRIBUTOR),
                HASH_A,
                addr(DELEGATOR),
                Long.MAX_VALUE,
                4_294_967_295L,
                BigInteger.TWO.pow(120).subtract(BigInteger.ONE)));
  }

  @Test
  void decodesRootPublished() {
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "RootPublished(uint64,bytes32,uint256,bytes32,uint64,uint64,address)",
                List.of(uint(Long.MAX_VALUE - 1), address(ORCHESTRATOR)),
                HASH_B.substring(2),
                uint(MAX_UINT256),
                HASH_A.substring(2),
                uint(3),
                uint(1_767_225_600L)))
        .isEqualTo(
            new RootPublished(
                ref(SLA_FEE_DISTRIBUTOR),
                Long.MAX_VALUE - 1,
                HASH_B,
                MAX_UINT256,
                HASH_A,
                3,
                1_767_225_600L,
                addr(ORCHESTRATOR)));
  }

  @Test
  void decodesRootVetoedAndClaimed() {
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "RootVetoed(uint64,bytes32)",
                List.of(uint(0)),
                HASH_A.substring(2)))
        .isEqualTo(new RootVetoed(ref(SLA_FEE_DISTRIBUTOR), 0, HASH_A));
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "Claimed(address,uint256,uint256)",
                List.of(address(OTHER)),
                uint(ONE_LPT),
                uint(MAX_UINT256)))
        .isEqualTo(new Claimed(ref(SLA_FEE_DISTRIBUTOR), addr(OTHER), ONE_LPT, MAX_UINT256));
  }

  @Test
  void decodesTheEventsSlaFeeDistributorInheritsFromOpenZeppelinAsItsOwn() {
    assertThat(decode(SLA_FEE_DISTRIBUTOR, "Paused(address)", List.of(), address(DELEGATOR)))
        .isEqualTo(new Paused(ref(SLA_FEE_DISTRIBUTOR), addr(DELEGATOR)));
    assertThat(decode(SLA_FEE_DISTRIBUTOR, "Unpaused(address)", List.of(), address(OTHER)))
        .isEqualTo(new Unpaused(ref(SLA_FEE_DISTRIBUTOR), addr(OTHER)));
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "RoleGranted(bytes32,address,address)",
                List.of("0".repeat(64), address(ORCHESTRATOR), address(DELEGATOR))))
        .isEqualTo(
            new RoleGranted(
                ref(SLA_FEE_DISTRIBUTOR),
                "0x" + "0".repeat(64),
                addr(ORCHESTRATOR),
                addr(DELEGATOR)));
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "RoleRevoked(bytes32,address,address)",
                List.of(HASH_B.substring(2), address(OTHER), address(ZERO))))
        .isEqualTo(new RoleRevoked(ref(SLA_FEE_DISTRIBUTOR), HASH_B, addr(OTHER), addr(ZERO)));
    assertThat(
            decode(
                SLA_FEE_DISTRIBUTOR,
                "RoleAdminChanged(bytes32,bytes32,bytes32)",
                List.of(HASH_B.substring(2), HASH_A.substring(2), "0".repeat(64))))
        .isEqualTo(
            new RoleAdminChanged(ref(SLA_FEE_DISTRIBUTOR), HASH_B, HASH_A, "0x" + "0".repeat(64)));
    assertThat(decode(SLA_FEE_DISTRIBUTOR, "EIP712DomainChanged()", List.of()))
        .isEqualTo(new EIP712DomainChanged(ref(SLA_FEE_DISTRIBUTOR)));
  }

  @Test
  void aFundedFirstEpochBeyondTheRangeOfALongIsUnknown() {
    // fund() takes any uint64 first epoch: the log is kept raw rather than stored wrong
    String signature = "PoolFunded(bytes32,address,uint64,uint32,uint256)";
    assertThat(
            reason(
                decode(
                    SLA_FEE_DISTRIBUTOR,
                    signature,
                    List.of(HASH_A.substring(2), address(DELEGATOR)),
                    uint(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)),
                    uint(1),
                    uint(1))))
        .isEqualTo(
            signature
                + ": parameter 2 (uint64): the uint64 18446744073709551615 exceeds the range of a"
                + " signed 64-bit long");
    assertThat(decoder.unknownCounts()).containsExactly(entry(topic(signature), 1L));
  }

  @Test
  void fundingFieldsCarryTheNamesTheIncentiveQueriesRead() {
    Decoded funded =
        decode(
            SLA_FEE_DISTRIBUTOR,
            "PoolFunded(bytes32,address,uint64,uint32,uint256)",
            List.of(HASH_B.substring(2), address(ORCHESTRATOR)),
            uint(1),
            uint(4_294_967_295L),
            uint(MAX_UINT256));

    assertThat(funded.name()).isEqualTo("PoolFunded");
    assertThat(funded.fieldsJson())
        .isEqualTo(
            "{\"workload\":\""
                + HASH_B
                + "\",\"funder\":\""
                + ORCHESTRATOR
                + "\",\"firstEpoch\":1,\"epochs\":4294967295,\"amountPerEpoch\":\""
                + MAX_UINT256
                + "\"}");
  }

  // ---------------------------------------------------------------------------------------------
  // Fields for storage

  @Test
  void fieldsAreTheSolidityNamesInDeclarationOrderWithUint256AsDecimalStrings() throws Exception {
    Decoded bond =
        decode(
            BONDING_MANAGER,
            "Bond(address,address,address,uint256,uint256)",
            List.of(address(ORCHESTRATOR), address(ZERO), address(DELEGATOR)),
            uint(ONE_LPT),
            uint(MAX_UINT256));

    assertThat(bond.name()).isEqualTo("Bond");
    assertThat(bond.fields())
        .containsExactly(
            entry("newDelegate", ORCHESTRATOR),
            entry("oldDelegate", ZERO),
            entry("delegator", DELEGATOR),
            entry("additionalAmount", "1000000000000000000"),
            entry("bondedAmount", MAX_UINT256.toString()));
    assertThat(bond.fieldsJson())
        .isEqualTo(
            "{\"newDelegate\":\""
                + ORCHESTRATOR
                + "\",\"oldDelegate\":\""
                + ZERO
                + "\",\"delegator\":\""
                + DELEGATOR
                + "\",\"additionalAmount\":\"1000000000000000000\",\"bondedAmount\":\""
                + MAX_UINT256
                + "\"}");
  }

  @Test
  void fieldsKeepUint64AsNumbersAndAddressArraysAsLists() throws Exception {
    Decoded changed =
        decode(
            SLA_ORACLE,
            "SignerSetChanged(uint64,address[],uint32)",
            List.of(uint(Long.MAX_VALUE)),
            offset(2),
            uint(3),
            uint(2),
            address(ORCHESTRATOR),
            address(OTHER));

    assertThat(changed.fields())
        .containsExactly(
            entry("configVersion", Long.MAX_VALUE),
            entry("signers", List.of(ORCHESTRATOR, OTHER)),
            entry("threshold", 3L));
    Map<?, ?> json = new ObjectMapper().readValue(changed.fieldsJson(), LinkedHashMap.class);
    assertThat(json.get("configVersion")).isEqualTo(Long.MAX_VALUE);
    assertThat(json.get("signers")).isEqualTo(List.of(ORCHESTRATOR, OTHER));
  }

  // ---------------------------------------------------------------------------------------------
  // Unknown logs

  @Test
  void aTopicTheContractDoesNotDeclareIsUnknownAndCounted() {
    // Bond belongs to BondingManager, not TicketBroker; ParameterUpdate to neither registry
    Decoded bond =
        decode(
            TICKET_BROKER,
            "Bond(address,address,address,uint256,uint256)",
            List.of(address(ORCHESTRATOR), address(ZERO), address(DELEGATOR)),
            uint(1),
            uint(2));
    Decoded parameter =
        decode(SERVICE_REGISTRY, "ParameterUpdate(string)", List.of(), offset(1), string("x"));
    decode(SERVICE_REGISTRY, "ParameterUpdate(string)", List.of(), offset(1), string("y"));

    String bondTopic = topic("Bond(address,address,address,uint256,uint256)");
    String parameterTopic = topic("ParameterUpdate(string)");
    assertThat(bond).isInstanceOf(Unknown.class);
    Unknown unknown = (Unknown) bond;
    assertThat(unknown.topic0()).contains(bondTopic);
    assertThat(unknown.reason())
        .isEqualTo("TicketBroker declares no event with topic 0 " + bondTopic);
    assertThat(unknown.log()).isEqualTo(ref(TICKET_BROKER));
    assertThat(unknown.name()).isEqualTo("unknown");
    assertThat(unknown.topics()).hasSize(4).startsWith(bondTopic);
    assertThat(unknown.fields()).containsOnlyKeys("topics", "data", "reason");
    assertThat(unknown.fields().get("data")).isEqualTo(unknown.data());
    assertThat(parameter).isInstanceOf(Unknown.class);
    assertThat(decoder.unknownCounts())
        .containsExactly(entry(parameterTopic, 2L), entry(bondTopic, 1L));
  }

  @Test
  void aLogWithoutTopicsIsUnknown() {
    Decoded decoded = decoder.decode(raw(List.of(), "0x"), CONTROLLER);

    assertThat(decoded).isInstanceOf(Unknown.class);
    assertThat(((Unknown) decoded).topic0()).isEmpty();
    assertThat(((Unknown) decoded).reason()).contains("no topic");
    assertThat(decoder.unknownCounts()).containsExactly(entry(Unknown.NO_TOPIC, 1L));
  }

  @Test
  void truncatedDataIsUnknownWithTheReason() {
    String signature = "Bond(address,address,address,uint256,uint256)";
    List<String> topics = List.of(topic(signature), w(ORCHESTRATOR), w(ZERO), w(DELEGATOR));
    String full = "0x" + uint(ONE_LPT) + uint(MAX_UINT256);

    assertThat(decoder.decode(raw(topics, full), BONDING_MANAGER)).isInstanceOf(Bond.class);
    for (String data : List.of(full.substring(0, full.length() - 2), "0x" + uint(1), "0x")) {
      assertThat(reason(decoder.decode(raw(topics, data), BONDING_MANAGER)))
          .isEqualTo(
              signature
                  + ": the data is "
                  + (data.length() - 2) / 2
                  + " bytes, its non-indexed parameters need at least 64");
    }
    assertThat(decoder.unknownCounts()).containsExactly(entry(topic(signature), 3L));
  }

  @Test
  void aStringOrBytesLongerThanTheDataIsUnknown() {
    String words = offset(1) + string("a service URI of some length");
    String cut = words.substring(0, words.length() - 64);
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        List.of(topic("ServiceURIUpdate(address,string)"), w(ORCHESTRATOR)),
                        "0x" + cut),
                    SERVICE_REGISTRY)))
        .isEqualTo(
            "ServiceURIUpdate(address,string): parameter 1 (string): a string of 28 bytes does"
                + " not fit in the 0 bytes left");
    assertThat(
            reason(
                decoder.decode(
                    raw(List.of(topic("ParameterUpdate(string)")), "0x" + offset(2) + uint(0)),
                    MINTER)))
        .isEqualTo(
            "ParameterUpdate(string): parameter 0 (string): the offset 64 leaves no room for a"
                + " length in 64 bytes");
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        List.of(topic("ParameterUpdate(string)")),
                        "0x" + uint(MAX_UINT256) + uint(0)),
                    MINTER)))
        .isEqualTo(
            "ParameterUpdate(string): parameter 0 (string): the offset word exceeds 2^31 - 1");
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        List.of(topic("SignerSetChanged(uint64,address[],uint32)"), t(1)),
                        "0x" + offset(2) + uint(1) + uint(2) + address(OTHER)),
                    SLA_ORACLE)))
        .isEqualTo(
            "SignerSetChanged(uint64,address[],uint32): parameter 1 (address[]): an address[] of 2"
                + " elements does not fit in 32 bytes");
  }

  @Test
  void theWrongNumberOfTopicsIsUnknown() {
    // the same signature with one fewer indexed parameter: another event, not this one
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        List.of(topic("Reward(address,uint256)")),
                        "0x" + address(ORCHESTRATOR) + uint(1)),
                    BONDING_MANAGER)))
        .isEqualTo(
            "Reward(address,uint256): declares 1 indexed parameters, so 2 topics, but the log has"
                + " 1");
  }

  @Test
  void wordsThatAreNotCleanValuesOfTheirTypeAreUnknown() {
    String dirtyAddress = "0x01" + address(ORCHESTRATOR).substring(2);
    assertThat(
            reason(
                decoder.decode(
                    raw(List.of(topic("Reward(address,uint256)"), dirtyAddress), "0x" + uint(1)),
                    BONDING_MANAGER)))
        .isEqualTo(
            "Reward(address,uint256): parameter 0 (address indexed): an address word has non-zero"
                + " high bytes");
    String snapshot = "SnapshotPublished(uint64,bytes32,uint32,bytes32,uint64,address)";
    List<String> topics = List.of(topic(snapshot), t(BigInteger.TWO.pow(63)), w(OTHER));
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        topics,
                        "0x" + HASH_A.substring(2) + uint(1) + HASH_B.substring(2) + uint(1)),
                    SLA_ORACLE)))
        .isEqualTo(
            snapshot
                + ": parameter 0 (uint64 indexed): the uint64 9223372036854775808 exceeds the"
                + " range of a signed 64-bit long");
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        List.of(topic(snapshot), t(1), w(OTHER)),
                        "0x"
                            + HASH_A.substring(2)
                            + uint(BigInteger.TWO.pow(32))
                            + HASH_B.substring(2)
                            + uint(1)),
                    SLA_ORACLE)))
        .isEqualTo(snapshot + ": parameter 2 (uint32): a uint32 word has non-zero high bytes");
    assertThat(
            reason(
                decoder.decode(
                    raw(
                        List.of(topic("SetContractInfo(bytes32,address,bytes20)")),
                        "0x" + HASH_A.substring(2) + address(OTHER) + HASH_B.substring(2)),
                    CONTROLLER)))
        .isEqualTo(
            "SetContractInfo(bytes32,address,bytes20): parameter 2 (bytes20): a bytes20 word has"
                + " non-zero low bytes");
  }

  @Test
  void dataOrTopicsThatAreNotHexAreUnknown() {
    List<String> topics = List.of(topic("Reward(address,uint256)"), w(ORCHESTRATOR));
    assertThat(reason(decoder.decode(raw(topics, "0x" + "zz".repeat(32)), BONDING_MANAGER)))
        .isEqualTo("Reward(address,uint256): the data has a character that is not a hex digit");
    assertThat(reason(decoder.decode(raw(topics, "0x123"), BONDING_MANAGER)))
        .isEqualTo("Reward(address,uint256): the data is not 0x and an even number of hex digits");
    assertThat(
            reason(
                decoder.decode(
                    raw(List.of(topic("Reward(address,uint256)"), "0x1234"), "0x" + uint(1)),
                    BONDING_MANAGER)))
        .isEqualTo(
            "Reward(address,uint256): parameter 0 (address indexed): topic 1 is not 0x and 64 hex"
                + " digits");
  }

  @Test
  void upperCaseHexDecodesAsLowerCase() {
    Decoded decoded =
        decoder.decode(
            raw(
                List.of(topic("NewRound(uint256,bytes32)").toUpperCase().replace("0X", "0x"), t(5)),
                HASH_B.toUpperCase().replace("0X", "0x")),
            ROUNDS_MANAGER);
    assertThat(decoded).isEqualTo(new NewRound(ref(ROUNDS_MANAGER), BigInteger.valueOf(5), HASH_B));
  }

  @Test
  void countsUnknownsFromManyThreadsExactly() throws Exception {
    RawLog unknown = raw(List.of(HASH_A), "0x");
    try (var executor = Executors.newFixedThreadPool(4)) {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(
            executor.submit(
                () -> {
                  for (int i = 0; i < 1_000; i++) {
                    decoder.decode(unknown, MINTER);
                  }
                }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    }
    assertThat(decoder.unknownCounts()).containsExactly(entry(HASH_A, 8_000L));
  }

  @Test
  void namesTheContractsAsTheProtocolDoes() {
    assertThat(ProtocolContract.byName("AIServiceRegistry")).contains(AI_SERVICE_REGISTRY);
    assertThat(ProtocolContract.byName("SlaOracle")).contains(SLA_ORACLE);
    assertThat(ProtocolContract.byName("SlaFeeDistributor")).contains(SLA_FEE_DISTRIBUTOR);
    assertThat(ProtocolContract.SLA_FEE_DISTRIBUTOR.contractName()).isEqualTo("SlaFeeDistributor");
    assertThat(ProtocolContract.byName("bondingmanager")).isEmpty();
    for (io.naap.bindings.deploy.ProtocolContract deployed :
        io.naap.bindings.deploy.ProtocolContract.values()) {
      assertThat(ProtocolContract.of(deployed).contractName()).isEqualTo(deployed.protocolName());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Hand-built logs

  /** A log of {@code signature} from {@code contract}, its data the words given. */
  private Decoded decode(
      ProtocolContract contract, String signature, List<String> indexed, String... words) {
    List<String> topics = new ArrayList<>();
    topics.add(topic(signature));
    indexed.forEach(word -> topics.add("0x" + word));
    return decoder.decode(raw(topics, "0x" + String.join("", words)), contract);
  }

  private static RawLog raw(List<String> topics, String data) {
    return new RawLog(BLOCK, BLOCK_HASH, TX_HASH, 3, LOG_INDEX, EMITTER, topics, data, false);
  }

  private static LogRef ref(ProtocolContract contract) {
    return new LogRef(
        contract, EthereumAddress.fromHex(EMITTER), BLOCK, BLOCK_HASH, TX_HASH, LOG_INDEX);
  }

  private static String reason(Decoded decoded) {
    assertThat(decoded).isInstanceOf(Unknown.class);
    return ((Unknown) decoded).reason();
  }

  /** keccak256 of an event signature, computed here, not taken from the bindings. */
  private static String topic(String signature) {
    return Hash.sha3String(signature);
  }

  private static EthereumAddress addr(String hex) {
    return EthereumAddress.fromHex(hex);
  }

  /** An address as a word: 12 zero bytes, then its 20. */
  private static String address(String hex) {
    return "0".repeat(24) + hex.substring(2);
  }

  /** An address as a topic. */
  private static String w(String hex) {
    return "0x" + address(hex);
  }

  /** A uint as a topic. */
  private static String t(long value) {
    return "0x" + uint(value);
  }

  private static String t(BigInteger value) {
    return "0x" + uint(value);
  }

  private static String uint(long value) {
    return uint(BigInteger.valueOf(value));
  }

  private static String uint(BigInteger value) {
    String hex = value.toString(16);
    return "0".repeat(64 - hex.length()) + hex;
  }

  /** The head word of a dynamic parameter whose content starts {@code words} words in. */
  private static String offset(int words) {
    return uint(32L * words);
  }

  /** A string's tail: its length, then its UTF-8 bytes padded to whole words. */
  private static String string(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String bytes(byte[] content) {
    String hex = HexFormat.of().formatHex(content);
    int padded = (hex.length() + 63) / 64 * 64;
    return uint(content.length) + hex + "0".repeat(padded - hex.length());
  }
}
