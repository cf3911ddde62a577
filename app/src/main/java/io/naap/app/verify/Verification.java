package io.naap.app.verify;

import io.naap.app.verify.ChainFacts.Publication;
import io.naap.app.verify.Report.Check;
import io.naap.app.verify.Report.Info;
import io.naap.app.verify.Report.Line;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.attestations.SignerSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges the API's answers against what can be recomputed locally and what the chain says, trusting
 * nothing the API states that can be checked: the chain id, the contract, the EIP-712 digest, the
 * SnapshotPublished event and the stored root, the signatures against the signer set of the
 * snapshot's config version, and for each leaf its workload id, hash, Merkle proof (locally) and
 * {@code verifyScore} (on chain). Pure: the chain's answers come in as {@link ChainFacts}.
 */
final class Verification {
  private Verification() {}

  /**
   * What was asked.
   *
   * @param orchestrator whose leaves
   * @param epoch the epoch (as given, or {@code latest} as the API resolved it)
   * @param workloads the workload each answer was asked for, in the answers' order
   * @param pinnedContract the SlaOracle given with {@code --contract}, if any
   */
  record Request(
      EvmAddress orchestrator,
      long epoch,
      List<String> workloads,
      Optional<EvmAddress> pinnedContract) {
    Request {
      Objects.requireNonNull(orchestrator, "orchestrator");
      workloads = List.copyOf(workloads);
      Objects.requireNonNull(pinnedContract, "pinnedContract");
    }
  }

  /**
   * @param answers the API's answers, one per workload asked, in the request's order
   */
  static Report verify(Request request, List<ProofAnswer> answers, ChainFacts chain) {
    if (answers.isEmpty() || answers.size() != request.workloads().size()) {
      throw new IllegalArgumentException(
          "one answer per workload asked: "
              + request.workloads().size()
              + " asked, "
              + answers.size()
              + " answered");
    }
    if (chain.verifyScore().size() != answers.size()) {
      throw new IllegalArgumentException("one verifyScore result per answer");
    }
    ProofAnswer first = answers.getFirst();
    ProofAnswer.Snapshot snapshot = first.snapshot();
    List<Line> lines = new ArrayList<>();
    lines.add(chainId(snapshot, chain));
    lines.add(contract(request, snapshot, chain));
    Optional<Bytes32> digest;
    try {
      digest =
          Optional.of(
              new ScoreSnapshot(
                      snapshot.epoch(),
                      snapshot.scoresRoot(),
                      snapshot.leafCount(),
                      snapshot.dataHash(),
                      snapshot.configVersion())
                  .digest(Eip712Domain.slaOracle(chain.chainId(), chain.contract())));
      lines.add(digest(snapshot, chain, digest.get()));
    } catch (IllegalArgumentException e) {
      digest = Optional.empty();
      lines.add(Check.fail("digest", "the API's snapshot cannot be signed: " + e.getMessage()));
    }
    lines.add(published(first, chain));
    lines.add(storedRoot(snapshot, chain));
    lines.add(signatures(first, chain, digest));
    rotation(snapshot, chain).ifPresent(lines::add);
    for (int i = 0; i < answers.size(); i++) {
      ProofAnswer answer = answers.get(i);
      String of = " (" + answer.workload() + ")";
      lines.add(answer(request, request.workloads().get(i), answer, first, i, of));
      lines.add(workloadId(answer, of));
      lines.add(leafHash(answer, of));
      lines.add(merkleProof(answer, of));
      lines.add(verifyScore(chain.verifyScore().get(i), of));
    }
    return new Report(lines, answers);
  }

  private static Check chainId(ProofAnswer.Snapshot snapshot, ChainFacts chain) {
    return snapshot.chainId() == chain.chainId()
        ? Check.ok("chain id", "the RPC's chain id " + chain.chainId() + " is the API's")
        : Check.fail(
            "chain id",
            "the RPC's chain id is " + chain.chainId() + ", the API's " + snapshot.chainId());
  }

  private static Check contract(Request request, ProofAnswer.Snapshot snapshot, ChainFacts chain) {
    String address = chain.contract().checksummed();
    List<String> problems = new ArrayList<>();
    if (request.pinnedContract().isPresent() && !snapshot.contract().equals(chain.contract())) {
      problems.add(
          "the API serves SlaOracle "
              + snapshot.contract().checksummed()
              + ", not "
              + address
              + " given with --contract");
    }
    switch (chain.hasCode()) {
      case ChainRead.Value<Boolean>(Boolean code) when code -> {}
      case ChainRead.Value<Boolean> none -> problems.add("no code at " + address);
      case ChainRead.Failed<Boolean>(String reason) ->
          problems.add("cannot read the code at " + address + ": " + reason);
    }
    if (!problems.isEmpty()) {
      return Check.fail("contract", String.join("; ", problems));
    }
    return Check.ok(
        "contract",
        request.pinnedContract().isPresent()
            ? "SlaOracle " + address + " (given with --contract, the API's too) has code"
            : "SlaOracle "
                + address
                + " has code; its address came from the API (pin it with --contract)");
  }

  private static Check digest(ProofAnswer.Snapshot snapshot, ChainFacts chain, Bytes32 digest) {
    String what =
        "the EIP-712 digest of epoch "
            + snapshot.epoch()
            + " (scoresRoot "
            + snapshot.scoresRoot()
            + ", "
            + snapshot.leafCount()
            + " leaves, dataHash "
            + snapshot.dataHash()
            + ", config version "
            + snapshot.configVersion()
            + ") under chain "
            + chain.chainId()
            + " and "
            + chain.contract().checksummed()
            + " is ";
    return digest.equals(snapshot.digest())
        ? Check.ok("digest", what + "the API's " + digest)
        : Check.fail("digest", what + digest + ", the API's " + snapshot.digest());
  }

  private static Check published(ProofAnswer answer, ChainFacts chain) {
    ProofAnswer.Snapshot snapshot = answer.snapshot();
    String event = "SnapshotPublished(epoch " + snapshot.epoch() + ")";
    return switch (chain.publication()) {
      case ChainRead.Failed<Optional<Publication>>(String reason) ->
          Check.fail("published", "cannot read " + event + ": " + reason);
      case ChainRead.Value<Optional<Publication>>(Optional<Publication> found)
          when found.isEmpty() ->
          Check.fail(
              "published",
              "no "
                  + event
                  + " event from "
                  + chain.contract().checksummed()
                  + " since block "
                  + chain.fromBlock()
                  + " (the API says the snapshot is "
                  + answer.status()
                  + ")");
      case ChainRead.Value<Optional<Publication>>(Optional<Publication> found) -> {
        Publication publication = found.get();
        List<String> differences = new ArrayList<>();
        differ(differences, "scoresRoot", publication.scoresRoot(), snapshot.scoresRoot());
        differ(differences, "leafCount", publication.leafCount(), snapshot.leafCount());
        differ(differences, "dataHash", publication.dataHash(), snapshot.dataHash());
        differ(differences, "configVersion", publication.configVersion(), snapshot.configVersion());
        answer
            .transaction()
            .ifPresent(hash -> differ(differences, "transaction", publication.transaction(), hash));
        String where =
            event
                + " in block "
                + publication.block()
                + ", transaction "
                + publication.transaction()
                + ", submitted by "
                + publication.submitter().checksummed();
        yield differences.isEmpty()
            ? Check.ok(
                "published",
                where + ", commits the API's scoresRoot, leafCount, dataHash and configVersion")
            : Check.fail("published", where + ": " + String.join("; ", differences));
      }
    };
  }

  private static void differ(List<String> differences, String field, Object chain, Object api) {
    if (!chain.equals(api)) {
      differences.add(field + " " + chain + " on chain, " + api + " from the API");
    }
  }

  private static Check storedRoot(ProofAnswer.Snapshot snapshot, ChainFacts chain) {
    String holds = "SlaOracle holds ";
    return switch (chain.storedRoot()) {
      case ChainRead.Failed<Optional<Bytes32>>(String reason) -> Check.fail("stored root", reason);
      case ChainRead.Value<Optional<Bytes32>>(Optional<Bytes32> root) when root.isEmpty() ->
          Check.fail("stored root", holds + "no root for epoch " + snapshot.epoch());
      case ChainRead.Value<Optional<Bytes32>>(Optional<Bytes32> root) ->
          root.get().equals(snapshot.scoresRoot())
              ? Check.ok(
                  "stored root",
                  holds + "the API's scoresRoot " + root.get() + " for epoch " + snapshot.epoch())
              : Check.fail(
                  "stored root",
                  holds
                      + root.get()
                      + " for epoch "
                      + snapshot.epoch()
                      + ", the API says "
                      + snapshot.scoresRoot());
    };
  }

  /**
   * Counts the distinct signers of the snapshot's config version among the signatures' recovered
   * signers; valid at the set's threshold. Signatures that do not count are named.
   */
  private static Check signatures(ProofAnswer answer, ChainFacts chain, Optional<Bytes32> digest) {
    long version = answer.snapshot().configVersion();
    String ofVersion = "config version " + version;
    SignerSet set;
    switch (chain.signerSet()) {
      case ChainRead.Failed<Optional<SignerSet>>(String reason) -> {
        return Check.fail(
            "signatures", "cannot read the signer set of " + ofVersion + ": " + reason);
      }
      case ChainRead.Value<Optional<SignerSet>>(Optional<SignerSet> found) when found.isEmpty() -> {
        return Check.fail(
            "signatures",
            "no SignerSetChanged event of "
                + ofVersion
                + " from "
                + chain.contract().checksummed()
                + " since block "
                + chain.fromBlock()
                + " (an earlier --from-block?)");
      }
      case ChainRead.Value<Optional<SignerSet>>(Optional<SignerSet> found) -> set = found.get();
    }
    if (digest.isEmpty()) {
      return Check.fail("signatures", "no digest to recover signers from");
    }
    Set<EvmAddress> counted = new LinkedHashSet<>();
    List<String> notCounted = new ArrayList<>();
    List<String> mislabelled = new ArrayList<>();
    List<ProofAnswer.SignedBy> signatures = answer.signatures();
    for (int i = 0; i < signatures.size(); i++) {
      ProofAnswer.SignedBy claimed = signatures.get(i);
      Optional<EvmAddress> signer;
      try {
        signer = Signature.fromHex(claimed.signature()).signer(digest.get());
      } catch (IllegalArgumentException e) {
        notCounted.add("signature " + i + " is malformed (" + e.getMessage() + ")");
        continue;
      }
      if (signer.isEmpty()) {
        notCounted.add("signature " + i + " recovers no key");
        continue;
      }
      EvmAddress recovered = signer.get();
      if (!claimed.signer().toLowerCase(Locale.ROOT).equals(hexLower(recovered))) {
        mislabelled.add(
            "signature "
                + i
                + " is labelled "
                + claimed.signer()
                + " but recovers to "
                + recovered.checksummed());
      }
      if (!set.signers().contains(recovered)) {
        notCounted.add(
            "signature " + i + " recovers to " + recovered.checksummed() + ", not a signer");
      } else if (!counted.add(recovered)) {
        notCounted.add("signature " + i + " is " + recovered.checksummed() + "'s again");
      }
    }
    List<String> remarks = new ArrayList<>(notCounted);
    remarks.addAll(mislabelled);
    String signed =
        counted.size()
            + " of the "
            + set.signers().size()
            + " signers of "
            + ofVersion
            + " signed, threshold "
            + set.threshold()
            + (counted.isEmpty()
                ? ""
                : ": "
                    + counted.stream()
                        .map(EvmAddress::checksummed)
                        .collect(Collectors.joining(", ")))
            + (remarks.isEmpty()
                ? ""
                : "; not counted or mislabelled: " + String.join("; ", remarks));
    return counted.size() >= set.threshold()
        ? Check.ok("signatures", signed)
        : Check.fail("signatures", "only " + signed);
  }

  private static String hexLower(EvmAddress address) {
    return address.checksummed().toLowerCase(Locale.ROOT);
  }

  private static Optional<Line> rotation(ProofAnswer.Snapshot snapshot, ChainFacts chain) {
    return switch (chain.currentConfigVersion()) {
      case ChainRead.Value<Long>(Long current) when current > snapshot.configVersion() ->
          Optional.of(
              new Info(
                  "the signer set has been rotated since: SlaOracle is at config version "
                      + current
                      + "; epoch "
                      + snapshot.epoch()
                      + " was accepted under config version "
                      + snapshot.configVersion()
                      + ", whose signers are checked above"));
      case ChainRead.Value<Long> notRotated -> Optional.empty();
      case ChainRead.Failed<Long>(String reason) ->
          Optional.of(new Info("cannot read SlaOracle's current config version: " + reason));
    };
  }

  /** The API answered for what was asked, and every answer for the same snapshot. */
  private static Check answer(
      Request request,
      String workload,
      ProofAnswer answer,
      ProofAnswer first,
      int index,
      String of) {
    List<String> problems = new ArrayList<>();
    ScoreLeaf leaf = answer.leaf();
    if (answer.snapshot().epoch() != request.epoch()) {
      problems.add(
          "the answer is about epoch " + answer.snapshot().epoch() + ", not " + request.epoch());
    }
    if (leaf.epoch() != answer.snapshot().epoch()) {
      problems.add(
          "the leaf is of epoch "
              + leaf.epoch()
              + ", its snapshot of "
              + answer.snapshot().epoch());
    }
    if (!leaf.orchestrator().equals(request.orchestrator())) {
      problems.add(
          "the leaf is "
              + leaf.orchestrator().checksummed()
              + "'s, not "
              + request.orchestrator().checksummed()
              + "'s");
    }
    if (!answer.workload().equals(workload)) {
      problems.add("the leaf is for " + answer.workload() + ", not " + workload);
    }
    if (index > 0 && !answer.snapshot().equals(first.snapshot())) {
      problems.add("its snapshot differs from the one of the first answer");
    }
    return problems.isEmpty()
        ? Check.ok(
            "answer" + of,
            "the leaf of "
                + request.orchestrator().checksummed()
                + " for "
                + workload
                + " in epoch "
                + request.epoch()
                + ", as asked")
        : Check.fail("answer" + of, String.join("; ", problems));
  }

  private static Check workloadId(ProofAnswer answer, String of) {
    Bytes32 expected;
    try {
      expected = ScoreLeaf.workloadId(answer.workload());
    } catch (IllegalArgumentException e) {
      return Check.fail("workload id" + of, e.getMessage());
    }
    String what = "keccak256(\"" + answer.workload() + "\") is " + expected;
    return expected.equals(answer.leaf().workload())
        ? Check.ok("workload id" + of, what + ", the leaf's workloadId")
        : Check.fail(
            "workload id" + of, what + ", the leaf's workloadId " + answer.leaf().workload());
  }

  private static Check leafHash(ProofAnswer answer, String of) {
    Bytes32 hash = answer.leaf().hash();
    return hash.equals(answer.leafHash())
        ? Check.ok("leaf hash" + of, "recomputed from the leaf's fields: " + hash + ", the API's")
        : Check.fail(
            "leaf hash" + of,
            "recomputed from the leaf's fields: " + hash + ", the API's " + answer.leafHash());
  }

  private static Check merkleProof(ProofAnswer answer, String of) {
    int siblings = answer.proof().size();
    String path =
        "the proof of "
            + siblings
            + (siblings == 1 ? " sibling" : " siblings")
            + " from the recomputed leaf hash ";
    return MerkleTree.verify(answer.snapshot().scoresRoot(), answer.leaf().hash(), answer.proof())
        ? Check.ok("merkle proof" + of, path + "reaches scoresRoot (computed locally)")
        : Check.fail("merkle proof" + of, path + "does not reach scoresRoot (computed locally)");
  }

  private static Check verifyScore(ChainRead<Boolean> read, String of) {
    return switch (read) {
      case ChainRead.Value<Boolean>(Boolean accepted) when accepted ->
          Check.ok("verifyScore" + of, "SlaOracle accepts the leaf and its proof");
      case ChainRead.Value<Boolean> refused ->
          Check.fail("verifyScore" + of, "SlaOracle answers false for the leaf and its proof");
      case ChainRead.Failed<Boolean>(String reason) -> Check.fail("verifyScore" + of, reason);
    };
  }
}
