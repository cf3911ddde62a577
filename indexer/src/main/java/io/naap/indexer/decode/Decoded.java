package io.naap.indexer.decode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * What a log decodes to: a {@link ProtocolEvent} of the contract that emitted it, or {@link
 * Unknown} when that contract declares no event with its topic 0 or its topics and data do not
 * decode as the event. Either way it can be mirrored: by {@link #name()} and {@link #fields()}.
 */
public sealed interface Decoded permits ProtocolEvent, Decoded.Unknown {
  /** Where the log comes from. */
  LogRef log();

  /** The event's declared name (e.g. {@code Bond}), or {@value Unknown#NAME}. */
  String name();

  /**
   * The log's content as JSON-ready values in a fixed order: a decoded event's arguments by their
   * Solidity names in declaration order (uint256 as decimal strings, uint64/uint32 as numbers,
   * addresses and bytes as lower-case {@code 0x} hex), an unknown log's topics, data and reason.
   */
  SequencedMap<String, Object> fields();

  /** {@link #fields()} as one JSON object, keys in the same order. */
  default String fieldsJson() {
    return CanonicalFields.json(fields());
  }

  /**
   * A log the decoder could not read as an event of its contract, kept whole so it can be stored
   * and decoded again later.
   *
   * @param topics the log's topics (lower-case), possibly none
   * @param data the log's data, {@code 0x} hex
   * @param reason why it did not decode, for people
   */
  record Unknown(LogRef log, List<String> topics, String data, String reason) implements Decoded {
    /** The name an unknown log is stored under. */
    public static final String NAME = "unknown";

    /** The key unknown logs without any topic are counted under. */
    public static final String NO_TOPIC = "none";

    public Unknown {
      Objects.requireNonNull(log, "log");
      topics = List.copyOf(topics);
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(reason, "reason");
    }

    /** Topic 0, the signature hash of the event it claims to be; empty for a log without topics. */
    public Optional<String> topic0() {
      return topics.isEmpty() ? Optional.empty() : Optional.of(topics.getFirst());
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public SequencedMap<String, Object> fields() {
      return CanonicalFields.of("topics", topics, "data", data, "reason", reason);
    }
  }
}
