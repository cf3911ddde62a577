package io.naap.api.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.metrics.api.Metrics;
import io.naap.api.ApiServer;
import io.naap.api.ApiSettings;
import io.naap.attestations.Bytes32;
import io.naap.attestations.EvmAddress;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.incentives.DistributionStatus;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.PoolRow;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import io.naap.storage.incentives.StoredDistribution;
import io.naap.storage.oracle.Publication;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The incentive endpoints over a real PostgreSQL holding four distributions of one distributor,
 * stored as the incentive engine stores them ({@link IncentiveStore#insert}), with conserved pools,
 * splits that add up to each orchestrator's totals and payout roots computed over {@link
 * PayoutLeaf}s of the cumulative amounts:
 *
 * <ul>
 *   <li>epoch 1, unchanged: nothing funded, no payout, no tree;
 *   <li>epoch 2, published: two workloads, orchestrators O1 (commission 10% of the bonus, fee share
 *       20%; its own bond 400 and D1's 600) and O2 (commission 10%, fee share 50%; D1's 1000);
 *   <li>epoch 3, superseded after a transaction was sent: O1 alone is paid, capped, with a reason
 *       holding a comma and double quotes;
 *   <li>epoch 4, built: O2 alone is paid, and D2 first bonds to it.
 * </ul>
 *
 * A second distributor holds a distribution whose cumulative amounts do not hash to its stored
 * root, a third none at all.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncentiveEndpointsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long CHAIN = 42161;
  private static final DistributorContract DISTRIBUTOR =
      new DistributorContract(
          CHAIN, EthereumAddress.fromHex("0x5fc8d32690cc91d4c39d9d3abcbd16989f875707"));
  private static final DistributorContract CORRUPTED =
      new DistributorContract(
          CHAIN, EthereumAddress.fromHex("0x0165878a594ca255338adfa4d48449f69242eb8f"));
  private static final DistributorContract EMPTY =
      new DistributorContract(
          CHAIN, EthereumAddress.fromHex("0xa513e6e4b8f2a923d98304ec87f64353c4d5c853"));
  private static final EthereumAddress ORACLE =
      EthereumAddress.fromHex("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");

  // by address: D2 (0x70..) < O2 (0xab..) < O1 (0xd8..) < D1 (0xf3..)
  private static final EthereumAddress O1 =
      EthereumAddress.fromHex("0xd8da6bf26964af9d7eed9e03e53415d37aa96045");
  private static final String O1_CHECKSUM = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045";
  private static final EthereumAddress O2 =
      EthereumAddress.fromHex("0xab5801a7d398351b8be11c439e05c5b3259aec9b");
  private static final EthereumAddress D1 =
      EthereumAddress.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  private static final EthereumAddress D2 =
      EthereumAddress.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  private static final EthereumAddress STRANGER =
      EthereumAddress.fromHex("0x00000000219ab540356cbb839cbe05303d7705fa");
  private static final EthereumAddress SUBMITTER =
      EthereumAddress.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  private static final String SDXL = "streamdiffusion-sdxl";
  private static final String PORTRAIT = "liveportrait";
  private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration EPOCH = Duration.ofHours(1);
  private static final TransactionHash PUBLISHED_TX =
      TransactionHash.fromHex("0x" + "ab".repeat(32));
  private static final TransactionHash SUPERSEDED_TX =
      TransactionHash.fromHex("0x" + "cd".repeat(32));
  private static final Instant PUBLISHED_AT = Instant.parse("2026-01-01T02:07:00Z");
  private static final String SUPERSEDED_REASON =
      "the distributor holds epoch 4, \"published\" first; this root can never go on chain";
  private static final String BELOW_MINIMUM =
      "score 5400 is below the minimum 6000, so it earns nothing";
  private static final String CAPPED_REASON =
      "capped at 25% of the pool, then \"remainder\" +1 wei";

  /** Every account's cumulative amount after each epoch: the leaves of its payout tree. */
  private static final Map<Long, Map<EthereumAddress, BigInteger>> CUMULATIVE =
      Map.of(
          1L, Map.of(),
          2L, Map.of(O1, wei(460), D1, wei(810), O2, wei(30)),
          3L, Map.of(O1, wei(736), D1, wei(1134), O2, wei(30)),
          4L, Map.of(O1, wei(736), D1, wei(1224), O2, wei(50), D2, wei(90)));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ApiServer> servers = new ArrayList<>();
  private Database database;
  private int port;
  private int corruptedPort;
  private int emptyPort;

  @BeforeAll
  void seed(PostgresDatabase postgres) {
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 4));
    IncentiveStore store = new IncentiveStore(database, DISTRIBUTOR);
    assertThat(store.insert(epoch1())).isTrue();
    assertThat(store.insert(epoch2())).isTrue();
    assertThat(store.insert(epoch3())).isTrue();
    assertThat(store.insert(epoch4())).isTrue();
    for (long epoch = 1; epoch <= 4; epoch++) {
      assertThat(store.cumulativeAt(epoch)).isEqualTo(CUMULATIVE.get(epoch));
    }

    // O1 has 100, as the leaf count and total say, but the stored root is that of O1 at 101
    IncentiveStore corrupted = new IncentiveStore(database, CORRUPTED);
    assertThat(
            corrupted.insert(
                new IncentiveStore.Built(
                    withRoot(
                        distribution(
                            1,
                            DistributionStatus.BUILT,
                            Map.of(O1, wei(100)),
                            Optional.empty(),
                            Optional.empty()),
                        tree(Map.of(O1, wei(101))).root()),
                    document(1),
                    List.of(pool(SDXL, 100, 100, 0, 100, 0, 0)),
                    List.of(share(1, SDXL, O1, 100, 0, 0, true, explanation(9000, 0.9, "full"))),
                    List.of(bonus(1, O1, O1, SplitRow.Role.ORCHESTRATOR, 100, null)),
                    Map.of(O1, wei(100)))))
        .isTrue();

    port = start(store);
    corruptedPort = start(corrupted);
    emptyPort = start(new IncentiveStore(database, EMPTY));
  }

  @AfterAll
  void stop() {
    servers.forEach(ApiServer::stop);
    if (database != null) {
      database.close();
    }
  }

  // ---- GET /v1/incentives/epochs/{epoch}

  @Test
  void anEpochHasItsDistributionPoolsPayoutsSplitsAndAccounts() {
    JsonNode body = get("/v1/incentives/epochs/2", 200);

    assertThat(fieldNames(body))
        .containsExactly(
            "chainId",
            "distributor",
            "epoch",
            "startsAt",
            "endsAt",
            "rulesVersion",
            "status",
            "statusReason",
            "payoutRoot",
            "cumulativeTotal",
            "leafCount",
            "dataHash",
            "stakeBlock",
            "oracle",
            "configVersion",
            "builtAt",
            "submission",
            "publication",
            "unattributedFees",
            "pools",
            "payouts",
            "splits",
            "accounts");
    assertThat(body.get("chainId").asLong()).isEqualTo(CHAIN);
    assertThat(body.get("distributor").asText())
        .isEqualTo("0x5FC8d32690cc91D4c39d9d3abcBD16989F875707");
    assertThat(body.get("epoch").asLong()).isEqualTo(2);
    assertThat(body.get("startsAt").asText()).isEqualTo("2026-01-01T01:00:00Z");
    assertThat(body.get("endsAt").asText()).isEqualTo("2026-01-01T02:00:00Z");
    assertThat(body.get("rulesVersion").asText()).isEqualTo("incentives-1");
    assertThat(body.get("status").asText()).isEqualTo("published");
    assertThat(body.get("statusReason").isNull()).isTrue();
    assertThat(body.get("payoutRoot").asText()).isEqualTo(root(2).hex());
    assertThat(body.get("cumulativeTotal").asText()).isEqualTo("1300");
    assertThat(body.get("leafCount").asInt()).isEqualTo(3);
    assertThat(body.get("dataHash").asText()).isEqualTo(Bytes32.keccak(document(2)).hex());
    assertThat(body.get("stakeBlock").asLong()).isEqualTo(1_002);
    assertThat(body.get("oracle").asText()).isEqualTo(ORACLE.toChecksumHex());
    assertThat(body.get("configVersion").asLong()).isEqualTo(1);
    assertThat(body.get("builtAt").asText()).isEqualTo("2026-01-01T02:05:00Z");
    assertThat(body.get("submission").isNull()).isTrue();
    JsonNode publication = body.get("publication");
    assertThat(fieldNames(publication))
        .containsExactly("transaction", "blockNumber", "gasUsed", "submitter", "publishedAt");
    assertThat(publication.get("transaction").asText()).isEqualTo("0x" + "ab".repeat(32));
    assertThat(publication.get("blockNumber").asLong()).isEqualTo(1_234);
    assertThat(publication.get("gasUsed").asLong()).isEqualTo(98_765);
    assertThat(publication.get("submitter").asText()).isEqualTo(SUBMITTER.toChecksumHex());
    assertThat(publication.get("publishedAt").asText()).isEqualTo("2026-01-01T02:07:00Z");
    assertThat(body.get("unattributedFees").asText()).isEqualTo("25");

    JsonNode pools = body.get("pools");
    assertThat(texts(pools, "workload")).containsExactly(PORTRAIT, SDXL);
    assertThat(fieldNames(pools.get(1)))
        .containsExactly(
            "workload",
            "fundedThrough",
            "funded",
            "carriedIn",
            "distributed",
            "carriedOut",
            "feesCredited");
    assertPool(pools.get(0), "400", "400", "0", "400", "0", "0");
    assertPool(pools.get(1), "1000", "1000", "0", "900", "100", "500");

    JsonNode payouts = body.get("payouts");
    assertThat(payouts).hasSize(4);
    assertThat(fieldNames(payouts.get(0)))
        .containsExactly(
            "workload",
            "orchestrator",
            "qualifies",
            "amount",
            "fairFees",
            "feesCredited",
            "explanation");
    // by workload, then orchestrator address
    assertPayout(payouts.get(0), PORTRAIT, O2, false, "0", "0", "0");
    assertPayout(payouts.get(1), PORTRAIT, O1, true, "400", "0", "0");
    assertPayout(payouts.get(2), SDXL, O2, true, "300", "200", "150");
    assertPayout(payouts.get(3), SDXL, O1, true, "600", "300", "350");
    assertThat(payouts.get(1).get("orchestrator").asText()).isEqualTo(O1_CHECKSUM);
    // the stored explanation, as is
    assertThat(payouts.get(3).get("explanation"))
        .isEqualTo(parse(explanation(9120, 0.6, "volume and score")));
    assertThat(payouts.get(0).get("explanation"))
        .isEqualTo(parse(explanation(5400, 0.0, BELOW_MINIMUM)));

    JsonNode splits = body.get("splits");
    assertThat(fieldNames(splits.get(0)))
        .containsExactly(
            "kind", "orchestrator", "account", "role", "amount", "stake", "feeSharePpm");
    // by kind, orchestrator, account, role
    assertThat(splits).hasSize(10);
    assertSplit(splits.get(0), "bonus", O2, O2, "orchestrator", "30", null, null);
    assertSplit(splits.get(1), "bonus", O2, D1, "delegator", "270", "1000", null);
    assertSplit(splits.get(2), "bonus", O1, O1, "delegator", "360", "400", null);
    assertSplit(splits.get(3), "bonus", O1, O1, "orchestrator", "100", null, null);
    assertSplit(splits.get(4), "bonus", O1, D1, "delegator", "540", "600", null);
    assertSplit(splits.get(5), "fees", O2, O2, "orchestrator", "75", null, 500_000L);
    assertSplit(splits.get(6), "fees", O2, D1, "delegator", "75", "1000", 500_000L);
    assertSplit(splits.get(7), "fees", O1, O1, "delegator", "28", "400", 200_000L);
    assertSplit(splits.get(8), "fees", O1, O1, "orchestrator", "280", null, 200_000L);
    assertSplit(splits.get(9), "fees", O1, D1, "delegator", "42", "600", 200_000L);

    // each account's bonus of the epoch, by address
    JsonNode accounts = body.get("accounts");
    assertThat(fieldNames(accounts.get(0))).containsExactly("account", "amount");
    assertThat(texts(accounts, "account"))
        .containsExactly(O2.toChecksumHex(), O1.toChecksumHex(), D1.toChecksumHex());
    assertThat(texts(accounts, "amount")).containsExactly("30", "460", "810");
  }

  @Test
  void aSupersededEpochSaysWhyAndNamesTheTransactionItSent() {
    JsonNode body = get("/v1/incentives/epochs/3", 200);

    assertThat(body.get("status").asText()).isEqualTo("superseded");
    assertThat(body.get("statusReason").asText()).isEqualTo(SUPERSEDED_REASON);
    assertThat(body.get("payoutRoot").asText()).isEqualTo(root(3).hex());
    assertThat(body.get("cumulativeTotal").asText()).isEqualTo("1900");
    assertThat(body.get("leafCount").asInt()).isEqualTo(3);
    assertThat(body.get("configVersion").asLong()).isEqualTo(1);
    assertThat(fieldNames(body.get("submission"))).containsExactly("transaction", "sentAt");
    assertThat(body.at("/submission/transaction").asText()).isEqualTo("0x" + "cd".repeat(32));
    assertThat(body.at("/submission/sentAt").asText()).isEqualTo("2026-01-01T03:06:00Z");
    assertThat(body.get("publication").isNull()).isTrue();
    assertPool(body.at("/pools/0"), "1500", "500", "100", "600", "0", "0");
    assertThat(body.get("payouts")).hasSize(2);
    assertThat(body.at("/payouts/1/explanation/reason").asText()).isEqualTo(CAPPED_REASON);
    assertThat(texts(body.get("accounts"), "amount")).containsExactly("276", "324");
  }

  @Test
  void anEpochWithoutPayoutsHasNoTree() {
    JsonNode body = get("/v1/incentives/epochs/1", 200);

    assertThat(body.get("status").asText()).isEqualTo("unchanged");
    assertThat(body.get("payoutRoot").isNull()).isTrue();
    assertThat(body.get("cumulativeTotal").asText()).isEqualTo("0");
    assertThat(body.get("leafCount").asInt()).isZero();
    assertThat(body.get("configVersion").isNull()).isTrue();
    assertThat(body.get("submission").isNull()).isTrue();
    assertThat(body.get("publication").isNull()).isTrue();
    assertPool(body.at("/pools/0"), "0", "0", "0", "0", "0", "0");
    assertThat(body.get("payouts")).isEmpty();
    assertThat(body.get("splits")).isEmpty();
    assertThat(body.get("accounts")).isEmpty();
  }

  @Test
  void anEpochAsCsvHasOneRowPerPayoutWithTheFactorsFlattened() {
    HttpResponse<String> response = fetch(port, "/v1/incentives/epochs/3?format=csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("content-disposition"))
        .hasValue("attachment; filename=\"naap-incentives-epoch-3.csv\"");
    String text = response.body();
    assertThat(text).endsWith("\r\n");
    List<List<String>> rows = csv(text);
    assertThat(rows.getFirst())
        .containsExactly(
            "epoch",
            "workload",
            "orchestrator",
            "qualifies",
            "amount",
            "fairFees",
            "feesCredited",
            "scoreBps",
            "minScoreBps",
            "minutesShare",
            "selectionShare",
            "volume",
            "slaFactor",
            "swapRate",
            "swapFactor",
            "gpu",
            "hourlyCostUsd",
            "costFactor",
            "weight",
            "capped",
            "remainder",
            "reason",
            "explanation");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).subList(0, 22))
        .containsExactly(
            "3",
            SDXL,
            O2.toChecksumHex(),
            "false",
            "0",
            "0",
            "0",
            "5400",
            "6000",
            "0",
            "0",
            "0",
            "0.4387",
            "0.02",
            "0.99",
            "rtx 4090",
            "0.69",
            "0.8307",
            "0",
            "false",
            "0",
            BELOW_MINIMUM);
    List<String> capped = rows.get(2);
    assertThat(capped.subList(0, 22))
        .containsExactly(
            "3",
            SDXL,
            O1_CHECKSUM,
            "true",
            "600",
            "0",
            "0",
            "9120",
            "6000",
            "0.75",
            "0.7",
            "0.735",
            "0.8317",
            "0.02",
            "0.99",
            "rtx 4090",
            "0.69",
            "0.8307",
            "0.5027",
            "true",
            "1",
            CAPPED_REASON);
    assertThat(parse(capped.get(22))).isEqualTo(parse(cappedExplanation()));
    // RFC 4180: the reason's comma and quotes are quoted, the quotes doubled
    assertThat(text)
        .contains(",\"capped at 25% of the pool, then \"\"remainder\"\" +1 wei\",\"{")
        .doesNotContain("\n\n");
    assertThat(text.split("\r\n", -1)).hasSize(4); // three records and the empty tail
  }

  @Test
  void anEpochAsCsvHasRowsInTheJsonsOrder() {
    List<List<String>> rows = csv(fetch(port, "/v1/incentives/epochs/2?format=csv").body());
    JsonNode payouts = get("/v1/incentives/epochs/2?format=json", 200).get("payouts");

    assertThat(rows).hasSize(1 + payouts.size());
    for (int i = 0; i < payouts.size(); i++) {
      JsonNode payout = payouts.get(i);
      List<String> row = rows.get(i + 1);
      assertThat(row.get(1)).isEqualTo(payout.get("workload").asText());
      assertThat(row.get(2)).isEqualTo(payout.get("orchestrator").asText());
      assertThat(row.get(3)).isEqualTo(payout.get("qualifies").asText());
      assertThat(row.get(4)).isEqualTo(payout.get("amount").asText());
      assertThat(row.get(5)).isEqualTo(payout.get("fairFees").asText());
      assertThat(row.get(6)).isEqualTo(payout.get("feesCredited").asText());
      assertThat(row.get(7)).isEqualTo(payout.at("/explanation/scoreBps").asText());
      assertThat(parse(row.get(22))).isEqualTo(payout.get("explanation"));
    }
  }

  @Test
  void badEpochRequestsAreRefusedWithTheErrorShape() {
    JsonNode missing = get("/v1/incentives/epochs/99", 404);
    expectError(missing, "not_found", "epoch 99 has no distribution");
    assertThat(missing.at("/error/details/reason").asText()).isEqualTo("no_distribution");
    assertThat(missing.at("/error/details/epoch").asLong()).isEqualTo(99);
    expectError(get("/v1/incentives/epochs/99?format=csv", 404), "not_found", "epoch 99");
    for (String epoch :
        List.of(
            "0",
            "-1",
            "newest",
            "1.5",
            "+2",
            "0x2",
            "9223372036854775808",
            "99999999999999999999")) {
      JsonNode error = get("/v1/incentives/epochs/" + epoch, 400);
      expectError(error, "bad_request", "'epoch'");
      assertThat(error.at("/error/details/parameter").asText()).isEqualTo("epoch");
    }
    assertThat(
            get("/v1/incentives/epochs/9223372036854775807", 404)
                .at("/error/details/epoch")
                .asLong())
        .isEqualTo(Long.MAX_VALUE);
    JsonNode format = get("/v1/incentives/epochs/2?format=xlsx", 400);
    expectError(format, "bad_request", "'format' must be json or csv");
    assertThat(format.at("/error/details/parameter").asText()).isEqualTo("format");
  }

  // ---- GET /v1/incentives/orchestrators/{address}

  @Test
  void anOrchestratorsReportHasItsPayoutsAndSplitsPerEpochAndTheirTotals() {
    JsonNode body =
        get("/v1/incentives/orchestrators/" + O1.toHex().toUpperCase().replace("0X", "0x"), 200);

    assertThat(fieldNames(body))
        .containsExactly(
            "chainId", "distributor", "orchestrator", "from", "to", "epochs", "totals");
    assertThat(body.get("chainId").asLong()).isEqualTo(CHAIN);
    assertThat(body.get("distributor").asText()).isEqualTo(DISTRIBUTOR.address().toChecksumHex());
    assertThat(body.get("orchestrator").asText()).isEqualTo(O1_CHECKSUM);
    // to: the latest distributed epoch; from: to - 99, at least 1
    assertThat(body.get("from").asLong()).isEqualTo(1);
    assertThat(body.get("to").asLong()).isEqualTo(4);
    JsonNode epochs = body.get("epochs");
    assertThat(longs(epochs, "epoch")).containsExactly(2L, 3L, 4L);

    JsonNode second = epochs.get(0);
    assertThat(fieldNames(second))
        .containsExactly(
            "epoch", "payouts", "bonus", "fairFees", "feesCredited", "commission", "delegators");
    assertThat(fieldNames(second.at("/payouts/0")))
        .containsExactly(
            "workload", "qualifies", "amount", "fairFees", "feesCredited", "explanation");
    assertThat(texts(second.get("payouts"), "workload")).containsExactly(PORTRAIT, SDXL);
    assertThat(texts(second.get("payouts"), "amount")).containsExactly("400", "600");
    assertThat(second.at("/payouts/1/fairFees").asText()).isEqualTo("300");
    assertThat(second.at("/payouts/1/feesCredited").asText()).isEqualTo("350");
    assertThat(second.at("/payouts/1/qualifies").asBoolean()).isTrue();
    assertThat(second.at("/payouts/1/explanation"))
        .isEqualTo(parse(explanation(9120, 0.6, "volume and score")));
    assertTotals(second, "1000", "300", "350", "100", "280", "900", "70");

    JsonNode third = epochs.get(1);
    assertThat(texts(third.get("payouts"), "amount")).containsExactly("600");
    assertTotals(third, "600", "0", "0", "60", "0", "540", "0");

    // not qualifying in epoch 4: a payout of 0 and nothing to split
    JsonNode fourth = epochs.get(2);
    assertThat(fourth.at("/payouts/0/qualifies").asBoolean()).isFalse();
    assertTotals(fourth, "0", "0", "0", "0", "0", "0", "0");

    assertThat(fieldNames(body.get("totals")))
        .containsExactly("bonus", "fairFees", "feesCredited", "commission", "delegators");
    assertTotals(body.get("totals"), "1600", "300", "350", "160", "280", "1440", "70");
    // the commission and the delegators' part make up the bonus, to the wei
    assertThat(
            new BigInteger(body.at("/totals/commission/bonus").asText())
                .add(new BigInteger(body.at("/totals/delegators/bonus").asText())))
        .isEqualTo(new BigInteger(body.at("/totals/bonus").asText()));
  }

  @Test
  void anOrchestratorsReportCoversTheRangeAskedFor() {
    JsonNode third = get("/v1/incentives/orchestrators/" + O1.toHex() + "?from=3&to=3", 200);
    assertThat(third.get("from").asLong()).isEqualTo(3);
    assertThat(third.get("to").asLong()).isEqualTo(3);
    assertThat(longs(third.get("epochs"), "epoch")).containsExactly(3L);
    assertTotals(third.get("totals"), "600", "0", "0", "60", "0", "540", "0");

    JsonNode upToTwo = get("/v1/incentives/orchestrators/" + O2.toHex() + "?to=2", 200);
    assertThat(upToTwo.get("from").asLong()).isEqualTo(1);
    assertThat(longs(upToTwo.get("epochs"), "epoch")).containsExactly(2L);
    assertTotals(upToTwo.get("totals"), "300", "200", "150", "30", "75", "270", "75");

    JsonNode fromThree = get("/v1/incentives/orchestrators/" + O2.toHex() + "?from=3", 200);
    assertThat(fromThree.get("to").asLong()).isEqualTo(4);
    assertThat(longs(fromThree.get("epochs"), "epoch")).containsExactly(3L, 4L);
    assertTotals(fromThree.get("totals"), "200", "0", "0", "20", "0", "180", "0");

    // a range beyond the latest distribution is a report of nothing
    JsonNode later = get("/v1/incentives/orchestrators/" + O1.toHex() + "?from=5&to=1004", 200);
    assertThat(later.get("epochs")).isEmpty();
  }

  @Test
  void anAddressNeverPaidHasAnEmptyReport() {
    JsonNode body = get("/v1/incentives/orchestrators/" + STRANGER.toHex(), 200);

    assertThat(body.get("orchestrator").asText()).isEqualTo(STRANGER.toChecksumHex());
    assertThat(body.get("epochs")).isEmpty();
    assertTotals(body.get("totals"), "0", "0", "0", "0", "0", "0", "0");
    List<List<String>> rows =
        csv(fetch(port, "/v1/incentives/orchestrators/" + STRANGER.toHex() + "?format=csv").body());
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst()).hasSize(23).startsWith("epoch", "workload", "orchestrator");
  }

  @Test
  void anOrchestratorsReportAsCsvHasOneRowPerEpochAndWorkload() {
    HttpResponse<String> response =
        fetch(port, "/v1/incentives/orchestrators/" + O1.toHex() + "?format=csv&from=2&to=4");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("content-disposition"))
        .hasValue(
            "attachment; filename=\"naap-incentives-orchestrator-"
                + O1.toHex()
                + "-epochs-2-4.csv\"");
    List<List<String>> rows = csv(response.body());
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).subList(0, 8))
        .containsExactly(
            "epoch",
            "workload",
            "orchestrator",
            "qualifies",
            "amount",
            "fairFees",
            "feesCredited",
            "scoreBps");
    List<String> epochsAndWorkloads = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertThat(row).hasSize(23);
      assertThat(row.get(2)).isEqualTo(O1_CHECKSUM);
      epochsAndWorkloads.add(row.get(0) + " " + row.get(1) + " " + row.get(4));
    }
    assertThat(epochsAndWorkloads)
        .containsExactly(
            "2 " + PORTRAIT + " 400",
            "2 " + SDXL + " 600",
            "3 " + SDXL + " 600",
            "4 " + SDXL + " 0");
    assertThat(rows.get(3).get(21)).isEqualTo(CAPPED_REASON);
  }

  @Test
  void badReportRangesAndAddressesAreRefusedWithTheErrorShape() {
    String o1 = "/v1/incentives/orchestrators/" + O1.toHex();
    JsonNode backwards = get(o1 + "?from=3&to=2", 400);
    expectError(backwards, "bad_request", "'to' (2) is before 'from' (3)");
    assertThat(backwards.at("/error/details/from").asLong()).isEqualTo(3);
    JsonNode afterLatest = get(o1 + "?from=7", 400);
    expectError(afterLatest, "bad_request", "'to' (4, the latest distributed epoch)");
    JsonNode tooLong = get(o1 + "?from=1&to=1001", 400);
    expectError(tooLong, "bad_request", "covers 1001 epochs; ask for at most 1000");
    assertThat(tooLong.at("/error/details/max").asLong()).isEqualTo(1000);
    get(o1 + "?from=1&to=1000", 200);
    for (String query : List.of("from=0", "to=0", "from=abc", "to=-4", "from=", "to=1e3")) {
      JsonNode error = get(o1 + "?" + query, 400);
      String parameter = query.substring(0, query.indexOf('='));
      expectError(error, "bad_request", "'" + parameter + "'");
      assertThat(error.at("/error/details/parameter").asText()).isEqualTo(parameter);
    }
    expectError(get(o1 + "?format=pdf", 400), "bad_request", "'format'");
    for (String address :
        List.of("0x1234", "d8da6bf26964af9d7eed9e03e53415d37aa96045", "0x" + "g".repeat(40))) {
      expectError(get("/v1/incentives/orchestrators/" + address, 400), "bad_request", "'address'");
      expectError(get("/v1/incentives/delegators/" + address, 400), "bad_request", "'address'");
    }
    expectError(
        get("/v1/incentives/delegators/" + D1.toHex() + "?from=10&to=9", 400),
        "bad_request",
        "is before 'from'");
  }

  @Test
  void withoutAnyDistributionARangeNeedsTo() {
    JsonNode error = get(emptyPort, "/v1/incentives/orchestrators/" + O1.toHex(), 404);
    expectError(error, "not_found", "no epoch has been distributed yet");
    assertThat(error.at("/error/details/parameter").asText()).isEqualTo("to");
    expectError(
        get(emptyPort, "/v1/incentives/delegators/" + D1.toHex(), 404), "not_found", "'to'");
    JsonNode asked = get(emptyPort, "/v1/incentives/delegators/" + D1.toHex() + "?to=5", 200);
    assertThat(asked.get("from").asLong()).isEqualTo(1);
    assertThat(asked.get("splits")).isEmpty();
    assertThat(asked.at("/totals/bonus").asText()).isEqualTo("0");
    assertThat(asked.at("/totals/fees").asText()).isEqualTo("0");
  }

  // ---- GET /v1/incentives/delegators/{address}

  @Test
  void aDelegatorsReportHasEverySplitRowNamingItAndItsTotalsPerKind() {
    JsonNode body = get("/v1/incentives/delegators/" + D1.toHex(), 200);

    assertThat(fieldNames(body))
        .containsExactly("chainId", "distributor", "account", "from", "to", "splits", "totals");
    assertThat(body.get("chainId").asLong()).isEqualTo(CHAIN);
    assertThat(body.get("distributor").asText()).isEqualTo(DISTRIBUTOR.address().toChecksumHex());
    assertThat(body.get("account").asText()).isEqualTo(D1.toChecksumHex());
    assertThat(body.get("from").asLong()).isEqualTo(1);
    assertThat(body.get("to").asLong()).isEqualTo(4);
    JsonNode splits = body.get("splits");
    assertThat(fieldNames(splits.get(0)))
        .containsExactly("epoch", "kind", "orchestrator", "role", "amount", "stake", "feeSharePpm");
    assertThat(splits).hasSize(6);
    assertDelegatorRow(splits.get(0), 2, "bonus", O2, "delegator", "270", "1000", null);
    assertDelegatorRow(splits.get(1), 2, "bonus", O1, "delegator", "540", "600", null);
    assertDelegatorRow(splits.get(2), 2, "fees", O2, "delegator", "75", "1000", 500_000L);
    assertDelegatorRow(splits.get(3), 2, "fees", O1, "delegator", "42", "600", 200_000L);
    assertDelegatorRow(splits.get(4), 3, "bonus", O1, "delegator", "324", "600", null);
    assertDelegatorRow(splits.get(5), 4, "bonus", O2, "delegator", "90", "1000", null);
    assertThat(fieldNames(body.get("totals"))).containsExactly("bonus", "fees");
    assertThat(body.at("/totals/bonus").asText()).isEqualTo("1224");
    assertThat(body.at("/totals/fees").asText()).isEqualTo("117");
    // the bonus is what its leaf of the latest tree holds
    assertThat(body.at("/totals/bonus").asText()).isEqualTo(CUMULATIVE.get(4L).get(D1).toString());
  }

  @Test
  void anOrchestratorAsAnAccountHasItsCommissionAndItsOwnBond() {
    JsonNode body = get("/v1/incentives/delegators/" + O1.toHex() + "?from=2&to=2", 200);

    JsonNode splits = body.get("splits");
    assertThat(splits).hasSize(4);
    assertDelegatorRow(splits.get(0), 2, "bonus", O1, "delegator", "360", "400", null);
    assertDelegatorRow(splits.get(1), 2, "bonus", O1, "orchestrator", "100", null, null);
    assertDelegatorRow(splits.get(2), 2, "fees", O1, "delegator", "28", "400", 200_000L);
    assertDelegatorRow(splits.get(3), 2, "fees", O1, "orchestrator", "280", null, 200_000L);
    assertThat(body.at("/totals/bonus").asText()).isEqualTo("460");
    assertThat(body.at("/totals/fees").asText()).isEqualTo("308");

    JsonNode nothing = get("/v1/incentives/delegators/" + STRANGER.toHex(), 200);
    assertThat(nothing.get("splits")).isEmpty();
    assertThat(nothing.at("/totals/bonus").asText()).isEqualTo("0");
  }

  @Test
  void aDelegatorsReportAsCsvHasOneRowPerSplitRow() {
    HttpResponse<String> response =
        fetch(port, "/v1/incentives/delegators/" + D1.toHex() + "?format=csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("content-disposition"))
        .hasValue(
            "attachment; filename=\"naap-incentives-delegator-" + D1.toHex() + "-epochs-1-4.csv\"");
    assertThat(response.body())
        .startsWith(
            "epoch,kind,orchestrator,account,role,amount,stake,feeSharePpm\r\n"
                + "2,bonus,"
                + O2.toChecksumHex()
                + ","
                + D1.toChecksumHex()
                + ",delegator,270,1000,\r\n");
    List<List<String>> rows = csv(response.body());
    assertThat(rows).hasSize(7);
    assertThat(rows.get(3))
        .containsExactly(
            "2",
            "fees",
            O2.toChecksumHex(),
            D1.toChecksumHex(),
            "delegator",
            "75",
            "1000",
            "500000");
    assertThat(rows.get(6).subList(0, 2)).containsExactly("4", "bonus");

    List<List<String>> orchestrator =
        csv(fetch(port, "/v1/incentives/delegators/" + O1.toHex() + "?format=csv&to=2").body());
    assertThat(orchestrator.get(2))
        .containsExactly("2", "bonus", O1_CHECKSUM, O1_CHECKSUM, "orchestrator", "100", "", "");
  }

  // ---- GET /v1/incentives/epochs/{epoch}/claims/{address}

  @Test
  void everyLeafOfEveryTreeHasAClaimWhoseProofVerifies() {
    int claims = 0;
    for (long epoch = 2; epoch <= 4; epoch++) {
      for (Map.Entry<EthereumAddress, BigInteger> leaf : CUMULATIVE.get(epoch).entrySet()) {
        JsonNode claim =
            get("/v1/incentives/epochs/" + epoch + "/claims/" + leaf.getKey().toHex(), 200);
        assertThat(claim.get("epoch").asLong()).isEqualTo(epoch);
        assertThat(claim.get("account").asText()).isEqualTo(leaf.getKey().toChecksumHex());
        assertThat(claim.get("cumulativeAmount").asText()).isEqualTo(leaf.getValue().toString());
        Bytes32 leafHash =
            new PayoutLeaf(EvmAddress.of(leaf.getKey().bytes()), leaf.getValue()).hash();
        assertThat(claim.get("leafHash").asText()).isEqualTo(leafHash.hex());
        assertThat(claim.get("payoutRoot").asText()).isEqualTo(root(epoch).hex());
        assertThat(claim.get("leafCount").asInt()).isEqualTo(CUMULATIVE.get(epoch).size());
        List<Bytes32> proof = new ArrayList<>();
        claim.get("proof").forEach(node -> proof.add(Bytes32.fromHex(node.asText())));
        assertThat(MerkleTree.verify(root(epoch), leafHash, proof)).isTrue();
        // the proof is of this leaf: another amount does not verify
        Bytes32 more =
            new PayoutLeaf(
                    EvmAddress.of(leaf.getKey().bytes()), leaf.getValue().add(BigInteger.ONE))
                .hash();
        assertThat(MerkleTree.verify(root(epoch), more, proof)).isFalse();
        claims++;
      }
    }
    assertThat(claims).isEqualTo(10);
  }

  @Test
  void onlyAPublishedRootIsClaimable() {
    JsonNode published = get("/v1/incentives/epochs/2/claims/" + D1.toHex(), 200);
    assertThat(fieldNames(published))
        .containsExactly(
            "chainId",
            "distributor",
            "epoch",
            "account",
            "cumulativeAmount",
            "leafHash",
            "proof",
            "payoutRoot",
            "leafCount",
            "status",
            "statusReason",
            "claimable");
    assertThat(published.get("chainId").asLong()).isEqualTo(CHAIN);
    assertThat(published.get("distributor").asText())
        .isEqualTo(DISTRIBUTOR.address().toChecksumHex());
    assertThat(published.get("cumulativeAmount").asText()).isEqualTo("810");
    assertThat(published.get("status").asText()).isEqualTo("published");
    assertThat(published.get("statusReason").isNull()).isTrue();
    assertThat(published.get("claimable").asBoolean()).isTrue();

    JsonNode superseded = get("/v1/incentives/epochs/3/claims/" + D1.toHex(), 200);
    assertThat(superseded.get("cumulativeAmount").asText()).isEqualTo("1134");
    assertThat(superseded.get("status").asText()).isEqualTo("superseded");
    assertThat(superseded.get("statusReason").asText()).isEqualTo(SUPERSEDED_REASON);
    assertThat(superseded.get("claimable").asBoolean()).isFalse();

    JsonNode built = get("/v1/incentives/epochs/4/claims/" + D2.toHex(), 200);
    assertThat(built.get("cumulativeAmount").asText()).isEqualTo("90");
    assertThat(built.get("status").asText()).isEqualTo("built");
    assertThat(built.get("claimable").asBoolean()).isFalse();
  }

  @Test
  void latestNamesTheLatestEpochWhoseRootIsOnChain() {
    // epoch 4 is only built and 3 superseded: the latest published is 2
    JsonNode claim = get("/v1/incentives/epochs/latest/claims/" + D1.toHex(), 200);
    assertThat(claim.get("epoch").asLong()).isEqualTo(2);
    assertThat(claim.get("cumulativeAmount").asText()).isEqualTo("810");
    assertThat(claim.get("claimable").asBoolean()).isTrue();
    assertThat(get("/v1/incentives/epochs/latest", 200).get("epoch").asLong()).isEqualTo(2);
    JsonNode none = get(emptyPort, "/v1/incentives/epochs/latest/claims/" + D1.toHex(), 404);
    assertThat(none.at("/error/message").asText()).contains("no payout root");
  }

  @Test
  void aClaimThatCannotBeMadeIs404SayingWhy() {
    JsonNode noDistribution = get("/v1/incentives/epochs/99/claims/" + D1.toHex(), 404);
    expectError(noDistribution, "not_found", "epoch 99 has no distribution");
    assertThat(noDistribution.at("/error/details/reason").asText()).isEqualTo("no_distribution");

    JsonNode noTree = get("/v1/incentives/epochs/1/claims/" + D1.toHex(), 404);
    expectError(noTree, "not_found", "epoch 1 has no payout tree");
    assertThat(noTree.at("/error/details/reason").asText()).isEqualTo("no_payout_tree");

    // D2 bonded only in epoch 4: no leaf in epoch 3's tree
    JsonNode noLeaf = get("/v1/incentives/epochs/3/claims/" + D2.toHex(), 404);
    expectError(
        noLeaf, "not_found", D2.toChecksumHex() + " has no leaf in the payout tree of epoch 3");
    assertThat(noLeaf.at("/error/details/reason").asText()).isEqualTo("no_leaf");
    assertThat(noLeaf.at("/error/details/account").asText()).isEqualTo(D2.toChecksumHex());
    assertThat(noLeaf.at("/error/details/epoch").asLong()).isEqualTo(3);
    expectError(
        get("/v1/incentives/epochs/4/claims/" + STRANGER.toHex(), 404), "not_found", "no leaf");

    expectError(
        get("/v1/incentives/epochs/zero/claims/" + D1.toHex(), 400), "bad_request", "'epoch'");
    expectError(get("/v1/incentives/epochs/2/claims/0xd1", 400), "bad_request", "'address'");
  }

  @Test
  void aStoredTreeThatDoesNotHashToItsRootIsNeverServed() {
    JsonNode error = get(corruptedPort, "/v1/incentives/epochs/1/claims/" + O1.toHex(), 500);

    expectError(error, "internal_error", "the stored distribution is inconsistent");
    assertThat(error.at("/error/message").asText())
        .contains(
            "hash to the root "
                + tree(Map.of(O1, wei(100))).root()
                + ", not to the stored payout root "
                + tree(Map.of(O1, wei(101))).root());
    assertThat(error.at("/error/details/epoch").asLong()).isEqualTo(1);
    // the report itself is served: it proves nothing
    assertThat(get(corruptedPort, "/v1/incentives/epochs/1", 200).get("payoutRoot").asText())
        .isEqualTo(tree(Map.of(O1, wei(101))).root().hex());
  }

  // ---- the distributions

  private static IncentiveStore.Built epoch1() {
    return new IncentiveStore.Built(
        distribution(1, DistributionStatus.UNCHANGED, Map.of(), Optional.empty(), Optional.empty()),
        document(1),
        List.of(pool(SDXL, 0, 0, 0, 0, 0, 0)),
        List.of(),
        List.of(),
        Map.of());
  }

  private static IncentiveStore.Built epoch2() {
    return new IncentiveStore.Built(
        distribution(
            2,
            DistributionStatus.PUBLISHED,
            CUMULATIVE.get(2L),
            Optional.empty(),
            Optional.of(new Publication(PUBLISHED_TX, 1_234, 98_765, SUBMITTER, PUBLISHED_AT))),
        document(2),
        List.of(pool(PORTRAIT, 400, 400, 0, 400, 0, 0), pool(SDXL, 1000, 1000, 0, 900, 100, 500)),
        List.of(
            share(2, PORTRAIT, O1, 400, 0, 0, true, explanation(9120, 1.0, "the only qualifier")),
            share(2, PORTRAIT, O2, 0, 0, 0, false, explanation(5400, 0.0, BELOW_MINIMUM)),
            share(2, SDXL, O1, 600, 300, 350, true, explanation(9120, 0.6, "volume and score")),
            share(2, SDXL, O2, 300, 200, 150, true, explanation(8000, 0.4, "volume and score"))),
        List.of(
            bonus(2, O1, O1, SplitRow.Role.ORCHESTRATOR, 100, null),
            bonus(2, O1, O1, SplitRow.Role.DELEGATOR, 360, 400L),
            bonus(2, O1, D1, SplitRow.Role.DELEGATOR, 540, 600L),
            bonus(2, O2, O2, SplitRow.Role.ORCHESTRATOR, 30, null),
            bonus(2, O2, D1, SplitRow.Role.DELEGATOR, 270, 1000L),
            fees(2, O1, O1, SplitRow.Role.ORCHESTRATOR, 280, null, 200_000),
            fees(2, O1, O1, SplitRow.Role.DELEGATOR, 28, 400L, 200_000),
            fees(2, O1, D1, SplitRow.Role.DELEGATOR, 42, 600L, 200_000),
            fees(2, O2, O2, SplitRow.Role.ORCHESTRATOR, 75, null, 500_000),
            fees(2, O2, D1, SplitRow.Role.DELEGATOR, 75, 1000L, 500_000)),
        CUMULATIVE.get(2L));
  }

  private static IncentiveStore.Built epoch3() {
    return new IncentiveStore.Built(
        distribution(
            3,
            DistributionStatus.SUPERSEDED,
            CUMULATIVE.get(3L),
            Optional.of(SUPERSEDED_TX),
            Optional.empty()),
        document(3),
        List.of(pool(SDXL, 1500, 500, 100, 600, 0, 0)),
        List.of(
            share(3, SDXL, O1, 600, 0, 0, true, cappedExplanation()),
            share(3, SDXL, O2, 0, 0, 0, false, explanation(5400, 0.0, BELOW_MINIMUM))),
        List.of(
            bonus(3, O1, O1, SplitRow.Role.ORCHESTRATOR, 60, null),
            bonus(3, O1, O1, SplitRow.Role.DELEGATOR, 216, 400L),
            bonus(3, O1, D1, SplitRow.Role.DELEGATOR, 324, 600L)),
        Map.of(O1, wei(736), D1, wei(1134)));
  }

  private static IncentiveStore.Built epoch4() {
    return new IncentiveStore.Built(
        distribution(
            4, DistributionStatus.BUILT, CUMULATIVE.get(4L), Optional.empty(), Optional.empty()),
        document(4),
        List.of(pool(SDXL, 1700, 200, 0, 200, 0, 0)),
        List.of(
            share(
                4,
                SDXL,
                O1,
                0,
                0,
                0,
                false,
                explanation(5900, 0.0, "score 5900 is below the minimum 6000")),
            share(4, SDXL, O2, 200, 0, 0, true, explanation(8800, 1.0, "the only qualifier"))),
        List.of(
            bonus(4, O2, O2, SplitRow.Role.ORCHESTRATOR, 20, null),
            bonus(4, O2, D1, SplitRow.Role.DELEGATOR, 90, 1000L),
            bonus(4, O2, D2, SplitRow.Role.DELEGATOR, 90, 1000L)),
        Map.of(O2, wei(50), D1, wei(1224), D2, wei(90)));
  }

  /**
   * A distribution whose payout tree holds {@code cumulative}; published ones with signer-set
   * version 1, submitted ones with the transaction sent 6 minutes after the epoch.
   */
  private static StoredDistribution distribution(
      long epoch,
      DistributionStatus status,
      Map<EthereumAddress, BigInteger> cumulative,
      Optional<TransactionHash> submitted,
      Optional<Publication> publication) {
    Instant startsAt = GENESIS.plus(EPOCH.multipliedBy(epoch - 1));
    Instant endsAt = startsAt.plus(EPOCH);
    Optional<byte[]> root =
        cumulative.isEmpty() ? Optional.empty() : Optional.of(tree(cumulative).root().bytes());
    BigInteger total = cumulative.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    boolean signed = publication.isPresent() || submitted.isPresent();
    return new StoredDistribution(
        epoch,
        startsAt,
        endsAt,
        "incentives-1",
        ORACLE,
        1_000 + epoch,
        root,
        total,
        cumulative.size(),
        epoch == 2 ? wei(25) : BigInteger.ZERO,
        Bytes32.keccak(document(epoch)).bytes(),
        endsAt.plus(Duration.ofMinutes(5)),
        status,
        status == DistributionStatus.SUPERSEDED ? Optional.of(SUPERSEDED_REASON) : Optional.empty(),
        signed ? OptionalLong.of(1) : OptionalLong.empty(),
        publication.map(Publication::transaction).or(() -> submitted),
        submitted.map(tx -> endsAt.plus(Duration.ofMinutes(6))),
        publication);
  }

  private static StoredDistribution withRoot(StoredDistribution d, Bytes32 root) {
    return new StoredDistribution(
        d.epoch(),
        d.startsAt(),
        d.endsAt(),
        d.rulesVersion(),
        d.oracle(),
        d.stakeBlock(),
        Optional.of(root.bytes()),
        d.cumulativeTotal(),
        d.leafCount(),
        d.unattributedFees(),
        d.dataHash(),
        d.builtAt(),
        d.status(),
        d.statusReason(),
        d.configVersion(),
        d.transaction(),
        d.transactionSentAt(),
        d.publication());
  }

  private static byte[] document(long epoch) {
    return ("{\"epoch\":" + epoch + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static PoolRow pool(
      String workload,
      long fundedThrough,
      long funded,
      long carriedIn,
      long distributed,
      long carriedOut,
      long feesCredited) {
    return new PoolRow(
        workload,
        wei(fundedThrough),
        wei(funded),
        wei(carriedIn),
        wei(distributed),
        wei(carriedOut),
        wei(feesCredited));
  }

  private static ShareRow share(
      long epoch,
      String workload,
      EthereumAddress orchestrator,
      long amount,
      long fairFees,
      long feesCredited,
      boolean qualifies,
      String explanation) {
    return new ShareRow(
        epoch,
        workload,
        orchestrator,
        wei(amount),
        wei(fairFees),
        wei(feesCredited),
        qualifies,
        explanation);
  }

  private static SplitRow bonus(
      long epoch,
      EthereumAddress orchestrator,
      EthereumAddress account,
      SplitRow.Role role,
      long amount,
      Long stake) {
    return new SplitRow(
        epoch,
        SplitRow.Kind.BONUS,
        orchestrator,
        account,
        role,
        wei(amount),
        Optional.ofNullable(stake).map(BigInteger::valueOf),
        OptionalLong.empty());
  }

  private static SplitRow fees(
      long epoch,
      EthereumAddress orchestrator,
      EthereumAddress account,
      SplitRow.Role role,
      long amount,
      Long stake,
      long feeSharePpm) {
    return new SplitRow(
        epoch,
        SplitRow.Kind.FEES,
        orchestrator,
        account,
        role,
        wei(amount),
        Optional.ofNullable(stake).map(BigInteger::valueOf),
        OptionalLong.of(feeSharePpm));
  }

  /** An explanation as the incentives-1 rules write it, the volume factors from the share. */
  private static String explanation(int scoreBps, double minutesShare, String reason) {
    boolean qualifies = scoreBps >= 6000;
    Map<String, Object> factors = new LinkedHashMap<>();
    factors.put("scoreBps", scoreBps);
    factors.put("minScoreBps", 6000);
    factors.put("qualifies", qualifies);
    factors.put("minutesShare", minutesShare);
    factors.put("selectionShare", minutesShare);
    factors.put("volume", minutesShare);
    factors.put("slaFactor", qualifies ? 0.8317 : 0.4387);
    factors.put("swapRate", 0.02);
    factors.put("swapFactor", 0.99);
    factors.put("gpu", "rtx 4090");
    factors.put("hourlyCostUsd", 0.69);
    factors.put("costFactor", 0.8307);
    factors.put("weight", qualifies ? 0.5027 : 0);
    factors.put("capped", false);
    factors.put("remainder", 0);
    factors.put("reason", reason);
    return json(factors);
  }

  private static String cappedExplanation() {
    Map<String, Object> factors = new LinkedHashMap<>();
    factors.put("scoreBps", 9120);
    factors.put("minScoreBps", 6000);
    factors.put("qualifies", true);
    factors.put("minutesShare", 0.75);
    factors.put("selectionShare", 0.7);
    factors.put("volume", 0.735);
    factors.put("slaFactor", 0.8317);
    factors.put("swapRate", 0.02);
    factors.put("swapFactor", 0.99);
    factors.put("gpu", "rtx 4090");
    factors.put("hourlyCostUsd", 0.69);
    factors.put("costFactor", 0.8307);
    factors.put("weight", 0.5027);
    factors.put("capped", true);
    factors.put("remainder", 1);
    factors.put("reason", CAPPED_REASON);
    return json(factors);
  }

  private static MerkleTree tree(Map<EthereumAddress, BigInteger> cumulative) {
    return MerkleTree.of(
        cumulative.entrySet().stream()
            .map(
                leaf ->
                    new PayoutLeaf(EvmAddress.of(leaf.getKey().bytes()), leaf.getValue()).hash())
            .toList());
  }

  private static Bytes32 root(long epoch) {
    return tree(CUMULATIVE.get(epoch)).root();
  }

  private static BigInteger wei(long amount) {
    return BigInteger.valueOf(amount);
  }

  // ---- the server and the answers

  private int start(IncentiveStore store) {
    ApiServer server =
        new ApiServer(
            ApiSettings.onLoopback(0),
            Metrics.globalRegistry(),
            List.of(),
            new IncentiveEndpoints(store).endpoints());
    servers.add(server);
    return server.start();
  }

  private HttpResponse<String> fetch(int port, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("GET " + path, e);
    }
  }

  private JsonNode get(String path, int status) {
    return get(port, path, status);
  }

  private JsonNode get(int port, String path, int status) {
    HttpResponse<String> response = fetch(port, path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    return parse(response.body());
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses RFC 4180 text (CRLF records, quoted fields with doubled quotes), independently. */
  private static List<List<String>> csv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '"') {
        assertThat(field).as("a quote inside an unquoted field at " + i).isEmpty();
        quoted = true;
        i++;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r') {
        assertThat(text.charAt(i + 1)).as("CR is followed by LF").isEqualTo('\n');
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        assertThat(c).as("a bare LF at " + i).isNotEqualTo('\n');
        field.append(c);
        i++;
      }
    }
    assertThat(quoted).as("an unterminated quoted field").isFalse();
    assertThat(record).as("the last record ends with CRLF").isEmpty();
    assertThat(field).isEmpty();
    int columns = records.getFirst().size();
    assertThat(records).allSatisfy(row -> assertThat(row).hasSize(columns));
    return records;
  }

  private static void expectError(JsonNode body, String code, String messagePart) {
    assertThat(fieldNames(body)).containsExactly("error");
    assertThat(fieldNames(body.get("error")))
        .containsExactlyInAnyOrder("code", "message", "details");
    assertThat(body.at("/error/code").asText()).isEqualTo(code);
    assertThat(body.at("/error/message").asText()).contains(messagePart);
  }

  private static void assertPool(
      JsonNode pool,
      String fundedThrough,
      String funded,
      String carriedIn,
      String distributed,
      String carriedOut,
      String feesCredited) {
    assertThat(pool.get("fundedThrough").asText()).isEqualTo(fundedThrough);
    assertThat(pool.get("funded").asText()).isEqualTo(funded);
    assertThat(pool.get("carriedIn").asText()).isEqualTo(carriedIn);
    assertThat(pool.get("distributed").asText()).isEqualTo(distributed);
    assertThat(pool.get("carriedOut").asText()).isEqualTo(carriedOut);
    assertThat(pool.get("feesCredited").asText()).isEqualTo(feesCredited);
  }

  private static void assertPayout(
      JsonNode payout,
      String workload,
      EthereumAddress orchestrator,
      boolean qualifies,
      String amount,
      String fairFees,
      String feesCredited) {
    assertThat(payout.get("workload").asText()).isEqualTo(workload);
    assertThat(payout.get("orchestrator").asText()).isEqualTo(orchestrator.toChecksumHex());
    assertThat(payout.get("qualifies").isBoolean()).isTrue();
    assertThat(payout.get("qualifies").asBoolean()).isEqualTo(qualifies);
    assertThat(payout.get("amount").isTextual()).isTrue();
    assertThat(payout.get("amount").asText()).isEqualTo(amount);
    assertThat(payout.get("fairFees").asText()).isEqualTo(fairFees);
    assertThat(payout.get("feesCredited").asText()).isEqualTo(feesCredited);
    assertThat(payout.get("explanation").isObject()).isTrue();
    assertThat(payout.at("/explanation/qualifies").asBoolean()).isEqualTo(qualifies);
  }

  private static void assertSplit(
      JsonNode split,
      String kind,
      EthereumAddress orchestrator,
      EthereumAddress account,
      String role,
      String amount,
      String stake,
      Long feeSharePpm) {
    assertThat(split.get("account").asText()).isEqualTo(account.toChecksumHex());
    assertSplitFields(split, kind, orchestrator, role, amount, stake, feeSharePpm);
  }

  private static void assertDelegatorRow(
      JsonNode split,
      long epoch,
      String kind,
      EthereumAddress orchestrator,
      String role,
      String amount,
      String stake,
      Long feeSharePpm) {
    assertThat(split.get("epoch").asLong()).isEqualTo(epoch);
    assertThat(split.has("account")).isFalse();
    assertSplitFields(split, kind, orchestrator, role, amount, stake, feeSharePpm);
  }

  private static void assertSplitFields(
      JsonNode split,
      String kind,
      EthereumAddress orchestrator,
      String role,
      String amount,
      String stake,
      Long feeSharePpm) {
    assertThat(split.get("kind").asText()).isEqualTo(kind);
    assertThat(split.get("orchestrator").asText()).isEqualTo(orchestrator.toChecksumHex());
    assertThat(split.get("role").asText()).isEqualTo(role);
    assertThat(split.get("amount").asText()).isEqualTo(amount);
    if (stake == null) {
      assertThat(split.get("stake").isNull()).isTrue();
    } else {
      assertThat(split.get("stake").isTextual()).isTrue();
      assertThat(split.get("stake").asText()).isEqualTo(stake);
    }
    if (feeSharePpm == null) {
      assertThat(split.get("feeSharePpm").isNull()).isTrue();
    } else {
      assertThat(split.get("feeSharePpm").isIntegralNumber()).isTrue();
      assertThat(split.get("feeSharePpm").asLong()).isEqualTo(feeSharePpm);
    }
  }

  private static void assertTotals(
      JsonNode totals,
      String bonus,
      String fairFees,
      String feesCredited,
      String commissionBonus,
      String commissionFees,
      String delegatorsBonus,
      String delegatorsFees) {
    assertThat(totals.get("bonus").asText()).isEqualTo(bonus);
    assertThat(totals.get("fairFees").asText()).isEqualTo(fairFees);
    assertThat(totals.get("feesCredited").asText()).isEqualTo(feesCredited);
    assertThat(fieldNames(totals.get("commission"))).containsExactly("bonus", "fees");
    assertThat(totals.at("/commission/bonus").asText()).isEqualTo(commissionBonus);
    assertThat(totals.at("/commission/fees").asText()).isEqualTo(commissionFees);
    assertThat(fieldNames(totals.get("delegators"))).containsExactly("bonus", "fees");
    assertThat(totals.at("/delegators/bonus").asText()).isEqualTo(delegatorsBonus);
    assertThat(totals.at("/delegators/fees").asText()).isEqualTo(delegatorsFees);
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

  private static List<Long> longs(JsonNode array, String field) {
    List<Long> values = new ArrayList<>();
    array.forEach(item -> values.add(item.get(field).asLong()));
    return values;
  }
}
