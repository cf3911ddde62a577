package io.naap.app.verify;

import static io.naap.app.verify.SnapshotFixture.ABSENT;
import static io.naap.app.verify.SnapshotFixture.FACEID;
import static io.naap.app.verify.SnapshotFixture.ONE_WORKLOAD;
import static io.naap.app.verify.SnapshotFixture.SDXL;
import static io.naap.app.verify.SnapshotFixture.TWO_WORKLOADS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.Signature;
import io.naap.attestations.SnapshotSigner;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.SlaOracle;
import io.naap.embedded.AnvilNode;
import io.naap.oracle.ChainTransactions;
import io.naap.oracle.SlaOracleChain;
import io.naap.oracle.SlaOracleDeployment;
import io.naap.testkit.AnvilExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.DefaultGasProvider;
import picocli.CommandLine;

/**
 * {@code naap verify} against a real anvil with SlaOracle deployed and snapshots published (signed
 * 2 of 3 in Java, as the oracle signs), its API answers served by a small HTTP server that can
 * tamper with them: the honest answer is VALID, and every tampering is caught by the check it
 * breaks.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyCommandIT {
  private final List<SnapshotSigner> signers =
      List.of(
          SnapshotFixture.signer("verify-operator-a"),
          SnapshotFixture.signer("verify-operator-b"),
          SnapshotFixture.signer("verify-operator-c"));
  private final SnapshotSigner outsider = SnapshotFixture.signer("verify-outsider");
  private final Random random = new Random(20261201);

  private AnvilNode anvil;
  private Web3j web3j;
  private Credentials deployer;
  private HttpServer server;
  private String api;

  /** Epoch 7 published on the first contract, signed by operators a and c. */
  private Served published;

  /** A second SlaOracle with the same signers and nothing published. */
  private SlaOracleDeployment.Deployed unpublished;

  /** Epoch 3 published on a third SlaOracle, whose signer set was rotated afterwards. */
  private Served rotated;

  private volatile Served served;
  private volatile UnaryOperator<ObjectNode> tamper = UnaryOperator.identity();

  /** What the API serves: a snapshot, and its publishing transaction if it was published. */
  private record Served(SnapshotFixture fixture, Optional<Bytes32> transaction) {}

  @BeforeAll
  void deployPublishAndServe(AnvilNode anvil) throws Exception {
    this.anvil = anvil;
    web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    List<EvmAddress> addresses = signers.stream().map(SnapshotSigner::address).toList();

    SlaOracleDeployment.Deployed first =
        SlaOracleDeployment.deploy(web3j, anvil.chainId(), deployer, addresses, 2);
    SnapshotFixture fixture =
        SnapshotFixture.of(
            anvil.chainId(),
            first.address(),
            7,
            1,
            List.of(signers.get(0), signers.get(2)),
            20,
            random);
    published = new Served(fixture, Optional.of(publish(first, fixture)));

    unpublished = SlaOracleDeployment.deploy(web3j, anvil.chainId(), deployer, addresses, 2);

    SlaOracleDeployment.Deployed third =
        SlaOracleDeployment.deploy(web3j, anvil.chainId(), deployer, addresses, 2);
    SnapshotFixture before =
        SnapshotFixture.of(
            anvil.chainId(), third.address(), 3, 1, signers.subList(0, 2), 5, random);
    rotated = new Served(before, Optional.of(publish(third, before)));
    SlaOracle.load(
            third.address().checksummed(),
            web3j,
            ProtocolDoubles.transactionManager(web3j, deployer, anvil.chainId()),
            new DefaultGasProvider())
        .setSigners(
            List.of(outsider.address().checksummed(), signers.get(2).address().checksummed()),
            BigInteger.TWO)
        .send();

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/attestations/", this::answer);
    server.start();
    api = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  @BeforeEach
  void serveTheHonestAnswer() {
    served = published;
    tamper = UnaryOperator.identity();
  }

  @Test
  void anHonestLeafIsValid() {
    Run run =
        verify("--orchestrator", TWO_WORKLOADS.checksummed(), "--workload", SDXL, "--epoch", "7");

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.OK);
    assertThat(run.failed()).isEmpty();
    assertThat(run.out())
        .contains("ok   chain id: the RPC's chain id 31337 is the API's")
        .contains("ok   contract: SlaOracle " + published.fixture().contract.checksummed())
        .contains("its address came from the API (pin it with --contract)")
        .contains("ok   digest:")
        .contains("ok   published: SnapshotPublished(epoch 7)")
        .contains("ok   stored root:")
        .contains("ok   signatures: 2 of the 3 signers of config version 1 signed, threshold 2: ")
        .contains(signers.get(0).address().checksummed())
        .contains(signers.get(2).address().checksummed())
        .contains("ok   answer (" + SDXL + ")")
        .contains("ok   workload id (" + SDXL + ")")
        .contains("ok   leaf hash (" + SDXL + ")")
        .contains("ok   merkle proof (" + SDXL + ")")
        .contains("ok   verifyScore (" + SDXL + "): SlaOracle accepts the leaf and its proof")
        .contains(
            "VALID: "
                + TWO_WORKLOADS.checksummed()
                + " scored 8123 bps for "
                + SDXL
                + " in epoch 7 (qualifies)")
        .doesNotContain("INVALID")
        .doesNotContain("info ");
  }

  @Test
  void latestAndNoWorkloadVerifyEveryLeafOfTheOrchestrator() {
    Run run =
        verify(
            "--orchestrator",
            TWO_WORKLOADS.checksummed().toLowerCase(Locale.ROOT),
            "--contract",
            published.fixture().contract.checksummed());

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("in epoch 7 (the latest the API has published), 2 leaf(s)")
        .contains("(given with --contract, the API's too) has code")
        .contains("VALID: " + TWO_WORKLOADS.checksummed() + " scored 8123 bps for " + SDXL)
        .contains(
            "VALID: "
                + TWO_WORKLOADS.checksummed()
                + " scored 5000 bps for "
                + FACEID
                + " in epoch 7 (does not qualify, provisional)");
    Run one = verify("--orchestrator", ONE_WORKLOAD.checksummed());
    assertThat(one.code()).as(one.all()).isEqualTo(ExitCodes.OK);
    assertThat(one.out())
        .contains(
            "VALID: "
                + ONE_WORKLOAD.checksummed()
                + " scored 4217 bps for "
                + SDXL
                + " in epoch 7 (does not qualify)");
  }

  @Test
  void aChangedScoreFailsTheLeafHashTheProofAndVerifyScore() {
    tamper = body -> increment(body, "scoreBps");

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed())
        .containsExactly(
            "leaf hash (" + SDXL + ")",
            "merkle proof (" + SDXL + ")",
            "verifyScore (" + SDXL + ")");
    assertThat(run.out())
        .contains("FAIL verifyScore (" + SDXL + "): SlaOracle answers false")
        .contains("INVALID: 3 checks failed")
        .doesNotContainPattern("(?m)^VALID: ");
  }

  @Test
  void aChangedProofElementFailsTheProofLocallyAndOnChain() {
    tamper =
        body -> {
          ArrayNode proof = (ArrayNode) body.get("proof");
          byte[] sibling = Bytes32.fromHex(proof.get(0).asText()).bytes();
          sibling[31] ^= 1;
          proof.set(0, Bytes32.of(sibling).hex());
          return body;
        };

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed())
        .containsExactly("merkle proof (" + SDXL + ")", "verifyScore (" + SDXL + ")");
    assertThat(run.out())
        .contains("does not reach scoresRoot (computed locally)")
        .contains("INVALID: 2 checks failed");
  }

  @Test
  void aSignatureByANonSignerIsNotCounted() {
    SnapshotFixture fixture = published.fixture();
    Signature forged = outsider.sign(fixture.digest);
    tamper =
        body -> {
          ObjectNode second = (ObjectNode) body.get("signatures").get(1);
          second.put("signature", forged.hex());
          return body;
        };

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed()).containsExactly("signatures");
    assertThat(run.out())
        .contains(
            "FAIL signatures: only 1 of the 3 signers of config version 1 signed, threshold 2")
        .contains("signature 1 recovers to " + outsider.address().checksummed() + ", not a signer")
        .contains("signature 1 is labelled")
        .contains("INVALID: 1 check failed");
  }

  @Test
  void theSameSignatureTwiceCountsOnce() {
    tamper =
        body -> {
          ArrayNode signatures = (ArrayNode) body.get("signatures");
          signatures.set(1, signatures.get(0).deepCopy());
          return body;
        };

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed()).containsExactly("signatures");
    assertThat(run.out()).contains("signature 1 is ").contains("'s again");
  }

  @Test
  void anotherChainIdFailsTheChainCheck() {
    tamper =
        body -> {
          body.put("chainId", 1);
          return body;
        };

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed()).containsExactly("chain id");
    assertThat(run.out()).contains("FAIL chain id: the RPC's chain id is 31337, the API's 1");
  }

  /**
   * An API that forges a whole snapshot consistently (a raised score, a new tree, root and digest,
   * signed by keys it holds) passes every local check and fails every check against the chain.
   */
  @Test
  void aForgedSelfConsistentSnapshotFailsEveryChainCheck() {
    SnapshotFixture honest = published.fixture();
    SnapshotFixture forged =
        SnapshotFixture.of(
            honest.chainId,
            honest.contract,
            7,
            1,
            List.of(outsider, SnapshotFixture.signer("verify-outsider-2")),
            20,
            new Random(1));
    served = new Served(forged, published.transaction());

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed())
        .containsExactly("published", "stored root", "signatures", "verifyScore (" + SDXL + ")");
    assertThat(run.out())
        .contains("ok   digest:")
        .contains("ok   merkle proof (" + SDXL + ")")
        .contains("scoresRoot " + honest.snapshot.scoresRoot() + " on chain, ")
        .contains("only 0 of the 3 signers")
        .contains("INVALID: 4 checks failed");
  }

  @Test
  void anotherOrchestratorsLeafIsNotAnAnswer() {
    SnapshotFixture fixture = published.fixture();
    ObjectNode others =
        fixture.proofJson(fixture.entry(ONE_WORKLOAD, SDXL).orElseThrow(), published.transaction());
    tamper = body -> others;

    Run run = verifySdxl();

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed()).containsExactly("answer (" + SDXL + ")");
    assertThat(run.out())
        .contains(
            "the leaf is "
                + ONE_WORKLOAD.checksummed()
                + "'s, not "
                + TWO_WORKLOADS.checksummed()
                + "'s");
  }

  @Test
  void aPinnedContractThatIsNotTheApisFails() {
    Run run =
        verify(
            "--orchestrator",
            TWO_WORKLOADS.checksummed(),
            "--workload",
            SDXL,
            "--contract",
            unpublished.address().checksummed());

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed())
        .containsExactly(
            "contract",
            "digest",
            "published",
            "stored root",
            "signatures",
            "verifyScore (" + SDXL + ")");
    assertThat(run.out())
        .contains(
            "the API serves SlaOracle "
                + published.fixture().contract.checksummed()
                + ", not "
                + unpublished.address().checksummed()
                + " given with --contract")
        .contains("SlaOracle holds no root for epoch 7");
  }

  @Test
  void anAddressWithoutCodeFails() {
    Run run =
        verify(
            "--orchestrator",
            TWO_WORKLOADS.checksummed(),
            "--workload",
            SDXL,
            "--contract",
            deployer.getAddress());

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).contains("FAIL contract: ").contains("no code at ");
  }

  @Test
  void aRotatedSignerSetIsSaidButTheSnapshotStaysValid() {
    served = rotated;

    Run run = verify("--orchestrator", ONE_WORKLOAD.checksummed(), "--epoch", "3");

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("ok   signatures: 2 of the 3 signers of config version 1 signed")
        .contains(
            "info the signer set has been rotated since: SlaOracle is at config version 2; epoch"
                + " 3 was accepted under config version 1")
        .contains("VALID: " + ONE_WORKLOAD.checksummed() + " scored 4217 bps");
  }

  @Test
  void aSearchThatStartsAfterThePublicationFindsNoEvent() throws IOException {
    long after =
        web3j
                .ethGetTransactionReceipt(published.transaction().orElseThrow().hex())
                .send()
                .getTransactionReceipt()
                .orElseThrow()
                .getBlockNumber()
                .longValueExact()
            + 1;
    Run run =
        verify(
            "--orchestrator",
            TWO_WORKLOADS.checksummed(),
            "--workload",
            SDXL,
            "--from-block",
            Long.toString(after));

    assertThat(run.code()).as(run.all()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.failed()).containsExactly("published", "signatures");
    assertThat(run.out()).contains("since block " + after).contains("(an earlier --from-block?)");
  }

  @Test
  void anOrchestratorWithoutALeafIsAClearFailure() {
    Run run = verify("--orchestrator", ABSENT.checksummed());
    assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("naap: the API at " + api + " has no leaf of " + ABSENT.checksummed())
        .contains("in epoch 7");

    Run unknownWorkload =
        verify("--orchestrator", ONE_WORKLOAD.checksummed(), "--workload", FACEID);
    assertThat(unknownWorkload.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unknownWorkload.err())
        .contains("has no leaf of " + ONE_WORKLOAD.checksummed() + " for " + FACEID)
        .contains(": " + ONE_WORKLOAD.checksummed() + " has no leaf for " + FACEID + " in epoch 7");

    Run unknownEpoch = verify("--orchestrator", ONE_WORKLOAD.checksummed(), "--epoch", "99");
    assertThat(unknownEpoch.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unknownEpoch.err()).contains("has no attestation of epoch 99");
  }

  @Test
  void aMalformedAnswerIsAClearFailure() {
    tamper =
        body -> {
          body.remove("leafHash");
          return body;
        };
    Run run = verifySdxl();
    assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .contains("answered a malformed attestation")
        .contains("'leafHash' is missing");
  }

  @Test
  void anUnreachableApiOrChainIsAClearFailure() throws IOException {
    String closed = "http://127.0.0.1:" + closedPort();
    Run noApi =
        run(
            "verify",
            "--orchestrator",
            ONE_WORKLOAD.checksummed(),
            "--api",
            closed,
            "--rpc",
            anvil.rpcUrl());
    assertThat(noApi.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(noApi.err())
        .startsWith("naap: cannot reach the API at " + closed + ": nothing answers");

    Run notNaap =
        run(
            "verify",
            "--orchestrator",
            ONE_WORKLOAD.checksummed(),
            "--api",
            anvil.rpcUrl(),
            "--rpc",
            anvil.rpcUrl());
    assertThat(notNaap.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(notNaap.err())
        .startsWith("naap: the API at " + anvil.rpcUrl() + " answered HTTP ")
        .contains("is it naap's API?");

    Run noChain =
        run("verify", "--orchestrator", ONE_WORKLOAD.checksummed(), "--api", api, "--rpc", closed);
    assertThat(noChain.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(noChain.err()).startsWith("naap: cannot reach the chain at " + closed);
  }

  private Run verifySdxl() {
    return verify("--orchestrator", TWO_WORKLOADS.checksummed(), "--workload", SDXL);
  }

  private Run verify(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "verify";
    all[1] = "--api";
    all[2] = api;
    all[3] = "--rpc";
    all[4] = anvil.rpcUrl();
    System.arraycopy(args, 0, all, 5, args.length);
    return run(all);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int code, String out, String err) {
    /** The names of the failed checks, in order. */
    List<String> failed() {
      return out.lines()
          .filter(line -> line.startsWith("FAIL "))
          .map(line -> line.substring(5, line.indexOf(": ")))
          .toList();
    }

    String all() {
      return out + err;
    }
  }

  private static ObjectNode increment(ObjectNode body, String field) {
    ObjectNode leaf = (ObjectNode) body.get("leaf");
    leaf.put(field, leaf.get(field).asInt() + 1);
    return body;
  }

  /** Publishes the fixture's snapshot on the contract, as the oracle does; its transaction. */
  private Bytes32 publish(SlaOracleDeployment.Deployed contract, SnapshotFixture fixture)
      throws InterruptedException {
    SlaOracleChain chain =
        new SlaOracleChain(web3j, anvil.chainId(), contract.address(), contract.block());
    ChainTransactions.Prepared prepared =
        chain.preparePublish(fixture.snapshot, fixture.signatures, deployer);
    chain.send(prepared);
    for (int i = 0; i < 300; i++) {
      ChainTransactions.TransactionState state = chain.state(prepared.hash());
      if (state == ChainTransactions.TransactionState.SUCCEEDED) {
        return prepared.hash();
      }
      assertThat(state).isNotEqualTo(ChainTransactions.TransactionState.REVERTED);
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the publication of epoch " + fixture.snapshot.epoch() + " was not mined");
  }

  /** The API's two attestation routes, over whatever {@link #served} holds. */
  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Served current = served;
      SnapshotFixture fixture = current.fixture();
      String[] path =
          exchange.getRequestURI().getPath().substring("/v1/attestations/".length()).split("/");
      String epoch = path[0];
      if (!epoch.equals("latest") && !epoch.equals(Long.toString(fixture.snapshot.epoch()))) {
        send(exchange, 404, error("not_found", "epoch " + epoch + " has no snapshot"));
        return;
      }
      if (path.length == 1) {
        send(exchange, 200, fixture.attestationJson(current.transaction()).toString());
        return;
      }
      EvmAddress orchestrator = EvmAddress.fromHex(path[2].toLowerCase(Locale.ROOT));
      String query = exchange.getRequestURI().getRawQuery();
      String workload =
          URLDecoder.decode(query.substring("workload=".length()), StandardCharsets.UTF_8);
      Optional<SnapshotFixture.Entry> entry = fixture.entry(orchestrator, workload);
      if (entry.isEmpty()) {
        send(
            exchange,
            404,
            error(
                "not_found",
                orchestrator.checksummed()
                    + " has no leaf for "
                    + workload
                    + " in epoch "
                    + fixture.snapshot.epoch()));
        return;
      }
      send(
          exchange,
          200,
          tamper.apply(fixture.proofJson(entry.get(), current.transaction())).toString());
    }
  }

  private static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":{}}}";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
