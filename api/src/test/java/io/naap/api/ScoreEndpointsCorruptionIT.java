package io.naap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.naap.api.score.ScoreEndpoints;
import io.naap.attestations.Bytes32;
import io.naap.storage.EthereumAddress;
import io.naap.storage.oracle.OracleContract;
import io.naap.storage.oracle.OracleStore;
import io.naap.storage.oracle.SlaPolicyStore;
import io.naap.storage.oracle.StoredScore;
import io.naap.storage.oracle.StoredSignature;
import io.naap.storage.oracle.StoredSnapshot;
import io.naap.testkit.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stored snapshots that do not check out are answered 500 with the JSON error shape, never served
 * as if they were sound: leaves that do not hash to the stored root, a score that does not
 * recompute from its stored inputs, a signature that does not recover to its stored signer; and a
 * score of other rules is not explained by these (501).
 */
@RoutingTest
class ScoreEndpointsCorruptionIT {
  private static final String SDXL = "streamdiffusion-sdxl";
  private static final OracleContract ORACLE =
      new OracleContract(
          31337, EthereumAddress.fromHex("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"));
  private static final EthereumAddress ALICE =
      EthereumAddress.fromHex("0xd8da6bf26964af9d7eed9e03e53415d37aa96045");
  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final ApiServer API = server();

  private final DirectClient client;

  ScoreEndpointsCorruptionIT(DirectClient client) {
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

  private static ApiServer server() {
    OracleStore store = new OracleStore(FeatureApi.database(), ORACLE);
    // epoch 1: one score raised by a bit after it was scored, so the leaves no longer hash to the
    // root, and a signature stored under the other signer's address
    OracleFixture.Built sound =
        OracleFixture.build(
            ORACLE,
            1,
            GENESIS,
            HOUR,
            List.of(
                new OracleFixture.Entry(
                    ALICE,
                    SDXL,
                    OracleFixture.kpis(20, 19, 2000, 1500, 0),
                    "NVIDIA GeForce RTX 4090",
                    "eu-west",
                    Optional.empty())));
    StoredScore honest = sound.scores().getFirst();
    StoredScore raised =
        new StoredScore(
            honest.epoch(),
            honest.orchestrator(),
            honest.workload(),
            honest.workloadId(),
            honest.scoreBps() + 1,
            honest.flags(),
            honest.kpiDigest(),
            honest.kpis(),
            honest.gpu(),
            honest.region(),
            honest.prior(),
            honest.previous(),
            honest.state(),
            honest.minScoreBps(),
            honest.lastActiveEpoch());
    assertThat(store.insert(sound.snapshot(), List.of(raised))).isTrue();
    StoredSignature byFirst = sound.signedBy(OracleFixture.FIRST_SIGNER);
    store.addSignature(
        1,
        new StoredSignature(
            1,
            byFirst.configVersion(),
            byFirst.digest(),
            new EthereumAddress(OracleFixture.SECOND_SIGNER.address().bytes()),
            byFirst.signature(),
            byFirst.signedAt()));

    // epoch 2: scored by rules this server does not run
    OracleFixture.Built other =
        OracleFixture.build(
            ORACLE,
            2,
            GENESIS.plus(HOUR),
            HOUR,
            List.of(
                new OracleFixture.Entry(
                    ALICE,
                    SDXL,
                    OracleFixture.kpis(20, 19, 2000, 1500, 0),
                    "NVIDIA GeForce RTX 4090",
                    "eu-west",
                    Optional.empty())));
    StoredSnapshot built = other.snapshot();
    StoredSnapshot olderRules =
        StoredSnapshot.built(
            ORACLE,
            2,
            built.startsAt(),
            built.endsAt(),
            "sla-0",
            built.configVersion(),
            built.scoresRoot(),
            built.dataHash(),
            built.leafCount(),
            built.document(),
            built.builtAt(),
            Optional.empty());
    assertThat(store.insert(olderRules, other.scores())).isTrue();

    return new ApiServer(
        ApiSettings.onLoopback(0),
        TestMeters.REGISTRY,
        List.of(FakeChecks.up("database")),
        new ScoreEndpoints(
                store,
                new SlaPolicyStore(FeatureApi.database()),
                OracleFixture.CATALOGUE,
                OracleFixture.SCORER,
                new SteppedClock(GENESIS.plus(HOUR.multipliedBy(3))),
                (orchestrator, workload) -> List.of())
            .endpoints(),
        FeatureApi.keys());
  }

  @Test
  void leavesThatDoNotHashToTheStoredRootGiveNoProof() {
    JsonNode error =
        get("/v1/attestations/1/proofs/" + ALICE.toHex(), Status.INTERNAL_SERVER_ERROR_500);
    assertThat(error.at("/error/code").asText()).isEqualTo("internal_error");
    assertThat(error.at("/error/message").asText())
        .contains("not to the stored scores root")
        .contains("inconsistent");
    assertThat(error.at("/error/details/epoch").asLong()).isEqualTo(1);
  }

  @Test
  void aScoreThatDoesNotRecomputeIsNotExplained() {
    JsonNode error =
        get(
            "/v1/orchestrators/" + ALICE.toHex() + "/scores/explain?epoch=1",
            Status.INTERNAL_SERVER_ERROR_500);
    assertThat(error.at("/error/code").asText()).isEqualTo("internal_error");
    assertThat(error.at("/error/message").asText()).contains("recomputes to");
  }

  @Test
  void aSignatureThatDoesNotRecoverToItsSignerIsNotServed() {
    JsonNode error = get("/v1/attestations/1", Status.INTERNAL_SERVER_ERROR_500);
    assertThat(error.at("/error/code").asText()).isEqualTo("internal_error");
    assertThat(error.at("/error/message").asText())
        .contains(OracleFixture.SECOND_SIGNER.address().checksummed())
        .contains("does not recover to its signer");
    // the document itself is served as stored: anyone can check it against the data hash
    try (HttpClientResponse response = client.get("/v1/attestations/1/document").request()) {
      assertThat(response.status()).isEqualTo(Status.OK_200);
      byte[] stored =
          new OracleStore(FeatureApi.database(), ORACLE).snapshot(1).orElseThrow().dataHash();
      assertThat(Bytes32.keccak(response.as(byte[].class))).isEqualTo(Bytes32.of(stored));
    }
  }

  @Test
  void aScoreOfOtherRulesIsNotExplainedByThese() {
    JsonNode error =
        get("/v1/orchestrators/" + ALICE.toHex() + "/scores/explain", Status.NOT_IMPLEMENTED_501);
    assertThat(error.at("/error/code").asText()).isEqualTo("not_implemented");
    assertThat(error.at("/error/message").asText())
        .contains("epoch 2 was scored by rules sla-0")
        .contains("sla-1");
    assertThat(error.at("/error/details/rulesVersion").asText()).isEqualTo("sla-0");
    // its leaves still have their proofs
    JsonNode proof = get("/v1/attestations/2/proofs/" + ALICE.toHex(), Status.OK_200);
    assertThat(proof.get("leafHash").asText()).startsWith("0x");
  }

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
      return Json.parse(text);
    }
  }
}
