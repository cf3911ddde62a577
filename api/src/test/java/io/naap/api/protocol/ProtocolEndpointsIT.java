package io.naap.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.api.Endpoint;
import io.naap.api.auth.ApiKeys;
import io.naap.api.kpi.KpiEndpoints;
import io.naap.api.telemetry.TelemetryEndpoints;
import io.naap.embedded.LocalPostgres;
import io.naap.sla.workload.WorkloadCatalogue;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.protocol.ChunkDeriver;
import io.naap.storage.protocol.DerivedState;
import io.naap.storage.protocol.ProtocolEventRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.kpi.RoundDemand;
import io.naap.telemetry.session.SessionEngine;
import io.naap.telemetry.session.SessionSettings;
import io.naap.testkit.Fixtures;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import io.naap.testkit.SteppedClock;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The protocol endpoints over a real PostgreSQL holding a mirror seeded as the indexer writes it
 * (events whose fields are the decoder's canonical JSON, stored through {@link ProtocolMirrorStore}
 * with hand-derived state) and telemetry posted as gateways post it (the real capture, and a copy
 * of it for a second orchestrator as test traffic).
 *
 * <p>The scripted chain (42161, every contract from block 100):
 *
 * <ul>
 *   <li>block 100: a Reward of O2 before round 1's NewRound (no round); round 1, its block time
 *       unknown
 *   <li>101-104: rates of O1, O2, O4; bonds of D1 to O1 and of O2 to itself; O1, O2, O4 activated
 *       from round 2; O1's service URIs; 105: O1's reward and treasury reward (round 1)
 *   <li>150: a ticket of O2 (round 1); 200: a ticket of O1 redeemed BEFORE round 2's NewRound in
 *       the same block (round 1), the Minter's tokens and NewRound 2 in one transaction (20:59:59),
 *       a ticket of O1 AFTER it (round 2)
 *   <li>210-260: rewards of O1 and O2, D1's unbond, unbond, rebond, claim and fee withdrawal, O4
 *       deactivated from round 3, a ticket of O2 credited below its face value (round 2)
 *   <li>300: tokens and NewRound 3 (23:00:30); 310: O1's reward; 400: tokens and NewRound 4 (01:00,
 *       current)
 *   <li>501-600, indexed for every contract but the Minter (so never read: the state is as of block
 *       500): new rates of O1, a bond of D2, NewRound 5
 * </ul>
 *
 * The capture (2026-01-08 21:49-21:51, real traffic) names O1 by its local address and pays it by
 * its on-chain one; the copy is O3's, as test traffic. Both fall in round 2's window.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEndpointsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CHAIN = 42161;
  private static final Instant NOW = Instant.parse("2026-01-09T01:30:20Z");

  private static final String O1 = "0xd00354656922168815fcd1e51cbddb9e359e3c7f";
  private static final String O1_CHECKSUM = "0xd00354656922168815Fcd1e51CBddB9e359e3C7F";
  private static final String O2 = "0xd8da6bf26964af9d7eed9e03e53415d37aa96045";
  private static final String O2_CHECKSUM = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045";
  private static final String O3 = "0xab5801a7d398351b8be11c439e05c5b3259aec9b";
  private static final String O3_CHECKSUM = "0xAb5801a7D398351b8bE11C439e05C5B3259aeC9B";
  private static final String O3_LOCAL = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
  private static final String O4 = "0x00000000219ab540356cbb839cbe05303d7705fa";
  private static final String O4_CHECKSUM = "0x00000000219ab540356cBB839Cbe05303d7705Fa";
  private static final String D1 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  private static final String D1_CHECKSUM = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  private static final String D2 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";
  private static final String GATEWAY = "0x5ae4e42db3671370a0c25aff451e7482aaec3d0b";
  private static final String TREASURY = "0xf82c1ff415f1fcf582554fdba790e27019c8e8c4";
  private static final String SERVICE_URI = "https://rtav-orch2.xodeapp.xyz:28935";
  private static final String AI_SERVICE_URI = "https://ai.example.com:8935";

  private static final List<String> CONTRACTS =
      List.of(
          "AIServiceRegistry",
          "BondingManager",
          "Minter",
          "RoundsManager",
          "ServiceRegistry",
          "TicketBroker");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SteppedClock clock = new SteppedClock(NOW);
  private final List<Database> databases = new ArrayList<>();
  private final List<ApiServer> servers = new ArrayList<>();
  private int port;

  @BeforeAll
  void seed(PostgresDatabase postgres) throws IOException, InterruptedException {
    Database database = connect(postgres);
    ProtocolMirrorStore mirror = new ProtocolMirrorStore(database);
    for (String contract : CONTRACTS) {
      mirror.register(CHAIN, contract, contractAddress(contract), 100, NOW);
    }
    mirror.apply(
        new ProtocolMirrorStore.Chunk(CHAIN, CONTRACTS, 100, 500, history(), List.of(), 0),
        NOW,
        derived(historyState()));
    List<String> withoutMinter = CONTRACTS.stream().filter(c -> !c.equals("Minter")).toList();
    mirror.apply(
        new ProtocolMirrorStore.Chunk(CHAIN, withoutMinter, 501, 600, later(), List.of(), 0),
        NOW,
        derived(laterState()));
    ApiKeys keys = new ApiKeys(new ApiKeyStore(database), clock, new SecureRandom());
    port = start(database, keys);
    String gatewayKey =
        keys.create(KeyScope.GATEWAY, Optional.of("ProtocolEndpointsIT")).key().text();
    JsonNode real = post(gatewayKey, "application/json", Fixtures.liveStreamCapture());
    assertThat(real.get("accepted").asLong()).isEqualTo(65);
    JsonNode test = post(gatewayKey, "application/x-ndjson", captureOf(O3, O3_LOCAL));
    assertThat(test.get("accepted").asLong()).isEqualTo(65);
  }

  @AfterAll
  void stop() {
    servers.forEach(ApiServer::stop);
    databases.forEach(Database::close);
  }

  // ---- GET /v1/protocol/orchestrators

  @Test
  void listsEveryOrchestratorAsOfTheLowestCheckpoint() throws Exception {
    JsonNode body = get("/v1/protocol/orchestrators", 200);

    assertThat(body.get("chainId").asLong()).isEqualTo(CHAIN);
    // the Minter is indexed through 500 only: nothing of blocks 501-600 is read
    assertThat(body.get("asOfBlock").asLong()).isEqualTo(500);
    assertThat(body.get("currentRound").asLong()).isEqualTo(4);
    assertThat(body.get("active").isNull()).isTrue();
    assertThat(addresses(body.get("orchestrators")))
        .containsExactly(O4_CHECKSUM, O1_CHECKSUM, O2_CHECKSUM);

    JsonNode o1 = body.get("orchestrators").get(1);
    assertThat(o1.get("rewardCut").asLong()).isEqualTo(50_000); // not block 550's 999999
    assertThat(o1.get("rewardCutFraction").decimalValue()).isEqualByComparingTo("0.05");
    assertThat(o1.get("feeShare").asLong()).isEqualTo(250_000);
    assertThat(o1.get("feeShareFraction").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(o1.get("activationRound").asLong()).isEqualTo(2);
    assertThat(o1.get("deactivationRound").isNull()).isTrue();
    assertThat(o1.get("active").asBoolean()).isTrue();
    assertThat(o1.get("stake").asText()).isEqualTo(lpt(812)); // not block 550's
    assertThat(o1.get("serviceUri").asText()).isEqualTo(SERVICE_URI);
    assertThat(o1.get("aiServiceUri").asText()).isEqualTo(AI_SERVICE_URI);
    assertThat(o1.get("lastRewardRound").asLong()).isEqualTo(3);

    JsonNode o2 = body.get("orchestrators").get(2);
    assertThat(o2.get("rewardCut").asLong()).isEqualTo(100_000);
    assertThat(o2.get("feeShareFraction").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(o2.get("stake").asText()).isEqualTo(lpt(506));
    assertThat(o2.get("serviceUri").isNull()).isTrue();
    assertThat(o2.get("aiServiceUri").isNull()).isTrue();
    assertThat(o2.get("lastRewardRound").asLong()).isEqualTo(2);

    JsonNode o4 = body.get("orchestrators").get(0);
    assertThat(o4.get("rewardCut").asLong()).isZero();
    assertThat(o4.get("rewardCutFraction").decimalValue()).isEqualByComparingTo("0");
    assertThat(o4.get("feeShareFraction").decimalValue()).isEqualByComparingTo("1");
    assertThat(o4.get("activationRound").asLong()).isEqualTo(2);
    assertThat(o4.get("deactivationRound").asLong()).isEqualTo(3);
    assertThat(o4.get("active").asBoolean()).isFalse();
    assertThat(o4.get("stake").asText()).isEqualTo("0");
    assertThat(o4.get("lastRewardRound").isNull()).isTrue();
  }

  @Test
  void filtersByActivityInTheCurrentRound() throws Exception {
    JsonNode active = get("/v1/protocol/orchestrators?active=true", 200);
    JsonNode inactive = get("/v1/protocol/orchestrators?active=false&chainId=42161", 200);

    assertThat(active.get("active").asBoolean()).isTrue();
    assertThat(addresses(active.get("orchestrators"))).containsExactly(O1_CHECKSUM, O2_CHECKSUM);
    assertThat(inactive.get("active").asBoolean()).isFalse();
    assertThat(addresses(inactive.get("orchestrators"))).containsExactly(O4_CHECKSUM);
    assertBadRequest(get("/v1/protocol/orchestrators?active=yes", 400), "active");
    assertBadRequest(get("/v1/protocol/orchestrators?active=TRUE", 400), "active");
  }

  // ---- GET /v1/protocol/orchestrators/{address}

  @Test
  void answersOneOrchestratorWithItsEarningsByRound() throws Exception {
    JsonNode o1 = get("/v1/protocol/orchestrators/" + O1.toUpperCase().replace("0X", "0x"), 200);

    assertThat(o1.get("address").asText()).isEqualTo(O1_CHECKSUM);
    assertThat(o1.get("chainId").asLong()).isEqualTo(CHAIN);
    assertThat(o1.get("asOfBlock").asLong()).isEqualTo(500);
    assertThat(o1.get("currentRound").asLong()).isEqualTo(4);
    assertThat(o1.get("rewardCut").asLong()).isEqualTo(50_000);
    assertThat(o1.get("active").asBoolean()).isTrue();
    assertThat(o1.get("stake").asText()).isEqualTo(lpt(812));
    JsonNode rounds = o1.get("rounds");
    assertThat(rounds).hasSize(3);
    // round 1: its reward and the ticket redeemed in block 200 BEFORE NewRound 2
    assertEarnings(rounds.get(0), 1, lpt(10), lpt(1), 1, "2000000000000000", "2000000000000000", 1);
    // round 2: the ticket redeemed in block 200 AFTER NewRound 2, its reward
    assertEarnings(
        rounds.get(1), 2, lpt(12), "1200000000000000000", 1, "33600000014400", "33600000014400", 1);
    assertEarnings(rounds.get(2), 3, lpt(11), "0", 1, "0", "0", 0);

    JsonNode o2 = get("/v1/protocol/orchestrators/" + O2_CHECKSUM, 200);
    assertThat(o2.get("address").asText()).isEqualTo(O2_CHECKSUM);
    // a reward before the first NewRound mirrored belongs to no round, and comes first
    assertThat(o2.get("rounds")).hasSize(3);
    assertEarnings(o2.get("rounds").get(0), -1, lpt(1), "0", 1, "0", "0", 0);
    assertEarnings(
        o2.get("rounds").get(1), 1, "0", "0", 0, "1000000000000000", "1000000000000000", 1);
    // the deposit ran short: credited below the face value
    assertEarnings(
        o2.get("rounds").get(2), 2, lpt(6), "0", 1, "3000000000000000", "1000000000000000", 1);
  }

  @Test
  void refusesMalformedAndUnknownOrchestrators() throws Exception {
    assertBadRequest(get("/v1/protocol/orchestrators/0x1234", 400), "address");
    assertBadRequest(
        get("/v1/protocol/orchestrators/" + O1.replace("0x", "0xzz").substring(0, 42), 400),
        "address");
    JsonNode unknown = get("/v1/protocol/orchestrators/" + O3, 404);
    assertThat(unknown.at("/error/code").asText()).isEqualTo("not_found");
    assertThat(unknown.at("/error/message").asText()).contains(O3_CHECKSUM);
    assertThat(unknown.at("/error/details/address").asText()).isEqualTo(O3_CHECKSUM);
  }

  // ---- GET /v1/protocol/delegators/{address}

  @Test
  void answersADelegatorWithItsLocksAndClaims() throws Exception {
    JsonNode d1 = get("/v1/protocol/delegators/" + D1_CHECKSUM, 200);

    assertThat(d1.get("address").asText()).isEqualTo(D1_CHECKSUM);
    assertThat(d1.get("asOfBlock").asLong()).isEqualTo(500);
    assertThat(d1.get("delegate").asText()).isEqualTo(O1_CHECKSUM);
    assertThat(d1.get("bonded").asText()).isEqualTo(lpt(803));
    assertThat(d1.get("lastChangeBlock").asLong()).isEqualTo(230);
    JsonNode locks = d1.get("unbondingLocks");
    assertThat(locks).hasSize(2);
    assertThat(locks.get(0).get("lockId").asLong()).isZero();
    assertThat(locks.get(0).get("delegate").asText()).isEqualTo(O1_CHECKSUM);
    assertThat(locks.get(0).get("amount").asText()).isEqualTo(lpt(200));
    assertThat(locks.get(0).get("withdrawRound").asLong()).isEqualTo(9);
    assertThat(locks.get(0).get("createdBlock").asLong()).isEqualTo(220);
    assertThat(locks.get(0).get("status").asText()).isEqualTo("open");
    assertThat(locks.get(0).get("closedBlock").isNull()).isTrue();
    assertThat(locks.get(0).get("closedBy").isNull()).isTrue();
    assertThat(locks.get(1).get("lockId").asLong()).isEqualTo(1);
    assertThat(locks.get(1).get("amount").asText()).isEqualTo(lpt(100));
    assertThat(locks.get(1).get("status").asText()).isEqualTo("closed");
    assertThat(locks.get(1).get("closedBlock").asLong()).isEqualTo(222);
    assertThat(locks.get(1).get("closedBy").asText()).isEqualTo("Rebond");
    assertThat(d1.get("rewardsClaimed").asText()).isEqualTo(lpt(3));
    assertThat(d1.get("feesClaimed").asText()).isEqualTo("5000000000000000");
    assertThat(d1.get("feesWithdrawn").asText()).isEqualTo("4000000000000000");

    JsonNode self = get("/v1/protocol/delegators/" + O2, 200);
    assertThat(self.get("delegate").asText()).isEqualTo(O2_CHECKSUM);
    assertThat(self.get("unbondingLocks")).isEmpty();
    assertThat(self.get("rewardsClaimed").asText()).isEqualTo("0");
  }

  @Test
  void refusesMalformedAndUnknownDelegators() throws Exception {
    assertBadRequest(get("/v1/protocol/delegators/sample", 400), "address");
    // D2 bonded in block 550, after the state's block
    JsonNode later = get("/v1/protocol/delegators/" + D2, 404);
    assertThat(later.at("/error/code").asText()).isEqualTo("not_found");
    assertThat(later.at("/error/details/asOfBlock").asLong()).isEqualTo(500);
    get("/v1/protocol/delegators/" + O4, 404);
  }

  // ---- GET /v1/protocol/rounds/{round}

  @Test
  void answersAFinishedRoundJoinedWithItsDemand() throws Exception {
    JsonNode round = get("/v1/protocol/rounds/2", 200);

    assertThat(round.get("chainId").asLong()).isEqualTo(CHAIN);
    assertThat(round.get("asOfBlock").asLong()).isEqualTo(500);
    assertThat(round.get("round").asLong()).isEqualTo(2);
    assertThat(round.get("current").asBoolean()).isFalse();
    assertThat(round.get("startBlock").asLong()).isEqualTo(200);
    assertThat(round.get("blockHash").asText()).isEqualTo(roundHash(2));
    assertThat(round.get("startedAt").asText()).isEqualTo("2026-01-08T20:59:59Z");
    assertThat(round.get("endBlock").asLong()).isEqualTo(300);
    assertThat(round.get("endedAt").asText()).isEqualTo("2026-01-08T23:00:30Z");
    // the tokens emitted with NewRound 2, not those emitted with NewRound 3 inside its span
    assertThat(round.get("mintableTokens").asText()).isEqualTo(lpt(7_000));
    assertThat(round.get("inflation").asLong()).isEqualTo(229_000);
    assertThat(round.get("activeOrchestrators").asLong()).isEqualTo(3);

    JsonNode demand = round.get("demand");
    assertThat(demand.get("available").asBoolean()).isTrue();
    assertThat(demand.get("reason").isNull()).isTrue();
    // a minute belongs to the round in progress at its start: 21:00 to 23:00 inclusive
    assertThat(demand.get("from").asText()).isEqualTo("2026-01-08T21:00:00Z");
    assertThat(demand.get("to").asText()).isEqualTo("2026-01-08T23:01:00Z");
    assertThat(demand.get("complete").asBoolean()).isTrue();

    // every orchestrator with either side, by address: O3 only in telemetry, O2 only on chain
    JsonNode items = round.get("orchestrators");
    assertThat(addresses(items)).containsExactly(O3_CHECKSUM, O1_CHECKSUM, O2_CHECKSUM);

    JsonNode o3 = items.get(0);
    assertEarnings(o3, 2, "0", "0", 0, "0", "0", 0);
    assertThat(o3.at("/demand/real/streams").asLong()).isZero();
    assertThat(o3.at("/demand/test/streams").asLong()).isEqualTo(1);
    assertThat(o3.at("/demand/test/payments").asLong()).isEqualTo(6);
    assertThat(o3.at("/demand/test/tickets").asLong()).isEqualTo(7);
    assertThat(o3.at("/demand/total/expectedFeesWei").asText()).isEqualTo("16800000007200");
    assertThat(o3.at("/demand/feesCreditedOverExpected").decimalValue()).isEqualByComparingTo("0");

    // the capture names O1 by its local address in its traces, by its on-chain one in payments
    JsonNode o1 = items.get(1);
    assertEarnings(o1, 2, lpt(12), "1200000000000000000", 1, "33600000014400", "33600000014400", 1);
    assertThat(o1.at("/demand/real/streams").asLong()).isEqualTo(1);
    assertThat(o1.at("/demand/real/payments").asLong()).isEqualTo(6);
    assertThat(o1.at("/demand/real/tickets").asLong()).isEqualTo(7);
    assertThat(o1.at("/demand/real/expectedFeesWei").asText()).isEqualTo("16800000007200");
    assertThat(o1.at("/demand/real/inferenceMinutes").asDouble()).isPositive();
    assertThat(o1.at("/demand/test/streams").asLong()).isZero();
    assertThat(o1.at("/demand/test/expectedFeesWei").asText()).isEqualTo("0");
    // 33600000014400 credited / 16800000007200 expected
    assertThat(o1.at("/demand/feesCreditedOverExpected").decimalValue()).isEqualByComparingTo("2");

    JsonNode o2 = items.get(2);
    assertEarnings(o2, 2, lpt(6), "0", 1, "3000000000000000", "1000000000000000", 1);
    assertThat(o2.at("/demand/total/streams").asLong()).isZero();
    assertThat(o2.at("/demand/total/payments").asLong()).isZero();
    assertThat(o2.at("/demand/total/expectedFeesWei").asText()).isEqualTo("0");
    assertThat(o2.at("/demand/feesCreditedOverExpected").isNull()).isTrue();

    // the telemetry side is exactly what the demand API says of the same minutes
    JsonNode byOrchestrator =
        get(
            "/v1/demand?groupBy=orchestrator&from=2026-01-08T21:00:00Z&to=2026-01-08T23:01:00Z",
            200);
    for (JsonNode group : byOrchestrator.get("groups")) {
      String key = group.get("orchestrator").asText();
      JsonNode joined =
          key.equals(O1_CHECKSUM)
              ? o1.get("demand")
              : key.equals(O3_CHECKSUM) ? o3.get("demand") : demand.get("unattributed");
      for (String traffic : List.of("real", "test", "total")) {
        assertSameDemand(joined.get(traffic), group.get(traffic), key + " " + traffic);
      }
    }
    assertThat(byOrchestrator.get("groups").size()).isBetween(2, 3);
  }

  @Test
  void aRoundWhoseStartTimeIsUnknownHasNoDemandAndSaysWhy() throws Exception {
    JsonNode round = get("/v1/protocol/rounds/1", 200);

    assertThat(round.get("startBlock").asLong()).isEqualTo(100);
    assertThat(round.get("startedAt").isNull()).isTrue();
    assertThat(round.get("endBlock").asLong()).isEqualTo(200);
    assertThat(round.get("endedAt").asText()).isEqualTo("2026-01-08T20:59:59Z");
    assertThat(round.get("mintableTokens").isNull()).isTrue();
    assertThat(round.get("inflation").isNull()).isTrue();
    assertThat(round.get("activeOrchestrators").asLong()).isZero();
    JsonNode demand = round.get("demand");
    assertThat(demand.get("available").asBoolean()).isFalse();
    assertThat(demand.get("reason").asText()).contains("round 1 started is unknown");
    assertThat(demand.get("from").isNull()).isTrue();
    assertThat(demand.get("unattributed").isNull()).isTrue();
    JsonNode items = round.get("orchestrators");
    assertThat(addresses(items)).containsExactly(O1_CHECKSUM, O2_CHECKSUM);
    // the ticket redeemed in block 200 before NewRound 2 is round 1's
    assertEarnings(items.get(0), 1, lpt(10), lpt(1), 1, "2000000000000000", "2000000000000000", 1);
    assertThat(items.get(0).get("demand").isNull()).isTrue();
    assertThat(items.get(1).get("demand").isNull()).isTrue();
  }

  @Test
  void theCurrentRoundRunsUntilNow() throws Exception {
    JsonNode round = get("/v1/protocol/rounds/4", 200);

    assertThat(round.get("current").asBoolean()).isTrue();
    assertThat(round.get("startedAt").asText()).isEqualTo("2026-01-09T01:00:00Z");
    assertThat(round.get("endBlock").isNull()).isTrue();
    assertThat(round.get("endedAt").isNull()).isTrue();
    assertThat(round.get("mintableTokens").asText()).isEqualTo(lpt(7_200));
    assertThat(round.get("activeOrchestrators").asLong()).isEqualTo(2);
    assertThat(round.at("/demand/from").asText()).isEqualTo("2026-01-09T01:00:00Z");
    // up to the minute in progress at NOW (01:30:20)
    assertThat(round.at("/demand/to").asText()).isEqualTo("2026-01-09T01:31:00Z");
    assertThat(round.at("/demand/complete").asBoolean()).isFalse();
    assertThat(round.get("orchestrators")).isEmpty();

    JsonNode three = get("/v1/protocol/rounds/3", 200);
    assertThat(three.get("mintableTokens").asText()).isEqualTo(lpt(7_100));
    assertThat(three.get("startedAt").asText()).isEqualTo("2026-01-08T23:00:30Z");
    assertThat(three.get("endedAt").asText()).isEqualTo("2026-01-09T01:00:00Z");
    assertThat(three.at("/demand/from").asText()).isEqualTo("2026-01-08T23:01:00Z");
    assertThat(three.at("/demand/to").asText()).isEqualTo("2026-01-09T01:00:00Z");
    assertThat(three.at("/demand/complete").asBoolean()).isTrue();
    assertThat(three.get("activeOrchestrators").asLong()).isEqualTo(2);
    assertThat(addresses(three.get("orchestrators"))).containsExactly(O1_CHECKSUM);
  }

  @Test
  void refusesMalformedRoundsAndAnswers404ForRoundsNeverAnnounced() throws Exception {
    for (String bad : List.of("abc", "-1", "1.5", "%2B2", "0x2", "1" + "0".repeat(78))) {
      assertBadRequest(get("/v1/protocol/rounds/" + bad, 400), "round");
    }
    // NewRound 5 is in block 560, after the state's block
    JsonNode five = get("/v1/protocol/rounds/5", 404);
    assertThat(five.at("/error/code").asText()).isEqualTo("not_found");
    assertThat(five.at("/error/message").asText()).contains("round 5 was never announced");
    get("/v1/protocol/rounds/0", 404);
    assertThat(get("/v1/protocol/rounds/0002", 200).get("round").asLong()).isEqualTo(2);
  }

  // ---- chain selection

  @Test
  void picksTheChainAskedForAndRefusesOthers() throws Exception {
    assertThat(get("/v1/protocol/rounds/2?chainId=42161", 200).get("chainId").asLong())
        .isEqualTo(CHAIN);
    JsonNode other = get("/v1/protocol/orchestrators?chainId=1", 404);
    assertThat(other.at("/error/message").asText()).contains("chain 1 is not mirrored", "42161");
    for (String bad : List.of("abc", "-1", "0", "1.0", "99999999999999999999")) {
      assertBadRequest(get("/v1/protocol/orchestrators?chainId=" + bad, 400), "chainId");
    }
  }

  @Test
  void withoutAChainSays404AndWithSeveralAsksWhichOne(@FreshDatabase PostgresDatabase fresh)
      throws Exception {
    Database database = connect(fresh);
    int empty = start(database, new ApiKeys(new ApiKeyStore(database), clock, new SecureRandom()));

    JsonNode none = get(empty, "/v1/protocol/orchestrators", 404);
    assertThat(none.at("/error/code").asText()).isEqualTo("not_found");
    assertThat(none.at("/error/message").asText()).contains("no chain is mirrored yet");
    get(empty, "/v1/protocol/rounds/1", 404);
    get(empty, "/v1/protocol/delegators/" + D1, 404);

    ProtocolMirrorStore mirror = new ProtocolMirrorStore(database);
    mirror.register(1, "RoundsManager", contractAddress("RoundsManager"), 10, NOW);
    mirror.register(5, "RoundsManager", contractAddress("RoundsManager"), 10, NOW);
    JsonNode several = get(empty, "/v1/protocol/orchestrators", 400);
    assertThat(several.at("/error/message").asText()).contains("[1, 5]", "chainId");
    assertThat(several.at("/error/details/chains").toString()).isEqualTo("[1,5]");
    JsonNode five = get(empty, "/v1/protocol/orchestrators?chainId=5", 200);
    assertThat(five.get("asOfBlock").asLong()).isEqualTo(9);
    assertThat(five.get("currentRound").isNull()).isTrue();
    assertThat(five.get("orchestrators")).isEmpty();
  }

  // ---- the seeded chain

  /** Blocks 100-500 of every contract. */
  private static List<ProtocolEventRow> history() {
    Instant round2 = Instant.parse("2026-01-08T20:59:59Z");
    Instant round3 = Instant.parse("2026-01-08T23:00:30Z");
    Instant round4 = Instant.parse("2026-01-09T01:00:00Z");
    return List.of(
        bonding(100, 0, 0, "Reward", "{\"transcoder\":\"%s\",\"amount\":\"%s\"}", O2, lpt(1)),
        newRound(100, 1, 1, 1, null),
        bonding(101, 0, 0, "TranscoderUpdate", rates(O1, 50_000, 250_000)),
        bonding(101, 1, 1, "TranscoderUpdate", rates(O2, 100_000, 500_000)),
        bonding(101, 2, 2, "TranscoderUpdate", rates(O4, 0, 1_000_000)),
        bonding(102, 0, 0, "Bond", bond(O1, ZERO, D1, lpt(1_000), lpt(1_000))),
        bonding(102, 1, 1, "Bond", bond(O2, ZERO, O2, lpt(500), lpt(500))),
        bonding(103, 0, 0, "TranscoderActivated", activated(O1, 2)),
        bonding(103, 1, 1, "TranscoderActivated", activated(O2, 2)),
        bonding(103, 2, 2, "TranscoderActivated", activated(O4, 2)),
        event(104, 0, 0, null, "ServiceRegistry", "ServiceURIUpdate", uri(O1, SERVICE_URI)),
        event(104, 1, 1, null, "AIServiceRegistry", "ServiceURIUpdate", uri(O1, AI_SERVICE_URI)),
        bonding(105, 0, 0, "Reward", "{\"transcoder\":\"%s\",\"amount\":\"%s\"}", O1, lpt(10)),
        bonding(105, 1, 0, "TreasuryReward", treasury(O1, lpt(1))),
        redeemed(150, 0, 0, O2, "1000000000000000"),
        transfer(150, 1, 0, O2, "1000000000000000"),
        // block 200: a ticket before NewRound 2, initializeRound, a ticket after it
        redeemed(200, 0, 0, O1, "2000000000000000"),
        transfer(200, 1, 0, O1, "2000000000000000"),
        tokens(200, 2, 1, lpt(7_000), 229_000),
        newRound(200, 3, 1, 2, round2),
        redeemed(200, 4, 2, O1, "33600000014400"),
        transfer(200, 5, 2, O1, "33600000014400"),
        bonding(210, 0, 0, "Reward", "{\"transcoder\":\"%s\",\"amount\":\"%s\"}", O1, lpt(12)),
        bonding(210, 1, 0, "TreasuryReward", treasury(O1, "1200000000000000000")),
        bonding(211, 0, 0, "Reward", "{\"transcoder\":\"%s\",\"amount\":\"%s\"}", O2, lpt(6)),
        bonding(220, 0, 0, "Unbond", unbond(O1, D1, 0, lpt(200), 9)),
        bonding(221, 0, 0, "Unbond", unbond(O1, D1, 1, lpt(100), 9)),
        bonding(
            222,
            0,
            0,
            "Rebond",
            "{\"delegate\":\"%s\",\"delegator\":\"%s\",\"unbondingLockId\":\"1\",\"amount\":\"%s\"}",
            O1,
            D1,
            lpt(100)),
        bonding(
            230,
            0,
            0,
            "EarningsClaimed",
            "{\"delegate\":\"%s\",\"delegator\":\"%s\",\"rewards\":\"%s\",\"fees\":\"%s\","
                + "\"startRound\":\"1\",\"endRound\":\"2\"}",
            O1,
            D1,
            lpt(3),
            "5000000000000000"),
        bonding(
            231,
            0,
            0,
            "WithdrawFees",
            "{\"delegator\":\"%s\",\"recipient\":\"%s\",\"amount\":\"%s\"}",
            D1,
            D1,
            "4000000000000000"),
        bonding(
            240,
            0,
            0,
            "TranscoderDeactivated",
            "{\"transcoder\":\"%s\",\"deactivationRound\":\"3\"}",
            O4),
        redeemed(250, 0, 0, O2, "3000000000000000"),
        transfer(250, 1, 0, O2, "1000000000000000"),
        tokens(300, 0, 0, lpt(7_100), 230_000),
        newRound(300, 1, 0, 3, round3),
        bonding(310, 0, 0, "Reward", "{\"transcoder\":\"%s\",\"amount\":\"%s\"}", O1, lpt(11)),
        tokens(400, 0, 0, lpt(7_200), 231_000),
        newRound(400, 1, 0, 4, round4));
  }

  /** What the indexer's fold derives from {@link #history()}, by hand. */
  private static DerivedState historyState() {
    EthereumAddress o1 = EthereumAddress.fromHex(O1);
    EthereumAddress o2 = EthereumAddress.fromHex(O2);
    EthereumAddress d1 = EthereumAddress.fromHex(D1);
    DerivedState.LockKey lock0 = new DerivedState.LockKey(d1, BigInteger.ZERO);
    DerivedState.LockKey lock1 = new DerivedState.LockKey(d1, BigInteger.ONE);
    return new DerivedState(
        List.of(
            new DerivedState.StakeChange(o1, 102, new BigInteger(lpt(1_000))),
            new DerivedState.StakeChange(o2, 102, new BigInteger(lpt(500))),
            new DerivedState.StakeChange(o1, 210, new BigInteger(lpt(1_012))),
            new DerivedState.StakeChange(o2, 211, new BigInteger(lpt(506))),
            new DerivedState.StakeChange(o1, 220, new BigInteger(lpt(812))),
            new DerivedState.StakeChange(o1, 221, new BigInteger(lpt(712))),
            new DerivedState.StakeChange(o1, 222, new BigInteger(lpt(812)))),
        List.of(
            new DerivedState.DelegatorChange(d1, 102, o1, new BigInteger(lpt(1_000))),
            new DerivedState.DelegatorChange(o2, 102, o2, new BigInteger(lpt(500))),
            new DerivedState.DelegatorChange(d1, 220, o1, new BigInteger(lpt(800))),
            new DerivedState.DelegatorChange(d1, 221, o1, new BigInteger(lpt(700))),
            new DerivedState.DelegatorChange(d1, 222, o1, new BigInteger(lpt(800))),
            new DerivedState.DelegatorChange(d1, 230, o1, new BigInteger(lpt(803)))),
        List.of(
            new DerivedState.UnbondingLock(
                lock0, o1, new BigInteger(lpt(200)), BigInteger.valueOf(9), 220),
            new DerivedState.UnbondingLock(
                lock1, o1, new BigInteger(lpt(100)), BigInteger.valueOf(9), 221)),
        List.of(new DerivedState.LockClosed(lock1, 221, 222, DerivedState.ClosedBy.REBOND)));
  }

  /** Blocks 501-600 of every contract but the Minter: never part of the state read. */
  private static List<ProtocolEventRow> later() {
    return List.of(
        bonding(550, 0, 0, "TranscoderUpdate", rates(O1, 999_999, 1)),
        bonding(550, 1, 1, "Bond", bond(O1, ZERO, D2, lpt(50), lpt(50))),
        newRound(560, 0, 0, 5, Instant.parse("2026-01-09T03:00:00Z")));
  }

  private static DerivedState laterState() {
    EthereumAddress o1 = EthereumAddress.fromHex(O1);
    return new DerivedState(
        List.of(new DerivedState.StakeChange(o1, 550, new BigInteger(lpt(5_000)))),
        List.of(
            new DerivedState.DelegatorChange(
                EthereumAddress.fromHex(D2), 550, o1, new BigInteger(lpt(50)))),
        List.of(),
        List.of());
  }

  /** A deriver standing for the indexer's fold: the state derived by hand. */
  private static ChunkDeriver derived(DerivedState state) {
    return (chainId, events, prior) -> state;
  }

  private static ProtocolEventRow bonding(
      long block, int log, int transaction, String name, String format, Object... values) {
    return event(block, log, transaction, null, "BondingManager", name, format.formatted(values));
  }

  private static ProtocolEventRow event(
      long block,
      int log,
      int transaction,
      Instant time,
      String contract,
      String name,
      String fields) {
    return new ProtocolEventRow(
        block,
        log,
        word(0xb0, block, 0),
        time,
        word(0x7e, block, transaction),
        contract,
        contractAddress(contract),
        name,
        fields);
  }

  private static ProtocolEventRow newRound(
      long block, int log, int transaction, long round, Instant time) {
    return event(
        block,
        log,
        transaction,
        time,
        "RoundsManager",
        "NewRound",
        "{\"round\":\"" + round + "\",\"blockHash\":\"" + roundHash(round) + "\"}");
  }

  private static ProtocolEventRow tokens(
      long block, int log, int transaction, String mintable, long inflation) {
    return event(
        block,
        log,
        transaction,
        null,
        "Minter",
        "SetCurrentRewardTokens",
        "{\"currentMintableTokens\":\""
            + mintable
            + "\",\"currentInflation\":\""
            + inflation
            + "\"}");
  }

  private static ProtocolEventRow redeemed(
      long block, int log, int transaction, String recipient, String faceValue) {
    String auxData = "0x" + "0".repeat(63) + "1" + "ab".repeat(32);
    return event(
        block,
        log,
        transaction,
        null,
        "TicketBroker",
        "WinningTicketRedeemed",
        "{\"sender\":\"%s\",\"recipient\":\"%s\",\"faceValue\":\"%s\",\"winProb\":\"%s\","
                .formatted(GATEWAY, recipient, faceValue, "115792089237316195423570985008687907853")
            + "\"senderNonce\":\"%d\",\"recipientRand\":\"%s\",\"auxData\":\"%s\"}"
                .formatted(block, "4242", auxData));
  }

  private static ProtocolEventRow transfer(
      long block, int log, int transaction, String recipient, String amount) {
    return event(
        block,
        log,
        transaction,
        null,
        "TicketBroker",
        "WinningTicketTransfer",
        "{\"sender\":\"%s\",\"recipient\":\"%s\",\"amount\":\"%s\"}"
            .formatted(GATEWAY, recipient, amount));
  }

  private static String rates(String transcoder, long rewardCut, long feeShare) {
    return "{\"transcoder\":\"%s\",\"rewardCut\":\"%d\",\"feeShare\":\"%d\"}"
        .formatted(transcoder, rewardCut, feeShare);
  }

  private static String bond(
      String newDelegate, String oldDelegate, String delegator, String additional, String total) {
    return ("{\"newDelegate\":\"%s\",\"oldDelegate\":\"%s\",\"delegator\":\"%s\","
            + "\"additionalAmount\":\"%s\",\"bondedAmount\":\"%s\"}")
        .formatted(newDelegate, oldDelegate, delegator, additional, total);
  }

  private static String activated(String transcoder, long round) {
    return "{\"transcoder\":\"%s\",\"activationRound\":\"%d\"}".formatted(transcoder, round);
  }

  private static String treasury(String transcoder, String amount) {
    return "{\"transcoder\":\"%s\",\"treasury\":\"%s\",\"amount\":\"%s\"}"
        .formatted(transcoder, TREASURY, amount);
  }

  private static String unbond(
      String delegate, String delegator, long lockId, String amount, long withdrawRound) {
    return ("{\"delegate\":\"%s\",\"delegator\":\"%s\",\"unbondingLockId\":\"%d\","
            + "\"amount\":\"%s\",\"withdrawRound\":\"%d\"}")
        .formatted(delegate, delegator, lockId, amount, withdrawRound);
  }

  private static String uri(String address, String uri) {
    return "{\"addr\":\"%s\",\"serviceURI\":\"%s\"}".formatted(address, uri);
  }

  /** The block hash NewRound announces for a round. */
  private static String roundHash(long round) {
    return "0x" + "%064x".formatted(0x5eed0000L + round);
  }

  /** 32 bytes: a tag, then the block number and an index. */
  private static byte[] word(int tag, long block, int index) {
    byte[] word = new byte[32];
    word[0] = (byte) tag;
    for (int i = 0; i < 8; i++) {
      word[23 - i] = (byte) (block >>> (8 * i));
    }
    word[31] = (byte) index;
    return word;
  }

  private static EthereumAddress contractAddress(String contract) {
    return EthereumAddress.fromHex(
        switch (contract) {
          case "BondingManager" -> "0x35bcf3c30594191d53231e4ff333e8a770453e40";
          case "TicketBroker" -> "0xa8bb618b1520e284046f3dfc448851a1ff26e41b";
          case "RoundsManager" -> "0xdd6f56dcc28d3f5f27084381fe8df634985cc39f";
          case "Minter" -> "0xc20de37170b45774e6cd3d2304017fc962f27252";
          case "ServiceRegistry" -> "0xc92d3a360b8f9e083ba64de15d95cf8180897431";
          case "AIServiceRegistry" -> "0x04c0b249740175999e5bf5c9ac1da92431ef34c5";
          default -> throw new IllegalArgumentException(contract);
        });
  }

  /** LPT in wei. */
  private static String lpt(long tokens) {
    return BigInteger.valueOf(tokens).multiply(BigInteger.TEN.pow(18)).toString();
  }

  /**
   * The capture as NDJSON for another orchestrator ({@code onChain}, signing as {@code local}), as
   * test traffic (the load generator's gateway), under new ids.
   */
  private static byte[] captureOf(String onChain, String local) throws IOException {
    Random random = new Random(20260108);
    List<String> lines = new ArrayList<>();
    for (JsonNode record : JSON.readTree(Fixtures.liveStreamCapture())) {
      ObjectNode event = (ObjectNode) record.get("value").deepCopy();
      event.put("id", new UUID(random.nextLong(), random.nextLong()).toString());
      event.put("gateway", "loadgen-eu-central:8935");
      String text =
          JSON.writeValueAsString(event)
              .replace("stream-o5s73x-mk5zc8fy", "stream-of-o3")
              .replace("db936fab", "o3-request")
              .replace("01b55632", "o3-payments");
      text =
          Pattern.compile(Pattern.quote(O1), Pattern.CASE_INSENSITIVE)
              .matcher(text)
              .replaceAll(onChain);
      text =
          Pattern.compile(
                  Pattern.quote("0x52cf2968b3dc6016778742d3539449a6597d5954"),
                  Pattern.CASE_INSENSITIVE)
              .matcher(text)
              .replaceAll(local);
      lines.add(text);
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  // ---- the server

  private Database connect(PostgresDatabase postgres) {
    Database database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 4));
    databases.add(database);
    return database;
  }

  /** The API as the app wires it (telemetry, demand, protocol), started on a free port. */
  private int start(Database database, ApiKeys keys) {
    SessionSettings settings = SessionSettings.defaults();
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(
        TelemetryEndpoints.over(
                database,
                clock,
                Metrics.globalRegistry(),
                TelemetryEndpoints.DEFAULT_MAX_BODY_BYTES,
                new SessionEngine(settings))
            .endpoints());
    KpiQueries queries = new KpiQueries(database, settings);
    endpoints.addAll(new KpiEndpoints(queries, WorkloadCatalogue.defaults(), clock).endpoints());
    endpoints.addAll(
        new ProtocolEndpoints(new ProtocolStateStore(database), new RoundDemand(queries, clock))
            .endpoints());
    ApiServer server =
        new ApiServer(
            ApiSettings.onLoopback(0), Metrics.globalRegistry(), List.of(), endpoints, keys);
    servers.add(server);
    return server.start();
  }

  private JsonNode post(String key, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/telemetry/events"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode get(String path, int status) throws IOException, InterruptedException {
    return get(port, path, status);
  }

  private JsonNode get(int port, String path, int status) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static void assertBadRequest(JsonNode error, String parameter) {
    assertThat(error.at("/error/code").asText()).isEqualTo("bad_request");
    assertThat(error.at("/error/details/parameter").asText()).isEqualTo(parameter);
    assertThat(error.at("/error/message").asText()).contains("'" + parameter + "'");
  }

  /**
   * The same demand figures; inference minutes (sums of doubles, here of hour rows and there of
   * minute rows) to 1e-9.
   */
  private static void assertSameDemand(JsonNode actual, JsonNode expected, String what) {
    assertThat(actual.properties()).as(what).hasSameSizeAs(expected.properties());
    expected
        .properties()
        .forEach(
            field -> {
              JsonNode value = actual.get(field.getKey());
              if (field.getValue().isFloatingPointNumber()) {
                assertThat(value.asDouble())
                    .as(what + " " + field.getKey())
                    .isCloseTo(field.getValue().asDouble(), within(1e-9));
              } else {
                assertThat(value).as(what + " " + field.getKey()).isEqualTo(field.getValue());
              }
            });
  }

  private static List<String> addresses(JsonNode items) {
    List<String> addresses = new ArrayList<>();
    items.forEach(item -> addresses.add(item.get("address").asText()));
    return addresses;
  }

  /** One orchestrator's earnings in a round ({@code round} -1: none). */
  private static void assertEarnings(
      JsonNode node,
      long round,
      String rewards,
      String treasuryRewards,
      long rewardCalls,
      String faceValueWei,
      String feesCreditedWei,
      long winningTickets) {
    if (node.has("round")) {
      if (round < 0) {
        assertThat(node.get("round").isNull()).as("round of " + node).isTrue();
      } else {
        assertThat(node.get("round").asLong()).as("round of " + node).isEqualTo(round);
      }
    }
    assertThat(node.get("rewards").asText()).as("rewards of " + node).isEqualTo(rewards);
    assertThat(node.get("treasuryRewards").asText()).isEqualTo(treasuryRewards);
    assertThat(node.get("rewardCalls").asLong()).isEqualTo(rewardCalls);
    assertThat(node.get("faceValueWei").asText()).isEqualTo(faceValueWei);
    assertThat(node.get("feesCreditedWei").asText()).isEqualTo(feesCreditedWei);
    assertThat(node.get("winningTickets").asLong()).isEqualTo(winningTickets);
  }
}
