package io.naap.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.MerkleProofHarness;
import io.naap.bindings.generated.PerScoreStorage;
import io.naap.bindings.generated.SlaOracle;
import io.naap.embedded.AnvilNode;
import io.naap.testkit.AnvilExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * SlaOracle on a real anvil against the attestations module: the contract accepts what Java signs
 * and proves, agrees with Java on every digest and leaf hash, refuses each kind of bad publication,
 * and stays within its gas budget.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaOracleIT {
  private static final DefaultGasProvider GAS = new DefaultGasProvider();

  /** The budgets: a publication with 2 of 3 signatures, a proof check at 10,000 leaves. */
  private static final long PUBLISH_GAS_BUDGET = 100_000;

  private static final long VERIFY_EXECUTION_GAS_BUDGET = 8_000;

  private AnvilNode anvil;
  private Web3j web3j;
  private String deployer;
  private TransactionManager transactions;
  private SlaOracle oracle;
  private Eip712Domain domain;
  private final List<SnapshotSigner> signers = new ArrayList<>();
  private final Random random = new Random(20261128);

  @BeforeAll
  void deploy(AnvilNode anvil) throws Exception {
    this.anvil = anvil;
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    Credentials credentials = Credentials.create(anvil.accounts().getFirst().privateKey());
    deployer = credentials.getAddress();
    transactions = ProtocolDoubles.transactionManager(web3j, credentials, anvil.chainId());
    for (String label : List.of("operator-a", "operator-b", "operator-c", "operator-d")) {
      signers.add(
          SnapshotSigner.of(new BigInteger(1, Hash.sha3(label.getBytes(StandardCharsets.UTF_8)))));
    }
    oracle =
        SlaOracle.deploy(
                web3j,
                transactions,
                GAS,
                deployer,
                signers.subList(0, 3).stream().map(s -> s.address().checksummed()).toList(),
                BigInteger.TWO)
            .send();
    domain =
        Eip712Domain.slaOracle(anvil.chainId(), EvmAddress.fromHex(oracle.getContractAddress()));
  }

  @AfterAll
  void close() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  /**
   * 1,000 random snapshots of 1 to 200 leaves: the contract's EIP-712 digest, the hash it gives a
   * random leaf, and the root OpenZeppelin's {@code MerkleProof} computes from that leaf and its
   * Java proof, each equal to Java's.
   */
  @Test
  void agreesWithJavaOnTheDomainAndOnEveryDigestLeafHashAndRoot() throws Exception {
    assertThat(Bytes32.of(oracle.domainSeparator().send())).isEqualTo(domain.separator());
    MerkleProofHarness merkle = MerkleProofHarness.deploy(web3j, transactions, GAS).send();
    for (int i = 0; i < 1_000; i++) {
      long epoch = random.nextLong(1L << 62);
      List<ScoreLeaf> leaves = new ArrayList<>();
      for (int n = 1 + random.nextInt(200); n > 0; n--) {
        leaves.add(randomLeaf(epoch));
      }
      MerkleTree tree = MerkleTree.ofLeaves(leaves);
      ScoreSnapshot snapshot =
          new ScoreSnapshot(
              epoch, tree.root(), leaves.size(), randomBytes32(), random.nextLong(1L << 62));
      assertThat(
              Bytes32.of(
                  oracle
                      .snapshotDigest(
                          BigInteger.valueOf(snapshot.epoch()),
                          snapshot.scoresRoot().bytes(),
                          BigInteger.valueOf(snapshot.leafCount()),
                          snapshot.dataHash().bytes(),
                          BigInteger.valueOf(snapshot.configVersion()))
                      .send()))
          .as("digest %d", i)
          .isEqualTo(snapshot.digest(domain));
      ScoreLeaf leaf = leaves.get(random.nextInt(leaves.size()));
      List<byte[]> proof = tree.proof(leaf.hash()).stream().map(Bytes32::bytes).toList();
      assertThat(Bytes32.of(merkle.processProof(leaf.hash().bytes(), proof).send()))
          .as("root of snapshot %d", i)
          .isEqualTo(tree.root());
      assertThat(
              Bytes32.of(
                  oracle
                      .leafHash(
                          BigInteger.valueOf(leaf.epoch()),
                          leaf.orchestrator().checksummed(),
                          leaf.workload().bytes(),
                          BigInteger.valueOf(leaf.scoreBps()),
                          BigInteger.valueOf(leaf.flags()),
                          leaf.kpiDigest().bytes())
                      .send()))
          .as("leaf hash %d", i)
          .isEqualTo(leaf.hash());
    }
  }

  @Test
  void publishesTwoOfThreeWithinBudgetAndVerifiesLeavesAtTenAndTenThousand() throws Exception {
    for (int size : new int[] {10, 10_000}) {
      long epoch = oracle.latestEpoch().send().longValueExact() + 1;
      List<ScoreLeaf> leaves = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        leaves.add(randomLeaf(epoch));
      }
      MerkleTree tree = MerkleTree.ofLeaves(leaves);
      ScoreSnapshot snapshot = new ScoreSnapshot(epoch, tree.root(), size, randomBytes32(), 1);

      TransactionReceipt receipt =
          publish(snapshot, sorted(snapshot, signers.get(2), signers.get(0)));
      assertThat(receipt.isStatusOK()).isTrue();
      assertThat(receipt.getGasUsed().longValueExact())
          .as("publication gas at %d leaves", size)
          .isLessThanOrEqualTo(PUBLISH_GAS_BUDGET);
      SlaOracle.Snapshot stored = oracle.snapshot(BigInteger.valueOf(epoch)).send();
      assertThat(Bytes32.of(stored.scoresRoot)).isEqualTo(tree.root());
      assertThat(Bytes32.of(stored.dataHash)).isEqualTo(snapshot.dataHash());
      SlaOracle.SnapshotPublishedEventResponse published =
          SlaOracle.getSnapshotPublishedEvents(receipt).getFirst();
      assertThat(published.epoch.longValueExact()).isEqualTo(epoch);
      assertThat(Bytes32.of(published.scoresRoot)).isEqualTo(tree.root());
      assertThat(published.leafCount.longValueExact()).isEqualTo(size);
      assertThat(Bytes32.of(published.dataHash)).isEqualTo(snapshot.dataHash());
      assertThat(published.configVersion).isEqualTo(BigInteger.ONE);
      assertThat(published.submitter).isEqualToIgnoringCase(deployer);
      System.out.printf(
          "SlaOracle.publish, 2 of 3 signatures, %,d leaves: %,d gas%n",
          size, receipt.getGasUsed());
      assertThat(oracle.latestEpoch().send().longValueExact()).isEqualTo(epoch);

      List<ScoreLeaf> checked = size <= 10 ? leaves : leaves.subList(0, 25);
      for (ScoreLeaf leaf : checked) {
        assertThat(verify(leaf, tree.proof(leaf.hash()))).isTrue();
      }
      ScoreLeaf leaf = leaves.get(random.nextInt(size));
      List<Bytes32> proof = tree.proof(leaf.hash());
      ScoreLeaf higher =
          new ScoreLeaf(
              leaf.epoch(),
              leaf.orchestrator(),
              leaf.workload(),
              leaf.scoreBps() == ScoreLeaf.MAX_SCORE_BPS ? 0 : leaf.scoreBps() + 1,
              leaf.flags(),
              leaf.kpiDigest());
      assertThat(verify(higher, proof)).isFalse();
      if (size == 10_000) {
        // the deepest leaf of the tree: the longest proof, the most hashing
        ScoreLeaf deepest = leaves.getFirst();
        for (ScoreLeaf candidate : leaves.subList(0, 500)) {
          if (tree.proof(candidate.hash()).size() > tree.proof(deepest.hash()).size()) {
            deepest = candidate;
          }
        }
        leaf = deepest;
        proof = tree.proof(leaf.hash());
        assertThat(verify(leaf, proof)).isTrue();
        long execution = verifyExecutionGas(leaf, proof);
        assertThat(execution)
            .as("verifyScore execution gas at 10,000 leaves (proof of %d)", proof.size())
            .isLessThanOrEqualTo(VERIFY_EXECUTION_GAS_BUDGET);
        System.out.printf(
            "SlaOracle.verifyScore, 10,000 leaves, proof of %d: %,d execution gas%n",
            proof.size(), execution);
      }
    }
  }

  @Test
  void refusesEachKindOfBadPublication() throws Exception {
    long next = oracle.latestEpoch().send().longValueExact() + 1;
    ScoreSnapshot good = new ScoreSnapshot(next, randomBytes32(), 3, randomBytes32(), 1);
    SnapshotSigner a = signers.get(0);
    SnapshotSigner b = signers.get(1);
    SnapshotSigner outsider = signers.get(3);

    assertThat(revert(good, sorted(good, a))).isEqualTo("NotEnoughSignatures(uint256,uint32)");
    List<Signature> twice = sorted(good, a, a);
    assertThat(revert(good, twice)).isEqualTo("SignersNotAscending(uint256,address)");
    List<Signature> descending = new ArrayList<>(sorted(good, a, b));
    java.util.Collections.reverse(descending);
    assertThat(revert(good, descending)).isEqualTo("SignersNotAscending(uint256,address)");
    assertThat(revert(good, sorted(good, a, outsider))).isEqualTo("NotASigner(uint256,address)");
    for (Eip712Domain other :
        List.of(
            Eip712Domain.slaOracle(
                domain.chainId().longValueExact() + 1, domain.verifyingContract()),
            Eip712Domain.slaOracle(
                domain.chainId().longValueExact(), EvmAddress.of(new byte[20])))) {
      List<Signature> elsewhere = sortedIn(other, good, a, b);
      assertThat(revert(good, elsewhere)).isEqualTo("NotASigner(uint256,address)");
    }
    ScoreSnapshot past = new ScoreSnapshot(next - 1, randomBytes32(), 3, randomBytes32(), 1);
    if (next > 1) {
      assertThat(revert(past, sorted(past, a, b))).isEqualTo("EpochNotIncreasing(uint64,uint64)");
    }
    assertThat(publish(good, sorted(good, a, b)).isStatusOK()).isTrue();
    assertThat(revert(good, sorted(good, a, b))).isEqualTo("EpochNotIncreasing(uint64,uint64)");
  }

  /**
   * The Merkle root against the naive alternative, every one of an epoch's 10,000 scores in its own
   * storage slot ({@code PerScoreStorage}, in transactions of 300 scores under web3j's default gas
   * limit): what one publication saves.
   */
  @Test
  void storingEveryScoreInItsOwnSlotCostsThousandsOfPublications() throws Exception {
    PerScoreStorage perScore = PerScoreStorage.deploy(web3j, transactions, GAS).send();
    int scores = 10_000;
    int batch = 300;
    long epoch = oracle.latestEpoch().send().longValueExact() + 1;
    List<ScoreLeaf> leaves = new ArrayList<>();
    for (int i = 0; i < scores; i++) {
      leaves.add(randomLeaf(epoch));
    }
    ScoreSnapshot snapshot =
        new ScoreSnapshot(epoch, MerkleTree.ofLeaves(leaves).root(), scores, randomBytes32(), 1);
    long published =
        publish(snapshot, sorted(snapshot, signers.get(1), signers.get(2)))
            .getGasUsed()
            .longValueExact();
    long total = 0;
    for (int from = 0; from < scores; from += batch) {
      List<String> orchestrators = new ArrayList<>();
      List<byte[]> workloads = new ArrayList<>();
      List<BigInteger> values = new ArrayList<>();
      for (ScoreLeaf leaf : leaves.subList(from, Math.min(scores, from + batch))) {
        orchestrators.add(leaf.orchestrator().checksummed());
        workloads.add(leaf.workload().bytes());
        values.add(BigInteger.valueOf(1 + leaf.scoreBps() % ScoreLeaf.MAX_SCORE_BPS));
      }
      TransactionReceipt receipt =
          perScore.store(BigInteger.valueOf(epoch), orchestrators, workloads, values).send();
      assertThat(receipt.isStatusOK()).isTrue();
      total += receipt.getGasUsed().longValueExact();
      if (from == 0) {
        assertThat(
                perScore
                    .scoreOf(
                        BigInteger.valueOf(epoch), orchestrators.getFirst(), workloads.getFirst())
                    .send())
            .isEqualTo(values.getFirst());
      }
    }
    double ratio = (double) total / published;
    System.out.printf(
        "PerScoreStorage, 10,000 scores in their own slots: %,d gas, %.0f times a publication"
            + " (%,d)%n",
        total, ratio, published);
    assertThat(ratio).isGreaterThan(1_000);
  }

  /**
   * A rotation: the old set's signatures and a rotated-out signer stop counting at once (the config
   * version is in the signed digest); the new set publishes. Pausing stops publication. On a
   * contract of its own, so the shared one keeps its set.
   */
  @Test
  void aRotationRetiresOldSignaturesAndPausingStopsPublication() throws Exception {
    SlaOracle rotated =
        SlaOracle.deploy(
                web3j,
                transactions,
                GAS,
                deployer,
                signers.subList(0, 3).stream().map(s -> s.address().checksummed()).toList(),
                BigInteger.TWO)
            .send();
    SlaOracle shared = oracle;
    Eip712Domain sharedDomain = domain;
    oracle = rotated;
    domain =
        Eip712Domain.slaOracle(
            domain.chainId().longValueExact(), EvmAddress.fromHex(rotated.getContractAddress()));
    try {
      SnapshotSigner a = signers.get(0);
      SnapshotSigner b = signers.get(1);
      SnapshotSigner c = signers.get(2);
      SnapshotSigner d = signers.get(3);
      ScoreSnapshot first = new ScoreSnapshot(1, randomBytes32(), 5, randomBytes32(), 1);
      List<Signature> signedForVersionOne = sorted(first, a, b);

      TransactionReceipt change =
          rotated
              .setSigners(
                  List.of(b, c, d).stream().map(s -> s.address().checksummed()).toList(),
                  BigInteger.TWO)
              .send();
      assertThat(change.isStatusOK()).isTrue();
      assertThat(rotated.configVersion().send()).isEqualTo(BigInteger.TWO);
      assertThat(rotated.isSigner(a.address().checksummed()).send()).isFalse();
      assertThat(rotated.isSigner(d.address().checksummed()).send()).isTrue();

      assertThat(revert(first, signedForVersionOne)).isEqualTo("NotASigner(uint256,address)");
      ScoreSnapshot current = new ScoreSnapshot(1, first.scoresRoot(), 5, first.dataHash(), 2);
      assertThat(revert(current, sorted(current, a, b))).isEqualTo("NotASigner(uint256,address)");

      assertThat(rotated.pause().send().isStatusOK()).isTrue();
      assertThat(revert(current, sorted(current, c, d))).isEqualTo("EnforcedPause()");
      assertThat(rotated.unpause().send().isStatusOK()).isTrue();
      assertThat(publish(current, sorted(current, d, b)).isStatusOK()).isTrue();
      assertThat(rotated.latestEpoch().send()).isEqualTo(BigInteger.ONE);
    } finally {
      oracle = shared;
      domain = sharedDomain;
    }
  }

  /** Only the admin role (governance) may change the signers, the threshold or pause. */
  @Test
  void anAccountWithoutTheAdminRoleCannotChangeTheSignersNorPause() throws Exception {
    String outsider = Credentials.create(anvil.accounts().get(5).privateKey()).getAddress();
    String unauthorized =
        Hash.sha3String("AccessControlUnauthorizedAccount(address,bytes32)").substring(0, 10);
    List<String> calls =
        List.of(
            oracle.setSigners(List.of(outsider), BigInteger.ONE).encodeFunctionCall(),
            oracle.pause().encodeFunctionCall(),
            oracle.unpause().encodeFunctionCall());
    for (String data : calls) {
      EthCall call =
          web3j
              .ethCall(
                  Transaction.createEthCallTransaction(outsider, oracle.getContractAddress(), data),
                  DefaultBlockParameterName.LATEST)
              .send();
      String revertData =
          call.hasError() ? String.valueOf(call.getError().getData()) : call.getValue();
      assertThat(call.isReverted() || call.hasError()).as("the call reverts").isTrue();
      assertThat(revertData.replace("\"", "")).startsWith(unauthorized);
    }
    // the same setSigners from the admin would pass
    String byAdmin =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(
                    deployer, oracle.getContractAddress(), calls.getFirst()),
                DefaultBlockParameterName.LATEST)
            .send()
            .getValue();
    assertThat(byAdmin).isEqualTo("0x");
    assertThat(oracle.isSigner(outsider).send()).isFalse();
  }

  private TransactionReceipt publish(ScoreSnapshot snapshot, List<Signature> signatures)
      throws Exception {
    return publishCall(snapshot, signatures).send();
  }

  private RemoteFunctionCall<TransactionReceipt> publishCall(
      ScoreSnapshot snapshot, List<Signature> signatures) {
    return oracle.publish(
        BigInteger.valueOf(snapshot.epoch()),
        snapshot.scoresRoot().bytes(),
        BigInteger.valueOf(snapshot.leafCount()),
        snapshot.dataHash().bytes(),
        signatures.stream().map(Signature::bytes).toList());
  }

  /** The custom error a publication reverts with, as its signature ({@code eth_call}). */
  private String revert(ScoreSnapshot snapshot, List<Signature> signatures) throws Exception {
    String data = publishCall(snapshot, signatures).encodeFunctionCall();
    EthCall call =
        web3j
            .ethCall(
                Transaction.createEthCallTransaction(deployer, oracle.getContractAddress(), data),
                DefaultBlockParameterName.LATEST)
            .send();
    assertThat(call.isReverted() || call.hasError()).as("the call reverts").isTrue();
    String revertData =
        call.hasError() ? String.valueOf(call.getError().getData()) : call.getValue();
    String selector = revertData.replace("\"", "").substring(0, 10);
    for (String error :
        List.of(
            "EpochNotIncreasing(uint64,uint64)",
            "EmptySnapshot()",
            "NotEnoughSignatures(uint256,uint32)",
            "SignersNotAscending(uint256,address)",
            "NotASigner(uint256,address)",
            "EnforcedPause()")) {
      if (selector.equals(Hash.sha3String(error).substring(0, 10))) {
        return error;
      }
    }
    return revertData;
  }

  private boolean verify(ScoreLeaf leaf, List<Bytes32> proof) throws Exception {
    return verifyCall(leaf, proof).send();
  }

  private RemoteFunctionCall<Boolean> verifyCall(ScoreLeaf leaf, List<Bytes32> proof) {
    return oracle.verifyScore(
        BigInteger.valueOf(leaf.epoch()),
        leaf.orchestrator().checksummed(),
        leaf.workload().bytes(),
        BigInteger.valueOf(leaf.scoreBps()),
        BigInteger.valueOf(leaf.flags()),
        leaf.kpiDigest().bytes(),
        proof.stream().map(Bytes32::bytes).toList());
  }

  /**
   * Gas a {@code verifyScore} call spends executing (not the transaction's intrinsic gas or its
   * calldata, which EIP-7623 prices by a floor on this chain): the gas left before its first
   * instruction minus the gas left after its last, from {@code debug_traceCall}.
   */
  private long verifyExecutionGas(ScoreLeaf leaf, List<Bytes32> proof) throws Exception {
    String data = verifyCall(leaf, proof).encodeFunctionCall();
    JsonNode trace =
        new ObjectMapper()
            .readTree(
                anvil.rpc(
                    "debug_traceCall",
                    "[{\"from\":\""
                        + deployer
                        + "\",\"to\":\""
                        + oracle.getContractAddress()
                        + "\",\"data\":\""
                        + data
                        + "\"},\"latest\",{\"disableStorage\":true,\"disableMemory\":true,"
                        + "\"disableStack\":true}]"));
    JsonNode steps = trace.at("/result/structLogs");
    assertThat(trace.at("/result/failed").asBoolean()).isFalse();
    assertThat(steps.size()).isGreaterThan(10);
    JsonNode last = steps.get(steps.size() - 1);
    return steps.get(0).get("gas").asLong()
        - last.get("gas").asLong()
        + last.get("gasCost").asLong();
  }

  private List<Signature> sorted(ScoreSnapshot snapshot, SnapshotSigner... by) {
    return sortedIn(domain, snapshot, by);
  }

  /** The signers' signatures in ascending order of their addresses, as the contract wants them. */
  private static List<Signature> sortedIn(
      Eip712Domain in, ScoreSnapshot snapshot, SnapshotSigner... by) {
    return Arrays.stream(by)
        .sorted(Comparator.comparing(s -> s.address().checksummed().toLowerCase()))
        .map(s -> s.sign(snapshot, in))
        .toList();
  }

  private ScoreLeaf randomLeaf(long epoch) {
    byte[] address = new byte[20];
    random.nextBytes(address);
    return new ScoreLeaf(
        epoch,
        EvmAddress.of(address),
        randomBytes32(),
        random.nextInt(ScoreLeaf.MAX_SCORE_BPS + 1),
        random.nextInt(4),
        randomBytes32());
  }

  private Bytes32 randomBytes32() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Bytes32.of(bytes);
  }
}
