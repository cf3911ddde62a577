package io.naap.api;

import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.SnapshotDocument;
import io.naap.attestations.SnapshotSigner;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.kpi.StartupKind;
import io.naap.sla.score.Score;
import io.naap.sla.score.ScoreState;
import io.naap.sla.score.Scorer;
import io.naap.sla.score.ScoringRules;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSignature;
import io.naap.storage.oracle.StoredSnapshot;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots made as the oracle makes them: leaves scored by the real scorer over KPI aggregates,
 * the canonical document, its Merkle tree and EIP-712 digest, signed by fixed keys (anvil's first
 * two accounts).
 */
final class OracleFixture {
  static final WorkloadCatalogue CATALOGUE = WorkloadCatalogue.defaults();
  static final Scorer SCORER = new Scorer(ScoringRules.v1());
  static final SnapshotSigner FIRST_SIGNER =
      SnapshotSigner.of(
          new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16));
  static final SnapshotSigner SECOND_SIGNER =
      SnapshotSigner.of(
          new BigInteger("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 16));
  static final long CONFIG_VERSION = 1;
  static final double PRIOR = 0.5;

  private OracleFixture() {}

  /** One (orchestrator, workload) of a snapshot with what it is scored from. */
  record Entry(
      EthereumAddress orchestrator,
      String workload,
      KpiAggregate kpis,
      String gpu,
      String region,
      Optional<StoredScore.State> previous) {}

  /** A snapshot as built, before it is stored. */
  record Built(StoredSnapshot snapshot, List<StoredScore> scores, Bytes32 digest) {
    StoredScore score(EthereumAddress orchestrator, String workload) {
      return scores.stream()
          .filter(score -> score.orchestrator().equals(orchestrator))
          .filter(score -> score.workload().equals(workload))
          .findFirst()
          .orElseThrow();
    }

    StoredSignature signedBy(SnapshotSigner signer) {
      return new StoredSignature(
          snapshot.epoch(),
          snapshot.configVersion(),
          digest.bytes(),
          new EthereumAddress(signer.address().bytes()),
          signer.sign(digest).bytes(),
          snapshot.endsAt().plus(Duration.ofMinutes(6)));
    }
  }

  static Eip712Domain domain(OracleContract oracle) {
    return Eip712Domain.slaOracle(oracle.chainId(), EvmAddress.of(oracle.address().bytes()));
  }

  static Built build(
      OracleContract oracle, long epoch, Instant startsAt, Duration length, List<Entry> entries) {
    List<StoredScore> scores = new ArrayList<>();
    List<ScoreLeaf> leaves = new ArrayList<>();
    for (Entry entry : entries) {
      WorkloadTarget target = CATALOGUE.target(entry.workload()).orElseThrow();
      Score score =
          SCORER.score(
              target,
              entry.kpis(),
              entry.previous().map(state -> new ScoreState(state.mean(), state.sessions())),
              PRIOR);
      int flags =
          (target.qualifies(score.bps()) ? ScoreLeaf.QUALIFIES : 0)
              | (score.provisional() ? ScoreLeaf.PROVISIONAL : 0);
      byte[] kpis = entry.kpis().toBytes();
      Bytes32 kpiDigest = Bytes32.keccak(kpis);
      Bytes32 workloadId = ScoreLeaf.workloadId(entry.workload());
      leaves.add(
          new ScoreLeaf(
              epoch,
              EvmAddress.of(entry.orchestrator().bytes()),
              workloadId,
              score.bps(),
              flags,
              kpiDigest));
      scores.add(
          new StoredScore(
              epoch,
              entry.orchestrator(),
              entry.workload(),
              workloadId.bytes(),
              score.bps(),
              flags,
              kpiDigest.bytes(),
              kpis,
              entry.gpu(),
              entry.region(),
              PRIOR,
              entry.previous(),
              new StoredScore.State(score.state().mean(), score.state().sessions()),
              target.minScoreBps(),
              epoch));
    }
    SnapshotDocument document =
        new SnapshotDocument(epoch, CONFIG_VERSION, SCORER.rules().version(), leaves);
    Instant endsAt = startsAt.plus(length);
    StoredSnapshot snapshot =
        StoredSnapshot.built(
            oracle,
            epoch,
            startsAt,
            endsAt,
            SCORER.rules().version(),
            CONFIG_VERSION,
            document.tree().root().bytes(),
            document.dataHash().bytes(),
            leaves.size(),
            document.canonicalJson(),
            endsAt.plus(Duration.ofMinutes(5)),
            Optional.empty());
    return new Built(snapshot, scores, document.attestation().digest(domain(oracle)));
  }

  /**
   * The KPIs of {@code sessions} streams, each with one segment, a warm start, an end-to-end
   * latency and five fps samples around {@code fps}; {@code failures} of them failed.
   */
  static KpiAggregate kpis(
      int sessions, double fps, double startupMs, double endToEndMs, int failures) {
    KpiAggregate kpis = KpiAggregate.empty();
    for (int i = 0; i < sessions; i++) {
      kpis.addSession()
          .addSegment()
          .addStartup(startupMs, StartupKind.WARM)
          .addEndToEnd(endToEndMs);
      for (int sample = 0; sample < 5; sample++) {
        kpis.addFps(fps + (sample % 2 == 0 ? 0.5 : -0.5), 0.25);
      }
    }
    for (int i = 0; i < failures; i++) {
      kpis.addFailure(false);
    }
    return kpis;
  }
}
