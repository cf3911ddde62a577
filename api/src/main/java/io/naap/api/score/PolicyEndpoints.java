package io.naap.api.score;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.auth.ApiKey;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.JsonReplies;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.sla.workload.WorkloadTarget;
import io.naap.storage.EthereumAddress;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.oracle.SlaPolicyStore.Enrollment;
import io.naap.storage.oracle.SlaPolicyStore.MinScore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What orchestrators and gateways set about SLAs: {@code POST /v1/orchestrators/{address}/sla/init}
 * (an orchestrator key) and {@code GET|PUT /v1/workloads/{id}/min-score} (a gateway key to set).
 */
final class PolicyEndpoints {
  static final String UNKNOWN_GPU = "unknown";
  private static final String INIT_EXAMPLE =
      "{\"workload\": \"streamdiffusion-sdxl\", \"gpu\": \"NVIDIA GeForce RTX 4090\"}";
  private static final String MIN_SCORE_EXAMPLE = "{\"minScoreBps\": 6000}";

  private final SlaPolicyStore policy;
  private final WorkloadCatalogue catalogue;
  private final Clock clock;

  PolicyEndpoints(SlaPolicyStore policy, WorkloadCatalogue catalogue, Clock clock) {
    this.policy = policy;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  List<Endpoint> endpoints() {
    return List.of(
        Endpoint.post("/v1/orchestrators/{address}/sla/init", KeyScope.ORCHESTRATOR, this::init),
        Endpoint.get("/v1/workloads/{id}/min-score", this::minScore),
        new Endpoint(
            Method.PUT,
            "/v1/workloads/{id}/min-score",
            Optional.of(KeyScope.GATEWAY),
            this::setMinScore));
  }

  private void init(ServerRequest request, ServerResponse response) {
    EthereumAddress orchestrator = ScoreEndpoints.address(request);
    JsonBody body = JsonBody.read(request, INIT_EXAMPLE, Set.of("workload", "gpu"));
    String workload = body.requiredText("workload", 128);
    if (catalogue.target(workload).isEmpty()) {
      List<String> known = workloadNames();
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "'workload' must be a workload of the catalogue, one of "
              + known
              + ", got '"
              + workload
              + "'",
          Map.of("member", "workload", "workloads", known));
    }
    String gpu = body.text("gpu", 128).orElse(UNKNOWN_GPU);
    // the database keeps microseconds: what it answers must equal what was asked to be stored
    Enrollment requested =
        new Enrollment(orchestrator, workload, gpu, clock.instant().truncatedTo(ChronoUnit.MICROS));
    Enrollment stored = policy.enroll(requested);
    boolean created = stored.equals(requested);
    ObjectNode json = ScoreJson.object();
    json.put("orchestrator", ScoreJson.address(stored.orchestrator()));
    json.put("workload", stored.workload());
    json.put("gpu", stored.gpu());
    json.put("enrolledAt", stored.enrolledAt().toString());
    response.status(created ? Status.CREATED_201 : Status.OK_200);
    JsonReplies.send(response, json);
  }

  private void minScore(ServerRequest request, ServerResponse response) {
    WorkloadTarget target = target(request);
    Optional<MinScore> set = policy.minScore(target.model(), inEffectAt(clock.instant()));
    JsonReplies.send(response, minScoreJson(target, set));
  }

  private void setMinScore(ServerRequest request, ServerResponse response) {
    WorkloadTarget target = target(request);
    JsonBody body = JsonBody.read(request, MIN_SCORE_EXAMPLE, Set.of("minScoreBps"));
    int minScoreBps = body.requiredInteger("minScoreBps", 0, 10_000);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String setBy = "apiKey:" + keyId(request);
    policy.setMinScore(target.model(), minScoreBps, setBy, now);
    JsonReplies.send(
        response,
        minScoreJson(target, Optional.of(new MinScore(target.model(), minScoreBps, setBy, now))));
  }

  /** The minimum score of a workload in effect at an epoch's end, as the oracle applied it. */
  int minScoreAt(String workload, Instant endsAt) {
    return policy
        .minScore(workload, endsAt)
        .map(MinScore::minScoreBps)
        .orElseGet(() -> catalogue.target(workload).map(WorkloadTarget::minScoreBps).orElseThrow());
  }

  private static ObjectNode minScoreJson(WorkloadTarget target, Optional<MinScore> set) {
    ObjectNode json = ScoreJson.object();
    json.put("workload", target.model());
    if (set.isPresent()) {
      json.put("minScoreBps", set.get().minScoreBps());
      json.put("source", "set");
      json.put("setAt", set.get().effectiveAt().toString());
      json.put("setBy", set.get().setBy());
    } else {
      json.put("minScoreBps", target.minScoreBps());
      json.put("source", "default");
      json.putNull("setAt");
      json.putNull("setBy");
    }
    json.put("defaultMinScoreBps", target.minScoreBps());
    return json;
  }

  /**
   * The instant to read the value in effect at {@code now} with: the store answers the latest value
   * set strictly before its argument, and keeps microseconds, so a value set at {@code now} is in
   * effect at {@code now}.
   */
  private static Instant inEffectAt(Instant now) {
    return now.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
  }

  private WorkloadTarget target(ServerRequest request) {
    String id = request.path().pathParameters().get("id");
    return catalogue
        .target(id)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.NOT_FOUND,
                    "no workload '" + id + "' in the catalogue; it has " + workloadNames(),
                    Map.of("workload", id, "workloads", workloadNames())));
  }

  private List<String> workloadNames() {
    return catalogue.targets().stream().map(WorkloadTarget::model).sorted().toList();
  }

  /**
   * The public id of the API key the request was let through with. The route gate has checked the
   * bearer token against the stored key (whose hash covers the whole text, id included), so the id
   * the token names is the authenticated key's.
   */
  private static String keyId(ServerRequest request) {
    String value =
        request.headers().contains(HeaderNames.AUTHORIZATION)
            ? request.headers().get(HeaderNames.AUTHORIZATION).get().strip()
            : "";
    int space = value.indexOf(' ');
    Optional<ApiKey> key =
        space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")
            ? ApiKey.parse(value.substring(space + 1).strip())
            : Optional.empty();
    return key.map(ApiKey::id)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "a request to a keyed operation reached its handler without a naap API key"));
  }
}
