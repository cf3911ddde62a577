package io.naap.app.verify;

import static io.naap.app.verify.SnapshotFixture.FACEID;
import static io.naap.app.verify.SnapshotFixture.SDXL;
import static io.naap.app.verify.SnapshotFixture.TWO_WORKLOADS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.SignerSet;
import io.naap.attestations.SnapshotSigner;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The verdict logic over given chain facts: what {@code VerifyCommandIT} cannot cheaply make a real
 * chain or API say (a mislabelled or malformed signature, answers about two snapshots, a read that
 * fails, a publication under another config version).
 */
class VerificationTest {
  private static final long CHAIN = 31337;
  private static final EvmAddress CONTRACT =
      EvmAddress.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Bytes32 TRANSACTION = Bytes32.keccak(new byte[] {1});

  private final List<SnapshotSigner> signers =
      List.of(
          SnapshotFixture.signer("unit-operator-a"),
          SnapshotFixture.signer("unit-operator-b"),
          SnapshotFixture.signer("unit-operator-c"));
  private final SnapshotFixture fixture =
      SnapshotFixture.of(CHAIN, CONTRACT, 12, 4, signers.subList(1, 3), 10, new Random(7));

  @Test
  void factsThatAgreeWithTheAnswerGiveValid() {
    Report report = verify(List.of(SDXL), facts(), UnaryOperator.identity());

    assertThat(report.failures()).isEmpty();
    assertThat(report.valid()).isTrue();
    assertThat(report.verdict())
        .containsExactly(
            "VALID: "
                + TWO_WORKLOADS.checksummed()
                + " scored 8123 bps for "
                + SDXL
                + " in epoch 12 (qualifies)");
    assertThat(report.lines()).allSatisfy(line -> assertThat(line.text()).startsWith("ok   "));
  }

  @Test
  void aPublicationUnderAnotherConfigVersionOrTransactionFails() {
    ChainFacts.Publication event = publication();
    ChainFacts facts =
        facts(
            new ChainRead.Value<>(
                Optional.of(
                    new ChainFacts.Publication(
                        event.epoch(),
                        event.scoresRoot(),
                        event.leafCount(),
                        event.dataHash(),
                        5,
                        event.submitter(),
                        event.block(),
                        Bytes32.keccak(new byte[] {2})))),
            new ChainRead.Value<>(Optional.of(set())),
            new ChainRead.Value<>(4L));

    Report report = verify(List.of(SDXL), facts, UnaryOperator.identity());

    assertThat(names(report.failures())).containsExactly("published");
    assertThat(report.failures().getFirst().detail())
        .contains("configVersion 5 on chain, 4 from the API")
        .contains("transaction " + Bytes32.keccak(new byte[] {2}) + " on chain, " + TRANSACTION);
    assertThat(report.verdict()).containsExactly("INVALID: 1 check failed");
  }

  @Test
  void aMislabelledSignatureCountsForItsRealSignerAndIsNamed() {
    Report report =
        verify(
            List.of(SDXL),
            facts(),
            body -> {
              ObjectNode first = (ObjectNode) body.get("signatures").get(0);
              first.put("signer", signers.get(0).address().checksummed());
              return body;
            });

    assertThat(report.valid()).isTrue();
    assertThat(text(report))
        .contains("ok   signatures: 2 of the 3 signers of config version 4 signed, threshold 2")
        .contains("signature 0 is labelled " + signers.get(0).address().checksummed());
  }

  @Test
  void aMalformedSignatureIsNotCounted() {
    Report report =
        verify(
            List.of(SDXL),
            facts(),
            body -> {
              ObjectNode first = (ObjectNode) body.get("signatures").get(0);
              first.put("signature", "0x1234");
              return body;
            });

    assertThat(names(report.failures())).containsExactly("signatures");
    assertThat(text(report))
        .contains("FAIL signatures: only 1 of the 3 signers")
        .contains("signature 0 is malformed (a signature is 0x and 130 hex digits)");
  }

  @Test
  void aSignerSetOfTheVersionThatCannotBeReadOrFoundFails() {
    Report unread =
        verify(
            List.of(SDXL),
            facts(
                new ChainRead.Value<>(Optional.of(publication())),
                new ChainRead.Failed<>("eth_getLogs failed: block range too large"),
                new ChainRead.Value<>(4L)),
            UnaryOperator.identity());
    assertThat(names(unread.failures())).containsExactly("signatures");
    assertThat(text(unread))
        .contains(
            "FAIL signatures: cannot read the signer set of config version 4: eth_getLogs failed:"
                + " block range too large");
  }

  @Test
  void aRotatedSetIsInformationNotAFailure() {
    Report report =
        verify(
            List.of(SDXL),
            facts(
                new ChainRead.Value<>(Optional.of(publication())),
                new ChainRead.Value<>(Optional.of(set())),
                new ChainRead.Value<>(6L)),
            UnaryOperator.identity());

    assertThat(report.valid()).isTrue();
    assertThat(text(report))
        .contains(
            "info the signer set has been rotated since: SlaOracle is at config version 6; epoch"
                + " 12 was accepted under config version 4");
  }

  @Test
  void answersAboutTwoSnapshotsFailTheSecondAnswer() {
    ProofAnswer first = answer(SDXL, UnaryOperator.identity());
    ProofAnswer second =
        answer(
            FACEID,
            body -> {
              body.put("dataHash", Bytes32.keccak(new byte[] {3}).hex());
              return body;
            });

    Report report =
        Verification.verify(
            new Verification.Request(TWO_WORKLOADS, 12, List.of(SDXL, FACEID), Optional.empty()),
            List.of(first, second),
            facts(2));

    assertThat(names(report.failures())).containsExactly("answer (" + FACEID + ")");
    assertThat(text(report)).contains("its snapshot differs from the one of the first answer");
  }

  @Test
  void anUnsignableSnapshotFailsTheDigestAndTheSignatures() {
    Report report =
        verify(
            List.of(SDXL),
            facts(),
            body -> {
              body.put("leafCount", 0);
              return body;
            });

    assertThat(names(report.failures())).contains("digest", "signatures");
    assertThat(text(report))
        .contains("FAIL digest: the API's snapshot cannot be signed: leafCount must be a uint32")
        .contains("FAIL signatures: no digest to recover signers from");
  }

  @Test
  void aFailedReadFailsItsCheckWithTheReason() {
    ChainFacts agreeing = facts();
    ChainFacts facts =
        new ChainFacts(
            agreeing.chainId(),
            agreeing.contract(),
            agreeing.fromBlock(),
            agreeing.hasCode(),
            agreeing.publication(),
            new ChainRead.Failed<>("cannot read epoch 12 from SlaOracle: execution reverted"),
            agreeing.signerSet(),
            agreeing.currentConfigVersion(),
            List.of(new ChainRead.Failed<>("cannot call verifyScore: execution reverted")));

    Report report = verify(List.of(SDXL), facts, UnaryOperator.identity());

    assertThat(names(report.failures()))
        .containsExactly("stored root", "verifyScore (" + SDXL + ")");
    assertThat(text(report))
        .contains("FAIL stored root: cannot read epoch 12 from SlaOracle: execution reverted")
        .contains("FAIL verifyScore (" + SDXL + "): cannot call verifyScore: execution reverted");
  }

  private Report verify(
      List<String> workloads, ChainFacts facts, UnaryOperator<ObjectNode> tamper) {
    return Verification.verify(
        new Verification.Request(TWO_WORKLOADS, 12, workloads, Optional.empty()),
        workloads.stream().map(workload -> answer(workload, tamper)).toList(),
        facts);
  }

  private ProofAnswer answer(String workload, UnaryOperator<ObjectNode> tamper) {
    return ProofAnswer.fromJson(
        tamper.apply(
            fixture.proofJson(
                fixture.entry(TWO_WORKLOADS, workload).orElseThrow(), Optional.of(TRANSACTION))));
  }

  private SignerSet set() {
    return new SignerSet(signers.stream().map(SnapshotSigner::address).toList(), 2);
  }

  private ChainFacts.Publication publication() {
    return new ChainFacts.Publication(
        12,
        fixture.snapshot.scoresRoot(),
        fixture.snapshot.leafCount(),
        fixture.snapshot.dataHash(),
        4,
        signers.getFirst().address(),
        99,
        TRANSACTION);
  }

  /** What a chain on which the fixture was published answers, for one leaf. */
  private ChainFacts facts() {
    return facts(1);
  }

  private ChainFacts facts(int leaves) {
    ChainFacts facts =
        facts(
            new ChainRead.Value<>(Optional.of(publication())),
            new ChainRead.Value<>(Optional.of(set())),
            new ChainRead.Value<>(4L));
    return new ChainFacts(
        facts.chainId(),
        facts.contract(),
        facts.fromBlock(),
        facts.hasCode(),
        facts.publication(),
        facts.storedRoot(),
        facts.signerSet(),
        facts.currentConfigVersion(),
        Collections.nCopies(leaves, new ChainRead.Value<>(true)));
  }

  private ChainFacts facts(
      ChainRead<Optional<ChainFacts.Publication>> publication,
      ChainRead<Optional<SignerSet>> signerSet,
      ChainRead<Long> currentConfigVersion) {
    return new ChainFacts(
        CHAIN,
        CONTRACT,
        0,
        new ChainRead.Value<>(true),
        publication,
        new ChainRead.Value<>(Optional.of(fixture.snapshot.scoresRoot())),
        signerSet,
        currentConfigVersion,
        List.of(new ChainRead.Value<>(true)));
  }

  private static List<String> names(List<Report.Check> checks) {
    return checks.stream().map(Report.Check::name).toList();
  }

  private static String text(Report report) {
    return String.join("\n", report.lines().stream().map(Report.Line::text).toList());
  }
}
