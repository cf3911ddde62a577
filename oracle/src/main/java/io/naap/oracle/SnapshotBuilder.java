package io.naap.oracle;

import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.SnapshotDocument;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.score.Score;
import io.naap.sla.score.ScoreState;
import io.naap.sla.score.Scorer;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import io.naap.storage.kpi.RollupKey;
import io.naap.storage.kpi.RollupRow;
import io.naap.storage.oracle.SlaPolicyStore.Enrollment;
import io.naap.storage.oracle.StoredScore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds an epoch's snapshot from what the epoch measured and what the previous epoch left. The
 * leaves are one per (orchestrator, workload) that:
 *
 * <ul>
 *   <li>had sessions in the epoch (its minute KPI rollups, all traffic), or
 *   <li>had a score in the previous epoch and sessions within the last {@code retainEpochs} epochs
 *       (its score carries on, its evidence decaying), or
 *   <li>initialised its SLA before the epoch ended (a newcomer, scored at its prior).
 * </ul>
 *
 * Only workloads with targets in the catalogue are scored, and only orchestrators known by an
 * on-chain address. A pair keeps the prior of its first epoch, so its score does not move with its
 * GPU class's; a newcomer's prior comes from the {@link PriorSource}. Deterministic: the same
 * inputs give the same document, byte for byte, whatever the order of the rollups.
 */
public final class SnapshotBuilder {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

  private final Scorer scorer;
  private final WorkloadCatalogue catalogue;
  private final long retainEpochs;

  /**
   * @param retainEpochs how many epochs without sessions a score is kept for (then it leaves the
   *     snapshot until its orchestrator serves the workload again)
   */
  public SnapshotBuilder(Scorer scorer, WorkloadCatalogue catalogue, long retainEpochs) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    if (retainEpochs < 1) {
      throw new IllegalArgumentException("retainEpochs must be >= 1: " + retainEpochs);
    }
    this.retainEpochs = retainEpochs;
  }

  public Scorer scorer() {
    return scorer;
  }

  public WorkloadCatalogue catalogue() {
    return catalogue;
  }

  /**
   * What one epoch's snapshot is built from.
   *
   * @param rollups the epoch's minute KPI rollups
   * @param previous the leaves of the previous epoch (empty for the first)
   * @param enrollments the SLA initialisations made before the epoch ended
   * @param minScores the workloads' minimum scores set before the epoch ended; a workload absent
   *     uses its catalogue default
   * @param priors the prior of a newcomer
   */
  public record Input(
      long epoch,
      long configVersion,
      List<RollupRow> rollups,
      List<StoredScore> previous,
      List<Enrollment> enrollments,
      Map<String, Integer> minScores,
      PriorSource priors) {
    public Input {
      rollups = List.copyOf(rollups);
      previous = List.copyOf(previous);
      enrollments = List.copyOf(enrollments);
      minScores = Map.copyOf(minScores);
      Objects.requireNonNull(priors, "priors");
    }
  }

  /**
   * A built snapshot: the document to sign and its leaves with what they were scored from.
   *
   * @param unattributed rollup rows left out because their orchestrator is not an address or their
   *     workload has no targets
   */
  public record Built(SnapshotDocument document, List<StoredScore> scores, long unattributed) {}

  /** The snapshot, or empty when the epoch has no leaf (nothing measured, nothing carried). */
  public Optional<Built> build(Input input) {
    long epoch = input.epoch();
    Map<Pair, Activity> activity = new TreeMap<>();
    long unattributed = 0;
    List<RollupRow> rows = new ArrayList<>(input.rollups());
    // merged in key order, so the KPIs' bytes do not depend on the order rows were read in
    rows.sort(java.util.Comparator.comparing(RollupRow::key));
    for (RollupRow row : rows) {
      RollupKey key = row.key();
      if (!ADDRESS.matcher(key.orchestrator()).matches()
          || catalogue.target(key.workload()).isEmpty()) {
        unattributed++;
        continue;
      }
      activity
          .computeIfAbsent(new Pair(key.orchestrator(), key.workload()), pair -> new Activity())
          .add(KpiAggregate.fromBytes(row.stats()), key.gpu(), key.region());
    }
    Map<Pair, StoredScore> previous = new TreeMap<>();
    for (StoredScore score : input.previous()) {
      previous.put(new Pair(score.orchestrator().toHex(), score.workload()), score);
    }
    Map<Pair, Enrollment> enrolled = new TreeMap<>();
    for (Enrollment enrollment : input.enrollments()) {
      enrolled.put(new Pair(enrollment.orchestrator().toHex(), enrollment.workload()), enrollment);
    }

    TreeMap<Pair, Boolean> pairs = new TreeMap<>();
    activity.keySet().forEach(pair -> pairs.put(pair, true));
    previous.forEach(
        (pair, score) -> {
          if (epoch - score.lastActiveEpoch() < retainEpochs) {
            pairs.putIfAbsent(pair, false);
          }
        });
    enrolled.forEach(
        (pair, enrollment) -> {
          if (!previous.containsKey(pair) && catalogue.target(pair.workload()).isPresent()) {
            pairs.putIfAbsent(pair, false);
          }
        });
    if (pairs.isEmpty()) {
      return Optional.empty();
    }

    List<StoredScore> scores = new ArrayList<>(pairs.size());
    List<ScoreLeaf> leaves = new ArrayList<>(pairs.size());
    for (Pair pair : pairs.keySet()) {
      WorkloadTarget target = catalogue.target(pair.workload()).orElseThrow();
      Activity measured = activity.get(pair);
      Optional<StoredScore> before = Optional.ofNullable(previous.get(pair));
      Optional<Enrollment> enrollment = Optional.ofNullable(enrolled.get(pair));
      KpiAggregate kpis = measured == null ? KpiAggregate.empty() : measured.kpis;
      String gpu =
          measured != null
              ? measured.mostUsed(Activity::gpuSessions)
              : before
                  .map(StoredScore::gpu)
                  .or(() -> enrollment.map(Enrollment::gpu))
                  .orElse(RollupKey.UNKNOWN);
      String region =
          measured != null
              ? measured.mostUsed(Activity::regionSessions)
              : before.map(StoredScore::region).orElse(RollupKey.UNKNOWN);
      double prior =
          before
              .map(StoredScore::prior)
              .orElseGet(() -> input.priors().prior(pair.workload(), gpu));
      Optional<StoredScore.State> previousState = before.map(StoredScore::state);
      Score score =
          scorer.score(
              target,
              kpis,
              previousState.map(state -> new ScoreState(state.mean(), state.sessions())),
              prior);
      int minScore = input.minScores().getOrDefault(pair.workload(), target.minScoreBps());
      int flags =
          (score.bps() >= minScore ? ScoreLeaf.QUALIFIES : 0)
              | (score.provisional() ? ScoreLeaf.PROVISIONAL : 0);
      byte[] kpiBytes = kpis.toBytes();
      Bytes32 kpiDigest = Bytes32.keccak(kpiBytes);
      Bytes32 workloadId = ScoreLeaf.workloadId(pair.workload());
      EvmAddress orchestrator = EvmAddress.fromHex(pair.orchestrator());
      long lastActive =
          kpis.sessions() > 0 ? epoch : before.map(StoredScore::lastActiveEpoch).orElse(epoch);
      leaves.add(new ScoreLeaf(epoch, orchestrator, workloadId, score.bps(), flags, kpiDigest));
      scores.add(
          new StoredScore(
              epoch,
              new EthereumAddress(orchestrator.bytes()),
              pair.workload(),
              workloadId.bytes(),
              score.bps(),
              flags,
              kpiDigest.bytes(),
              kpiBytes,
              gpu,
              region,
              prior,
              previousState,
              new StoredScore.State(score.state().mean(), score.state().sessions()),
              minScore,
              lastActive));
    }
    SnapshotDocument document =
        new SnapshotDocument(epoch, input.configVersion(), scorer.rules().version(), leaves);
    return Optional.of(new Built(document, scores, unattributed));
  }

  /** An orchestrator (lower-case hex) and a workload. */
  private record Pair(String orchestrator, String workload) implements Comparable<Pair> {
    @Override
    public int compareTo(Pair other) {
      int byOrchestrator = orchestrator.compareTo(other.orchestrator);
      return byOrchestrator != 0 ? byOrchestrator : workload.compareTo(other.workload);
    }
  }

  /** A pair's KPIs over the epoch, and the sessions it served per GPU and per region. */
  private static final class Activity {
    private KpiAggregate kpis = KpiAggregate.empty();
    private final Map<String, Long> gpuSessions = new HashMap<>();
    private final Map<String, Long> regionSessions = new HashMap<>();

    void add(KpiAggregate row, String gpu, String region) {
      kpis = kpis.merge(row);
      // a row without sessions still names where the pair ran
      gpuSessions.merge(gpu, row.sessions(), Long::sum);
      regionSessions.merge(region, row.sessions(), Long::sum);
    }

    Map<String, Long> gpuSessions() {
      return gpuSessions;
    }

    Map<String, Long> regionSessions() {
      return regionSessions;
    }

    /** The value with the most sessions; among equals, a known one, then the least by name. */
    String mostUsed(Function<Activity, Map<String, Long>> counts) {
      String best = null;
      long bestCount = -1;
      for (Map.Entry<String, Long> entry : new TreeMap<>(counts.apply(this)).entrySet()) {
        boolean better =
            entry.getValue() > bestCount
                || (entry.getValue() == bestCount
                    && RollupKey.UNKNOWN.equals(best)
                    && !RollupKey.UNKNOWN.equals(entry.getKey()));
        if (better) {
          best = entry.getKey();
          bestCount = entry.getValue();
        }
      }
      return best == null ? RollupKey.UNKNOWN : best;
    }
  }
}
