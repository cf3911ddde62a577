package io.naap.indexer.decode;

import io.naap.indexer.chain.RawLog;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decodes the logs of the mirrored contracts into {@link ProtocolEvent}s, by the emitting contract
 * and topic 0, with the event definitions of the generated bindings. Never throws on what a
 * contract can put in a log: a topic the contract does not declare, or topics and data that do not
 * decode as the declared event, give {@link Decoded.Unknown} with the reason, and are counted by
 * topic 0. Safe to share between threads.
 *
 * <p>It decodes the ABI words itself (see {@link AbiType}) rather than through web3j's reflective
 * {@code FunctionReturnDecoder}, with the same results for every well-formed log.
 */
public final class ProtocolEventDecoder {
  private final EventCatalogue catalogue;
  private final Map<String, LongAdder> unknownByTopic = new ConcurrentHashMap<>();

  /** A decoder of every event of every {@link ProtocolContract}. */
  public ProtocolEventDecoder() {
    this.catalogue = EventCatalogue.PROTOCOL;
  }

  /**
   * The event {@code log} records, read as an event of {@code emitter}.
   *
   * @param emitter the contract that emitted it (the one configured at the log's address)
   * @throws IllegalArgumentException only when the log's own coordinates are malformed (its address
   *     or hashes not hex of their length), which no node returns
   */
  public Decoded decode(RawLog log, ProtocolContract emitter) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(emitter, "emitter");
    LogRef ref = LogRef.of(log, emitter);
    if (log.topics().isEmpty()) {
      return unknown(
          ref,
          log,
          "the log has no topic: an anonymous event, which " + emitter + " does not declare");
    }
    String topic0 = log.topics().getFirst().toLowerCase(Locale.ROOT);
    Optional<EventSpec> event = catalogue.find(emitter, topic0);
    if (event.isEmpty()) {
      return unknown(ref, log, emitter + " declares no event with topic 0 " + topic0);
    }
    try {
      return event.get().decode(ref, lowerCase(log), log.data().toLowerCase(Locale.ROOT));
    } catch (MalformedLogException e) {
      return unknown(ref, log, event.get().signature() + ": " + e.getMessage());
    }
  }

  /**
   * How many logs decoded to {@link Decoded.Unknown} so far, by topic 0 ({@value
   * Decoded.Unknown#NO_TOPIC} for logs without topics), sorted by topic: a snapshot.
   */
  public Map<String, Long> unknownCounts() {
    Map<String, Long> counts = new TreeMap<>();
    unknownByTopic.forEach((topic, count) -> counts.put(topic, count.sum()));
    return Collections.unmodifiableMap(counts);
  }

  private Decoded.Unknown unknown(LogRef ref, RawLog log, String reason) {
    Decoded.Unknown unknown =
        new Decoded.Unknown(ref, lowerCase(log), log.data().toLowerCase(Locale.ROOT), reason);
    unknownByTopic
        .computeIfAbsent(
            unknown.topic0().orElse(Decoded.Unknown.NO_TOPIC), topic -> new LongAdder())
        .increment();
    return unknown;
  }

  /** The log's topics in lower case (the same list when they already are, as nodes write them). */
  private static List<String> lowerCase(RawLog log) {
    List<String> topics = log.topics();
    for (String topic : topics) {
      if (!topic.equals(topic.toLowerCase(Locale.ROOT))) {
        return topics.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
      }
    }
    return topics;
  }
}
