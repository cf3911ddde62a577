package io.naap.indexer.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;

/**
 * One event a contract declares, as its generated binding's {@code Event} constant defines it (its
 * name, topic 0 and parameter types in declaration order), the record it decodes into, and the
 * decoding of its logs.
 */
final class EventSpec {
  /** Builds an event's record from its decoded values ({@link AbiType} says which Java types). */
  @FunctionalInterface
  interface Factory {
    ProtocolEvent create(LogRef log, Object[] values);
  }

  /**
   * One parameter of an event.
   *
   * @param position its 0-based position in the declaration
   */
  record Parameter(int position, AbiType type, boolean indexed) {
    /** How a reason names it, e.g. {@code parameter 2 (uint256)}. */
    String label() {
      return "parameter " + position + " (" + type.solidityName() + (indexed ? " indexed)" : ")");
    }
  }

  private final String name;
  private final String topic0;
  private final List<Parameter> parameters;
  private final Class<? extends ProtocolEvent> type;
  private final Factory factory;
  private final int topicCount;
  private final int headSize;

  private EventSpec(
      String name,
      String topic0,
      List<Parameter> parameters,
      Class<? extends ProtocolEvent> type,
      Factory factory) {
    this.name = Objects.requireNonNull(name, "name");
    this.topic0 = Objects.requireNonNull(topic0, "topic0");
    this.parameters = List.copyOf(parameters);
    this.type = Objects.requireNonNull(type, "type");
    this.factory = Objects.requireNonNull(factory, "factory");
    int indexed = (int) this.parameters.stream().filter(Parameter::indexed).count();
    this.topicCount = 1 + indexed;
    this.headSize = AbiType.WORD * (this.parameters.size() - indexed);
  }

  /**
   * The spec of a generated binding's {@code Event} constant: topic 0 is web3j's {@code
   * EventEncoder.encode(event)}.
   *
   * @throws IllegalArgumentException when a parameter's type has no decoder, or a dynamic parameter
   *     is indexed (its topic would be a hash; no decoded event has one)
   */
  static EventSpec of(Event event, Class<? extends ProtocolEvent> type, Factory factory) {
    List<Parameter> parameters = new ArrayList<>();
    for (TypeReference<?> reference : event.getParameters()) {
      AbiType abiType = AbiType.of(reference);
      if (abiType.dynamic() && reference.isIndexed()) {
        throw new IllegalArgumentException(
            event.getName() + " has an indexed " + abiType.solidityName() + ": not decoded");
      }
      parameters.add(new Parameter(parameters.size(), abiType, reference.isIndexed()));
    }
    return new EventSpec(event.getName(), EventEncoder.encode(event), parameters, type, factory);
  }

  /** The event's declared name. */
  String name() {
    return name;
  }

  /** keccak256 of its signature, lower-case {@code 0x} hex. */
  String topic0() {
    return topic0;
  }

  /** Its parameters in declaration order, indexed or not. */
  List<Parameter> parameters() {
    return parameters;
  }

  /** The record its logs decode into. */
  Class<? extends ProtocolEvent> type() {
    return type;
  }

  /** Its signature as hashed into topic 0, e.g. {@code Reward(address,uint256)}. */
  String signature() {
    StringBuilder signature = new StringBuilder(name).append('(');
    for (Parameter parameter : parameters) {
      if (parameter.position() > 0) {
        signature.append(',');
      }
      signature.append(parameter.type().solidityName());
    }
    return signature.append(')').toString();
  }

  /**
   * The values of a log of this event, in declaration order.
   *
   * @param topics the log's topics, topic 0 (this event's) first
   * @param data the log's data, {@code 0x} hex
   * @throws MalformedLogException when the topics or data do not decode as this event
   */
  Object[] values(List<String> topics, String data) {
    if (topics.size() != topicCount) {
      throw new MalformedLogException(
          "declares "
              + (topicCount - 1)
              + " indexed parameters, so "
              + topicCount
              + " topics, but the log has "
              + topics.size());
    }
    byte[] bytes = Hex.parse(data, "the data");
    if (bytes.length < headSize) {
      throw new MalformedLogException(
          "the data is "
              + bytes.length
              + " bytes, its non-indexed parameters need at least "
              + headSize);
    }
    Object[] values = new Object[parameters.size()];
    int topic = 1;
    int head = 0;
    for (Parameter parameter : parameters) {
      try {
        if (parameter.indexed()) {
          values[parameter.position()] = parameter.type().staticValue(word(topics, topic++), 0);
        } else {
          values[parameter.position()] =
              parameter.type().dynamic()
                  ? parameter.type().dynamicValue(bytes, head)
                  : parameter.type().staticValue(bytes, head);
          head += AbiType.WORD;
        }
      } catch (MalformedLogException e) {
        throw new MalformedLogException(parameter.label() + ": " + e.getMessage());
      }
    }
    return values;
  }

  /**
   * The record of a log of this event.
   *
   * @throws MalformedLogException when the topics or data do not decode as this event
   */
  ProtocolEvent decode(LogRef log, List<String> topics, String data) {
    return factory.create(log, values(topics, data));
  }

  private static byte[] word(List<String> topics, int index) {
    String topic = topics.get(index);
    if (topic.length() != 2 + 2 * AbiType.WORD) {
      throw new MalformedLogException("topic " + index + " is not 0x and 64 hex digits");
    }
    return Hex.parse(topic, "topic " + index);
  }

  @Override
  public String toString() {
    return signature() + " " + topic0;
  }
}
