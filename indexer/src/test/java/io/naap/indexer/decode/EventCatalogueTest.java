package io.naap.indexer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.indexer.chain.RawLog;
import io.naap.storage.EthereumAddress;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;

/**
 * The catalogue against the ABI solc wrote for each contract (contracts/target/contracts): every
 * event the ABI declares is decoded, none else; its topic is keccak256 of the ABI signature; its
 * record's components and {@code fields()} keys are the ABI parameter names in order, each of the
 * Java type its ABI type decodes to.
 */
class EventCatalogueTest {
  private static final Path ABI_FOLDER = Path.of("..", "contracts", "target", "contracts");

  private static final Map<String, Class<?>> JAVA_TYPES =
      Map.of(
          "address", EthereumAddress.class,
          "uint256", BigInteger.class,
          "uint64", long.class,
          "uint32", long.class,
          "bytes32", String.class,
          "bytes20", String.class,
          "bytes", String.class,
          "string", String.class,
          "address[]", List.class);

  /**
   * The events of docs/PROTOCOL.md per contract, and the own and inherited ones of SlaOracle (2 and
   * 6) and SlaFeeDistributor (4 and 6).
   */
  private static final Map<ProtocolContract, Integer> EVENT_COUNTS =
      Map.of(
          ProtocolContract.BONDING_MANAGER, 14,
          ProtocolContract.TICKET_BROKER, 9,
          ProtocolContract.ROUNDS_MANAGER, 2,
          ProtocolContract.MINTER, 2,
          ProtocolContract.SERVICE_REGISTRY, 1,
          ProtocolContract.AI_SERVICE_REGISTRY, 1,
          ProtocolContract.CONTROLLER, 3,
          ProtocolContract.SLA_ORACLE, 8,
          ProtocolContract.SLA_FEE_DISTRIBUTOR, 10);

  private record AbiEvent(String name, List<AbiInput> inputs) {
    String signature() {
      return name + inputs.stream().map(AbiInput::type).collect(Collectors.joining(",", "(", ")"));
    }
  }

  private record AbiInput(String name, String type, boolean indexed) {}

  @ParameterizedTest
  @EnumSource(ProtocolContract.class)
  void decodesExactlyTheEventsTheContractsAbiDeclares(ProtocolContract contract)
      throws IOException {
    List<AbiEvent> abi = abiEvents(contract);
    List<EventSpec> catalogued = EventCatalogue.PROTOCOL.events(contract);

    assertThat(abi).hasSize(EVENT_COUNTS.get(contract));
    assertThat(catalogued.stream().map(EventSpec::name))
        .containsExactlyInAnyOrderElementsOf(abi.stream().map(AbiEvent::name).toList());
    for (AbiEvent event : abi) {
      String topic = Hash.sha3String(event.signature());
      EventSpec spec = EventCatalogue.PROTOCOL.find(contract, topic).orElseThrow();
      assertThat(spec.name()).isEqualTo(event.name());
      assertThat(spec.signature()).isEqualTo(event.signature());
      assertThat(spec.parameters())
          .extracting(parameter -> parameter.type().solidityName(), EventSpec.Parameter::indexed)
          .as(event.signature())
          .containsExactlyElementsOf(
              event.inputs().stream()
                  .map(input -> org.assertj.core.groups.Tuple.tuple(input.type(), input.indexed()))
                  .toList());
    }
  }

  @ParameterizedTest
  @EnumSource(ProtocolContract.class)
  void recordsAndFieldsCarryTheAbiNamesInOrderWithTheirJavaTypes(ProtocolContract contract)
      throws IOException {
    for (AbiEvent event : abiEvents(contract)) {
      EventSpec spec =
          EventCatalogue.PROTOCOL.find(contract, Hash.sha3String(event.signature())).orElseThrow();
      Class<? extends ProtocolEvent> type = spec.type();
      assertThat(type.getSimpleName()).isEqualTo(event.name());
      RecordComponent[] components = type.getRecordComponents();
      assertThat(components[0].getName()).isEqualTo("log");
      assertThat(components[0].getType()).isEqualTo(LogRef.class);
      List<RecordComponent> arguments = Arrays.asList(components).subList(1, components.length);
      assertThat(arguments)
          .extracting(RecordComponent::getName, RecordComponent::getType)
          .as(event.signature())
          .containsExactlyElementsOf(
              event.inputs().stream()
                  .map(
                      input ->
                          org.assertj.core.groups.Tuple.tuple(
                              input.name(), JAVA_TYPES.get(input.type())))
                  .toList());

      Decoded decoded = new ProtocolEventDecoder().decode(zeroLog(spec), contract);
      assertThat(decoded).isInstanceOf(type);
      assertThat(decoded.name()).isEqualTo(event.name());
      assertThat(decoded.log().contract()).isEqualTo(contract);
      assertThat(decoded.fields().keySet())
          .as(event.signature())
          .containsExactlyElementsOf(event.inputs().stream().map(AbiInput::name).toList());
    }
  }

  @Test
  void parameterUpdateSharesOneTopicAcrossFourContracts() {
    String topic = Hash.sha3String("ParameterUpdate(string)");
    List<ProtocolContract> declaring =
        Arrays.stream(ProtocolContract.values())
            .filter(contract -> EventCatalogue.PROTOCOL.find(contract, topic).isPresent())
            .toList();
    assertThat(declaring)
        .containsExactly(
            ProtocolContract.BONDING_MANAGER,
            ProtocolContract.TICKET_BROKER,
            ProtocolContract.ROUNDS_MANAGER,
            ProtocolContract.MINTER);
  }

  @Test
  void theEventsInheritedFromOpenZeppelinShareTheirTopicsAcrossNaapsTwoContracts() {
    for (String signature :
        List.of(
            "Paused(address)",
            "Unpaused(address)",
            "RoleGranted(bytes32,address,address)",
            "RoleRevoked(bytes32,address,address)",
            "RoleAdminChanged(bytes32,bytes32,bytes32)",
            "EIP712DomainChanged()")) {
      String topic = Hash.sha3String(signature);
      List<ProtocolContract> declaring =
          Arrays.stream(ProtocolContract.values())
              .filter(contract -> EventCatalogue.PROTOCOL.find(contract, topic).isPresent())
              .toList();
      assertThat(declaring)
          .as(signature)
          .containsExactly(ProtocolContract.SLA_ORACLE, ProtocolContract.SLA_FEE_DISTRIBUTOR);
      for (ProtocolContract contract : declaring) {
        EventSpec spec = EventCatalogue.PROTOCOL.find(contract, topic).orElseThrow();
        Decoded decoded = new ProtocolEventDecoder().decode(zeroLog(spec), contract);
        assertThat(decoded.log().contract()).as(signature).isEqualTo(contract);
      }
    }
  }

  /** A log of the event with every value zero (and every dynamic value empty). */
  private static RawLog zeroLog(EventSpec spec) {
    List<String> topics = new ArrayList<>();
    topics.add(spec.topic0());
    StringBuilder head = new StringBuilder("0x");
    long nonIndexed = spec.parameters().stream().filter(p -> !p.indexed()).count();
    for (EventSpec.Parameter parameter : spec.parameters()) {
      if (parameter.indexed()) {
        topics.add("0x" + "0".repeat(64));
      } else if (parameter.type().dynamic()) {
        head.append(String.format("%064x", 32 * nonIndexed));
      } else {
        head.append("0".repeat(64));
      }
    }
    head.append("0".repeat(64));
    return new RawLog(
        1,
        "0x" + "1".repeat(64),
        "0x" + "2".repeat(64),
        0,
        0,
        "0x" + "3".repeat(40),
        topics,
        head.toString(),
        false);
  }

  private static List<AbiEvent> abiEvents(ProtocolContract contract) throws IOException {
    String file =
        (contract == ProtocolContract.AI_SERVICE_REGISTRY
                ? ProtocolContract.SERVICE_REGISTRY
                : contract)
            .contractName();
    Path path = ABI_FOLDER.resolve(file + ".abi");
    assertThat(path)
        .as("the ABI solc wrote for %s (build the contracts module first)", contract)
        .isRegularFile();
    List<AbiEvent> events = new ArrayList<>();
    for (JsonNode entry : new ObjectMapper().readTree(Files.readString(path))) {
      if (!"event".equals(entry.path("type").asText()) || entry.path("anonymous").asBoolean()) {
        continue;
      }
      List<AbiInput> inputs = new ArrayList<>();
      for (JsonNode input : entry.path("inputs")) {
        inputs.add(
            new AbiInput(
                input.path("name").asText(),
                input.path("type").asText(),
                input.path("indexed").asBoolean()));
      }
      events.add(new AbiEvent(entry.path("name").asText(), inputs));
    }
    return events;
  }
}
