package io.naap.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.bindings.ProtocolEventCatalogue.EventDeclaration;
import io.naap.bindings.ProtocolEventCatalogue.Parameter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.AbiTypes;
import org.web3j.abi.datatypes.Event;

/**
 * The generated wrappers, hence the compiled doubles, declare exactly the events of
 * docs/PROTOCOL.md: a drift in a double's Solidity fails here, without a chain.
 */
class ProtocolEventSignaturesTest {
  private static final String GENERATED_PACKAGE = "io.naap.bindings.generated.";

  static Stream<EventDeclaration> protocolEvents() {
    return ProtocolEventCatalogue.all().stream();
  }

  static Stream<String> protocolContracts() {
    return ProtocolEventCatalogue.contracts().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolContracts")
  void eachDoubleDeclaresExactlyTheProtocolEvents(String contract) {
    assertThat(generatedEvents(contract).keySet())
        .containsExactlyInAnyOrderElementsOf(
            ProtocolEventCatalogue.of(contract).stream().map(EventDeclaration::name).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolEvents")
  void eventHasTheProtocolParameterTypesIndexedFlagsAndTopic(EventDeclaration declared) {
    Event event = generatedEvents(declared.contract()).get(declared.name());

    var parameters = event.getParameters();
    assertThat(parameters.stream().map(ProtocolEventSignaturesTest::abiType))
        .as("parameter types of %s", declared)
        .containsExactlyElementsOf(declared.parameters().stream().map(Parameter::type).toList());
    assertThat(parameters.stream().map(TypeReference::isIndexed))
        .as("indexed flags of %s", declared)
        .containsExactlyElementsOf(declared.parameters().stream().map(Parameter::indexed).toList());
    assertThat(EventEncoder.encode(event)).isEqualTo(declared.topic());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protocolEvents")
  void eventResponseHasTheProtocolParameterNames(EventDeclaration declared) throws Exception {
    Class<?> response =
        Class.forName(
            GENERATED_PACKAGE + declared.contract() + "$" + declared.name() + "EventResponse");

    List<String> fields =
        Arrays.stream(response.getDeclaredFields())
            .filter(field -> !Modifier.isStatic(field.getModifiers()))
            .map(Field::getName)
            .toList();

    assertThat(fields)
        .containsExactlyInAnyOrderElementsOf(
            declared.parameters().stream().map(Parameter::name).toList());
  }

  @Test
  void catalogueParsesIndexedParametersAndEmptyParameterLists() {
    EventDeclaration bond = ProtocolEventCatalogue.event("BondingManager", "Bond");
    EventDeclaration pause = ProtocolEventCatalogue.event("Controller", "Pause");

    assertThat(bond.parameters())
        .containsExactly(
            new Parameter("address", true, "newDelegate"),
            new Parameter("address", true, "oldDelegate"),
            new Parameter("address", true, "delegator"),
            new Parameter("uint256", false, "additionalAmount"),
            new Parameter("uint256", false, "bondedAmount"));
    assertThat(bond.signature()).isEqualTo("Bond(address,address,address,uint256,uint256)");
    assertThat(pause.parameters()).isEmpty();
    assertThat(pause.signature()).isEqualTo("Pause()");
    assertThat(ProtocolEventCatalogue.all()).hasSize(31);
  }

  private static Map<String, Event> generatedEvents(String contract) {
    Class<?> wrapper;
    try {
      wrapper = Class.forName(GENERATED_PACKAGE + contract);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no generated wrapper for " + contract, e);
    }
    return Arrays.stream(wrapper.getDeclaredFields())
        .filter(field -> field.getType() == Event.class && Modifier.isStatic(field.getModifiers()))
        .map(ProtocolEventSignaturesTest::read)
        .collect(Collectors.toMap(Event::getName, event -> event));
  }

  private static String abiType(TypeReference<?> parameter) {
    try {
      return AbiTypes.getTypeAString(parameter.getClassType());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("cannot resolve the type of " + parameter.getType(), e);
    }
  }

  private static Event read(Field field) {
    try {
      return (Event) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError("cannot read " + field, e);
    }
  }
}
