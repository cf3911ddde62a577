package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.naap.api.score.RealtimeScore;
import io.naap.api.score.ScoreEndpoints;
import io.naap.attestations.Bytes32;
import io.naap.attestations.Eip712Domain;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.ScoreLeaf;
import io.naap.attestations.ScoreSnapshot;
import io.naap.attestations.Signature;
import io.naap.sla.kpi.KpiAggregate;
import io.naap.storage.EthereumAddress;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSignature;
import io.naap.testkit.SteppedClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The score, policy and attestation endpoints through the production routing, over a real
 * PostgreSQL holding two snapshots built as the oracle builds them: epoch 10, signed by two keys
 * and published, and epoch 11, signed by one key and only built.
 */
@RoutingTest
class ScoreEndpointsIT {
  private static final String SDXL = "streamdiffusion-sdxl";
  private static final String PORTRAIT = "liveportrait";
  private static final String FACEID = "streamdiffusion-sdxl-faceid";
  private static final OracleContract ORACLE =
      new OracleContract(
          31337, EthereumAddress.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final EthereumAddress ALICE =
      EthereumAddress.fromHex("0xd8da6bf26964af9d7eed9e03e53415d37aa96045");
  private static final EthereumAddress BOB =
      EthereumAddress.fromHex("0xab5801a7d398351b8be11c439e05c5b3259aec9b");
  private static final EthereumAddress CAROL =
      EthereumAddress.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa");
  private static final EthereumAddress SUBMITTER =
      EthereumAddress.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant PUBLISHED_AT = Instant.parse("2026-01-01T10:07:00Z");
  private static final TransactionHash TRANSACTION =
      TransactionHash.fromHex("0x" + "ab".repeat(32));

  private static final SteppedClock CLOCK = new SteppedClock(Instant.parse("2026-01-01T11:30:00Z"));
  private static final List<String> REALTIME_ASKED = new CopyOnWriteArrayList<>();
  private static final OracleFixture.Built EPOCH_10 = epoch10();
  private static final OracleFixture.Built EPOCH_11 = epoch11();
  private static final ApiServer API = server();
  private static final String ORCHESTRATOR_KEY =
      FeatureApi.key(KeyScope.ORCHESTRATOR, "ScoreEndpointsIT");
  private static final String GATEWAY_KEY = FeatureApi.key(KeyScope.GATEWAY, "ScoreEndpointsIT");

  private final DirectClient client;

  ScoreEndpointsIT(DirectClient client) {
    this.client = client;
  }

  @SetUpServer
  static void server(WebServerConfig.Builder server) {
    API.addFeatures(server);
  }

  @SetUpRoute
  static void routing(HttpRouting.Builder routing) {
    API.routing(routing);
  }

  private static OracleFixture.Built epoch10() {
    OracleFixture.Built built =
        OracleFixture.build(
            ORACLE,
            10,
            GENESIS.plus(HOUR.multipliedBy(9)),
            HOUR,
            List.of(
                entry(ALICE, SDXL, OracleFixture.kpis(40, 21, 1500, 1200, 0), "eu-west"),
                entry(ALICE, PORTRAIT, OracleFixture.kpis(12, 7, 4500, 2800, 1), "eu-west"),
                entry(BOB, SDXL, OracleFixture.kpis(25, 17, 3000, 2500, 1), "us-east"),
                entry(CAROL, SDXL, OracleFixture.kpis(6, 9, 9000, 6000, 3), "eu-west")));
    OracleStore store = store();
    assertThat(store.insert(built.snapshot(), built.scores())).isTrue();
    store.addSignature(10, built.signedBy(OracleFixture.FIRST_SIGNER));
    store.addSignature(10, built.signedBy(OracleFixture.SECOND_SIGNER));
    // a signature over another digest (another config version) is not this snapshot's
    Bytes32 other =
        new ScoreSnapshot(
                10,
                Bytes32.of(built.snapshot().scoresRoot()),
                built.snapshot().leafCount(),
                Bytes32.of(built.snapshot().dataHash()),
                2)
            .digest(OracleFixture.domain(ORACLE));
    store.addSignature(
        10,
        new StoredSignature(
            10,
            2,
            other.bytes(),
            new EthereumAddress(OracleFixture.FIRST_SIGNER.address().bytes()),
            OracleFixture.FIRST_SIGNER.sign(other).bytes(),
            PUBLISHED_AT));
    store.markPublished(10, new Publication(TRANSACTION, 1234, 98_765, SUBMITTER, PUBLISHED_AT));
    return built;
  }

  private static OracleFixture.Built epoch11() {
    OracleFixture.Built built =
        OracleFixture.build(
            ORACLE,
            11,
            GENESIS.plus(HOUR.multipliedBy(10)),
            HOUR,
            List.of(
                new OracleFixture.Entry(
                    ALICE,
                    SDXL,
                    OracleFixture.kpis(30, 20.5, 1800, 1300, 0),
                    "NVIDIA GeForce RTX 4090",
                    "eu-west",
                    Optional.of(EPOCH_10.score(ALICE, SDXL).state())),
                new OracleFixture.Entry(
                    BOB,
                    SDXL,
                    OracleFixture.kpis(20, 18, 2800, 2400, 0),
                    "NVIDIA GeForce RTX 4090",
                    "us-east",
                    Optional.of(EPOCH_10.score(BOB, SDXL).state()))));
    OracleStore store = store();
    assertThat(store.insert(built.snapshot(), built.scores())).isTrue();
    store.addSignature(11, built.signedBy(OracleFixture.FIRST_SIGNER));
    return built;
  }

  private static OracleFixture.Entry entry(
      EthereumAddress orchestrator, String workload, KpiAggregate kpis, String region) {
    return new OracleFixture.Entry(
        orchestrator, workload, kpis, "NVIDIA GeForce RTX 4090", region, Optional.empty());
  }

  private static OracleStore store() {
    return new OracleStore(FeatureApi.database(), ORACLE);
  }

  private static ApiServer server() {
    ScoreEndpoints scores =
        new ScoreEndpoints(
            store(),
            new SlaPolicyStore(FeatureApi.database()),
            OracleFixture.CATALOGUE,
            OracleFixture.SCORER,
            CLOCK,
            (orchestrator, workload) -> {
              REALTIME_ASKED.add(orchestrator + " " + workload.orElse("*"));
              RealtimeScore running =
                  new RealtimeScore(
                      SDXL, 12, Instant.parse("2026-01-01T11:29:00Z"), 8_100, false, 42);
              return orchestrator.equals(ALICE.toHex()) && workload.map(SDXL::equals).orElse(true)
                  ? List.of(running)
                  : List.of();
            });
    return new ApiServer(
        ApiSettings.onLoopback(0),
        TestMeters.REGISTRY,
        List.of(FakeChecks.up("database")),
        scores.endpoints(),
        FeatureApi.keys());
  }

  // ---- GET /v1/scores

  @Test
  void theLeaderboardIsTheLatestPublishedEpochRankedByScoreThenOrchestrator() {
    JsonNode board = get("/v1/scores", Status.OK_200);

    assertThat(board.get("epoch").asLong()).isEqualTo(10);
    assertThat(board.get("status").asText()).isEqualTo("published");
    assertThat(board.get("startsAt").asText()).isEqualTo("2026-01-01T09:00:00Z");
    assertThat(board.get("endsAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(board.get("rulesVersion").asText()).isEqualTo("sla-1");
    assertThat(board.get("total").asInt()).isEqualTo(4);
    List<StoredScore> expected =
        EPOCH_10.scores().stream()
            .sorted(
                Comparator.comparingInt(StoredScore::scoreBps)
                    .reversed()
                    .thenComparing(score -> score.orchestrator().toHex()))
            .toList();
    assertThat(expected.getFirst().orchestrator()).isEqualTo(ALICE); // the best KPIs
    assertThat(expected.getLast().orchestrator()).isEqualTo(CAROL); // the worst
    JsonNode entries = board.get("entries");
    assertThat(entries).hasSize(4);
    for (int i = 0; i < expected.size(); i++) {
      StoredScore score = expected.get(i);
      JsonNode entry = entries.get(i);
      assertThat(entry.get("orchestrator").asText())
          .isEqualTo(score.orchestrator().toChecksumHex());
      assertThat(entry.get("workload").asText()).isEqualTo(score.workload());
      assertThat(entry.get("scoreBps").asInt()).isEqualTo(score.scoreBps());
      assertThat(entry.get("flags").asInt()).isEqualTo(score.flags());
      assertThat(entry.get("qualifies").asBoolean())
          .isEqualTo((score.flags() & ScoreLeaf.QUALIFIES) != 0);
      assertThat(entry.get("provisional").asBoolean())
          .isEqualTo((score.flags() & ScoreLeaf.PROVISIONAL) != 0);
      assertThat(entry.get("gpu").asText()).isEqualTo("NVIDIA GeForce RTX 4090");
      assertThat(entry.get("region").asText()).isEqualTo(score.region());
      assertThat(entry.get("sessions").asLong())
          .isEqualTo(KpiAggregate.fromBytes(score.kpis()).sessions());
      assertThat(entry.get("minScoreBps").asInt()).isEqualTo(6_000);
      assertThat(entry.get("proof").asText())
          .isEqualTo(
              "/v1/attestations/10/proofs/"
                  + score.orchestrator().toChecksumHex()
                  + "?workload="
                  + score.workload());
    }
    assertThat(entries.get(0).get("qualifies").asBoolean()).isTrue();
    assertThat(entries.get(3).get("qualifies").asBoolean()).isFalse();
  }

  @Test
  void theLeaderboardFiltersByWorkloadRegionAndMinimumAndLimits() {
    JsonNode sdxl = get("/v1/scores?workload=" + SDXL, Status.OK_200);
    assertThat(sdxl.get("total").asInt()).isEqualTo(3);
    assertThat(texts(sdxl.get("entries"), "workload")).containsOnly(SDXL);
    assertThat(sdxl.at("/filter/workload").asText()).isEqualTo(SDXL);

    JsonNode europe = get("/v1/scores?region=eu-west&workload=" + SDXL, Status.OK_200);
    assertThat(texts(europe.get("entries"), "orchestrator"))
        .containsExactly(ALICE.toChecksumHex(), CAROL.toChecksumHex());

    int bobs = EPOCH_10.score(BOB, SDXL).scoreBps();
    JsonNode atLeastBob = get("/v1/scores?minScore=" + bobs, Status.OK_200);
    assertThat(atLeastBob.get("entries"))
        .allSatisfy(entry -> assertThat(entry.get("scoreBps").asInt()).isGreaterThanOrEqualTo(bobs))
        .anySatisfy(
            entry -> assertThat(entry.get("orchestrator").asText()).isEqualTo(BOB.toChecksumHex()));
    assertThat(texts(atLeastBob.get("entries"), "orchestrator"))
        .doesNotContain(CAROL.toChecksumHex());

    JsonNode top = get("/v1/scores?limit=1", Status.OK_200);
    assertThat(top.get("total").asInt()).isEqualTo(4);
    assertThat(top.get("entries")).hasSize(1);
    assertThat(top.at("/entries/0/orchestrator").asText()).isEqualTo(ALICE.toChecksumHex());
  }

  @Test
  void anEpochByNumberIsServedWhateverItsStatus() {
    JsonNode built = get("/v1/scores?epoch=11", Status.OK_200);
    assertThat(built.get("epoch").asLong()).isEqualTo(11);
    assertThat(built.get("status").asText()).isEqualTo("built");
    assertThat(built.get("entries")).hasSize(2);
    assertThat(built.at("/entries/0/proof").asText()).startsWith("/v1/attestations/11/proofs/");

    JsonNode latest = get("/v1/scores?epoch=latest", Status.OK_200);
    assertThat(latest.get("epoch").asLong()).isEqualTo(10);
  }

  @Test
  void badLeaderboardQueriesAreRefusedWithTheErrorShape() {
    expectError(
        get("/v1/scores?epoch=yesterday", Status.BAD_REQUEST_400), "bad_request", "'epoch'");
    expectError(get("/v1/scores?epoch=0", Status.BAD_REQUEST_400), "bad_request", "'epoch'");
    expectError(get("/v1/scores?epoch=99", Status.NOT_FOUND_404), "not_found", "epoch 99");
    JsonNode unknown = get("/v1/scores?workload=dalle", Status.BAD_REQUEST_400);
    expectError(unknown, "bad_request", "'workload'");
    assertThat(texts(unknown.at("/error/details/workloads"))).contains(SDXL, PORTRAIT, FACEID);
    expectError(
        get("/v1/scores?minScore=10001", Status.BAD_REQUEST_400), "bad_request", "minScore");
    expectError(get("/v1/scores?limit=0", Status.BAD_REQUEST_400), "bad_request", "'limit'");
  }

  // ---- GET /v1/orchestrators/{address}/scores

  @Test
  void anOrchestratorsHistoryHasTheEpochsOverlappingTheRangeAndItsRunningScores() {
    JsonNode history =
        get(
            "/v1/orchestrators/" + ALICE.toHex().toUpperCase().replace("0X", "0x") + "/scores",
            Status.OK_200);

    assertThat(history.get("orchestrator").asText()).isEqualTo(ALICE.toChecksumHex());
    assertThat(history.get("from").asText()).isEqualTo("2025-12-31T11:30:00Z");
    assertThat(history.get("to").asText()).isEqualTo("2026-01-01T11:30:00Z");
    JsonNode historic = history.get("historic");
    assertThat(historic).hasSize(3);
    assertThat(historic.get(0).get("epoch").asLong()).isEqualTo(10);
    assertThat(historic.get(0).get("workload").asText()).isEqualTo(PORTRAIT);
    assertThat(historic.get(1).get("epoch").asLong()).isEqualTo(10);
    assertThat(historic.get(1).get("workload").asText()).isEqualTo(SDXL);
    assertThat(historic.get(1).get("status").asText()).isEqualTo("published");
    assertThat(historic.get(1).get("scoreBps").asInt())
        .isEqualTo(EPOCH_10.score(ALICE, SDXL).scoreBps());
    assertThat(historic.get(2).get("epoch").asLong()).isEqualTo(11);
    assertThat(historic.get(2).get("status").asText()).isEqualTo("built");
    assertThat(historic.get(2).get("startsAt").asText()).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(historic.get(2).get("endsAt").asText()).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(historic.get(2).get("scoreBps").asInt())
        .isEqualTo(EPOCH_11.score(ALICE, SDXL).scoreBps());
    assertThat(historic.get(2).get("qualifies").asBoolean())
        .isEqualTo((EPOCH_11.score(ALICE, SDXL).flags() & ScoreLeaf.QUALIFIES) != 0);

    JsonNode realtime = history.get("realtime");
    assertThat(realtime).hasSize(1);
    assertThat(realtime.get(0).get("workload").asText()).isEqualTo(SDXL);
    assertThat(realtime.get(0).get("epoch").asLong()).isEqualTo(12);
    assertThat(realtime.get(0).get("asOf").asText()).isEqualTo("2026-01-01T11:29:00Z");
    assertThat(realtime.get(0).get("scoreBps").asInt()).isEqualTo(8_100);
    assertThat(realtime.get(0).get("provisional").asBoolean()).isFalse();
    assertThat(realtime.get(0).get("sessions").asLong()).isEqualTo(42);
    assertThat(REALTIME_ASKED).contains(ALICE.toHex() + " *");
  }

  @Test
  void theHistoryFiltersByWorkloadAndRange() {
    String alice = "/v1/orchestrators/" + ALICE.toChecksumHex() + "/scores";
    JsonNode portrait = get(alice + "?workload=" + PORTRAIT, Status.OK_200);
    assertThat(portrait.get("historic")).hasSize(1);
    assertThat(portrait.get("realtime")).isEmpty();
    assertThat(REALTIME_ASKED).contains(ALICE.toHex() + " " + PORTRAIT);

    // epoch 10 ends at 10:00, so a range from 10:00 holds epoch 11 only
    JsonNode after =
        get(alice + "?from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z", Status.OK_200);
    assertThat(longs(after.get("historic"), "epoch")).containsExactly(11L);
    // and one ending at 10:00 holds epoch 10 only
    JsonNode before =
        get(alice + "?from=2026-01-01T09:59:00Z&to=2026-01-01T10:00:00Z", Status.OK_200);
    assertThat(longs(before.get("historic"), "epoch")).containsExactly(10L, 10L);
    JsonNode none =
        get(alice + "?from=2025-12-01T00:00:00Z&to=2025-12-02T00:00:00Z", Status.OK_200);
    assertThat(none.get("historic")).isEmpty();

    JsonNode carol = get("/v1/orchestrators/" + CAROL.toHex() + "/scores", Status.OK_200);
    assertThat(longs(carol.get("historic"), "epoch")).containsExactly(10L);
    assertThat(carol.get("realtime")).isEmpty();
  }

  @Test
  void badHistoryQueriesAreRefusedWithTheErrorShape() {
    expectError(
        get("/v1/orchestrators/0x1234/scores", Status.BAD_REQUEST_400), "bad_request", "address");
    String alice = "/v1/orchestrators/" + ALICE.toHex() + "/scores";
    expectError(get(alice + "?from=yesterday", Status.BAD_REQUEST_400), "bad_request", "ISO-8601");
    expectError(
        get(alice + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", Status.BAD_REQUEST_400),
        "bad_request",
        "'from' must be before 'to'");
    expectError(get(alice + "?workload=dalle", Status.BAD_REQUEST_400), "bad_request", "workload");
  }

  // ---- GET /v1/orchestrators/{address}/scores/explain

  @Test
  void theExplanationOfTheLatestBuiltLeafRecomputesItsScore() {
    JsonNode explained =
        get(
            "/v1/orchestrators/" + ALICE.toHex() + "/scores/explain?workload=" + SDXL,
            Status.OK_200);
    StoredScore stored = EPOCH_11.score(ALICE, SDXL);

    assertThat(explained.get("epoch").asLong()).isEqualTo(11);
    assertThat(explained.get("status").asText()).isEqualTo("built");
    assertThat(explained.get("orchestrator").asText()).isEqualTo(ALICE.toChecksumHex());
    assertThat(explained.get("workload").asText()).isEqualTo(SDXL);
    assertThat(explained.get("rulesVersion").asText()).isEqualTo("sla-1");
    assertThat(explained.get("scoreBps").asInt()).isEqualTo(stored.scoreBps());
    assertThat(explained.get("flags").asInt()).isEqualTo(stored.flags());
    assertThat(explained.get("minScoreBps").asInt()).isEqualTo(6_000);
    assertThat(Math.round(explained.get("score").asDouble() * 10_000)).isEqualTo(stored.scoreBps());
    assertThat(explained.get("prior").asDouble()).isEqualTo(OracleFixture.PRIOR);
    assertThat(explained.get("epochSessions").asLong()).isEqualTo(30);
    // the previous epoch's 40 sessions, decayed, and this epoch's 30
    assertThat(explained.get("evidenceSessions").asDouble()).isGreaterThan(30).isLessThan(70);
    assertThat(explained.get("historyMean").asDouble()).isEqualTo(stored.state().mean());
    assertThat(explained.get("coverage").asDouble()).isCloseTo(1.0, Offset.offset(1e-9));
    JsonNode subScores = explained.get("subScores");
    assertThat(texts(subScores, "kpi"))
        .containsExactly(
            "failureRate",
            "swapRate",
            "startupP95Ms",
            "outputFps",
            "endToEndP95Ms",
            "jitterCoefficient");
    JsonNode fps = subScores.get(3);
    assertThat(fps.get("group").asText()).isEqualTo("quality");
    assertThat(fps.get("target").asDouble()).isEqualTo(20.0);
    assertThat(fps.get("measured").asDouble()).isBetween(20.3, 20.7);
    assertThat(fps.get("samples").asLong()).isEqualTo(150);
    double shares = 0;
    for (JsonNode sub : subScores) {
      shares += sub.get("share").asDouble();
    }
    assertThat(shares).isCloseTo(1.0, Offset.offset(1e-9));
  }

  @Test
  void anExplanationNeedsAWorkloadWhenTheOrchestratorHasSeveral() {
    String alice = "/v1/orchestrators/" + ALICE.toHex() + "/scores/explain";
    // epoch 11 holds one leaf of Alice's: no workload needed
    assertThat(get(alice, Status.OK_200).get("workload").asText()).isEqualTo(SDXL);
    JsonNode several = get(alice + "?epoch=10", Status.BAD_REQUEST_400);
    expectError(several, "bad_request", "name one with 'workload'");
    assertThat(texts(several.at("/error/details/workloads"))).containsExactly(PORTRAIT, SDXL);

    JsonNode portrait = get(alice + "?epoch=10&workload=" + PORTRAIT, Status.OK_200);
    assertThat(portrait.get("scoreBps").asInt())
        .isEqualTo(EPOCH_10.score(ALICE, PORTRAIT).scoreBps());

    expectError(
        get("/v1/orchestrators/" + CAROL.toHex() + "/scores/explain", Status.NOT_FOUND_404),
        "not_found",
        "no leaf in epoch 11");
    expectError(get(alice + "?epoch=12", Status.NOT_FOUND_404), "not_found", "epoch 12");
    expectError(get(alice + "?workload=dalle", Status.BAD_REQUEST_400), "bad_request", "workload");
    expectError(
        get("/v1/orchestrators/alice/scores/explain", Status.BAD_REQUEST_400),
        "bad_request",
        "address");
  }

  // ---- GET /v1/qualifying

  @Test
  void theQualifyingOrchestratorsAreTheLatestPublishedLeavesWithTheFlag() {
    JsonNode qualifying = get("/v1/qualifying?workload=" + SDXL, Status.OK_200);

    assertThat(qualifying.get("epoch").asLong()).isEqualTo(10);
    assertThat(qualifying.get("workload").asText()).isEqualTo(SDXL);
    assertThat(qualifying.get("minScoreBps").asInt()).isEqualTo(6_000);
    List<String> expected =
        EPOCH_10.scores().stream()
            .filter(score -> score.workload().equals(SDXL))
            .filter(score -> (score.flags() & ScoreLeaf.QUALIFIES) != 0)
            .sorted(Comparator.comparingInt(StoredScore::scoreBps).reversed())
            .map(score -> score.orchestrator().toChecksumHex())
            .toList();
    assertThat(expected).contains(ALICE.toChecksumHex()).doesNotContain(CAROL.toChecksumHex());
    assertThat(texts(qualifying.get("entries"), "orchestrator")).isEqualTo(expected);
    assertThat(qualifying.get("entries"))
        .allSatisfy(entry -> assertThat(entry.get("qualifies").asBoolean()).isTrue())
        .allSatisfy(
            entry ->
                assertThat(entry.get("proof").asText()).startsWith("/v1/attestations/10/proofs/"));

    JsonNode usEast = get("/v1/qualifying?workload=" + SDXL + "&region=us-east", Status.OK_200);
    assertThat(texts(usEast.get("entries"), "region")).containsOnly("us-east");
    assertThat(usEast.get("region").asText()).isEqualTo("us-east");

    JsonNode faceid = get("/v1/qualifying?workload=" + FACEID, Status.OK_200);
    assertThat(faceid.get("entries")).isEmpty();
    assertThat(faceid.get("minScoreBps").asInt()).isEqualTo(6_000);

    expectError(
        get("/v1/qualifying", Status.BAD_REQUEST_400), "bad_request", "'workload' is required");
    expectError(
        get("/v1/qualifying?workload=dalle", Status.BAD_REQUEST_400), "bad_request", "workload");
  }

  // ---- GET /v1/attestations/{epoch}

  @Test
  void theLatestAttestationIsThePublishedOneWithItsSignaturesAndTransaction() {
    JsonNode attestation = get("/v1/attestations/latest", Status.OK_200);
    Bytes32 digest = EPOCH_10.digest();

    assertThat(attestation.get("epoch").asLong()).isEqualTo(10);
    assertThat(attestation.get("status").asText()).isEqualTo("published");
    assertThat(attestation.get("statusReason").isNull()).isTrue();
    assertThat(attestation.get("rulesVersion").asText()).isEqualTo("sla-1");
    assertThat(attestation.get("configVersion").asLong()).isEqualTo(1);
    assertThat(attestation.get("chainId").asLong()).isEqualTo(31337);
    assertThat(attestation.get("contract").asText())
        .isEqualTo("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    assertThat(attestation.get("scoresRoot").asText())
        .isEqualTo(Bytes32.of(EPOCH_10.snapshot().scoresRoot()).hex());
    assertThat(attestation.get("dataHash").asText())
        .isEqualTo(Bytes32.of(EPOCH_10.snapshot().dataHash()).hex());
    assertThat(attestation.get("leafCount").asInt()).isEqualTo(4);
    assertThat(attestation.get("digest").asText()).isEqualTo(digest.hex());
    // recomputed from the answer alone, as a verifier does
    assertThat(attestation.get("digest").asText()).isEqualTo(digestOf(attestation).hex());

    List<String> signers =
        List.of(OracleFixture.FIRST_SIGNER.address(), OracleFixture.SECOND_SIGNER.address())
            .stream()
            .sorted(Comparator.comparing(address -> address.checksummed().toLowerCase()))
            .map(EvmAddress::checksummed)
            .toList();
    assertThat(texts(attestation.get("signatures"), "signer")).isEqualTo(signers);
    assertThat(texts(attestation.get("signers"))).isEqualTo(signers);
    for (JsonNode signature : attestation.get("signatures")) {
      assertThat(Signature.fromHex(signature.get("signature").asText()).signer(digest))
          .hasValueSatisfying(
              signer ->
                  assertThat(signer.checksummed()).isEqualTo(signature.get("signer").asText()));
    }
    JsonNode transaction = attestation.get("transaction");
    assertThat(transaction.get("hash").asText()).isEqualTo("0x" + "ab".repeat(32));
    assertThat(transaction.get("blockNumber").asLong()).isEqualTo(1234);
    assertThat(transaction.get("gasUsed").asLong()).isEqualTo(98_765);
    assertThat(transaction.get("submitter").asText()).isEqualTo(SUBMITTER.toChecksumHex());
    assertThat(transaction.get("publishedAt").asText()).isEqualTo(PUBLISHED_AT.toString());

    JsonNode leaves = attestation.get("leaves");
    assertThat(leaves).hasSize(4);
    for (JsonNode leaf : leaves) {
      EthereumAddress orchestrator = EthereumAddress.fromHex(leaf.get("orchestrator").asText());
      StoredScore stored = EPOCH_10.score(orchestrator, leaf.get("workload").asText());
      assertThat(leaf.get("orchestrator").asText()).isEqualTo(orchestrator.toChecksumHex());
      assertThat(leaf.get("workloadId").asText())
          .isEqualTo(ScoreLeaf.workloadId(stored.workload()).hex());
      assertThat(leaf.get("scoreBps").asInt()).isEqualTo(stored.scoreBps());
      assertThat(leaf.get("flags").asInt()).isEqualTo(stored.flags());
      assertThat(leaf.get("kpiDigest").asText()).isEqualTo(Bytes32.keccak(stored.kpis()).hex());
    }
  }

  @Test
  void aBuiltAttestationHasNoTransactionAndOnlyItsOwnSignatures() {
    JsonNode attestation = get("/v1/attestations/11", Status.OK_200);

    assertThat(attestation.get("status").asText()).isEqualTo("built");
    assertThat(attestation.get("transaction").isNull()).isTrue();
    assertThat(attestation.get("digest").asText()).isEqualTo(EPOCH_11.digest().hex());
    assertThat(texts(attestation.get("signers")))
        .containsExactly(OracleFixture.FIRST_SIGNER.address().checksummed());
    assertThat(attestation.get("leaves")).hasSize(2);
  }

  @Test
  void badAttestationEpochsAreRefusedWithTheErrorShape() {
    expectError(get("/v1/attestations/ten", Status.BAD_REQUEST_400), "bad_request", "'epoch'");
    expectError(get("/v1/attestations/-1", Status.BAD_REQUEST_400), "bad_request", "'epoch'");
    expectError(get("/v1/attestations/12", Status.NOT_FOUND_404), "not_found", "epoch 12");
    expectError(get("/v1/attestations/12/document", Status.NOT_FOUND_404), "not_found", "epoch 12");
    expectError(
        get("/v1/attestations/12/proofs/" + ALICE.toHex(), Status.NOT_FOUND_404),
        "not_found",
        "epoch 12");
  }

  // ---- GET /v1/attestations/{epoch}/document

  @Test
  void theDocumentIsTheStoredCanonicalJsonWhoseHashIsTheDataHash() {
    for (String epoch : List.of("latest", "10", "11")) {
      try (HttpClientResponse response =
          client.get("/v1/attestations/" + epoch + "/document").request()) {
        assertThat(response.status()).isEqualTo(Status.OK_200);
        assertThat(response.headers().contentType())
            .hasValueSatisfying(
                type -> assertThat(type.mediaType().text()).isEqualTo("application/json"));
        byte[] document = response.as(byte[].class);
        OracleFixture.Built built = epoch.equals("11") ? EPOCH_11 : EPOCH_10;
        assertThat(document).isEqualTo(built.snapshot().document());
        JsonNode attestation = get("/v1/attestations/" + epoch, Status.OK_200);
        assertThat(Bytes32.keccak(document).hex()).isEqualTo(attestation.get("dataHash").asText());
        assertThat(Json.parse(new String(document, StandardCharsets.UTF_8)).get("epoch").asLong())
            .isEqualTo(built.snapshot().epoch());
      }
    }
  }

  // ---- GET /v1/attestations/{epoch}/proofs/{address}

  @Test
  void aProofVerifiesAgainstTheRootAndItsDigestIsSignedByTheSigners() {
    JsonNode proof =
        get("/v1/attestations/latest/proofs/" + ALICE.toHex() + "?workload=" + SDXL, Status.OK_200);

    assertThat(fieldNames(proof))
        .containsExactly(
            "epoch",
            "chainId",
            "contract",
            "status",
            "scoresRoot",
            "leafCount",
            "dataHash",
            "configVersion",
            "digest",
            "leaf",
            "leafHash",
            "proof",
            "signatures",
            "transaction");
    assertThat(fieldNames(proof.get("leaf")))
        .containsExactly(
            "epoch", "orchestrator", "workload", "workloadId", "scoreBps", "flags", "kpiDigest");
    assertThat(fieldNames(proof.get("transaction")))
        .containsExactly("hash", "blockNumber", "gasUsed", "submitter", "publishedAt");
    assertThat(proof.get("epoch").asLong()).isEqualTo(10);
    assertThat(proof.get("status").asText()).isEqualTo("published");
    JsonNode leaf = proof.get("leaf");
    assertThat(leaf.get("orchestrator").asText()).isEqualTo(ALICE.toChecksumHex());
    assertThat(leaf.get("workload").asText()).isEqualTo(SDXL);
    assertThat(leaf.get("workloadId").asText()).isEqualTo(ScoreLeaf.workloadId(SDXL).hex());
    assertThat(leaf.get("scoreBps").asInt()).isEqualTo(EPOCH_10.score(ALICE, SDXL).scoreBps());

    // what naap verify does, from the answer alone
    ScoreLeaf rebuilt =
        new ScoreLeaf(
            leaf.get("epoch").asLong(),
            EvmAddress.fromHex(leaf.get("orchestrator").asText()),
            Bytes32.fromHex(leaf.get("workloadId").asText()),
            leaf.get("scoreBps").asInt(),
            leaf.get("flags").asInt(),
            Bytes32.fromHex(leaf.get("kpiDigest").asText()));
    Bytes32 leafHash = Bytes32.fromHex(proof.get("leafHash").asText());
    assertThat(rebuilt.hash()).isEqualTo(leafHash);
    List<Bytes32> path = new ArrayList<>();
    proof.get("proof").forEach(node -> path.add(Bytes32.fromHex(node.asText())));
    assertThat(path).hasSize(2); // four leaves
    Bytes32 root = Bytes32.fromHex(proof.get("scoresRoot").asText());
    assertThat(MerkleTree.verify(root, leafHash, path)).isTrue();
    assertThat(MerkleTree.verify(root, Bytes32.keccak(leafHash.bytes()), path)).isFalse();
    Bytes32 digest = digestOf(proof);
    assertThat(proof.get("digest").asText()).isEqualTo(digest.hex());
    List<String> recovered = new ArrayList<>();
    for (JsonNode signature : proof.get("signatures")) {
      recovered.add(
          Signature.fromHex(signature.get("signature").asText())
              .signer(digest)
              .orElseThrow()
              .checksummed());
      assertThat(recovered.getLast()).isEqualTo(signature.get("signer").asText());
    }
    assertThat(recovered)
        .containsExactlyInAnyOrder(
            OracleFixture.FIRST_SIGNER.address().checksummed(),
            OracleFixture.SECOND_SIGNER.address().checksummed());
    assertThat(proof.at("/transaction/hash").asText()).isEqualTo("0x" + "ab".repeat(32));
  }

  @Test
  void everyLeafOfEveryEpochHasAProofThatVerifies() {
    for (OracleFixture.Built built : List.of(EPOCH_10, EPOCH_11)) {
      JsonNode board = get("/v1/scores?epoch=" + built.snapshot().epoch(), Status.OK_200);
      assertThat(board.get("entries")).hasSize(built.scores().size());
      for (JsonNode entry : board.get("entries")) {
        JsonNode proof = get(decoded(entry.get("proof").asText()), Status.OK_200);
        List<Bytes32> path = new ArrayList<>();
        proof.get("proof").forEach(node -> path.add(Bytes32.fromHex(node.asText())));
        assertThat(
                MerkleTree.verify(
                    Bytes32.of(built.snapshot().scoresRoot()),
                    Bytes32.fromHex(proof.get("leafHash").asText()),
                    path))
            .as(entry.get("proof").asText())
            .isTrue();
        assertThat(proof.get("leaf").get("orchestrator").asText())
            .isEqualTo(entry.get("orchestrator").asText());
      }
    }
    JsonNode built = get("/v1/attestations/11/proofs/" + BOB.toHex(), Status.OK_200);
    assertThat(built.get("transaction").isNull()).isTrue();
    assertThat(built.get("status").asText()).isEqualTo("built");
  }

  @Test
  void aProofNeedsAWorkloadWhenTheOrchestratorHasSeveralLeaves() {
    JsonNode several = get("/v1/attestations/10/proofs/" + ALICE.toHex(), Status.BAD_REQUEST_400);
    expectError(several, "bad_request", "name one with 'workload'");
    assertThat(texts(several.at("/error/details/workloads"))).containsExactly(PORTRAIT, SDXL);
    // one leaf: no workload needed
    assertThat(
            get("/v1/attestations/10/proofs/" + CAROL.toHex(), Status.OK_200)
                .at("/leaf/workload")
                .asText())
        .isEqualTo(SDXL);
    expectError(
        get("/v1/attestations/11/proofs/" + CAROL.toHex(), Status.NOT_FOUND_404),
        "not_found",
        "no leaf in epoch 11");
    expectError(
        get(
            "/v1/attestations/10/proofs/" + BOB.toHex() + "?workload=" + PORTRAIT,
            Status.NOT_FOUND_404),
        "not_found",
        "no leaf for liveportrait");
    expectError(
        get("/v1/attestations/10/proofs/0xZZ", Status.BAD_REQUEST_400), "bad_request", "address");
  }

  // ---- POST /v1/orchestrators/{address}/sla/init

  @Test
  void anSlaInitialisationIsCreatedOnceThenAnsweredAsIs() {
    EthereumAddress dave = EthereumAddress.fromHex("0x" + "de".repeat(20));
    String path = "/v1/orchestrators/" + dave.toHex() + "/sla/init";
    String body = "{\"workload\": \"" + PORTRAIT + "\", \"gpu\": \"NVIDIA GeForce RTX 5090\"}";

    JsonNode created = send(Method.POST, path, ORCHESTRATOR_KEY, body, Status.CREATED_201);
    assertThat(created.get("orchestrator").asText()).isEqualTo(dave.toChecksumHex());
    assertThat(created.get("workload").asText()).isEqualTo(PORTRAIT);
    assertThat(created.get("gpu").asText()).isEqualTo("NVIDIA GeForce RTX 5090");
    assertThat(created.get("enrolledAt").asText()).isEqualTo(CLOCK.instant().toString());

    JsonNode again =
        send(
            Method.POST,
            path,
            ORCHESTRATOR_KEY,
            "{\"workload\": \"" + PORTRAIT + "\"}",
            Status.OK_200);
    assertThat(again).isEqualTo(created);

    JsonNode unknownGpu =
        send(
            Method.POST,
            path,
            ORCHESTRATOR_KEY,
            "{\"workload\": \"" + SDXL + "\", \"gpu\": null}",
            Status.CREATED_201);
    assertThat(unknownGpu.get("gpu").asText()).isEqualTo("unknown");
    assertThat(
            new SlaPolicyStore(FeatureApi.database())
                .enrollments(CLOCK.instant().plusSeconds(1)).stream()
                    .filter(enrollment -> enrollment.orchestrator().equals(dave))
                    .map(SlaPolicyStore.Enrollment::workload))
        .containsExactly(PORTRAIT, SDXL);
  }

  @Test
  void badSlaInitialisationsAreRefusedWithTheErrorShape() {
    String path = "/v1/orchestrators/" + "0x" + "ef".repeat(20) + "/sla/init";
    expectError(
        send(
            Method.POST,
            path,
            ORCHESTRATOR_KEY,
            "{\"workload\": \"dalle\"}",
            Status.BAD_REQUEST_400),
        "bad_request",
        "'workload' must be a workload of the catalogue");
    expectError(
        send(Method.POST, path, ORCHESTRATOR_KEY, "{\"gpu\": \"T4\"}", Status.BAD_REQUEST_400),
        "bad_request",
        "needs 'workload'");
    expectError(
        send(Method.POST, path, ORCHESTRATOR_KEY, "{\"workload\": 7}", Status.BAD_REQUEST_400),
        "bad_request",
        "'workload' must be a text");
    expectError(
        send(
            Method.POST,
            path,
            ORCHESTRATOR_KEY,
            "{\"workload\": \"" + SDXL + "\", \"gpus\": \"T4\"}",
            Status.BAD_REQUEST_400),
        "bad_request",
        "unknown members [gpus]");
    expectError(
        send(Method.POST, path, ORCHESTRATOR_KEY, "{\"workload\": ", Status.BAD_REQUEST_400),
        "bad_request",
        "not valid JSON");
    expectError(
        send(Method.POST, path, ORCHESTRATOR_KEY, "[]", Status.BAD_REQUEST_400),
        "bad_request",
        "a JSON object");
    expectError(
        send(Method.POST, path, ORCHESTRATOR_KEY, null, Status.BAD_REQUEST_400),
        "bad_request",
        "needs a JSON body");
    expectError(
        send(
            Method.POST,
            "/v1/orchestrators/0x12/sla/init",
            ORCHESTRATOR_KEY,
            "{\"workload\": \"" + SDXL + "\"}",
            Status.BAD_REQUEST_400),
        "bad_request",
        "address");
    expectError(
        send(Method.POST, path, null, "{\"workload\": \"" + SDXL + "\"}", Status.UNAUTHORIZED_401),
        "unauthorized",
        "orchestrator");
    expectError(
        send(
            Method.POST,
            path,
            GATEWAY_KEY,
            "{\"workload\": \"" + SDXL + "\"}",
            Status.FORBIDDEN_403),
        "forbidden",
        "orchestrator");
    try (HttpClientResponse response =
        client
            .post(path)
            .header(HeaderNames.AUTHORIZATION, "Bearer " + ORCHESTRATOR_KEY)
            .header(HeaderNames.CONTENT_TYPE, "text/plain")
            .submit("workload=" + SDXL)) {
      assertThat(response.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE_415);
      expectError(
          Json.parse(response.as(String.class)), "unsupported_media_type", "application/json");
    }
    assertThat(
            new SlaPolicyStore(FeatureApi.database())
                .enrollments(Instant.parse("9999-01-01T00:00:00Z")).stream()
                    .filter(
                        enrollment ->
                            enrollment.orchestrator().toHex().equals("0x" + "ef".repeat(20))))
        .isEmpty();
  }

  // ---- GET|PUT /v1/workloads/{id}/min-score

  @Test
  void aWorkloadsMinimumScoreIsItsDefaultUntilAGatewaySetsIt() {
    String path = "/v1/workloads/" + FACEID + "/min-score";
    JsonNode before = get(path, Status.OK_200);
    assertThat(before.get("workload").asText()).isEqualTo(FACEID);
    assertThat(before.get("minScoreBps").asInt()).isEqualTo(6_000);
    assertThat(before.get("source").asText()).isEqualTo("default");
    assertThat(before.get("setAt").isNull()).isTrue();
    assertThat(before.get("setBy").isNull()).isTrue();

    JsonNode set = send(Method.PUT, path, GATEWAY_KEY, "{\"minScoreBps\": 7500}", Status.OK_200);
    String keyId = GATEWAY_KEY.split("_")[2];
    assertThat(set.get("minScoreBps").asInt()).isEqualTo(7_500);
    assertThat(set.get("source").asText()).isEqualTo("set");
    assertThat(set.get("setAt").asText()).isEqualTo(CLOCK.instant().toString());
    assertThat(set.get("setBy").asText()).isEqualTo("apiKey:" + keyId);
    assertThat(set.get("defaultMinScoreBps").asInt()).isEqualTo(6_000);

    // in effect at once, and read back from the store
    assertThat(get(path, Status.OK_200)).isEqualTo(set);
    assertThat(
            new SlaPolicyStore(FeatureApi.database())
                .minScore(FACEID, CLOCK.instant().plusSeconds(1))
                .orElseThrow()
                .minScoreBps())
        .isEqualTo(7_500);
  }

  @Test
  void badMinimumScoresAreRefusedWithTheErrorShape() {
    String path = "/v1/workloads/" + PORTRAIT + "/min-score";
    for (String body :
        List.of(
            "{\"minScoreBps\": 10001}",
            "{\"minScoreBps\": -1}",
            "{\"minScoreBps\": 6000.5}",
            "{\"minScoreBps\": \"7000\"}")) {
      expectError(
          send(Method.PUT, path, GATEWAY_KEY, body, Status.BAD_REQUEST_400),
          "bad_request",
          "'minScoreBps' must be a whole number from 0 to 10000");
    }
    expectError(
        send(Method.PUT, path, GATEWAY_KEY, "{}", Status.BAD_REQUEST_400),
        "bad_request",
        "needs 'minScoreBps'");
    expectError(
        send(
            Method.PUT,
            "/v1/workloads/dalle/min-score",
            GATEWAY_KEY,
            "{\"minScoreBps\": 1}",
            Status.NOT_FOUND_404),
        "not_found",
        "no workload 'dalle'");
    expectError(get("/v1/workloads/dalle/min-score", Status.NOT_FOUND_404), "not_found", "dalle");
    expectError(
        send(Method.PUT, path, ORCHESTRATOR_KEY, "{\"minScoreBps\": 1}", Status.FORBIDDEN_403),
        "forbidden",
        "gateway");
    expectError(
        send(Method.PUT, path, null, "{\"minScoreBps\": 1}", Status.UNAUTHORIZED_401),
        "unauthorized",
        "gateway");
    assertThat(get(path, Status.OK_200).get("source").asText()).isEqualTo("default");
  }

  // ---- helpers

  private JsonNode get(String pathAndQuery, Status expected) {
    String[] parts = pathAndQuery.split("\\?", 2);
    var request = client.get(parts[0]);
    if (parts.length == 2) {
      for (String pair : parts[1].split("&")) {
        String[] nameValue = pair.split("=", 2);
        request.queryParam(nameValue[0], nameValue[1]);
      }
    }
    try (HttpClientResponse response = request.request()) {
      String text = response.as(String.class);
      assertThat(response.status()).as(pathAndQuery + ": " + text).isEqualTo(expected);
      assertThat(response.headers().contentType())
          .hasValueSatisfying(
              type -> assertThat(type.mediaType().text()).isEqualTo("application/json"));
      return Json.parse(text);
    }
  }

  private JsonNode send(Method method, String path, String key, String body, Status expected) {
    var request = client.method(method).path(path);
    if (key != null) {
      request.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
    }
    request.header(HeaderNames.CONTENT_TYPE, "application/json");
    try (HttpClientResponse response = body == null ? request.request() : request.submit(body)) {
      String text = response.as(String.class);
      assertThat(response.status())
          .as(method.text() + " " + path + ": " + text)
          .isEqualTo(expected);
      return Json.parse(text);
    }
  }

  private static void expectError(JsonNode body, String code, String messagePart) {
    assertThat(fieldNames(body)).containsExactly("error");
    assertThat(fieldNames(body.get("error")))
        .containsExactlyInAnyOrder("code", "message", "details");
    assertThat(body.at("/error/code").asText()).isEqualTo(code);
    assertThat(body.at("/error/message").asText()).contains(messagePart);
  }

  /** The EIP-712 digest of the attestation an answer describes, from its fields alone. */
  private static Bytes32 digestOf(JsonNode answer) {
    return new ScoreSnapshot(
            answer.get("epoch").asLong(),
            Bytes32.fromHex(answer.get("scoresRoot").asText()),
            answer.get("leafCount").asLong(),
            Bytes32.fromHex(answer.get("dataHash").asText()),
            answer.get("configVersion").asLong())
        .digest(
            Eip712Domain.slaOracle(
                answer.get("chainId").asLong(),
                EvmAddress.fromHex(answer.get("contract").asText())));
  }

  private static String decoded(String link) {
    return URLDecoder.decode(link, StandardCharsets.UTF_8);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.get(field).asText()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.asText()));
    return values;
  }

  private static List<Long> longs(JsonNode array, String field) {
    List<Long> values = new ArrayList<>();
    array.forEach(item -> values.add(item.get(field).asLong()));
    return values;
  }
}
