package io.naap.api.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.JsonReplies;
import io.naap.api.http.QueryParameters;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.sla.score.Score;
import io.naap.sla.score.ScoreExplanation;
import io.naap.sla.score.ScoreState;
import io.naap.sla.score.ScoredKpi;
import io.naap.sla.score.Scorer;
import io.naap.sla.score.SubScore;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SLA scores, their explanation and proofs, and the SLA settings of orchestrators and gateways:
 *
 * <ul>
 *   <li>{@code GET /v1/scores}: an epoch's leaderboard;
 *   <li>{@code GET /v1/orchestrators/{address}/scores}: an orchestrator's scores over time, and its
 *       running scores in the epoch in progress;
 *   <li>{@code GET /v1/orchestrators/{address}/scores/explain}: how a score was made;
 *   <li>{@code GET /v1/qualifying}: who qualifies for a workload in the latest published epoch;
 *   <li>{@code POST /v1/orchestrators/{address}/sla/init} (orchestrator key) and {@code GET|PUT
 *       /v1/workloads/{id}/min-score} (gateway key to set);
 *   <li>{@code GET /v1/attestations/{epoch}}, {@code .../document} and {@code
 *       .../proofs/{address}}: what was signed and published, and each leaf's Merkle proof.
 * </ul>
 *
 * Addresses are accepted in any case and answered EIP-55 checksummed; other hex is lower case.
 * {@code epoch=latest} means the highest published epoch; an epoch number names a snapshot whatever
 * its status.
 */
public final class ScoreEndpoints {
  /** The most leaderboard entries one answer holds. */
  static final int MAX_LIMIT = 1_000;

  /** The most epochs one history answer covers. */
  static final long MAX_HISTORY_EPOCHS = 2_000;

  private static final Comparator<StoredScore> RANKING =
      Comparator.comparingInt(StoredScore::scoreBps)
          .reversed()
          .thenComparing(score -> score.orchestrator().bytes(), Arrays::compareUnsigned)
          .thenComparing(StoredScore::workload);

  private final Snapshots snapshots;
  private final WorkloadCatalogue catalogue;
  private final Scorer scorer;
  private final Clock clock;
  private final RealtimeScores realtime;
  private final PolicyEndpoints policy;
  private final AttestationEndpoints attestations;

  /**
   * @param store the snapshots of the SlaOracle contract the API serves
   * @param policy orchestrators' SLA initialisations and workloads' minimum scores
   * @param catalogue the workloads and their targets
   * @param scorer the scoring rules that explain scores (scores of other rules are not explained)
   * @param clock now: the default end of a history, and when a minimum score set takes effect
   * @param realtime the running scores of the epoch in progress
   */
  public ScoreEndpoints(
      OracleStore store,
      SlaPolicyStore policy,
      WorkloadCatalogue catalogue,
      Scorer scorer,
      Clock clock,
      RealtimeScores realtime) {
    this.snapshots = new Snapshots(Objects.requireNonNull(store, "store"));
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.realtime = Objects.requireNonNull(realtime, "realtime");
    this.policy = new PolicyEndpoints(Objects.requireNonNull(policy, "policy"), catalogue, clock);
    this.attestations = new AttestationEndpoints(snapshots);
  }

  public List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(Endpoint.get("/v1/scores", this::leaderboard));
    endpoints.add(Endpoint.get("/v1/orchestrators/{address}/scores", this::history));
    endpoints.add(Endpoint.get("/v1/orchestrators/{address}/scores/explain", this::explain));
    endpoints.add(Endpoint.get("/v1/qualifying", this::qualifying));
    endpoints.addAll(policy.endpoints());
    endpoints.addAll(attestations.endpoints());
    return List.copyOf(endpoints);
  }

  private void leaderboard(ServerRequest request, ServerResponse response) {
    Parameters query = request.query();
    StoredSnapshot snapshot = snapshots.select("epoch", QueryParameters.text(query, "epoch"));
    Optional<String> workload = workload(query);
    Optional<String> region = QueryParameters.text(query, "region");
    int minScore = QueryParameters.integer(query, "minScore", 0, 0, 10_000);
    int limit = QueryParameters.integer(query, "limit", 100, 1, MAX_LIMIT);
    List<StoredScore> ranked =
        snapshots.store().scores(snapshot.epoch()).stream()
            .filter(score -> workload.isEmpty() || workload.get().equals(score.workload()))
            .filter(score -> region.isEmpty() || region.get().equals(score.region()))
            .filter(score -> score.scoreBps() >= minScore)
            .sorted(RANKING)
            .toList();
    ObjectNode body = ScoreJson.object();
    ScoreJson.snapshot(body, snapshot);
    body.put("rulesVersion", snapshot.rulesVersion());
    ObjectNode filter = body.putObject("filter");
    putText(filter, "workload", workload);
    putText(filter, "region", region);
    filter.put("minScore", minScore);
    body.put("total", ranked.size());
    ArrayNode entries = body.putArray("entries");
    for (StoredScore score : ranked.subList(0, Math.min(limit, ranked.size()))) {
      ObjectNode entry = entries.addObject();
      entry.put("orchestrator", ScoreJson.address(score.orchestrator()));
      entry.put("workload", score.workload());
      ScoreJson.score(entry, score);
      entry.put("gpu", score.gpu());
      entry.put("region", score.region());
      entry.put("sessions", KpiAggregate.fromBytes(score.kpis()).sessions());
      entry.put("minScoreBps", score.minScoreBps());
      entry.put("proof", ScoreJson.proofLink(score));
    }
    JsonReplies.send(response, body);
  }

  private void history(ServerRequest request, ServerResponse response) {
    EthereumAddress orchestrator = address(request);
    Parameters query = request.query();
    Optional<String> workload = workload(query);
    Instant to = QueryParameters.instant(query, "to", clock.instant());
    Instant from = QueryParameters.instant(query, "from", to.minus(Duration.ofHours(24)));
    QueryParameters.requireOrdered(from, to);
    ObjectNode body = ScoreJson.object();
    body.put("orchestrator", ScoreJson.address(orchestrator));
    body.put("from", from.toString());
    body.put("to", to.toString());
    ArrayNode historic = body.putArray("historic");
    Optional<StoredSnapshot> latest = snapshots.store().latest();
    if (latest.isPresent()) {
      StoredSnapshot reference = latest.get();
      EpochWindows windows =
          new EpochWindows(
              reference.epoch(),
              reference.startsAt(),
              Duration.between(reference.startsAt(), reference.endsAt()));
      long first = windows.firstEndingAfter(from);
      long last = Math.min(reference.epoch(), windows.lastStartingBefore(to));
      if (last - first + 1 > MAX_HISTORY_EPOCHS) {
        throw new ApiException(
            ErrorCode.BAD_REQUEST,
            "the range covers "
                + (last - first + 1)
                + " epochs; ask for at most "
                + MAX_HISTORY_EPOCHS
                + " (a shorter range)",
            Map.of("epochs", last - first + 1, "max", MAX_HISTORY_EPOCHS));
      }
      if (first <= last) {
        List<StoredScore> scores = snapshots.store().scoresOf(orchestrator, workload, first, last);
        Map<Long, StoredSnapshot> byEpoch =
            scores.isEmpty()
                ? Map.of()
                : snapshots
                    .store()
                    .snapshots(scores.getFirst().epoch(), scores.getLast().epoch())
                    .stream()
                    .collect(Collectors.toMap(StoredSnapshot::epoch, Function.identity()));
        for (StoredScore score : scores) {
          StoredSnapshot snapshot = byEpoch.get(score.epoch());
          if (snapshot == null
              || !snapshot.startsAt().isBefore(to)
              || !snapshot.endsAt().isAfter(from)) {
            continue; // outside the range after all (or replaced while read)
          }
          ObjectNode item = historic.addObject();
          ScoreJson.snapshot(item, snapshot);
          item.put("workload", score.workload());
          ScoreJson.score(item, score);
        }
      }
    }
    ArrayNode running = body.putArray("realtime");
    for (RealtimeScore score : realtime.scores(orchestrator.toHex(), workload)) {
      ObjectNode item = running.addObject();
      item.put("workload", score.workload());
      item.put("epoch", score.epoch());
      item.put("asOf", score.asOf().toString());
      item.put("scoreBps", score.scoreBps());
      item.put("provisional", score.provisional());
      item.put("sessions", score.sessions());
    }
    JsonReplies.send(response, body);
  }

  private void explain(ServerRequest request, ServerResponse response) {
    EthereumAddress orchestrator = address(request);
    Parameters query = request.query();
    Optional<String> workload = workload(query);
    Optional<String> epochText = QueryParameters.text(query, "epoch");
    StoredSnapshot snapshot;
    if (epochText.isPresent()) {
      snapshot = snapshots.epoch(Snapshots.epochNumber("epoch", epochText.get()));
    } else {
      snapshot =
          snapshots
              .store()
              .latest()
              .orElseThrow(
                  () ->
                      new ApiException(
                          ErrorCode.NOT_FOUND, "no snapshot has been built yet", Map.of()));
    }
    StoredScore score = oneLeaf(snapshots, snapshot, orchestrator, workload);
    String rules = scorer.rules().version();
    WorkloadTarget target = catalogue.target(score.workload()).orElse(null);
    if (!rules.equals(snapshot.rulesVersion()) || target == null) {
      throw new ApiException(
          ErrorCode.NOT_IMPLEMENTED,
          target == null
              ? "the workload "
                  + score.workload()
                  + " has left the catalogue, so its score of epoch "
                  + snapshot.epoch()
                  + " cannot be explained"
              : "epoch "
                  + snapshot.epoch()
                  + " was scored by rules "
                  + snapshot.rulesVersion()
                  + "; this server explains scores of rules "
                  + rules
                  + " only",
          Map.of(
              "epoch", snapshot.epoch(),
              "rulesVersion", snapshot.rulesVersion(),
              "explains", rules));
    }
    Score recomputed =
        scorer.score(
            target,
            KpiAggregate.fromBytes(score.kpis()),
            score.previous().map(state -> new ScoreState(state.mean(), state.sessions())),
            score.prior());
    if (recomputed.bps() != score.scoreBps()
        || recomputed.provisional() != ScoreJson.provisional(score.flags())) {
      throw Snapshots.corrupted(
          "the stored score of "
              + orchestrator.toChecksumHex()
              + " for "
              + score.workload()
              + " ("
              + score.scoreBps()
              + " bps) recomputes to "
              + recomputed.bps()
              + " bps under rules "
              + rules
              + " (changed targets or stored inputs)",
          snapshot.epoch());
    }
    ScoreExplanation explanation = recomputed.explanation();
    ObjectNode body = ScoreJson.object();
    ScoreJson.snapshot(body, snapshot);
    body.put("orchestrator", ScoreJson.address(orchestrator));
    body.put("workload", score.workload());
    body.put("gpu", score.gpu());
    body.put("region", score.region());
    body.put("rulesVersion", explanation.rulesVersion());
    ScoreJson.score(body, score);
    body.put("minScoreBps", score.minScoreBps());
    body.put("proof", ScoreJson.proofLink(score));
    ArrayNode subScores = body.putArray("subScores");
    for (SubScore sub : explanation.subScores()) {
      ObjectNode item = subScores.addObject();
      item.put("kpi", kpiName(sub.kpi()));
      item.put(
          "group", sub.kpi().group() == ScoredKpi.Group.RELIABILITY ? "reliability" : "quality");
      ScoreJson.put(item, "measured", sub.measured());
      ScoreJson.put(item, "target", sub.target());
      ScoreJson.put(item, "score", sub.score());
      ScoreJson.put(item, "share", sub.share());
      item.put("samples", sub.samples());
    }
    ScoreJson.put(body, "reliability", explanation.reliability());
    ScoreJson.put(body, "quality", explanation.quality());
    ScoreJson.put(body, "coverage", explanation.coverage());
    ScoreJson.put(body, "epochScore", explanation.epochScore());
    body.put("epochSessions", explanation.epochSessions());
    ScoreJson.put(body, "historyMean", explanation.historyMean());
    ScoreJson.put(body, "evidenceSessions", explanation.evidenceSessions());
    ScoreJson.put(body, "prior", explanation.prior());
    ScoreJson.put(body, "score", explanation.score());
    JsonReplies.send(response, body);
  }

  private void qualifying(ServerRequest request, ServerResponse response) {
    Parameters query = request.query();
    String workload =
        workload(query)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.BAD_REQUEST,
                        "'workload' is required: the model id whose qualifying orchestrators to"
                            + " list, one of "
                            + workloadNames(),
                        Map.of("parameter", "workload", "workloads", workloadNames())));
    Optional<String> region = QueryParameters.text(query, "region");
    StoredSnapshot snapshot = snapshots.latestPublished();
    List<StoredScore> ofWorkload =
        snapshots.store().scores(snapshot.epoch()).stream()
            .filter(score -> score.workload().equals(workload))
            .toList();
    int minScoreBps =
        ofWorkload.isEmpty()
            ? policy.minScoreAt(workload, snapshot.endsAt())
            : ofWorkload.getFirst().minScoreBps();
    ObjectNode body = ScoreJson.object();
    ScoreJson.snapshot(body, snapshot);
    body.put("workload", workload);
    putText(body, "region", region);
    body.put("minScoreBps", minScoreBps);
    ArrayNode entries = body.putArray("entries");
    ofWorkload.stream()
        .filter(score -> ScoreJson.qualifies(score.flags()))
        .filter(score -> region.isEmpty() || region.get().equals(score.region()))
        .sorted(RANKING)
        .forEach(
            score -> {
              ObjectNode entry = entries.addObject();
              entry.put("orchestrator", ScoreJson.address(score.orchestrator()));
              ScoreJson.score(entry, score);
              entry.put("gpu", score.gpu());
              entry.put("region", score.region());
              entry.put("proof", ScoreJson.proofLink(score));
            });
    JsonReplies.send(response, body);
  }

  /**
   * The orchestrator's one leaf in a snapshot for the workload, or its only leaf when no workload
   * is named.
   *
   * @throws ApiException 404 when it has none, 400 when it has several and no workload is named
   */
  static StoredScore oneLeaf(
      Snapshots snapshots,
      StoredSnapshot snapshot,
      EthereumAddress orchestrator,
      Optional<String> workload) {
    List<StoredScore> leaves =
        snapshots.store().scoresOf(orchestrator, workload, snapshot.epoch(), snapshot.epoch());
    if (leaves.isEmpty()) {
      throw new ApiException(
          ErrorCode.NOT_FOUND,
          orchestrator.toChecksumHex()
              + " has no leaf"
              + workload.map(name -> " for " + name).orElse("")
              + " in epoch "
              + snapshot.epoch(),
          workload.isPresent()
              ? Map.of(
                  "orchestrator", orchestrator.toChecksumHex(),
                  "epoch", snapshot.epoch(),
                  "workload", workload.get())
              : Map.of("orchestrator", orchestrator.toChecksumHex(), "epoch", snapshot.epoch()));
    }
    if (leaves.size() > 1) {
      List<String> names = leaves.stream().map(StoredScore::workload).toList();
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          orchestrator.toChecksumHex()
              + " has a leaf for each of "
              + names
              + " in epoch "
              + snapshot.epoch()
              + "; name one with 'workload'",
          Map.of("parameter", "workload", "workloads", names));
    }
    return leaves.getFirst();
  }

  /** The {@code workload} parameter: a model id of the catalogue. */
  private Optional<String> workload(Parameters query) {
    Optional<String> workload = QueryParameters.text(query, "workload");
    if (workload.isPresent() && catalogue.target(workload.get()).isEmpty()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "'workload' must be a workload of the catalogue, one of "
              + workloadNames()
              + ", got '"
              + workload.get()
              + "'",
          Map.of("parameter", "workload", "workloads", workloadNames()));
    }
    return workload;
  }

  private List<String> workloadNames() {
    return catalogue.targets().stream().map(WorkloadTarget::model).sorted().toList();
  }

  static EthereumAddress address(ServerRequest request) {
    return QueryParameters.address("address", request.path().pathParameters().get("address"));
  }

  private static void putText(ObjectNode node, String name, Optional<String> value) {
    if (value.isPresent()) {
      node.put(name, value.get());
    } else {
      node.putNull(name);
    }
  }

  /** A scored KPI's name in the API. */
  static String kpiName(ScoredKpi kpi) {
    return switch (kpi) {
      case FAILURE_RATE -> "failureRate";
      case SWAP_RATE -> "swapRate";
      case STARTUP_P95_MS -> "startupP95Ms";
      case OUTPUT_FPS -> "outputFps";
      case END_TO_END_P95_MS -> "endToEndP95Ms";
      case JITTER -> "jitterCoefficient";
    };
  }
}
