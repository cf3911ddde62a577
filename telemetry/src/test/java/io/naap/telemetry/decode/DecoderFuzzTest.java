package io.naap.telemetry.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Mutates real and synthetic events in every way the brief lists (truncated JSON, wrong types, NaN,
 * negative and huge numbers, unknown families, missing and duplicated ids, multi-MB strings,
 * deleted fields, random bytes, deep nesting) and decodes them in every input format: no exception
 * escapes, every batch's accounting holds, every quarantine has a reason and a detail, and every
 * untouched event decodes. Seeded: the same records every run.
 */
class DecoderFuzzTest {

  private static final long SEED = 0x2026_0108L;
  private static final int RECORDS = 120_000;
  private static final int MAX_BATCH = 1500;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DecoderSettings settings = DecoderSettings.defaults();
  private final TelemetryInput input = new TelemetryInput(new EventDecoder(settings));
  private final List<ObjectNode> bases = baseEvents();
  private final Map<QuarantineReason, Long> reasons = new EnumMap<>(QuarantineReason.class);
  private long duplicates;
  private long decoded;

  @Test
  void noMutatedInputEscapesTheAccounting() {
    SplittableRandom random = new SplittableRandom(SEED);
    long started = System.nanoTime();
    long records = 0;
    int batches = 0;
    while (records < RECORDS) {
      records += fuzzBatch(random, 1 + random.nextInt(MAX_BATCH));
      batches++;
    }
    long brokenArrays = 0;
    for (int i = 0; i < 300; i++) {
      brokenArrays += fuzzBrokenArray(random) ? 1 : 0;
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    System.out.printf(
        "fuzz: %d records in %d batches, %.1f s; decoded %d, duplicates %d, quarantined %s;"
            + " %d of 300 cut arrays failed whole%n",
        records, batches, seconds, decoded, duplicates, reasons, brokenArrays);
    assertThat(records).isGreaterThanOrEqualTo(100_000);
    assertThat(reasons.keySet())
        .as("the mutations reach every reason")
        .containsExactlyInAnyOrder(QuarantineReason.values());
    assertThat(duplicates).isPositive();
    assertThat(brokenArrays).isPositive();
  }

  /** One batch in a random format; returns the number of records it held. */
  private int fuzzBatch(SplittableRandom random, int size) {
    Format format = Format.values()[random.nextInt(Format.values().length)];
    List<Mutant> mutants = new ArrayList<>(size);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      boolean textAllowed = format != Format.ARRAY && format != Format.ARRAY_GZIP && i > 0;
      Mutant mutant = i == 0 ? pristine(random) : mutate(random, ids, textAllowed);
      mutant.id().ifPresent(ids::add);
      mutants.add(mutant);
    }
    DecodeBatch batch =
        switch (format) {
          case NDJSON -> input.read(ndjson(mutants));
          case NDJSON_GZIP -> input.read(TestEvents.gzip(ndjson(mutants)));
          case ARRAY -> input.read(array(mutants));
          case ARRAY_GZIP -> input.read(TestEvents.gzip(array(mutants)));
          case SPLIT -> input.readRecords(mutants.stream().map(Mutant::bytes).toList());
        };
    List<Mutant> records =
        format == Format.NDJSON || format == Format.NDJSON_GZIP
            ? mutants.stream().filter(mutant -> !isBlank(mutant.bytes())).toList()
            : mutants;
    check(batch, records);
    return records.size();
  }

  /** An array cut or spoiled as text: it decodes, or the whole input fails as malformed. */
  private boolean fuzzBrokenArray(SplittableRandom random) {
    List<Mutant> mutants = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      mutants.add(pristine(random));
    }
    byte[] body = array(mutants);
    byte[] broken =
        switch (random.nextInt(3)) {
          case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length));
          case 1 -> flipBytes(random, body, 1 + random.nextInt(3));
          default -> insert(body, random.nextInt(body.length), utf8(" ,x] "));
        };
    try {
      DecodeBatch batch = input.read(broken);
      assertThat(batch.counts().received())
          .isEqualTo(
              batch.counts().decoded()
                  + batch.counts().duplicates()
                  + batch.counts().quarantined());
      return false;
    } catch (MalformedInputException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return true;
    }
  }

  private void check(DecodeBatch batch, List<Mutant> records) {
    DecodeCounts counts = batch.counts();
    assertThat(batch.outcomes()).hasSize(records.size());
    assertThat(counts.received())
        .isEqualTo(records.size())
        .isEqualTo(counts.decoded() + counts.duplicates() + counts.quarantined());
    Set<String> decodedIds = new HashSet<>();
    for (int i = 0; i < records.size(); i++) {
      RecordOutcome outcome = batch.outcomes().get(i);
      switch (outcome) {
        case Decoded d -> {
          decoded++;
          assertThat(decodedIds.add(d.event().id().toString()))
              .as("decoded ids are distinct")
              .isTrue();
          JsonNode json = TestEvents.tree(utf8(d.event().json()));
          assertThat(EventIds.parse(json.get("id").asText())).hasValue(d.event().id());
          assertThat(json.get("type").asText()).isEqualTo(d.event().family());
        }
        case Duplicate duplicate -> {
          duplicates++;
          assertThat(duplicate.firstIndex()).isLessThan(i);
          assertThat(batch.outcomes().get((int) duplicate.firstIndex()))
              .isInstanceOfSatisfying(
                  Decoded.class,
                  first -> assertThat(first.event().id()).hasToString(duplicate.id()));
        }
        case Quarantined q -> {
          reasons.merge(q.reason(), 1L, Long::sum);
          assertThat(q.detail()).isNotBlank();
          assertThat(q.rawText().getBytes(StandardCharsets.UTF_8).length)
              .isLessThanOrEqualTo(settings.maxRawTextBytes());
          q.eventId()
              .ifPresent(id -> assertThat(EventIds.parse(id).map(UUID::toString)).hasValue(id));
          if (records.get(i).pristine()) {
            fail("an untouched event was quarantined: %s %s", q.reason(), q.detail());
          }
        }
      }
    }
  }

  // ---- mutations

  private record Mutant(byte[] bytes, java.util.Optional<String> id, boolean pristine) {}

  private enum Format {
    NDJSON,
    NDJSON_GZIP,
    ARRAY,
    ARRAY_GZIP,
    SPLIT
  }

  private static long serial;

  private Mutant pristine(SplittableRandom random) {
    ObjectNode event = freshEvent(random);
    return new Mutant(
        TestEvents.bytes(event), java.util.Optional.of(event.get("id").asText()), true);
  }

  private ObjectNode freshEvent(SplittableRandom random) {
    ObjectNode event = bases.get(random.nextInt(bases.size())).deepCopy();
    event.put("id", TestEvents.id(++serial));
    return event;
  }

  private Mutant mutate(SplittableRandom random, List<String> ids, boolean textAllowed) {
    ObjectNode event = freshEvent(random);
    int roll = random.nextInt(100);
    if (roll < 15) {
      return new Mutant(
          TestEvents.bytes(event), java.util.Optional.of(event.get("id").asText()), true);
    }
    if (roll < 22 && !ids.isEmpty()) {
      event.put("id", ids.get(random.nextInt(ids.size())));
      return new Mutant(TestEvents.bytes(event), java.util.Optional.empty(), false);
    }
    if (textAllowed && roll >= 88) {
      byte[] text = TestEvents.bytes(event);
      return new Mutant(
          switch (roll % 3) {
            case 0 -> java.util.Arrays.copyOf(text, random.nextInt(text.length));
            case 1 -> randomBytes(random);
            default -> flipBytes(random, text, 1 + random.nextInt(4));
          },
          java.util.Optional.empty(),
          false);
    }
    JsonNode mutated = mutateTree(random, event);
    if (random.nextInt(20) == 0 && mutated instanceof ObjectNode object) {
      ObjectNode kafka = NODES.objectNode();
      kafka.put("id", "log-" + serial);
      kafka.put("topic", "streaming-events");
      kafka.set("value", object);
      mutated = kafka;
    }
    return new Mutant(TestEvents.bytes(mutated), java.util.Optional.empty(), false);
  }

  private JsonNode mutateTree(SplittableRandom random, ObjectNode event) {
    int kind = random.nextInt(100);
    if (kind < 4) {
      event.put("type", random.nextBoolean() ? "fresh_family_" + random.nextInt(5) : "Bad-Family");
      return event;
    }
    if (kind < 10) {
      switch (random.nextInt(4)) {
        case 0 -> event.remove("id");
        case 1 -> event.put("id", "log-" + random.nextInt(1000));
        case 2 -> event.put("id", random.nextInt());
        default -> event.put("id", event.get("id").asText().toUpperCase());
      }
      return event;
    }
    if (kind < 12) {
      return switch (random.nextInt(3)) {
        case 0 -> NODES.numberNode(random.nextLong());
        case 1 -> NODES.textNode("event");
        default -> NODES.arrayNode().add(event);
      };
    }
    if (kind < 14) {
      event.put("timestamp", random.nextBoolean() ? "1767908945" : "17679089452980000");
      return event;
    }
    Slot slot = randomSlot(random, event);
    if (slot == null) {
      return event;
    }
    if (kind < 26) {
      slot.set(wrongType(random, slot.get()));
    } else if (kind < 34) {
      slot.set(NODES.textNode(pick(random, "NaN", "Infinity", "-inf", "nan WEI", "+Infinity")));
    } else if (kind < 46) {
      slot.set(
          switch (random.nextInt(6)) {
            case 0 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 1 -> NODES.numberNode(new java.math.BigDecimal("-1e30"));
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.numberNode(BigInteger.TWO.pow(300));
            case 4 -> NODES.textNode("1e9999");
            default -> NODES.numberNode(Long.MAX_VALUE);
          });
    } else if (kind < 52) {
      slot.set(
          NODES.textNode(pick(random, "12x", "0x1f", "1,5", " 7", "7 ", "1.5.5", "--1", "5 ETH")));
    } else if (kind < 56) {
      slot.set(
          NODES.textNode(pick(random, "", "0x12", "0xZZcf2968b3dc6016778742d3539449a6597d5954")));
    } else if (kind < 70) {
      slot.remove();
    } else if (kind < 74) {
      slot.set(deep(1 + random.nextInt(random.nextBoolean() ? 80 : 3000)));
    } else if (kind < 76) {
      slot.set(NODES.textNode("s".repeat(random.nextInt(40) == 0 ? 1_500_000 : 70_000)));
    } else if (kind < 79) {
      slot.set(NODES.textNode("z".repeat(300)));
    } else if (kind < 80) {
      slot.set(NODES.textNode("nul \u0000 inside"));
    } else {
      slot.set(wrongType(random, slot.get()));
    }
    return event;
  }

  private static JsonNode wrongType(SplittableRandom random, JsonNode current) {
    List<JsonNode> choices =
        List.of(
            NODES.numberNode(random.nextInt(100)),
            NODES.textNode("text"),
            NODES.booleanNode(true),
            NODES.nullNode(),
            NODES.arrayNode().add(1),
            NODES.objectNode().put("k", "v"));
    JsonNode choice;
    do {
      choice = choices.get(random.nextInt(choices.size()));
    } while (choice.getNodeType() == current.getNodeType());
    return choice;
  }

  private static JsonNode deep(int depth) {
    JsonNode node = NODES.numberNode(1);
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("d", node);
    }
    return node;
  }

  /** A place in a tree: a field of an object or an element of an array. */
  private record Slot(ContainerNode<?> parent, String field, int index) {
    JsonNode get() {
      return parent instanceof ObjectNode object ? object.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static Slot randomSlot(SplittableRandom random, ObjectNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        slots.add(new Slot(object, name, -1));
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[1 + random.nextInt(200)];
    for (int i = 0; i < bytes.length; i++) {
      byte b;
      do {
        b = (byte) random.nextInt(256);
      } while (b == '\n');
      bytes[i] = b;
    }
    return bytes;
  }

  private static byte[] flipBytes(SplittableRandom random, byte[] text, int count) {
    byte[] flipped = text.clone();
    for (int i = 0; i < count; i++) {
      int at = random.nextInt(flipped.length);
      byte b;
      do {
        b = (byte) random.nextInt(256);
      } while (b == '\n');
      flipped[at] = b;
    }
    return flipped;
  }

  private static byte[] insert(byte[] text, int at, byte[] inserted) {
    byte[] result = new byte[text.length + inserted.length];
    System.arraycopy(text, 0, result, 0, at);
    System.arraycopy(inserted, 0, result, at, inserted.length);
    System.arraycopy(text, at, result, at + inserted.length, text.length - at);
    return result;
  }

  private static String pick(SplittableRandom random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static byte[] ndjson(List<Mutant> mutants) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Mutant mutant : mutants) {
      out.writeBytes(mutant.bytes());
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static byte[] array(List<Mutant> mutants) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('[');
    for (int i = 0; i < mutants.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(mutants.get(i).bytes());
    }
    out.write(']');
    return out.toByteArray();
  }

  /**
   * The 65 events of the real capture, plus one of each shape the capture lacks and one of naap's
   * extension family {@code gpu_metrics}.
   */
  private static List<ObjectNode> baseEvents() {
    List<ObjectNode> events = new ArrayList<>();
    TestEvents.captureRecords().forEach(record -> events.add((ObjectNode) record.get("value")));
    events.add(
        TestEvents.envelope(
            0,
            "ai_stream_status",
            TestEvents.object(
                """
                {"stream_id": "s", "orchestrator_info": {"address":
                 "0x52cf2968b3dc6016778742d3539449a6597d5954", "url": "https://o:1"},
                 "inference_status": {"pipeline": "p", "start_time": 1767908945.607,
                 "input_fps": 20.5, "output_fps": 17.25, "last_input_time": 1767908955.5,
                 "restart_count": 1, "last_error": "oom", "last_params_hash": "h"}}
                """)));
    events.add(
        TestEvents.envelope(
            0,
            "ai_stream_events",
            TestEvents.object(
                "{\"type\": \"error\", \"capability\": \"c\", \"message\": \"m\", \"stream_id\":"
                    + " \"s\", \"timestamp\": 1767908999000, \"params\": {\"prompt\": \"x\"}}")));
    events.add(
        TestEvents.envelope(
            0,
            "stream_trace",
            TestEvents.object(
                "{\"type\": \"orchestrator_swap\", \"message\": \"timeout\", \"timestamp\":"
                    + " 1767908999000}")));
    events.add(TestEvents.envelope(0, "job_gateway", TestEvents.object("{\"type\": \"job\"}")));
    events.add(
        TestEvents.envelope(
            0,
            "gpu_metrics",
            TestEvents.object(
                """
                {"timestamp": 1767908955000, "stream_id": "s", "request_id": "r",
                 "pipeline": "streamdiffusion-sdxl", "orchestrator_info": {"address":
                 "0x52cf2968b3dc6016778742d3539449a6597d5954", "url": "https://o:1"},
                 "gpu_info": {"id": "GPU-1", "name": "NVIDIA GeForce RTX 4090",
                 "memory_total": 25393692672, "memory_used": "8123456789"},
                 "window_ms": 10000, "achieved_tflops": "41.2", "peak_tflops": 82.6,
                 "utilization_pct": 87.5}
                """)));
    return events;
  }
}
