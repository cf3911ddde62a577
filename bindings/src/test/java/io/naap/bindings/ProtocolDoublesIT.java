package io.naap.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.naap.bindings.ProtocolEventCatalogue.EventDeclaration;
import io.naap.bindings.deploy.DeployedContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.Controller;
import io.naap.bindings.generated.Minter;
import io.naap.bindings.generated.RoundsManager;
import io.naap.bindings.generated.ServiceRegistry;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.testkit.AnvilExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * Deploys the protocol doubles to a real anvil, emits every event of docs/PROTOCOL.md with
 * distinctive values, and decodes each log through the generated bindings. Topic 0 of every log
 * (computed by solc) must equal keccak256 of the PROTOCOL.md signature (computed here).
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolDoublesIT {
  private static final ContractGasProvider GAS = new DefaultGasProvider();

  private static final String ORCHESTRATOR = "0x5be44e23041e93cdf9bcd5a0968524e104e38ae1";
  private static final String OTHER_ORCHESTRATOR = "0x847791cbf03be716a7fe9dc8c9affe17bd49ae5e";
  private static final String DELEGATOR = "0xb5e0f4d1a7c52d2f2a3f6a4f0e2b1d9c8e7f6a50";
  private static final String OTHER_DELEGATOR = "0x0123456789abcdef0123456789abcdef01234567";
  private static final String BROADCASTER = "0xc0ffee254729296a45a3885639ac7e10f9d54979";
  private static final String TREASURY = "0xf82c1ff415f1fcf582554fdba790e27019c8e8c4";
  private static final String FINDER = "0x9e1ec2bd8a8f31f9d1a4c2a6b2e4b0a6c8d0e2f4";
  private static final String MAX_ADDRESS = "0xffffffffffffffffffffffffffffffffffffffff";

  private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final BigInteger ONE_LPT = BigInteger.TEN.pow(18);

  private Web3j web3j;
  private ProtocolDeployment deployment;
  private BondingManager bondingManager;
  private TicketBroker ticketBroker;
  private RoundsManager roundsManager;
  private Minter minter;
  private ServiceRegistry serviceRegistry;
  private ServiceRegistry aiServiceRegistry;
  private Controller controller;

  @BeforeAll
  void deployDoubles(AnvilNode anvil) {
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    TransactionManager transactions =
        ProtocolDoubles.transactionManager(web3j, deployer, anvil.chainId());
    deployment = ProtocolDoubles.deploy(web3j, transactions, GAS);

    bondingManager =
        BondingManager.load(deployment.bondingManager().addressHex(), web3j, transactions, GAS);
    ticketBroker =
        TicketBroker.load(deployment.ticketBroker().addressHex(), web3j, transactions, GAS);
    roundsManager =
        RoundsManager.load(deployment.roundsManager().addressHex(), web3j, transactions, GAS);
    minter = Minter.load(deployment.minter().addressHex(), web3j, transactions, GAS);
    serviceRegistry =
        ServiceRegistry.load(deployment.serviceRegistry().addressHex(), web3j, transactions, GAS);
    aiServiceRegistry =
        ServiceRegistry.load(deployment.aiServiceRegistry().addressHex(), web3j, transactions, GAS);
    controller = Controller.load(deployment.controller().addressHex(), web3j, transactions, GAS);
  }

  @AfterAll
  void closeClient() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Deployment

  @Test
  void deploysEveryDoubleAtItsOwnAddressInTheBlockItNames() throws Exception {
    List<DeployedContract> contracts = deployment.contracts();

    assertThat(contracts).hasSize(7);
    assertThat(contracts).extracting(DeployedContract::address).doesNotHaveDuplicates();
    assertThat(contracts)
        .extracting(DeployedContract::deploymentBlock)
        .isSorted()
        .doesNotHaveDuplicates();
    for (DeployedContract contract : contracts) {
      long block = contract.deploymentBlock();
      assertThat(code(contract, DefaultBlockParameter.valueOf(BigInteger.valueOf(block))))
          .as("code of %s in its deployment block %d", contract.contract(), block)
          .isNotEqualTo("0x");
      assertThat(code(contract, DefaultBlockParameter.valueOf(BigInteger.valueOf(block - 1))))
          .as("code of %s before its deployment block", contract.contract())
          .isEqualTo("0x");
    }
  }

  private String code(DeployedContract contract, DefaultBlockParameter block) throws Exception {
    return web3j.ethGetCode(contract.addressHex(), block).send().getCode();
  }

  // ---------------------------------------------------------------------------------------------
  // Every event of PROTOCOL.md

  private record EventCase(String contract, String event, Executable check) {
    @Override
    public String toString() {
      return contract + "." + event;
    }
  }

  private List<EventCase> eventCases() {
    return List.of(
        new EventCase("BondingManager", "TranscoderUpdate", this::transcoderUpdate),
        new EventCase("BondingManager", "TranscoderActivated", this::transcoderActivated),
        new EventCase("BondingManager", "TranscoderDeactivated", this::transcoderDeactivated),
        new EventCase("BondingManager", "TranscoderSlashed", this::transcoderSlashed),
        new EventCase("BondingManager", "Reward", this::reward),
        new EventCase("BondingManager", "TreasuryReward", this::treasuryReward),
        new EventCase("BondingManager", "Bond", this::bond),
        new EventCase("BondingManager", "Unbond", this::unbond),
        new EventCase("BondingManager", "Rebond", this::rebond),
        new EventCase("BondingManager", "TransferBond", this::transferBond),
        new EventCase("BondingManager", "WithdrawStake", this::withdrawStake),
        new EventCase("BondingManager", "WithdrawFees", this::withdrawFees),
        new EventCase("BondingManager", "EarningsClaimed", this::earningsClaimed),
        new EventCase("BondingManager", "ParameterUpdate", this::bondingManagerParameterUpdate),
        new EventCase("TicketBroker", "DepositFunded", this::depositFunded),
        new EventCase("TicketBroker", "WinningTicketRedeemed", this::winningTicketRedeemed),
        new EventCase("TicketBroker", "WinningTicketTransfer", this::winningTicketTransfer),
        new EventCase("TicketBroker", "Unlock", this::unlock),
        new EventCase("TicketBroker", "UnlockCancelled", this::unlockCancelled),
        new EventCase("TicketBroker", "Withdrawal", this::withdrawal),
        new EventCase("TicketBroker", "ReserveFunded", this::reserveFunded),
        new EventCase("TicketBroker", "ReserveClaimed", this::reserveClaimed),
        new EventCase("TicketBroker", "ParameterUpdate", this::ticketBrokerParameterUpdate),
        new EventCase("RoundsManager", "NewRound", this::newRound),
        new EventCase("RoundsManager", "ParameterUpdate", this::roundsManagerParameterUpdate),
        new EventCase("Minter", "SetCurrentRewardTokens", this::setCurrentRewardTokens),
        new EventCase("Minter", "ParameterUpdate", this::minterParameterUpdate),
        new EventCase("ServiceRegistry", "ServiceURIUpdate", this::serviceUriUpdate),
        new EventCase("Controller", "SetContractInfo", this::setContractInfo),
        new EventCase("Controller", "Pause", this::pause),
        new EventCase("Controller", "Unpause", this::unpause));
  }

  @Test
  void coversEveryEventOfTheProtocol() {
    assertThat(eventCases().stream().map(EventCase::toString))
        .containsExactlyInAnyOrderElementsOf(
            ProtocolEventCatalogue.all().stream()
                .map(event -> event.contract() + "." + event.name())
                .toList());
  }

  @TestFactory
  Stream<DynamicTest> emitsAndDecodesEveryProtocolEvent() {
    return eventCases().stream()
        .map(eventCase -> dynamicTest(eventCase.toString(), eventCase.check()));
  }

  // BondingManager

  private void transcoderUpdate() throws Exception {
    TransactionReceipt receipt =
        emit(
            bondingManager.emitTranscoderUpdate(
                ORCHESTRATOR, BigInteger.valueOf(250_000), BigInteger.valueOf(875_000)));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "TranscoderUpdate");
    var event = single(BondingManager.getTranscoderUpdateEvents(receipt));
    assertThat(event.transcoder).isEqualTo(ORCHESTRATOR);
    assertThat(event.rewardCut).isEqualTo(250_000);
    assertThat(event.feeShare).isEqualTo(875_000);
  }

  private void transcoderActivated() throws Exception {
    TransactionReceipt receipt =
        emit(bondingManager.emitTranscoderActivated(OTHER_ORCHESTRATOR, BigInteger.valueOf(3_517)));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "TranscoderActivated");
    var event = single(BondingManager.getTranscoderActivatedEvents(receipt));
    assertThat(event.transcoder).isEqualTo(OTHER_ORCHESTRATOR);
    assertThat(event.activationRound).isEqualTo(3_517);
  }

  private void transcoderDeactivated() throws Exception {
    TransactionReceipt receipt =
        emit(bondingManager.emitTranscoderDeactivated(ORCHESTRATOR, BigInteger.valueOf(3_602)));

    expectSingleLog(
        receipt, deployment.bondingManager(), "BondingManager", "TranscoderDeactivated");
    var event = single(BondingManager.getTranscoderDeactivatedEvents(receipt));
    assertThat(event.transcoder).isEqualTo(ORCHESTRATOR);
    assertThat(event.deactivationRound).isEqualTo(3_602);
  }

  private void transcoderSlashed() throws Exception {
    BigInteger penalty = ONE_LPT.multiply(BigInteger.valueOf(1_234)).add(BigInteger.valueOf(5));
    BigInteger finderReward = ONE_LPT.multiply(BigInteger.valueOf(61)).add(BigInteger.valueOf(7));
    TransactionReceipt receipt =
        emit(bondingManager.emitTranscoderSlashed(ORCHESTRATOR, FINDER, penalty, finderReward));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "TranscoderSlashed");
    var event = single(BondingManager.getTranscoderSlashedEvents(receipt));
    assertThat(event.transcoder).isEqualTo(ORCHESTRATOR);
    assertThat(event.finder).isEqualTo(FINDER);
    assertThat(event.penalty).isEqualTo(penalty);
    assertThat(event.finderReward).isEqualTo(finderReward);
  }

  private void reward() throws Exception {
    BigInteger amount = new BigInteger("98765432109876543210");
    TransactionReceipt receipt = emit(bondingManager.emitReward(OTHER_ORCHESTRATOR, amount));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "Reward");
    var event = single(BondingManager.getRewardEvents(receipt));
    assertThat(event.transcoder).isEqualTo(OTHER_ORCHESTRATOR);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void treasuryReward() throws Exception {
    BigInteger amount = new BigInteger("4938271605493827160");
    TransactionReceipt receipt =
        emit(bondingManager.emitTreasuryReward(ORCHESTRATOR, TREASURY, amount));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "TreasuryReward");
    var event = single(BondingManager.getTreasuryRewardEvents(receipt));
    assertThat(event.transcoder).isEqualTo(ORCHESTRATOR);
    assertThat(event.treasury).isEqualTo(TREASURY);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void bond() throws Exception {
    BigInteger additional = ONE_LPT.multiply(BigInteger.valueOf(500)).add(BigInteger.ONE);
    BigInteger bonded = ONE_LPT.multiply(BigInteger.valueOf(12_345)).add(BigInteger.valueOf(678));
    TransactionReceipt receipt =
        emit(
            bondingManager.emitBond(
                ORCHESTRATOR, OTHER_ORCHESTRATOR, DELEGATOR, additional, bonded));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "Bond");
    var event = single(BondingManager.getBondEvents(receipt));
    assertThat(event.newDelegate).isEqualTo(ORCHESTRATOR);
    assertThat(event.oldDelegate).isEqualTo(OTHER_ORCHESTRATOR);
    assertThat(event.delegator).isEqualTo(DELEGATOR);
    assertThat(event.additionalAmount).isEqualTo(additional);
    assertThat(event.bondedAmount).isEqualTo(bonded);
  }

  private void unbond() throws Exception {
    BigInteger amount = ONE_LPT.multiply(BigInteger.valueOf(77));
    TransactionReceipt receipt =
        emit(
            bondingManager.emitUnbond(
                ORCHESTRATOR, DELEGATOR, BigInteger.valueOf(4), amount, BigInteger.valueOf(3_610)));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "Unbond");
    var event = single(BondingManager.getUnbondEvents(receipt));
    assertThat(event.delegate).isEqualTo(ORCHESTRATOR);
    assertThat(event.delegator).isEqualTo(DELEGATOR);
    assertThat(event.unbondingLockId).isEqualTo(4);
    assertThat(event.amount).isEqualTo(amount);
    assertThat(event.withdrawRound).isEqualTo(3_610);
  }

  private void rebond() throws Exception {
    BigInteger amount = ONE_LPT.multiply(BigInteger.valueOf(33)).add(BigInteger.valueOf(3));
    TransactionReceipt receipt =
        emit(
            bondingManager.emitRebond(
                OTHER_ORCHESTRATOR, OTHER_DELEGATOR, BigInteger.valueOf(9), amount));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "Rebond");
    var event = single(BondingManager.getRebondEvents(receipt));
    assertThat(event.delegate).isEqualTo(OTHER_ORCHESTRATOR);
    assertThat(event.delegator).isEqualTo(OTHER_DELEGATOR);
    assertThat(event.unbondingLockId).isEqualTo(9);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void transferBond() throws Exception {
    BigInteger amount = ONE_LPT.multiply(BigInteger.valueOf(250)).add(BigInteger.valueOf(11));
    TransactionReceipt receipt =
        emit(
            bondingManager.emitTransferBond(
                DELEGATOR, OTHER_DELEGATOR, BigInteger.valueOf(2), BigInteger.valueOf(13), amount));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "TransferBond");
    var event = single(BondingManager.getTransferBondEvents(receipt));
    assertThat(event.oldDelegator).isEqualTo(DELEGATOR);
    assertThat(event.newDelegator).isEqualTo(OTHER_DELEGATOR);
    assertThat(event.oldUnbondingLockId).isEqualTo(2);
    assertThat(event.newUnbondingLockId).isEqualTo(13);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void withdrawStake() throws Exception {
    BigInteger amount = ONE_LPT.multiply(BigInteger.valueOf(19)).add(BigInteger.valueOf(19));
    TransactionReceipt receipt =
        emit(
            bondingManager.emitWithdrawStake(
                DELEGATOR, BigInteger.valueOf(5), amount, BigInteger.valueOf(3_620)));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "WithdrawStake");
    var event = single(BondingManager.getWithdrawStakeEvents(receipt));
    assertThat(event.delegator).isEqualTo(DELEGATOR);
    assertThat(event.unbondingLockId).isEqualTo(5);
    assertThat(event.amount).isEqualTo(amount);
    assertThat(event.withdrawRound).isEqualTo(3_620);
  }

  private void withdrawFees() throws Exception {
    BigInteger amount = new BigInteger("314159265358979323");
    TransactionReceipt receipt =
        emit(bondingManager.emitWithdrawFees(DELEGATOR, BROADCASTER, amount));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "WithdrawFees");
    var event = single(BondingManager.getWithdrawFeesEvents(receipt));
    assertThat(event.delegator).isEqualTo(DELEGATOR);
    assertThat(event.recipient).isEqualTo(BROADCASTER);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void earningsClaimed() throws Exception {
    BigInteger rewards = ONE_LPT.multiply(BigInteger.valueOf(42)).add(BigInteger.valueOf(42));
    BigInteger fees = new BigInteger("271828182845904523");
    TransactionReceipt receipt =
        emit(
            bondingManager.emitEarningsClaimed(
                ORCHESTRATOR,
                DELEGATOR,
                rewards,
                fees,
                BigInteger.valueOf(3_500),
                BigInteger.valueOf(3_599)));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "EarningsClaimed");
    var event = single(BondingManager.getEarningsClaimedEvents(receipt));
    assertThat(event.delegate).isEqualTo(ORCHESTRATOR);
    assertThat(event.delegator).isEqualTo(DELEGATOR);
    assertThat(event.rewards).isEqualTo(rewards);
    assertThat(event.fees).isEqualTo(fees);
    assertThat(event.startRound).isEqualTo(3_500);
    assertThat(event.endRound).isEqualTo(3_599);
  }

  private void bondingManagerParameterUpdate() throws Exception {
    TransactionReceipt receipt = emit(bondingManager.emitParameterUpdate("numActiveTranscoders"));

    expectSingleLog(receipt, deployment.bondingManager(), "BondingManager", "ParameterUpdate");
    assertThat(single(BondingManager.getParameterUpdateEvents(receipt)).param)
        .isEqualTo("numActiveTranscoders");
  }

  // TicketBroker

  private void depositFunded() throws Exception {
    BigInteger amount = new BigInteger("1500000000000000001");
    TransactionReceipt receipt = emit(ticketBroker.emitDepositFunded(BROADCASTER, amount));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "DepositFunded");
    var event = single(TicketBroker.getDepositFundedEvents(receipt));
    assertThat(event.sender).isEqualTo(BROADCASTER);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void winningTicketRedeemed() throws Exception {
    BigInteger faceValue = new BigInteger("2718281828459045235");
    BigInteger winProb = MAX_UINT256.divide(BigInteger.valueOf(1_000));
    BigInteger senderNonce = BigInteger.valueOf(48_271);
    BigInteger recipientRand = MAX_UINT256;
    BigInteger creationRound = BigInteger.valueOf(3_588);
    byte[] creationRoundBlockHash =
        Numeric.hexStringToByteArray(
            "0x9b2c6f4e8a1d3c5b7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d");
    byte[] auxData =
        Numeric.hexStringToByteArray(
            FunctionEncoder.encodeConstructor(
                List.of(new Uint256(creationRound), new Bytes32(creationRoundBlockHash))));
    TransactionReceipt receipt =
        emit(
            ticketBroker.emitWinningTicketRedeemed(
                BROADCASTER,
                ORCHESTRATOR,
                faceValue,
                winProb,
                senderNonce,
                recipientRand,
                auxData));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "WinningTicketRedeemed");
    var event = single(TicketBroker.getWinningTicketRedeemedEvents(receipt));
    assertThat(event.sender).isEqualTo(BROADCASTER);
    assertThat(event.recipient).isEqualTo(ORCHESTRATOR);
    assertThat(event.faceValue).isEqualTo(faceValue);
    assertThat(event.winProb).isEqualTo(winProb);
    assertThat(event.senderNonce).isEqualTo(senderNonce);
    assertThat(event.recipientRand).isEqualTo(recipientRand);
    assertThat(event.auxData).hasSize(64).isEqualTo(auxData);
    var decodedAuxData =
        FunctionReturnDecoder.decode(
            Numeric.toHexString(event.auxData),
            Utils.convert(
                List.of(new TypeReference<Uint256>() {}, new TypeReference<Bytes32>() {})));
    assertThat(decodedAuxData.get(0).getValue()).isEqualTo(creationRound);
    assertThat((byte[]) decodedAuxData.get(1).getValue()).isEqualTo(creationRoundBlockHash);
  }

  private void winningTicketTransfer() throws Exception {
    BigInteger credited = new BigInteger("1999999999999999999");
    TransactionReceipt receipt =
        emit(ticketBroker.emitWinningTicketTransfer(BROADCASTER, ORCHESTRATOR, credited));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "WinningTicketTransfer");
    var event = single(TicketBroker.getWinningTicketTransferEvents(receipt));
    assertThat(event.sender).isEqualTo(BROADCASTER);
    assertThat(event.recipient).isEqualTo(ORCHESTRATOR);
    assertThat(event.amount).isEqualTo(credited);
  }

  private void unlock() throws Exception {
    TransactionReceipt receipt =
        emit(
            ticketBroker.emitUnlock(
                BROADCASTER, BigInteger.valueOf(3_590), BigInteger.valueOf(3_592)));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "Unlock");
    var event = single(TicketBroker.getUnlockEvents(receipt));
    assertThat(event.sender).isEqualTo(BROADCASTER);
    assertThat(event.startRound).isEqualTo(3_590);
    assertThat(event.endRound).isEqualTo(3_592);
  }

  private void unlockCancelled() throws Exception {
    TransactionReceipt receipt = emit(ticketBroker.emitUnlockCancelled(MAX_ADDRESS));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "UnlockCancelled");
    assertThat(single(TicketBroker.getUnlockCancelledEvents(receipt)).sender)
        .isEqualTo(MAX_ADDRESS);
  }

  private void withdrawal() throws Exception {
    BigInteger deposit = new BigInteger("700000000000000003");
    BigInteger reserve = new BigInteger("300000000000000007");
    TransactionReceipt receipt = emit(ticketBroker.emitWithdrawal(BROADCASTER, deposit, reserve));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "Withdrawal");
    var event = single(TicketBroker.getWithdrawalEvents(receipt));
    assertThat(event.sender).isEqualTo(BROADCASTER);
    assertThat(event.deposit).isEqualTo(deposit);
    assertThat(event.reserve).isEqualTo(reserve);
  }

  private void reserveFunded() throws Exception {
    BigInteger amount = new BigInteger("5000000000000000011");
    TransactionReceipt receipt = emit(ticketBroker.emitReserveFunded(BROADCASTER, amount));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "ReserveFunded");
    var event = single(TicketBroker.getReserveFundedEvents(receipt));
    assertThat(event.reserveHolder).isEqualTo(BROADCASTER);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void reserveClaimed() throws Exception {
    BigInteger amount = new BigInteger("123456789012345679");
    TransactionReceipt receipt =
        emit(ticketBroker.emitReserveClaimed(BROADCASTER, OTHER_ORCHESTRATOR, amount));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "ReserveClaimed");
    var event = single(TicketBroker.getReserveClaimedEvents(receipt));
    assertThat(event.reserveHolder).isEqualTo(BROADCASTER);
    assertThat(event.claimant).isEqualTo(OTHER_ORCHESTRATOR);
    assertThat(event.amount).isEqualTo(amount);
  }

  private void ticketBrokerParameterUpdate() throws Exception {
    TransactionReceipt receipt = emit(ticketBroker.emitParameterUpdate("unlockPeriod"));

    expectSingleLog(receipt, deployment.ticketBroker(), "TicketBroker", "ParameterUpdate");
    assertThat(single(TicketBroker.getParameterUpdateEvents(receipt)).param)
        .isEqualTo("unlockPeriod");
  }

  // RoundsManager

  private void newRound() throws Exception {
    BigInteger round = BigInteger.valueOf(3_601);
    byte[] blockHash =
        Numeric.hexStringToByteArray(
            "0x1f3e5d7c9b0a2f4e6d8c1b3a5f7e9d0c2b4a6f8e1d3c5b7a9f0e2d4c6b8a1f3e");
    TransactionReceipt receipt = emit(roundsManager.emitNewRound(round, blockHash));

    expectSingleLog(receipt, deployment.roundsManager(), "RoundsManager", "NewRound");
    var event = single(RoundsManager.getNewRoundEvents(receipt));
    assertThat(event.round).isEqualTo(round);
    assertThat(event.blockHash).isEqualTo(blockHash);
    assertThat(roundsManager.currentRound().send()).isEqualTo(round);
    assertThat(roundsManager.blockHashForRound(round).send()).isEqualTo(blockHash);
  }

  private void roundsManagerParameterUpdate() throws Exception {
    TransactionReceipt receipt = emit(roundsManager.emitParameterUpdate("roundLength"));

    expectSingleLog(receipt, deployment.roundsManager(), "RoundsManager", "ParameterUpdate");
    assertThat(single(RoundsManager.getParameterUpdateEvents(receipt)).param)
        .isEqualTo("roundLength");
  }

  // Minter

  private void setCurrentRewardTokens() throws Exception {
    BigInteger mintable = new BigInteger("45678901234567890123456");
    BigInteger inflation = BigInteger.valueOf(221_703);
    TransactionReceipt receipt = emit(minter.emitSetCurrentRewardTokens(mintable, inflation));

    expectSingleLog(receipt, deployment.minter(), "Minter", "SetCurrentRewardTokens");
    var event = single(Minter.getSetCurrentRewardTokensEvents(receipt));
    assertThat(event.currentMintableTokens).isEqualTo(mintable);
    assertThat(event.currentInflation).isEqualTo(inflation);
    assertThat(minter.currentMintableTokens().send()).isEqualTo(mintable);
    assertThat(minter.currentInflation().send()).isEqualTo(inflation);
  }

  private void minterParameterUpdate() throws Exception {
    TransactionReceipt receipt = emit(minter.emitParameterUpdate("inflationChange"));

    expectSingleLog(receipt, deployment.minter(), "Minter", "ParameterUpdate");
    assertThat(single(Minter.getParameterUpdateEvents(receipt)).param).isEqualTo("inflationChange");
  }

  // ServiceRegistry and AIServiceRegistry: one contract, two deployments that keep apart

  private void serviceUriUpdate() throws Exception {
    String transcodingUri = "https://orchestrator-1.example.org:8935";
    String aiUri =
        "https://ai.orchestrator-1.example.org:9935/v1?model=λ-ünïcode&long=" + "x".repeat(80);
    TransactionReceipt transcoding =
        emit(serviceRegistry.emitServiceURIUpdate(ORCHESTRATOR, transcodingUri));
    TransactionReceipt ai = emit(aiServiceRegistry.emitServiceURIUpdate(ORCHESTRATOR, aiUri));

    expectSingleLog(
        transcoding, deployment.serviceRegistry(), "ServiceRegistry", "ServiceURIUpdate");
    expectSingleLog(ai, deployment.aiServiceRegistry(), "ServiceRegistry", "ServiceURIUpdate");
    var transcodingEvent = single(ServiceRegistry.getServiceURIUpdateEvents(transcoding));
    var aiEvent = single(ServiceRegistry.getServiceURIUpdateEvents(ai));
    assertThat(transcodingEvent.addr).isEqualTo(ORCHESTRATOR);
    assertThat(transcodingEvent.serviceURI).isEqualTo(transcodingUri);
    assertThat(aiEvent.addr).isEqualTo(ORCHESTRATOR);
    assertThat(aiEvent.serviceURI).isEqualTo(aiUri);
    assertThat(aiEvent.serviceURI.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(64);
    assertThat(serviceRegistry.getServiceURI(ORCHESTRATOR).send()).isEqualTo(transcodingUri);
    assertThat(aiServiceRegistry.getServiceURI(ORCHESTRATOR).send()).isEqualTo(aiUri);
    assertThat(aiServiceRegistry.getServiceURI(OTHER_ORCHESTRATOR).send()).isEmpty();
  }

  // Controller

  private void setContractInfo() throws Exception {
    byte[] id = Hash.sha3("BondingManager".getBytes(StandardCharsets.US_ASCII));
    byte[] gitCommitHash =
        Numeric.hexStringToByteArray("0x3f1c2e9a0b7d4c5e6f708192a3b4c5d6e7f80912");
    String target = deployment.bondingManager().addressHex();
    TransactionReceipt receipt = emit(controller.emitSetContractInfo(id, target, gitCommitHash));

    expectSingleLog(receipt, deployment.controller(), "Controller", "SetContractInfo");
    var event = single(Controller.getSetContractInfoEvents(receipt));
    assertThat(event.id).isEqualTo(id);
    assertThat(event.contractAddress).isEqualTo(target);
    assertThat(event.gitCommitHash).hasSize(20).isEqualTo(gitCommitHash);
    assertThat(controller.getContract(id).send()).isEqualTo(target);
    var info = controller.getContractInfo(id).send();
    assertThat(info.component1()).isEqualTo(target);
    assertThat(info.component2()).isEqualTo(gitCommitHash);
  }

  private void pause() throws Exception {
    TransactionReceipt receipt = emit(controller.emitPause());

    expectSingleLog(receipt, deployment.controller(), "Controller", "Pause");
    assertThat(Controller.getPauseEvents(receipt)).hasSize(1);
    assertThat(controller.paused().send()).isTrue();
  }

  private void unpause() throws Exception {
    emit(controller.emitPause());
    TransactionReceipt receipt = emit(controller.emitUnpause());

    expectSingleLog(receipt, deployment.controller(), "Controller", "Unpause");
    assertThat(Controller.getUnpauseEvents(receipt)).hasSize(1);
    assertThat(controller.paused().send()).isFalse();
  }

  // ---------------------------------------------------------------------------------------------

  private static TransactionReceipt emit(RemoteFunctionCall<TransactionReceipt> call)
      throws Exception {
    TransactionReceipt receipt = call.send();
    assertThat(receipt.isStatusOK()).as("status of %s", receipt.getTransactionHash()).isTrue();
    return receipt;
  }

  /**
   * The receipt holds exactly one log, from {@code emitter}, whose topic 0 is keccak256 of the
   * PROTOCOL.md signature and which has one more topic per indexed parameter.
   */
  private static void expectSingleLog(
      TransactionReceipt receipt, DeployedContract emitter, String contract, String eventName) {
    EventDeclaration declared = ProtocolEventCatalogue.event(contract, eventName);
    assertThat(receipt.getLogs()).as("logs of %s", declared).hasSize(1);
    Log log = receipt.getLogs().getFirst();
    assertThat(log.getAddress()).isEqualToIgnoringCase(emitter.addressHex());
    assertThat(log.getTopics())
        .as("topics of %s", declared)
        .hasSize(
            1
                + (int)
                    declared.parameters().stream()
                        .filter(ProtocolEventCatalogue.Parameter::indexed)
                        .count());
    assertThat(log.getTopics().getFirst())
        .as("topic 0 of %s = keccak256(\"%s\")", declared, declared.signature())
        .isEqualTo(declared.topic());
  }

  private static <T> T single(List<T> events) {
    assertThat(events).hasSize(1);
    return events.getFirst();
  }
}
