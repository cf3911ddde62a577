package io.naap.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.naap.api.auth.ApiKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What {@code naap up} prints and writes to up.json about the chain, the indexer and the oracle.
 */
class UpReportTest {
  private static final String API = "http://127.0.0.1:8080";

  @Test
  void aChainItDidNotStartHasNoProcessAndAnOracleOffSaysWhy() {
    UpReport report =
        report(
            new UpReport.Chain(
                "https://arb1.example/rpc",
                42161,
                true,
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty()),
            new UpReport.Indexer("mainnet", 240),
            new UpReport.Oracle.Off("no SlaOracle on chain 42161 (...)"));

    JsonNode json = UpReportJson.toJson(report);

    assertThat(json.at("/chain/external").asBoolean()).isTrue();
    assertThat(json.at("/chain/pid").isMissingNode()).isTrue();
    assertThat(json.at("/chain/log").isMissingNode()).isTrue();
    assertThat(json.at("/indexer/profile").asText()).isEqualTo("mainnet");
    assertThat(json.at("/indexer/finalityDepth").asInt()).isEqualTo(240);
    assertThat(json.at("/indexer/status").asText()).isEqualTo(API + "/v1/indexer/status");
    assertThat(json.at("/oracle/running").asBoolean()).isFalse();
    assertThat(json.at("/oracle/reason").asText()).isEqualTo("no SlaOracle on chain 42161 (...)");
    assertThat(report.toText(Path.of("/tmp/up.json")))
        .contains("chain      https://arb1.example/rpc  (chain id 42161, not started by naap up)")
        .contains("indexer    profile mainnet, finality depth 240: " + API + "/v1/indexer/status")
        .contains("oracle     off: no SlaOracle on chain 42161 (...)");
  }

  @Test
  void itsOwnAnvilHasAProcessAndARunningOracleItsSchedule() {
    UpReport report =
        report(
            new UpReport.Chain(
                "http://127.0.0.1:8545",
                31337,
                false,
                OptionalLong.of(4242),
                Optional.of(Path.of("/home/chain/state.json")),
                Optional.of(Path.of("/home/chain/anvil.log"))),
            new UpReport.Indexer("local", 12),
            new UpReport.Oracle.Running(
                "0x00000000000000000000000000000000000000aA", 7, Duration.ofMinutes(1), 3, 2));

    JsonNode json = UpReportJson.toJson(report);

    assertThat(json.at("/chain/external").asBoolean()).isFalse();
    assertThat(json.at("/chain/pid").asLong()).isEqualTo(4242);
    assertThat(json.at("/chain/log").asText()).isEqualTo("/home/chain/anvil.log");
    assertThat(json.at("/oracle/running").asBoolean()).isTrue();
    assertThat(json.at("/oracle/epochLength").asText()).isEqualTo("PT1M");
    assertThat(json.at("/oracle/signers").asInt()).isEqualTo(3);
    assertThat(json.at("/oracle/threshold").asInt()).isEqualTo(2);
    assertThat(report.toText(Path.of("/tmp/up.json")))
        .contains("chain      http://127.0.0.1:8545  (chain id 31337)\n")
        .contains(
            "oracle     SlaOracle 0x00000000000000000000000000000000000000aA, epochs of 1 min,"
                + " 3 operator key(s) here, 2 signatures needed");
  }

  private static UpReport report(
      UpReport.Chain chain, UpReport.Indexer indexer, UpReport.Oracle oracle) {
    return new UpReport(
        1,
        Instant.parse("2026-11-30T00:00:00Z"),
        Duration.ofSeconds(3),
        Path.of("/home"),
        false,
        new UpReport.Api(API, API + "/health", API + "/metrics", API + "/openapi"),
        chain,
        new UpReport.Database(
            "jdbc:postgresql://127.0.0.1:5432/naap", "postgres", 5432, Optional.empty(), 2),
        List.of(new UpReport.Contract("BondingManager", "0x" + "ab".repeat(20), 5)),
        indexer,
        oracle,
        Optional.empty(),
        new UpReport.DevKeys(
            key("naap_gateway_0123456789abcdef_" + "A".repeat(43)),
            key("naap_orchestrator_0123456789abcdef_" + "A".repeat(43)),
            key("naap_admin_0123456789abcdef_" + "A".repeat(43))));
  }

  private static ApiKey key(String text) {
    return ApiKey.parse(text).orElseThrow();
  }
}
