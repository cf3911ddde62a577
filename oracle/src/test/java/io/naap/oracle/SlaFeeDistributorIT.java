package io.naap.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.attestations.PayoutRoot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.FeeOnTransferToken;
import io.naap.bindings.generated.SlaFeeDistributor;
import io.naap.bindings.generated.SlaOracle;
import io.naap.bindings.generated.TestToken;
import io.naap.embedded.AnvilNode;
import io.naap.testkit.AnvilExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * SlaFeeDistributor on a real anvil against the attestations module: it agrees with Java on the
 * EIP-712 digest and the leaf hash, pays every account exactly its cumulative allotment (ETH and
 * ERC-20) under roots signed by SlaOracle's signer set, refuses each kind of bad funding,
 * publication and claim, holds roots back for its challenge window, pauses, and keeps a repeat
 * claim at 10,000 leaves within its gas budget.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaFeeDistributorIT {
  private static final DefaultGasProvider GAS = new DefaultGasProvider();

  /** The budget: a repeat ETH claim, sent by the account, at 10,000 leaves. */
  private static final long REPEAT_CLAIM_GAS_BUDGET = 60_000;

  private static final String ETH = "0x0000000000000000000000000000000000000000";
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final BigInteger FINNEY = BigInteger.TEN.pow(15);
  private static final long ONE_HOUR = 3_600;

  /** Every custom error the distributor, its OpenZeppelin bases and the test tokens declare. */
  private static final List<String> ERRORS =
      List.of(
          "InvalidConfiguration(string)",
          "InvalidEpochRange(uint64,uint32)",
          "ZeroAmount()",
          "EpochAlreadyDistributed(uint64,uint64)",
          "WrongValue(uint256,uint256)",
          "TokenAmountMismatch(uint256,uint256)",
          "FundingCapExceeded(uint256,uint256)",
          "EmptyRoot()",
          "PendingRootNotMatured(uint64,uint64)",
          "EpochNotIncreasing(uint64,uint64)",
          "CumulativeTotalDecreasing(uint256,uint256)",
          "CumulativeTotalExceedsFunding(uint256,uint256)",
          "NotEnoughSignatures(uint256,uint32)",
          "SignersNotAscending(uint256,address)",
          "NotASigner(uint256,address)",
          "NoPendingRoot()",
          "RootAlreadyClaimable(uint64,uint64)",
          "RootMismatch(bytes32,bytes32)",
          "RootNotYetClaimable(bytes32,uint64)",
          "InvalidProof(address,uint256,bytes32)",
          "NothingToClaim(address,uint256,uint256)",
          "ClaimExceedsFunding(uint256,uint256)",
          "EthTransferFailed(address,uint256)",
          "EnforcedPause()",
          "ExpectedPause()",
          "AccessControlUnauthorizedAccount(address,bytes32)",
          "ECDSAInvalidSignature()",
          "ECDSAInvalidSignatureLength(uint256)",
          "ECDSAInvalidSignatureS(bytes32)",
          "SafeERC20FailedOperation(address)",
          "ERC20InsufficientAllowance(address,uint256,uint256)",
          "ERC20InsufficientBalance(address,uint256,uint256)");

  private AnvilNode anvil;
  private Web3j web3j;

  /** Deploys the contracts and holds their admin role. */
  private Credentials admin;

  /** Funds pools and submits claims for others. */
  private Credentials gateway;

  /** Eight funded accounts that receive payouts and send some of their claims themselves. */
  private List<Credentials> claimants;

  /** SlaOracle's signers a, b, c (threshold 2) and d, an outsider. */
  private final List<SnapshotSigner> operators = new ArrayList<>();

  private SlaOracle oracle;
  private final Random random = new Random(20261129);

  @BeforeAll
  void deploySharedOracle(AnvilNode anvil) throws Exception {
    this.anvil = anvil;
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    admin = Credentials.create(anvil.accounts().get(0).privateKey());
    gateway = Credentials.create(anvil.accounts().get(1).privateKey());
    claimants =
        anvil.accounts().subList(2, 10).stream()
            .map(account -> Credentials.create(account.privateKey()))
            .toList();
    for (String label : List.of("operator-a", "operator-b", "operator-c", "operator-d")) {
      operators.add(SnapshotSigner.of(keyOf(label)));
    }
    oracle = deployOracle();
  }

  @AfterAll
  void close() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  /**
   * The contract's domain separator, ERC-5267 domain and type hash equal Java's; for 300 random
   * payout roots and leaves (with the extremes of every field) its digest and leaf hash too.
   */
  @Test
  void agreesWithJavaOnTheDomainTheDigestAndTheLeafHash() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    SlaFeeDistributor contract = at(distributor, admin);
    Eip712Domain domain = distributor.domain();

    assertThat(Bytes32.of(contract.domainSeparator().send())).isEqualTo(domain.separator());
    var declared = contract.eip712Domain().send();
    assertThat(declared.component2()).isEqualTo(domain.name()).isEqualTo("naap SlaFeeDistributor");
    assertThat(declared.component3()).isEqualTo(domain.version()).isEqualTo("1");
    assertThat(declared.component4()).isEqualTo(domain.chainId());
    assertThat(EvmAddress.fromHex(declared.component5())).isEqualTo(domain.verifyingContract());
    assertThat(Bytes32.of(contract.PAYOUT_ROOT_TYPEHASH().send()))
        .isEqualTo(Bytes32.keccak(PayoutRoot.TYPE.getBytes(StandardCharsets.UTF_8)));
    assertThat(contract.oracle().send()).isEqualToIgnoringCase(oracle.getContractAddress());
    assertThat(contract.asset().send()).isEqualTo(ETH);
    assertThat(contract.challengeWindow().send()).isZero();

    BigInteger maxUint256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    List<PayoutRoot> roots = new ArrayList<>();
    List<PayoutLeaf> leaves = new ArrayList<>();
    roots.add(new PayoutRoot(0, Bytes32.ZERO, BigInteger.ZERO, Bytes32.ZERO, 0));
    roots.add(
        new PayoutRoot(
            Long.MAX_VALUE, randomBytes32(), maxUint256, randomBytes32(), Long.MAX_VALUE));
    leaves.add(new PayoutLeaf(EvmAddress.of(new byte[20]), BigInteger.ZERO));
    leaves.add(new PayoutLeaf(randomAddress(), maxUint256));
    for (int i = 0; i < 300; i++) {
      roots.add(
          new PayoutRoot(
              random.nextLong(Long.MAX_VALUE),
              randomBytes32(),
              new BigInteger(1 + random.nextInt(256), random),
              randomBytes32(),
              random.nextLong(Long.MAX_VALUE)));
      leaves.add(new PayoutLeaf(randomAddress(), new BigInteger(1 + random.nextInt(256), random)));
    }
    for (int i = 0; i < roots.size(); i++) {
      PayoutRoot root = roots.get(i);
      assertThat(
              Bytes32.of(
                  contract
                      .payoutDigest(
                          BigInteger.valueOf(root.epoch()),
                          root.payoutRoot().bytes(),
                          root.cumulativeTotal(),
                          root.dataHash().bytes(),
                          BigInteger.valueOf(root.configVersion()))
                      .send()))
          .as("digest %d", i)
          .isEqualTo(root.digest(domain));
      PayoutLeaf leaf = leaves.get(i);
      assertThat(
              Bytes32.of(
                  contract.leafHash(leaf.account().checksummed(), leaf.cumulativeAmount()).send()))
          .as("leaf hash %d", i)
          .isEqualTo(leaf.hash());
    }
  }

  /**
   * Three workloads funded in ETH; epoch 1's root over eight accounts, published with 2 of 3
   * signatures; every account claims (half by themselves, half through the gateway) and receives
   * exactly its allotment to the wei; epoch 2's cumulative root raises some allotments, and those
   * accounts receive the difference only, the others nothing.
   */
  @Test
  void paysEveryAccountExactlyItsCumulativeAllotmentAcrossTwoEpochs() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    SlaFeeDistributor contract = at(distributor, admin);
    BigInteger funded = BigInteger.ZERO;
    for (int w = 0; w < 3; w++) {
      Bytes32 workload = randomBytes32();
      BigInteger perEpoch = ETHER.add(randomAmount(ETHER));
      TransactionReceipt receipt = fund(distributor, gateway, workload, 1, 3, perEpoch);
      SlaFeeDistributor.PoolFundedEventResponse event =
          SlaFeeDistributor.getPoolFundedEvents(receipt).getFirst();
      assertThat(Bytes32.of(event.workload)).isEqualTo(workload);
      assertThat(event.funder).isEqualToIgnoringCase(gateway.getAddress());
      assertThat(event.firstEpoch).isEqualTo(BigInteger.ONE);
      assertThat(event.epochs).isEqualTo(BigInteger.valueOf(3));
      assertThat(event.amountPerEpoch).isEqualTo(perEpoch);
      funded = funded.add(perEpoch.multiply(BigInteger.valueOf(3)));
    }
    assertThat(contract.totalFunded().send()).isEqualTo(funded);
    assertThat(balanceOf(distributor.address())).isEqualTo(funded);

    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials claimant : claimants) {
      allotted.put(address(claimant), randomAmount(ETHER.divide(BigInteger.TWO)));
    }
    Payouts first = Payouts.of(allotted);
    PayoutRoot epochOne = payoutRoot(1, first, 1);
    TransactionReceipt published =
        publish(distributor, epochOne, operators.get(0), operators.get(2));
    SlaFeeDistributor.RootPublishedEventResponse event =
        SlaFeeDistributor.getRootPublishedEvents(published).getFirst();
    assertThat(event.epoch).isEqualTo(BigInteger.ONE);
    assertThat(Bytes32.of(event.payoutRoot)).isEqualTo(first.root());
    assertThat(event.cumulativeTotal).isEqualTo(first.sum());
    assertThat(Bytes32.of(event.dataHash)).isEqualTo(epochOne.dataHash());
    assertThat(event.configVersion).isEqualTo(BigInteger.ONE);
    assertThat(event.claimableAt.longValueExact()).isEqualTo(timestampOf(published));
    assertThat(event.submitter).isEqualToIgnoringCase(gateway.getAddress());
    assertThat(Bytes32.of(contract.root().send())).isEqualTo(first.root());
    assertThat(contract.latestEpoch().send()).isEqualTo(BigInteger.ONE);
    assertThat(contract.latestCumulativeTotal().send()).isEqualTo(first.sum());
    assertThat(Bytes32.of(contract.pendingRoot().send())).isEqualTo(Bytes32.ZERO);

    for (int i = 0; i < claimants.size(); i++) {
      Credentials claimant = claimants.get(i);
      Credentials sender = i % 2 == 0 ? claimant : gateway;
      claimAndCheck(distributor, sender, first, address(claimant), first.amount(address(claimant)));
    }
    assertThat(contract.totalClaimed().send()).isEqualTo(first.sum());
    assertThat(balanceOf(distributor.address())).isEqualTo(funded.subtract(first.sum()));

    Map<EvmAddress, BigInteger> raised = new LinkedHashMap<>(allotted);
    for (int i = 1; i < claimants.size(); i += 2) {
      raised.merge(
          address(claimants.get(i)), randomAmount(ETHER.divide(BigInteger.TWO)), BigInteger::add);
    }
    Payouts second = Payouts.of(raised);
    publish(distributor, payoutRoot(2, second, 1), operators.get(1), operators.get(2));
    assertThat(Bytes32.of(contract.root().send())).isEqualTo(second.root());
    for (int i = 0; i < claimants.size(); i++) {
      EvmAddress account = address(claimants.get(i));
      BigInteger difference = second.amount(account).subtract(first.amount(account));
      if (difference.signum() == 0) {
        assertThat(claimRevert(distributor, second, account))
            .isEqualTo(
                error(
                    "NothingToClaim(address,uint256,uint256)",
                    account,
                    first.amount(account),
                    first.amount(account)));
      } else {
        Credentials sender = i % 4 == 1 ? claimants.get(i) : gateway;
        claimAndCheck(distributor, sender, second, account, difference);
      }
    }
    assertThat(contract.totalClaimed().send()).isEqualTo(second.sum());
    assertThat(balanceOf(distributor.address())).isEqualTo(funded.subtract(second.sum()));
  }

  /**
   * A double claim, a wrong amount or proof, a stale or unknown root, and a recipient that cannot
   * take ETH are all refused, each with its own error.
   */
  @Test
  void refusesDoubleClaimsWrongProofsAndStaleRoots() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    fund(distributor, gateway, randomBytes32(), 1, 2, ETHER);
    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials claimant : claimants.subList(0, 4)) {
      allotted.put(address(claimant), randomAmount(FINNEY.multiply(BigInteger.valueOf(100))));
    }
    // a contract without a receive function cannot take ETH
    EvmAddress refusesEth = EvmAddress.fromHex(oracle.getContractAddress());
    allotted.put(refusesEth, FINNEY);
    Payouts first = Payouts.of(allotted);
    publish(distributor, payoutRoot(1, first, 1), operators.get(0), operators.get(1));
    EvmAddress a = address(claimants.get(0));
    EvmAddress b = address(claimants.get(1));
    EvmAddress c = address(claimants.get(2));

    claimAndCheck(distributor, gateway, first, a, first.amount(a));
    assertThat(claimRevert(distributor, first, a))
        .as("a double claim")
        .isEqualTo(
            error("NothingToClaim(address,uint256,uint256)", a, first.amount(a), first.amount(a)));

    BigInteger more = first.amount(b).add(BigInteger.ONE);
    assertThat(claimRevert(distributor, b, more, first.root(), first.proof(b)))
        .as("a higher amount than the leaf's")
        .isEqualTo(error("InvalidProof(address,uint256,bytes32)", b, more, first.root()));
    assertThat(claimRevert(distributor, b, first.amount(b), first.root(), first.proof(c)))
        .as("another leaf's proof")
        .isEqualTo(
            error("InvalidProof(address,uint256,bytes32)", b, first.amount(b), first.root()));
    assertThat(claimRevert(distributor, c, first.amount(b), first.root(), first.proof(b)))
        .as("another account's leaf")
        .isEqualTo(
            error("InvalidProof(address,uint256,bytes32)", c, first.amount(b), first.root()));
    List<Bytes32> shortened = first.proof(b).subList(1, first.proof(b).size());
    assertThat(claimRevert(distributor, b, first.amount(b), first.root(), shortened))
        .as("a proof missing its first sibling")
        .isEqualTo(
            error("InvalidProof(address,uint256,bytes32)", b, first.amount(b), first.root()));
    Bytes32 unknown = randomBytes32();
    assertThat(claimRevert(distributor, b, first.amount(b), unknown, first.proof(b)))
        .as("a root never published")
        .isEqualTo(error("RootMismatch(bytes32,bytes32)", unknown, first.root()));
    assertThat(claimRevert(distributor, first, refusesEth))
        .as("a recipient that refuses ETH")
        .isEqualTo(error("EthTransferFailed(address,uint256)", refusesEth, FINNEY));

    Map<EvmAddress, BigInteger> raised = new LinkedHashMap<>(allotted);
    raised.merge(b, FINNEY, BigInteger::add);
    Payouts second = Payouts.of(raised);
    publish(distributor, payoutRoot(2, second, 1), operators.get(0), operators.get(1));
    assertThat(claimRevert(distributor, first, b))
        .as("a claim built against the root epoch 2 replaced")
        .isEqualTo(error("RootMismatch(bytes32,bytes32)", first.root(), second.root()));
    claimAndCheck(distributor, claimants.get(1), second, b, second.amount(b));
    assertThat(at(distributor, admin).totalClaimed().send())
        .isEqualTo(first.amount(a).add(second.amount(b)));
  }

  /** A root may declare neither more than was funded nor less than the previous root. */
  @Test
  void refusesRootsThatAllotMoreThanWasFundedOrShrinkOrDoNotAdvance() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    BigInteger funded = ETHER.multiply(BigInteger.valueOf(4));
    fund(distributor, gateway, randomBytes32(), 1, 4, ETHER);
    SnapshotSigner a = operators.get(0);
    SnapshotSigner b = operators.get(1);

    PayoutRoot beyond =
        new PayoutRoot(5, randomBytes32(), funded.add(BigInteger.ONE), randomBytes32(), 1);
    assertThat(publishRevert(distributor, beyond, signatures(distributor, beyond, a, b)))
        .isEqualTo(
            error(
                "CumulativeTotalExceedsFunding(uint256,uint256)",
                funded.add(BigInteger.ONE),
                funded));
    PayoutRoot empty = new PayoutRoot(5, Bytes32.ZERO, ETHER, randomBytes32(), 1);
    assertThat(publishRevert(distributor, empty, signatures(distributor, empty, a, b)))
        .isEqualTo(error("EmptyRoot()"));

    // epochs need not be consecutive; the root of epoch 5 covers 1 to 5
    PayoutRoot five = new PayoutRoot(5, randomBytes32(), funded, randomBytes32(), 1);
    assertThat(publish(distributor, five, a, b).isStatusOK()).isTrue();
    PayoutRoot again = new PayoutRoot(5, randomBytes32(), funded, randomBytes32(), 1);
    assertThat(publishRevert(distributor, again, signatures(distributor, again, a, b)))
        .isEqualTo(error("EpochNotIncreasing(uint64,uint64)", 5, 5));
    PayoutRoot past = new PayoutRoot(4, randomBytes32(), funded, randomBytes32(), 1);
    assertThat(publishRevert(distributor, past, signatures(distributor, past, a, b)))
        .isEqualTo(error("EpochNotIncreasing(uint64,uint64)", 4, 5));

    fund(distributor, gateway, randomBytes32(), 6, 1, ETHER);
    BigInteger less = funded.subtract(BigInteger.ONE);
    PayoutRoot shrinking = new PayoutRoot(6, randomBytes32(), less, randomBytes32(), 1);
    assertThat(publishRevert(distributor, shrinking, signatures(distributor, shrinking, a, b)))
        .isEqualTo(error("CumulativeTotalDecreasing(uint256,uint256)", less, funded));
    PayoutRoot same = new PayoutRoot(6, randomBytes32(), funded, randomBytes32(), 1);
    assertThat(publish(distributor, same, b, a).isStatusOK()).isTrue();
    assertThat(at(distributor, admin).latestEpoch().send()).isEqualTo(BigInteger.valueOf(6));
  }

  /**
   * Operators sign a root whose leaves sum to more than its declared total (which itself is within
   * funding): claims are paid until the next one would take the total paid beyond what was funded,
   * which reverts.
   */
  @Test
  void neverPaysBeyondWhatWasFundedEvenUnderAWronglySignedRoot() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    BigInteger funded = ETHER.multiply(BigInteger.TEN);
    fund(distributor, gateway, randomBytes32(), 1, 1, funded);
    BigInteger each = ETHER.multiply(BigInteger.valueOf(3));
    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials claimant : claimants.subList(0, 4)) {
      allotted.put(address(claimant), each);
    }
    Payouts payouts = Payouts.of(allotted);
    assertThat(payouts.sum()).isGreaterThan(funded);
    PayoutRoot understated = new PayoutRoot(1, payouts.root(), funded, randomBytes32(), 1);
    publish(distributor, understated, operators.get(1), operators.get(2));

    List<EvmAddress> accounts = new ArrayList<>(allotted.keySet());
    for (EvmAddress account : accounts.subList(0, 3)) {
      claimAndCheck(distributor, gateway, payouts, account, each);
    }
    BigInteger left = funded.subtract(each.multiply(BigInteger.valueOf(3)));
    assertThat(claimRevert(distributor, payouts, accounts.get(3)))
        .isEqualTo(error("ClaimExceedsFunding(uint256,uint256)", each, left));
    SlaFeeDistributor contract = at(distributor, admin);
    assertThat(contract.totalClaimed().send()).isEqualTo(each.multiply(BigInteger.valueOf(3)));
    assertThat(balanceOf(distributor.address())).isEqualTo(left);
    assertThat(contract.claimed(accounts.get(3).checksummed()).send()).isZero();
  }

  /**
   * Too few signatures, an outsider's, signers out of order or repeated, signatures over other
   * values or for another distributor: all refused.
   */
  @Test
  void refusesRootsWithoutEnoughDistinctCurrentSigners() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    fund(distributor, gateway, randomBytes32(), 1, 1, ETHER);
    SnapshotSigner a = operators.get(0);
    SnapshotSigner b = operators.get(1);
    SnapshotSigner outsider = operators.get(3);
    PayoutRoot root = new PayoutRoot(1, randomBytes32(), ETHER, randomBytes32(), 1);

    assertThat(publishRevert(distributor, root, List.of()))
        .isEqualTo(error("NotEnoughSignatures(uint256,uint32)", 0, 2));
    assertThat(publishRevert(distributor, root, signatures(distributor, root, a)))
        .isEqualTo(error("NotEnoughSignatures(uint256,uint32)", 1, 2));
    List<Signature> withOutsider = signatures(distributor, root, a, outsider);
    int outsiderIndex = indexOf(outsider, a, outsider);
    assertThat(publishRevert(distributor, root, withOutsider))
        .isEqualTo(error("NotASigner(uint256,address)", outsiderIndex, outsider.address()));
    List<Signature> descending = new ArrayList<>(signatures(distributor, root, a, b));
    Collections.reverse(descending);
    SnapshotSigner lower = indexOf(a, a, b) == 0 ? a : b;
    assertThat(publishRevert(distributor, root, descending))
        .isEqualTo(error("SignersNotAscending(uint256,address)", 1, lower.address()));
    List<Signature> twice =
        List.of(a.sign(root, distributor.domain()), a.sign(root, distributor.domain()));
    assertThat(publishRevert(distributor, root, twice))
        .isEqualTo(error("SignersNotAscending(uint256,address)", 1, a.address()));

    PayoutRoot other =
        new PayoutRoot(1, root.payoutRoot(), ETHER.subtract(BigInteger.ONE), root.dataHash(), 1);
    assertThat(publishRevert(distributor, root, signatures(distributor, other, a, b)).error())
        .as("signatures over another total")
        .isEqualTo("NotASigner(uint256,address)");
    Distributor elsewhere = deploy(oracle.getContractAddress(), ETH, 0);
    assertThat(publishRevert(distributor, root, signatures(elsewhere, root, a, b)).error())
        .as("signatures for another distributor")
        .isEqualTo("NotASigner(uint256,address)");
    Eip712Domain otherChain =
        Eip712Domain.slaFeeDistributor(
            anvil.chainId() + 1, distributor.domain().verifyingContract());
    assertThat(publishRevert(distributor, root, signaturesIn(otherChain, root, a, b)).error())
        .as("signatures for another chain")
        .isEqualTo("NotASigner(uint256,address)");
    byte[] truncated = Arrays.copyOf(a.sign(root, distributor.domain()).bytes(), 64);
    String truncatedFirst =
        at(distributor, gateway)
            .publishRoot(
                BigInteger.ONE,
                root.payoutRoot().bytes(),
                root.cumulativeTotal(),
                root.dataHash().bytes(),
                List.of(truncated, b.sign(root, distributor.domain()).bytes()))
            .encodeFunctionCall();
    assertThat(revert(gateway.getAddress(), distributor.address(), truncatedFirst, BigInteger.ZERO))
        .isEqualTo(error("ECDSAInvalidSignatureLength(uint256)", 64));

    assertThat(publish(distributor, root, b, a).isStatusOK()).isTrue();
  }

  /**
   * Signatures made before SlaOracle changed its signer set (configVersion 1 to 2) stop counting at
   * once, as does a rotated-out signer's; the new set's are accepted. A dedicated oracle, so the
   * shared one keeps its set.
   */
  @Test
  void signaturesMadeBeforeTheOracleRotatedItsSignersNoLongerCount() throws Exception {
    SlaOracle rotating = deployOracle();
    Distributor distributor = deploy(rotating.getContractAddress(), ETH, 0);
    fund(distributor, gateway, randomBytes32(), 1, 1, ETHER);
    SnapshotSigner a = operators.get(0);
    SnapshotSigner b = operators.get(1);
    SnapshotSigner c = operators.get(2);
    SnapshotSigner d = operators.get(3);
    Bytes32 payoutRoot = randomBytes32();
    Bytes32 dataHash = randomBytes32();
    PayoutRoot versionOne = new PayoutRoot(1, payoutRoot, ETHER, dataHash, 1);
    List<Signature> signedForVersionOne = signatures(distributor, versionOne, a, b);

    TransactionReceipt change =
        rotating
            .setSigners(
                List.of(b, c, d).stream().map(s -> s.address().checksummed()).toList(),
                BigInteger.TWO)
            .send();
    assertThat(change.isStatusOK()).isTrue();
    assertThat(rotating.configVersion().send()).isEqualTo(BigInteger.TWO);

    assertThat(publishRevert(distributor, versionOne, signedForVersionOne).error())
        .isEqualTo("NotASigner(uint256,address)");
    PayoutRoot versionTwo = new PayoutRoot(1, payoutRoot, ETHER, dataHash, 2);
    assertThat(publishRevert(distributor, versionTwo, signatures(distributor, versionTwo, a, b)))
        .as("a rotated-out signer")
        .isEqualTo(error("NotASigner(uint256,address)", indexOf(a, a, b), a.address()));
    TransactionReceipt published = publish(distributor, versionTwo, d, b);
    assertThat(SlaFeeDistributor.getRootPublishedEvents(published).getFirst().configVersion)
        .isEqualTo(BigInteger.TWO);
    assertThat(Bytes32.of(at(distributor, admin).root().send())).isEqualTo(payoutRoot);
  }

  /**
   * Funding refuses an epoch already distributed, a value that is not amountPerEpoch × epochs, an
   * empty pool or epoch range, and ETH sent without calling fund.
   */
  @Test
  void refusesFundingADistributedEpochTheWrongValueOrAnEmptyPool() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    Bytes32 workload = randomBytes32();
    fund(distributor, gateway, workload, 1, 2, ETHER);
    publish(
        distributor,
        new PayoutRoot(2, randomBytes32(), ETHER, randomBytes32(), 1),
        operators.get(0),
        operators.get(2));

    assertThat(fundRevert(distributor, workload, 2, 1, ETHER, ETHER))
        .isEqualTo(error("EpochAlreadyDistributed(uint64,uint64)", 2, 2));
    assertThat(
            fundRevert(distributor, workload, 1, 5, ETHER, ETHER.multiply(BigInteger.valueOf(5))))
        .isEqualTo(error("EpochAlreadyDistributed(uint64,uint64)", 1, 2));
    BigInteger total = ETHER.multiply(BigInteger.valueOf(3));
    for (BigInteger wrong :
        List.of(total.subtract(BigInteger.ONE), total.add(BigInteger.ONE), BigInteger.ZERO)) {
      assertThat(fundRevert(distributor, workload, 3, 3, ETHER, wrong))
          .isEqualTo(error("WrongValue(uint256,uint256)", wrong, total));
    }
    assertThat(fundRevert(distributor, workload, 3, 0, ETHER, BigInteger.ZERO))
        .isEqualTo(error("InvalidEpochRange(uint64,uint32)", 3, 0));
    BigInteger lastEpoch = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    BigInteger twoEther = ETHER.multiply(BigInteger.TWO);
    String beyondLastEpoch =
        at(distributor, gateway)
            .fund(workload.bytes(), lastEpoch, BigInteger.TWO, ETHER, twoEther)
            .encodeFunctionCall();
    assertThat(revert(gateway.getAddress(), distributor.address(), beyondLastEpoch, twoEther))
        .isEqualTo(error("InvalidEpochRange(uint64,uint32)", lastEpoch, 2));
    assertThat(fundRevert(distributor, workload, 3, 3, BigInteger.ZERO, BigInteger.ZERO))
        .isEqualTo(error("ZeroAmount()"));
    EthCall plainTransfer = ethCall(gateway.getAddress(), distributor.address(), "0x", ETHER);
    assertThat(plainTransfer.isReverted() || plainTransfer.hasError())
        .as("ETH sent without calling fund is refused")
        .isTrue();

    TransactionReceipt accepted = fund(distributor, gateway, workload, 3, 3, ETHER);
    assertThat(accepted.isStatusOK()).isTrue();
    assertThat(at(distributor, admin).totalFunded().send())
        .isEqualTo(ETHER.multiply(BigInteger.valueOf(5)));
  }

  /**
   * An ERC-20 distributor: funded with approve + fund, pays each account its tokens to the unit.
   */
  @Test
  void anErc20DistributorPaysEveryAccountItsTokensToTheUnit() throws Exception {
    TestToken token =
        TestToken.deploy(web3j, transactions(admin), GAS, "naap test LPT", "tLPT").send();
    Distributor distributor = deploy(oracle.getContractAddress(), token.getContractAddress(), 0);
    SlaFeeDistributor contract = at(distributor, admin);
    assertThat(contract.asset().send()).isEqualToIgnoringCase(token.getContractAddress());
    TestToken asGateway =
        TestToken.load(token.getContractAddress(), web3j, transactions(gateway), GAS);
    token.mint(gateway.getAddress(), ETHER.multiply(BigInteger.valueOf(1_000))).send();

    Bytes32 workload = randomBytes32();
    BigInteger perEpoch = ETHER.multiply(BigInteger.valueOf(7)).add(randomAmount(ETHER));
    BigInteger total = perEpoch.multiply(BigInteger.TWO);
    assertThat(fundRevert(distributor, workload, 1, 2, perEpoch, BigInteger.ONE))
        .as("ETH sent to a token distributor")
        .isEqualTo(error("WrongValue(uint256,uint256)", 1, 0));
    assertThat(fundRevert(distributor, workload, 1, 2, perEpoch, BigInteger.ZERO))
        .as("funding without an allowance")
        .isEqualTo(
            error(
                "ERC20InsufficientAllowance(address,uint256,uint256)",
                EvmAddress.fromHex(distributor.address()),
                0,
                total));
    assertThat(asGateway.approve(distributor.address(), total).send().isStatusOK()).isTrue();
    TransactionReceipt funding =
        fund(distributor, gateway, workload, 1, 2, perEpoch, BigInteger.ZERO);
    assertThat(SlaFeeDistributor.getPoolFundedEvents(funding).getFirst().amountPerEpoch)
        .isEqualTo(perEpoch);
    assertThat(token.balanceOf(distributor.address()).send()).isEqualTo(total);
    assertThat(contract.totalFunded().send()).isEqualTo(total);
    assertThat(balanceOf(distributor.address())).isZero();

    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials claimant : claimants) {
      allotted.put(address(claimant), randomAmount(ETHER));
    }
    Payouts payouts = Payouts.of(allotted);
    publish(distributor, payoutRoot(1, payouts, 1), operators.get(0), operators.get(1));
    for (int i = 0; i < claimants.size(); i++) {
      EvmAddress account = address(claimants.get(i));
      Credentials sender = i % 2 == 0 ? claimants.get(i) : gateway;
      BigInteger before = token.balanceOf(account.checksummed()).send();
      TransactionReceipt receipt = claim(distributor, sender, payouts, account);
      assertThat(receipt.isStatusOK()).isTrue();
      assertThat(token.balanceOf(account.checksummed()).send().subtract(before))
          .as("tokens received by %s", account)
          .isEqualTo(payouts.amount(account));
      SlaFeeDistributor.ClaimedEventResponse claimed =
          SlaFeeDistributor.getClaimedEvents(receipt).getFirst();
      assertThat(claimed.account).isEqualToIgnoringCase(account.checksummed());
      assertThat(claimed.amount).isEqualTo(payouts.amount(account));
    }
    assertThat(contract.totalClaimed().send()).isEqualTo(payouts.sum());
    assertThat(token.balanceOf(distributor.address()).send())
        .isEqualTo(total.subtract(payouts.sum()));
  }

  /**
   * totalFunded is a uint120 (it shares a slot with totalClaimed and the pause flag): funding that
   * would take it beyond is refused, whether one epoch's amount or the total is too large.
   */
  @Test
  void refusesFundingBeyondTheUint120Cap() throws Exception {
    TestToken token =
        TestToken.deploy(web3j, transactions(admin), GAS, "naap test LPT", "tLPT").send();
    Distributor distributor = deploy(oracle.getContractAddress(), token.getContractAddress(), 0);
    SlaFeeDistributor contract = at(distributor, admin);
    BigInteger cap = BigInteger.ONE.shiftLeft(120).subtract(BigInteger.ONE);
    assertThat(contract.MAX_TOTAL().send()).isEqualTo(cap);
    BigInteger plenty = BigInteger.ONE.shiftLeft(122);
    token.mint(gateway.getAddress(), plenty).send();
    TestToken.load(token.getContractAddress(), web3j, transactions(gateway), GAS)
        .approve(distributor.address(), plenty)
        .send();

    BigInteger half = BigInteger.ONE.shiftLeft(119);
    fund(distributor, gateway, randomBytes32(), 1, 1, half, BigInteger.ZERO);
    assertThat(fundRevert(distributor, randomBytes32(), 2, 1, half, BigInteger.ZERO))
        .as("a total one beyond the cap")
        .isEqualTo(error("FundingCapExceeded(uint256,uint256)", half, cap.subtract(half)));
    assertThat(
            fundRevert(
                distributor, randomBytes32(), 2, 1, cap.add(BigInteger.ONE), BigInteger.ZERO))
        .as("one epoch's amount beyond the cap")
        .isEqualTo(
            error(
                "FundingCapExceeded(uint256,uint256)",
                cap.add(BigInteger.ONE),
                cap.subtract(half)));
    BigInteger rest = cap.subtract(half);
    fund(distributor, gateway, randomBytes32(), 2, 1, rest, BigInteger.ZERO);
    assertThat(contract.totalFunded().send()).isEqualTo(cap);
    assertThat(token.balanceOf(distributor.address()).send()).isEqualTo(cap);
    assertThat(fundRevert(distributor, randomBytes32(), 3, 1, BigInteger.ONE, BigInteger.ZERO))
        .isEqualTo(error("FundingCapExceeded(uint256,uint256)", 1, 0));
  }

  /** A token that credits less than the amount transferred (fee on transfer) cannot fund a pool. */
  @Test
  void refusesFundingWithAFeeOnTransferToken() throws Exception {
    FeeOnTransferToken token = FeeOnTransferToken.deploy(web3j, transactions(admin), GAS).send();
    Distributor distributor = deploy(oracle.getContractAddress(), token.getContractAddress(), 0);
    BigInteger perEpoch = ETHER;
    BigInteger total = perEpoch.multiply(BigInteger.valueOf(3));
    token.mint(gateway.getAddress(), total).send();
    FeeOnTransferToken.load(token.getContractAddress(), web3j, transactions(gateway), GAS)
        .approve(distributor.address(), total)
        .send();
    BigInteger fee = total.multiply(token.FEE_BPS().send()).divide(BigInteger.valueOf(10_000));
    assertThat(fee).isPositive();
    assertThat(fundRevert(distributor, randomBytes32(), 1, 3, perEpoch, BigInteger.ZERO))
        .isEqualTo(error("TokenAmountMismatch(uint256,uint256)", total.subtract(fee), total));
    assertThat(at(distributor, admin).totalFunded().send()).isZero();
  }

  /**
   * With a one-hour challenge window: a root is not claimable before it ends and blocks further
   * publications; after it, a claim promotes it (claims against the root it replaced pass only
   * until then) and so does the next publication; the admin vetoes a pending root until it matures,
   * after which its epoch may be published again.
   */
  @Test
  void aChallengeWindowHoldsRootsBackAndTheAdminMayVetoThemMeanwhile() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, ONE_HOUR);
    SlaFeeDistributor contract = at(distributor, admin);
    assertThat(contract.challengeWindow().send()).isEqualTo(BigInteger.valueOf(ONE_HOUR));
    fund(distributor, gateway, randomBytes32(), 1, 4, ETHER);
    SnapshotSigner a = operators.get(0);
    SnapshotSigner c = operators.get(2);
    EvmAddress first = address(claimants.get(0));
    EvmAddress second = address(claimants.get(1));
    EvmAddress third = address(claimants.get(2));

    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials claimant : claimants.subList(0, 4)) {
      allotted.put(address(claimant), randomAmount(FINNEY.multiply(BigInteger.valueOf(100))));
    }
    Payouts one = Payouts.of(allotted);
    TransactionReceipt published = publish(distributor, payoutRoot(1, one, 1), a, c);
    long claimableAt = timestampOf(published) + ONE_HOUR;
    assertThat(SlaFeeDistributor.getRootPublishedEvents(published).getFirst().claimableAt)
        .isEqualTo(BigInteger.valueOf(claimableAt));
    assertThat(Bytes32.of(contract.root().send())).isEqualTo(Bytes32.ZERO);
    assertThat(Bytes32.of(contract.pendingRoot().send())).isEqualTo(one.root());
    assertThat(contract.pendingClaimableAt().send()).isEqualTo(BigInteger.valueOf(claimableAt));
    assertThat(contract.latestEpoch().send()).isEqualTo(BigInteger.ONE);

    assertThat(claimRevert(distributor, one, first))
        .as("a claim inside the window")
        .isEqualTo(error("RootNotYetClaimable(bytes32,uint64)", one.root(), claimableAt));
    // the root the admin will veto: it allots `second` twice what it should
    Payouts two = Payouts.of(raise(raise(allotted, second), second));
    PayoutRoot epochTwo = payoutRoot(2, two, 1);
    assertThat(publishRevert(distributor, epochTwo, signatures(distributor, epochTwo, a, c)))
        .as("a publication while a root is pending")
        .isEqualTo(error("PendingRootNotMatured(uint64,uint64)", 1, claimableAt));
    assertThat(fundRevert(distributor, randomBytes32(), 1, 1, ETHER, ETHER))
        .as("funding the pending root's epoch")
        .isEqualTo(error("EpochAlreadyDistributed(uint64,uint64)", 1, 1));

    passTime(ONE_HOUR);
    assertThat(Bytes32.of(contract.root().send())).isEqualTo(one.root());
    assertThat(Bytes32.of(contract.pendingRoot().send())).isEqualTo(Bytes32.ZERO);
    assertThat(contract.pendingClaimableAt().send()).isZero();
    assertThat(
            revert(
                admin.getAddress(),
                distributor.address(),
                contract.vetoRoot().encodeFunctionCall(),
                BigInteger.ZERO))
        .as("vetoing a root whose window has passed")
        .isEqualTo(error("RootAlreadyClaimable(uint64,uint64)", 1, claimableAt));
    claimAndCheck(distributor, claimants.get(0), one, first, one.amount(first));

    // a pending root the admin vetoes: its epoch can be published again, corrected
    TransactionReceipt wrong = publish(distributor, epochTwo, a, c);
    long wrongClaimableAt = timestampOf(wrong) + ONE_HOUR;
    assertThat(Bytes32.of(contract.pendingRoot().send())).isEqualTo(two.root());
    assertThat(contract.latestEpoch().send()).isEqualTo(BigInteger.TWO);
    String veto = contract.vetoRoot().encodeFunctionCall();
    assertThat(revert(gateway.getAddress(), distributor.address(), veto, BigInteger.ZERO))
        .isEqualTo(
            error(
                "AccessControlUnauthorizedAccount(address,bytes32)",
                address(gateway),
                Bytes32.ZERO));
    TransactionReceipt vetoed = contract.vetoRoot().send();
    SlaFeeDistributor.RootVetoedEventResponse vetoEvent =
        SlaFeeDistributor.getRootVetoedEvents(vetoed).getFirst();
    assertThat(vetoEvent.epoch).isEqualTo(BigInteger.TWO);
    assertThat(Bytes32.of(vetoEvent.payoutRoot)).isEqualTo(two.root());
    assertThat(timestampOf(vetoed)).isLessThan(wrongClaimableAt);
    assertThat(Bytes32.of(contract.pendingRoot().send())).isEqualTo(Bytes32.ZERO);
    assertThat(contract.latestEpoch().send()).isEqualTo(BigInteger.ONE);
    assertThat(contract.latestCumulativeTotal().send()).isEqualTo(one.sum());
    assertThat(revert(admin.getAddress(), distributor.address(), veto, BigInteger.ZERO))
        .isEqualTo(error("NoPendingRoot()"));
    passTime(ONE_HOUR);
    assertThat(claimRevert(distributor, two, second))
        .as("a claim against the vetoed root")
        .isEqualTo(error("RootMismatch(bytes32,bytes32)", two.root(), one.root()));

    Map<EvmAddress, BigInteger> correctedAmounts = raise(allotted, second);
    Payouts corrected = Payouts.of(correctedAmounts);
    TransactionReceipt republished = publish(distributor, payoutRoot(2, corrected, 1), c, a);
    long correctedClaimableAt = timestampOf(republished) + ONE_HOUR;
    passTime(ONE_HOUR);
    assertThat(revert(admin.getAddress(), distributor.address(), veto, BigInteger.ZERO))
        .isEqualTo(error("RootAlreadyClaimable(uint64,uint64)", 2, correctedClaimableAt));
    // until a claim promotes the matured root, the root it replaces still pays what it allots
    claimAndCheck(distributor, gateway, one, second, one.amount(second));
    claimAndCheck(
        distributor,
        claimants.get(1),
        corrected,
        second,
        corrected.amount(second).subtract(one.amount(second)));
    assertThat(claimRevert(distributor, one, third))
        .as("the replaced root, once the new one is promoted")
        .isEqualTo(error("RootMismatch(bytes32,bytes32)", one.root(), corrected.root()));

    // the next publication promotes a matured pending root too
    Payouts three = Payouts.of(raise(correctedAmounts, third));
    publish(distributor, payoutRoot(3, three, 1), a, c);
    passTime(ONE_HOUR);
    Payouts four = Payouts.of(raise(three.amounts(), third));
    TransactionReceipt fourth = publish(distributor, payoutRoot(4, four, 1), a, c);
    assertThat(Bytes32.of(contract.pendingRoot().send())).isEqualTo(four.root());
    assertThat(Bytes32.of(contract.root().send())).isEqualTo(three.root());
    assertThat(contract.pendingClaimableAt().send())
        .isEqualTo(BigInteger.valueOf(timestampOf(fourth) + ONE_HOUR));
    assertThat(claimRevert(distributor, corrected, third))
        .isEqualTo(error("RootMismatch(bytes32,bytes32)", corrected.root(), three.root()));
    claimAndCheck(distributor, gateway, three, third, three.amount(third));
  }

  /** Pausing stops claims and publications, not funding; only the admin pauses and unpauses. */
  @Test
  void pausingStopsClaimsAndPublicationsButNotFunding() throws Exception {
    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    SlaFeeDistributor contract = at(distributor, admin);
    fund(distributor, gateway, randomBytes32(), 1, 1, ETHER);
    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials claimant : claimants.subList(0, 3)) {
      allotted.put(address(claimant), randomAmount(FINNEY.multiply(BigInteger.valueOf(100))));
    }
    Payouts one = Payouts.of(allotted);
    publish(distributor, payoutRoot(1, one, 1), operators.get(0), operators.get(1));
    EvmAddress account = address(claimants.get(0));

    for (String call :
        List.of(contract.pause().encodeFunctionCall(), contract.unpause().encodeFunctionCall())) {
      assertThat(revert(gateway.getAddress(), distributor.address(), call, BigInteger.ZERO))
          .isEqualTo(
              error(
                  "AccessControlUnauthorizedAccount(address,bytes32)",
                  address(gateway),
                  Bytes32.ZERO));
    }
    assertThat(
            revert(
                admin.getAddress(),
                distributor.address(),
                contract.unpause().encodeFunctionCall(),
                BigInteger.ZERO))
        .isEqualTo(error("ExpectedPause()"));
    TransactionReceipt paused = contract.pause().send();
    assertThat(SlaFeeDistributor.getPausedEvents(paused).getFirst().account)
        .isEqualToIgnoringCase(admin.getAddress());
    assertThat(contract.paused().send()).isTrue();
    assertThat(
            revert(
                admin.getAddress(),
                distributor.address(),
                contract.pause().encodeFunctionCall(),
                BigInteger.ZERO))
        .isEqualTo(error("EnforcedPause()"));

    assertThat(claimRevert(distributor, one, account)).isEqualTo(error("EnforcedPause()"));
    Payouts two = Payouts.of(raise(allotted, account));
    PayoutRoot epochTwo = payoutRoot(2, two, 1);
    assertThat(
            publishRevert(
                distributor,
                epochTwo,
                signatures(distributor, epochTwo, operators.get(0), operators.get(1))))
        .isEqualTo(error("EnforcedPause()"));
    assertThat(fund(distributor, gateway, randomBytes32(), 2, 1, ETHER).isStatusOK()).isTrue();
    assertThat(contract.totalFunded().send()).isEqualTo(ETHER.multiply(BigInteger.TWO));
    assertThat(contract.paused().send()).as("funding shares the pause flag's slot").isTrue();

    TransactionReceipt unpaused = contract.unpause().send();
    assertThat(SlaFeeDistributor.getUnpausedEvents(unpaused)).hasSize(1);
    assertThat(contract.paused().send()).isFalse();
    claimAndCheck(distributor, claimants.get(0), one, account, one.amount(account));
    assertThat(publish(distributor, epochTwo, operators.get(1), operators.get(0)).isStatusOK())
        .isTrue();
    claimAndCheck(
        distributor, gateway, two, account, two.amount(account).subtract(one.amount(account)));
  }

  /**
   * The constructor refuses an oracle or token without code, no admin, or a window over 30 days.
   */
  @Test
  void refusesAMisconfiguredDeployment() throws Exception {
    String oracleAddress = oracle.getContractAddress();
    String anAccount = gateway.getAddress();
    long thirtyDays = 30 * 24 * ONE_HOUR;
    assertThat(deploymentRevert(anAccount, ETH, admin.getAddress(), 0))
        .isEqualTo(Optional.of("oracle is not a contract"));
    assertThat(deploymentRevert(oracleAddress, anAccount, admin.getAddress(), 0))
        .isEqualTo(Optional.of("token is not a contract"));
    assertThat(deploymentRevert(oracleAddress, ETH, ETH, 0)).isEqualTo(Optional.of("zero admin"));
    assertThat(deploymentRevert(oracleAddress, ETH, admin.getAddress(), thirtyDays + 1))
        .isEqualTo(Optional.of("challenge window too long"));
    assertThat(deploymentRevert(oracleAddress, ETH, admin.getAddress(), thirtyDays)).isEmpty();
  }

  /**
   * Gas at 10,000 leaves (proofs of 14 siblings, the longest in the tree): a first and a repeat ETH
   * claim sent by the account, a repeat claim sent by a third party, a repeat ERC-20 claim, and
   * publications with 2 of 3 signatures. The repeat ETH claim must stay within 60,000 gas.
   */
  @Test
  void aRepeatClaimAtTenThousandLeavesStaysWithinBudget() throws Exception {
    int size = 10_000;
    int longestProof = 14;
    List<Credentials> candidates =
        IntStream.range(0, 64)
            .mapToObj(i -> Credentials.create(ECKeyPair.create(keyOf("claimant-" + i))))
            .toList();
    Map<EvmAddress, BigInteger> allotted = new LinkedHashMap<>();
    for (Credentials candidate : candidates) {
      allotted.put(address(candidate), randomAmount(FINNEY.multiply(BigInteger.TEN)));
    }
    while (allotted.size() < size) {
      allotted.put(randomAddress(), randomAmount(FINNEY.multiply(BigInteger.TEN)));
    }
    Map<EvmAddress, BigInteger> raised = new LinkedHashMap<>();
    allotted.forEach(
        (account, amount) ->
            raised.put(account, amount.add(randomAmount(FINNEY.multiply(BigInteger.TEN)))));
    Payouts first = Payouts.of(allotted);
    Payouts second = Payouts.of(raised);
    List<EvmAddress> deepest =
        allotted.keySet().stream()
            .filter(
                account ->
                    first.proof(account).size() == longestProof
                        && second.proof(account).size() == longestProof)
            .toList();
    List<Credentials> selfClaimants =
        candidates.stream().filter(candidate -> deepest.contains(address(candidate))).toList();
    assertThat(selfClaimants)
        .as("key-holding accounts with the longest proofs")
        .hasSizeGreaterThanOrEqualTo(2);
    Credentials ethClaimant = selfClaimants.get(0);
    Credentials tokenClaimant = selfClaimants.get(1);
    EvmAddress thirdPartyAccount =
        deepest.stream()
            .filter(account -> candidates.stream().noneMatch(c -> address(c).equals(account)))
            .findFirst()
            .orElseThrow();
    for (Credentials claimant : selfClaimants.subList(0, 2)) {
      rpc("anvil_setBalance", "[\"" + claimant.getAddress() + "\",\"0xde0b6b3a7640000\"]");
    }

    Distributor distributor = deploy(oracle.getContractAddress(), ETH, 0);
    BigInteger perEpoch = second.sum().divide(BigInteger.TWO).add(BigInteger.ONE);
    fund(distributor, gateway, randomBytes32(), 1, 2, perEpoch);
    TransactionReceipt firstPublication =
        publish(distributor, payoutRoot(1, first, 1), operators.get(0), operators.get(1));
    EvmAddress ethAccount = address(ethClaimant);
    TransactionReceipt firstClaim =
        claimAndCheck(distributor, ethClaimant, first, ethAccount, first.amount(ethAccount));
    TransactionReceipt firstThirdParty =
        claimAndCheck(
            distributor, gateway, first, thirdPartyAccount, first.amount(thirdPartyAccount));
    TransactionReceipt repeatPublication =
        publish(distributor, payoutRoot(2, second, 1), operators.get(1), operators.get(2));
    TransactionReceipt repeatClaim =
        claimAndCheck(
            distributor,
            ethClaimant,
            second,
            ethAccount,
            second.amount(ethAccount).subtract(first.amount(ethAccount)));
    TransactionReceipt repeatThirdParty =
        claimAndCheck(
            distributor,
            gateway,
            second,
            thirdPartyAccount,
            second.amount(thirdPartyAccount).subtract(first.amount(thirdPartyAccount)));

    TestToken token =
        TestToken.deploy(web3j, transactions(admin), GAS, "naap test LPT", "tLPT").send();
    Distributor tokenDistributor =
        deploy(oracle.getContractAddress(), token.getContractAddress(), 0);
    token.mint(gateway.getAddress(), perEpoch.multiply(BigInteger.TWO)).send();
    TestToken.load(token.getContractAddress(), web3j, transactions(gateway), GAS)
        .approve(tokenDistributor.address(), perEpoch.multiply(BigInteger.TWO))
        .send();
    fund(tokenDistributor, gateway, randomBytes32(), 1, 2, perEpoch, BigInteger.ZERO);
    publish(tokenDistributor, payoutRoot(1, first, 1), operators.get(0), operators.get(2));
    EvmAddress tokenAccount = address(tokenClaimant);
    TransactionReceipt firstTokenClaim =
        claim(tokenDistributor, tokenClaimant, first, tokenAccount);
    publish(tokenDistributor, payoutRoot(2, second, 1), operators.get(0), operators.get(2));
    TransactionReceipt repeatTokenClaim =
        claim(tokenDistributor, tokenClaimant, second, tokenAccount);
    assertThat(firstTokenClaim.isStatusOK()).isTrue();
    assertThat(repeatTokenClaim.isStatusOK()).isTrue();
    assertThat(token.balanceOf(tokenAccount.checksummed()).send())
        .isEqualTo(second.amount(tokenAccount));

    System.out.printf(
        "SlaFeeDistributor gas, %,d leaves, proofs of %d, hardfork %s (gas used = 21,000 + calldata + execution):%n",
        size, longestProof, hardfork());
    report("ETH claim, first, sent by the account", firstClaim);
    report("ETH claim, first, sent by a third party (fresh recipient)", firstThirdParty);
    report("ETH claim, repeat, sent by the account", repeatClaim);
    report("ETH claim, repeat, sent by a third party", repeatThirdParty);
    report("ERC-20 claim, first, sent by the account", firstTokenClaim);
    report("ERC-20 claim, repeat, sent by the account", repeatTokenClaim);
    report("publishRoot, 2 of 3 signatures, first root", firstPublication);
    report("publishRoot, 2 of 3 signatures, next root", repeatPublication);
    assertThat(repeatClaim.getGasUsed().longValueExact())
        .as("a repeat ETH claim sent by the account at 10,000 leaves")
        .isLessThanOrEqualTo(REPEAT_CLAIM_GAS_BUDGET);
  }

  // ---------------------------------------------------------------------------------------------

  /** A deployed distributor and the EIP-712 domain its payout roots are signed in. */
  private record Distributor(String address, Eip712Domain domain) {}

  /** Cumulative allotments and the Merkle tree of their leaves. */
  private record Payouts(Map<EvmAddress, BigInteger> amounts, MerkleTree tree) {
    static Payouts of(Map<EvmAddress, BigInteger> amounts) {
      Map<EvmAddress, BigInteger> copy = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
      return new Payouts(
          copy,
          MerkleTree.of(
              copy.entrySet().stream()
                  .map(entry -> new PayoutLeaf(entry.getKey(), entry.getValue()).hash())
                  .toList()));
    }

    BigInteger amount(EvmAddress account) {
      return Objects.requireNonNull(amounts.get(account), () -> "no leaf for " + account);
    }

    List<Bytes32> proof(EvmAddress account) {
      return tree.proof(new PayoutLeaf(account, amount(account)).hash());
    }

    Bytes32 root() {
      return tree.root();
    }

    BigInteger sum() {
      return amounts.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
  }

  /** A call's custom error: its signature (or the raw revert data) and its 32-byte arguments. */
  private record Revert(String error, List<BigInteger> arguments) {}

  private static Revert error(String signature, Object... arguments) {
    List<BigInteger> words = new ArrayList<>();
    for (Object argument : arguments) {
      words.add(
          switch (argument) {
            case BigInteger value -> value;
            case Integer value -> BigInteger.valueOf(value);
            case Long value -> BigInteger.valueOf(value);
            case EvmAddress value -> new BigInteger(1, value.bytes());
            case Bytes32 value -> new BigInteger(1, value.bytes());
            default -> throw new IllegalArgumentException("not an ABI word: " + argument);
          });
    }
    return new Revert(signature, List.copyOf(words));
  }

  private SlaOracle deployOracle() throws Exception {
    return SlaOracle.deploy(
            web3j,
            transactions(admin),
            GAS,
            admin.getAddress(),
            operators.subList(0, 3).stream().map(s -> s.address().checksummed()).toList(),
            BigInteger.TWO)
        .send();
  }

  private Distributor deploy(String oracleAddress, String token, long challengeWindow)
      throws Exception {
    SlaFeeDistributor deployed =
        SlaFeeDistributor.deploy(
                web3j,
                transactions(admin),
                GAS,
                oracleAddress,
                token,
                admin.getAddress(),
                BigInteger.valueOf(challengeWindow))
            .send();
    String address = deployed.getContractAddress();
    return new Distributor(
        address, Eip712Domain.slaFeeDistributor(anvil.chainId(), EvmAddress.fromHex(address)));
  }

  /** The reason string a deployment with these arguments reverts with; empty if it deploys. */
  private Optional<String> deploymentRevert(
      String oracleAddress, String token, String adminAddress, long challengeWindow)
      throws IOException {
    String init =
        SlaFeeDistributor.BINARY
            + FunctionEncoder.encodeConstructor(
                List.of(
                    new Address(oracleAddress),
                    new Address(token),
                    new Address(adminAddress),
                    new Uint64(challengeWindow)));
    EthCall call = ethCall(admin.getAddress(), null, init, BigInteger.ZERO);
    if (!call.isReverted() && !call.hasError()) {
      return Optional.empty();
    }
    String data = revertData(call);
    Revert revert = decode(data);
    assertThat(revert.error()).isEqualTo("InvalidConfiguration(string)");
    // abi.encode(string): the offset, the length, then the UTF-8 bytes
    int length = revert.arguments().get(1).intValueExact();
    int start = 10 + 2 * 64;
    return Optional.of(
        new String(
            Numeric.hexStringToByteArray(data.substring(start, start + 2 * length)),
            StandardCharsets.UTF_8));
  }

  private SlaFeeDistributor at(Distributor distributor, Credentials sender) {
    return SlaFeeDistributor.load(distributor.address(), web3j, transactions(sender), GAS);
  }

  private TransactionManager transactions(Credentials sender) {
    return ProtocolDoubles.transactionManager(web3j, sender, anvil.chainId());
  }

  private TransactionReceipt fund(
      Distributor distributor,
      Credentials funder,
      Bytes32 workload,
      long firstEpoch,
      long epochs,
      BigInteger amountPerEpoch)
      throws Exception {
    return fund(
        distributor,
        funder,
        workload,
        firstEpoch,
        epochs,
        amountPerEpoch,
        amountPerEpoch.multiply(BigInteger.valueOf(epochs)));
  }

  private TransactionReceipt fund(
      Distributor distributor,
      Credentials funder,
      Bytes32 workload,
      long firstEpoch,
      long epochs,
      BigInteger amountPerEpoch,
      BigInteger value)
      throws Exception {
    TransactionReceipt receipt =
        at(distributor, funder)
            .fund(
                workload.bytes(),
                BigInteger.valueOf(firstEpoch),
                BigInteger.valueOf(epochs),
                amountPerEpoch,
                value)
            .send();
    assertThat(receipt.isStatusOK()).isTrue();
    return receipt;
  }

  private Revert fundRevert(
      Distributor distributor,
      Bytes32 workload,
      long firstEpoch,
      long epochs,
      BigInteger amountPerEpoch,
      BigInteger value)
      throws IOException {
    String data =
        at(distributor, gateway)
            .fund(
                workload.bytes(),
                BigInteger.valueOf(firstEpoch),
                BigInteger.valueOf(epochs),
                amountPerEpoch,
                value)
            .encodeFunctionCall();
    return revert(gateway.getAddress(), distributor.address(), data, value);
  }

  private static PayoutRoot payoutRoot(long epoch, Payouts payouts, long configVersion) {
    Bytes32 dataHash =
        Bytes32.keccak(
            ("distribution of epoch " + epoch + " " + payouts.root())
                .getBytes(StandardCharsets.UTF_8));
    return new PayoutRoot(epoch, payouts.root(), payouts.sum(), dataHash, configVersion);
  }

  /** Publishes with these operators' signatures, sent by the gateway; fails if it reverts. */
  private TransactionReceipt publish(Distributor distributor, PayoutRoot root, SnapshotSigner... by)
      throws Exception {
    TransactionReceipt receipt =
        publishCall(at(distributor, gateway), root, signatures(distributor, root, by)).send();
    assertThat(receipt.isStatusOK()).isTrue();
    return receipt;
  }

  private Revert publishRevert(Distributor distributor, PayoutRoot root, List<Signature> signatures)
      throws IOException {
    String data = publishCall(at(distributor, gateway), root, signatures).encodeFunctionCall();
    return revert(gateway.getAddress(), distributor.address(), data, BigInteger.ZERO);
  }

  private static org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt> publishCall(
      SlaFeeDistributor contract, PayoutRoot root, List<Signature> signatures) {
    return contract.publishRoot(
        BigInteger.valueOf(root.epoch()),
        root.payoutRoot().bytes(),
        root.cumulativeTotal(),
        root.dataHash().bytes(),
        signatures.stream().map(Signature::bytes).toList());
  }

  private static List<Signature> signatures(
      Distributor distributor, PayoutRoot root, SnapshotSigner... by) {
    return signaturesIn(distributor.domain(), root, by);
  }

  /** The signers' signatures in ascending order of their addresses, as the contract wants them. */
  private static List<Signature> signaturesIn(
      Eip712Domain domain, PayoutRoot root, SnapshotSigner... by) {
    return Arrays.stream(by)
        .sorted(Comparator.comparing(SlaFeeDistributorIT::lowerCaseHex))
        .map(signer -> signer.sign(root, domain))
        .toList();
  }

  /** Where {@code signer} comes among {@code by} once they are sorted by address. */
  private static int indexOf(SnapshotSigner signer, SnapshotSigner... by) {
    return Arrays.stream(by)
        .sorted(Comparator.comparing(SlaFeeDistributorIT::lowerCaseHex))
        .toList()
        .indexOf(signer);
  }

  private static String lowerCaseHex(SnapshotSigner signer) {
    return signer.address().checksummed().toLowerCase(Locale.ROOT);
  }

  private TransactionReceipt claim(
      Distributor distributor, Credentials sender, Payouts payouts, EvmAddress account)
      throws Exception {
    return at(distributor, sender)
        .claim(
            account.checksummed(),
            payouts.amount(account),
            payouts.root().bytes(),
            payouts.proof(account).stream().map(Bytes32::bytes).toList())
        .send();
  }

  /**
   * Claims for {@code account}, sent by {@code sender}, and checks that the account received
   * exactly {@code expected} wei (less the gas when it sent the claim itself), that a third-party
   * sender paid only gas, and the Claimed event and ledger.
   */
  private TransactionReceipt claimAndCheck(
      Distributor distributor,
      Credentials sender,
      Payouts payouts,
      EvmAddress account,
      BigInteger expected)
      throws Exception {
    TransactionReceipt receipt = claim(distributor, sender, payouts, account);
    assertThat(receipt.isStatusOK()).isTrue();
    BigInteger block = receipt.getBlockNumber();
    BigInteger gasCost =
        receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    boolean bySelf = address(sender).equals(account);
    assertThat(balanceChange(account.checksummed(), block))
        .as("ETH received by %s", account)
        .isEqualTo(bySelf ? expected.subtract(gasCost) : expected);
    if (!bySelf) {
      assertThat(balanceChange(sender.getAddress(), block))
          .as("what the third-party sender paid")
          .isEqualTo(gasCost.negate());
    }
    SlaFeeDistributor.ClaimedEventResponse event =
        SlaFeeDistributor.getClaimedEvents(receipt).getFirst();
    assertThat(event.account).isEqualToIgnoringCase(account.checksummed());
    assertThat(event.amount).isEqualTo(expected);
    assertThat(event.cumulativeAmount).isEqualTo(payouts.amount(account));
    assertThat(at(distributor, admin).claimed(account.checksummed()).send())
        .isEqualTo(payouts.amount(account));
    return receipt;
  }

  private Revert claimRevert(Distributor distributor, Payouts payouts, EvmAddress account)
      throws IOException {
    return claimRevert(
        distributor, account, payouts.amount(account), payouts.root(), payouts.proof(account));
  }

  private Revert claimRevert(
      Distributor distributor,
      EvmAddress account,
      BigInteger cumulativeAmount,
      Bytes32 expectedRoot,
      List<Bytes32> proof)
      throws IOException {
    String data =
        at(distributor, gateway)
            .claim(
                account.checksummed(),
                cumulativeAmount,
                expectedRoot.bytes(),
                proof.stream().map(Bytes32::bytes).toList())
            .encodeFunctionCall();
    return revert(gateway.getAddress(), distributor.address(), data, BigInteger.ZERO);
  }

  /** The custom error a call reverts with ({@code eth_call}); fails the test if it passes. */
  private Revert revert(String from, String to, String data, BigInteger value) throws IOException {
    return decode(revertData(ethCall(from, to, data, value)));
  }

  private EthCall ethCall(String from, String to, String data, BigInteger value)
      throws IOException {
    return web3j
        .ethCall(
            Transaction.createEthCallTransaction(from, to, data, value),
            DefaultBlockParameterName.LATEST)
        .send();
  }

  private static String revertData(EthCall call) {
    assertThat(call.isReverted() || call.hasError()).as("the call reverts").isTrue();
    String data = call.hasError() ? String.valueOf(call.getError().getData()) : call.getValue();
    return data.replace("\"", "");
  }

  private static Revert decode(String revertData) {
    if (revertData.length() < 10 || (revertData.length() - 10) % 64 != 0) {
      return new Revert(revertData, List.of());
    }
    String selector = revertData.substring(0, 10);
    List<BigInteger> words = new ArrayList<>();
    for (int i = 10; i < revertData.length(); i += 64) {
      words.add(new BigInteger(revertData.substring(i, i + 64), 16));
    }
    for (String error : ERRORS) {
      if (selector.equals(Hash.sha3String(error).substring(0, 10))) {
        return new Revert(error, List.copyOf(words));
      }
    }
    return new Revert(revertData, List.of());
  }

  /** The balance change of an account in one block (each transaction has a block of its own). */
  private BigInteger balanceChange(String account, BigInteger block) throws IOException {
    return balanceAt(account, block).subtract(balanceAt(account, block.subtract(BigInteger.ONE)));
  }

  private BigInteger balanceAt(String account, BigInteger block) throws IOException {
    return web3j.ethGetBalance(account, DefaultBlockParameter.valueOf(block)).send().getBalance();
  }

  private BigInteger balanceOf(String account) throws IOException {
    return web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  private long timestampOf(TransactionReceipt receipt) throws IOException {
    return web3j
        .ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false)
        .send()
        .getBlock()
        .getTimestamp()
        .longValueExact();
  }

  /** Moves the chain's clock forward and mines a block at the new time. */
  private void passTime(long seconds) {
    rpc("evm_increaseTime", "[" + seconds + "]");
    rpc("evm_mine", "[]");
  }

  private JsonNode rpc(String method, String params) {
    try {
      JsonNode response = new ObjectMapper().readTree(anvil.rpc(method, params));
      assertThat(response.has("error")).as("%s answered %s", method, response).isFalse();
      return response.get("result");
    } catch (IOException e) {
      throw new AssertionError(method + " answered no JSON", e);
    }
  }

  private String hardfork() {
    JsonNode info = rpc("anvil_nodeInfo", "[]");
    return info.path("hardFork").asText("unknown");
  }

  /** Prints a transaction's gas, split into the intrinsic 21,000, calldata and execution. */
  private void report(String what, TransactionReceipt receipt) throws IOException {
    assertThat(receipt.isStatusOK()).isTrue();
    String input =
        web3j
            .ethGetTransactionByHash(receipt.getTransactionHash())
            .send()
            .getTransaction()
            .orElseThrow()
            .getInput();
    long calldata = 0;
    for (byte b : Numeric.hexStringToByteArray(input)) {
      calldata += b == 0 ? 4 : 16;
    }
    long used = receipt.getGasUsed().longValueExact();
    System.out.printf(
        "  %-58s %,7d gas (calldata %,6d, execution %,6d)%n",
        what, used, calldata, used - 21_000 - calldata);
  }

  private static Map<EvmAddress, BigInteger> raise(
      Map<EvmAddress, BigInteger> amounts, EvmAddress account) {
    Map<EvmAddress, BigInteger> raised = new LinkedHashMap<>(amounts);
    raised.merge(account, FINNEY, BigInteger::add);
    return raised;
  }

  private static EvmAddress address(Credentials credentials) {
    return EvmAddress.fromHex(credentials.getAddress());
  }

  private static BigInteger keyOf(String label) {
    return new BigInteger(1, Hash.sha3(label.getBytes(StandardCharsets.UTF_8)));
  }

  /** A random amount in [1, bound]. */
  private BigInteger randomAmount(BigInteger bound) {
    return new BigInteger(bound.bitLength() + 8, random).mod(bound).add(BigInteger.ONE);
  }

  private EvmAddress randomAddress() {
    byte[] address = new byte[20];
    random.nextBytes(address);
    return EvmAddress.of(address);
  }

  private Bytes32 randomBytes32() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Bytes32.of(bytes);
  }
}
