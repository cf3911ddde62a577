package io.naap.telemetry.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.telemetry.event.EthAddress;
import io.naap.testkit.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticFleetTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The real answer's entries by on-chain address, first occurrence of each. */
  private static Map<EthAddress, JsonNode> realEntries() throws IOException {
    Map<EthAddress, JsonNode> entries = new LinkedHashMap<>();
    for (JsonNode entry : JSON.readTree(Fixtures.networkCapabilities()).path("orchestrators")) {
      entries.putIfAbsent(EthAddress.parse(entry.path("address").asText()), entry);
    }
    return entries;
  }

  private static SyntheticFleet fleet(long seed) {
    return SyntheticFleet.fromCapabilities(
        Fixtures.networkCapabilities(), new SplittableRandom(seed));
  }

  @Test
  void bundlesTheSameAnswerTheTestsUse() throws IOException {
    assertThat(SyntheticFleet.class.getResourceAsStream(SyntheticFleet.BUNDLED_RESOURCE))
        .hasBinaryContent(Fixtures.networkCapabilities());
  }

  @Test
  void keepsEveryRealOrchestratorWithItsAddressesAndServiceUri() throws IOException {
    Map<EthAddress, JsonNode> real = realEntries();
    SyntheticFleet fleet = fleet(1);

    assertThat(real).hasSize(52).as("53 entries, one address listed twice");
    assertThat(fleet.orchestrators())
        .extracting(SyntheticOrchestrator::address)
        .containsExactlyElementsOf(real.keySet());
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      JsonNode entry = real.get(orchestrator.address());
      assertThat(orchestrator.addressText()).isEqualTo(entry.path("address").asText());
      assertThat(orchestrator.localAddressText()).isEqualTo(entry.path("local_address").asText());
      assertThat(orchestrator.uri()).isEqualTo(entry.path("orch_uri").asText());
      assertThat(orchestrator.version())
          .isEqualTo(entry.path("capabilities").path("version").asText());
    }
    assertThat(fleet.orchestrators().stream().map(SyntheticOrchestrator::uri).distinct())
        .as("service URIs tell orchestrators sharing a local address apart")
        .hasSize(52);
  }

  @Test
  void everyProfileRegionAndWorkloadIsPresentWhateverTheSeed() {
    for (long seed = 0; seed < 50; seed++) {
      SyntheticFleet fleet = fleet(seed);
      assertThat(profiles(fleet))
          .as("seed " + seed)
          .isEqualTo(EnumSet.allOf(BehaviourProfile.class));
      assertThat(
              fleet.orchestrators().stream()
                  .map(SyntheticOrchestrator::region)
                  .collect(Collectors.toSet()))
          .isEqualTo(EnumSet.allOf(Region.class));
      for (Workload workload : Workload.values()) {
        assertThat(
                fleet.orchestrators().stream()
                    .filter(o -> o.workload() == workload && o.profile().reachable()))
            .as("seed %d: reachable orchestrators serving %s, for swaps", seed, workload)
            .hasSizeGreaterThanOrEqualTo(3);
      }
    }
  }

  @Test
  void orchestratorsThatReportedGpusKeepThemOthersGetGpusSeenInTheAnswer() throws IOException {
    Map<EthAddress, JsonNode> real = realEntries();
    Set<String> realGpuNames = new HashSet<>();
    real.values().forEach(entry -> realGpuIds(entry, realGpuNames, true));
    SyntheticFleet fleet = fleet(3);

    int withRealGpus = 0;
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      Set<String> ids = new HashSet<>();
      realGpuIds(real.get(orchestrator.address()), ids, false);
      if (ids.isEmpty()) {
        assertThat(orchestrator.gpus()).hasSize(orchestrator.capacity());
        assertThat(orchestrator.gpus())
            .allSatisfy(gpu -> assertThat(realGpuNames).contains(gpu.name()))
            .allSatisfy(gpu -> assertThat(gpu.id()).matches("GPU-[0-9a-f-]{36}"));
        assertThat(orchestrator.gpus().stream().map(SyntheticGpu::name).distinct()).hasSize(1);
      } else {
        withRealGpus++;
        assertThat(orchestrator.gpus())
            .extracting(SyntheticGpu::id)
            .containsExactlyInAnyOrderElementsOf(ids);
      }
    }
    assertThat(withRealGpus).as("orchestrators with gpu_info in the answer").isEqualTo(12);
  }

  private static void realGpuIds(JsonNode entry, Set<String> into, boolean names) {
    for (JsonNode hardware : entry.path("hardware")) {
      hardware.path("gpu_info").forEach(gpu -> into.add(gpu.path(names ? "name" : "id").asText()));
    }
  }

  @Test
  void advertisedModelsCapacitiesAndPricesAreKept() {
    SyntheticFleet fleet = fleet(5);
    SyntheticOrchestrator fourGpus = byUri(fleet, "https://ai.brzeczyszczykiewicz.work:8935");
    assertThat(fourGpus.workload()).isEqualTo(Workload.STREAMDIFFUSION_SDXL_FACEID);
    assertThat(fourGpus.capacity()).as("per-model capacity").isEqualTo(4);
    assertThat(fourGpus.pricePerUnit()).isEqualTo(1588);
    assertThat(fourGpus.runnerVersion()).isEqualTo("0.13.11-a201f99d");
    SyntheticOrchestrator twoGpus = byUri(fleet, "https://ai.arjo-node.uk:6500");
    assertThat(twoGpus.workload()).isEqualTo(Workload.STREAMDIFFUSION_SDXL);
    assertThat(twoGpus.capacity()).isEqualTo(2);
    SyntheticOrchestrator capacityOnly = byUri(fleet, "https://dexpeer-ai.code4.us:8935");
    assertThat(capacityOnly.capacity())
        .as("capacities[35] without a per-model capacity")
        .isEqualTo(1);
    for (SyntheticOrchestrator orchestrator : fleet.orchestrators()) {
      assertThat(orchestrator.capacity()).isBetween(1, 4);
      assertThat(orchestrator.pricePerUnit()).isBetween(1_400L, 1_800L);
      assertThat(orchestrator.latencyOffsetMillis()).isBetween(0, 15);
    }
  }

  @Test
  void theSameSeedGivesTheSameFleetAndOthersDiffer() {
    assertThat(fleet(42).orchestrators()).isEqualTo(fleet(42).orchestrators());
    assertThat(fleet(42).orchestrators()).isNotEqualTo(fleet(43).orchestrators());
    assertThat(SyntheticFleet.bundled(new SplittableRandom(42)).orchestrators())
        .isEqualTo(fleet(42).orchestrators());
  }

  @Test
  void refusesAnswersItCannotBuildAFleetFrom() {
    byte[] notJson = "{".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SyntheticFleet.fromCapabilities(notJson, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
    byte[] noArray = "{\"orchestrators\": 3}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SyntheticFleet.fromCapabilities(noArray, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no orchestrators array");
    byte[] tooFew =
        ("[{\"address\": \"0x2cC8AeC211Fdc372c0F7E4d1add1675733381328\"},"
                + " {\"address\": \"0x0000000000000000000000000000000000000000\"},"
                + " {\"address\": \"not an address\"}]")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SyntheticFleet.fromCapabilities(tooFew, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names 1 orchestrators with an on-chain address")
        .hasMessageContaining("at least 6");
  }

  private static Set<BehaviourProfile> profiles(SyntheticFleet fleet) {
    return fleet.orchestrators().stream()
        .map(SyntheticOrchestrator::profile)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(BehaviourProfile.class)));
  }

  static SyntheticOrchestrator byUri(SyntheticFleet fleet, String uri) {
    List<SyntheticOrchestrator> found =
        fleet.orchestrators().stream().filter(o -> o.uri().equals(uri)).toList();
    assertThat(found).hasSize(1);
    return found.getFirst();
  }
}
