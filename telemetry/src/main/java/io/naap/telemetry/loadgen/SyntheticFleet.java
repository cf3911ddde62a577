package io.naap.telemetry.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.naap.telemetry.event.EthAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The synthetic fleet: every orchestrator of a real {@code getNetworkCapabilities} answer that has
 * an on-chain address, keeping its address, local address, service URI and GPUs, with a behaviour
 * profile, a region, a workload and a capacity assigned deterministically from the random source.
 *
 * <ul>
 *   <li>Duplicate entries (the same on-chain address twice) count once; entries without a valid
 *       non-zero address are left out.
 *   <li>Profiles: every profile at least once, the rest 55% {@code healthy}, 10% each of the
 *       misbehaving ones and 5% {@code offline}. Regions: balanced over the four regions.
 *   <li>Workload: the live-video-to-video model the orchestrator advertises, when it is one of
 *       {@link Workload}; otherwise balanced over the workloads, among those that fit in its GPUs'
 *       memory.
 *   <li>Capacity: the model's {@code capacity} in {@code PerCapability.35}, else {@code
 *       capacities["35"]}, else 1-4.
 *   <li>GPUs: those of its {@code hardware[].gpu_info}; an orchestrator that reported none gets
 *       {@code capacity} GPUs of one model seen in the answer (one that fits its workload), with
 *       generated ids.
 * </ul>
 */
public final class SyntheticFleet {
  /** The real answer bundled with the module (53 entries, 52 orchestrators). */
  public static final String BUNDLED_RESOURCE = "network-capabilities.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long GIB = 1L << 30;
  private static final String DEFAULT_RUNNER_VERSION = "0.14.0";
  private static final String DEFAULT_VERSION = "0.8.8";

  /** Weights of the profiles beyond the first of each, in declaration order. */
  private static final double[] PROFILE_WEIGHTS = {0.55, 0.10, 0.10, 0.10, 0.10, 0.05};

  private final List<SyntheticOrchestrator> orchestrators;
  private final Map<EthAddress, ObjectNode> templates;

  private SyntheticFleet(
      List<SyntheticOrchestrator> orchestrators, Map<EthAddress, ObjectNode> templates) {
    this.orchestrators = List.copyOf(orchestrators);
    this.templates = Collections.unmodifiableMap(templates);
  }

  /** The fleet from the bundled real capabilities answer. */
  public static SyntheticFleet bundled(RandomGenerator random) {
    try (InputStream in = SyntheticFleet.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED_RESOURCE + " is not on the class path");
      }
      return fromCapabilities(in.readAllBytes(), random);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled " + BUNDLED_RESOURCE, e);
    }
  }

  /**
   * The fleet from a capabilities answer: an object with {@code orchestrators} (what {@code
   * getNetworkCapabilities} returns) or the array alone (a {@code network_capabilities} event's
   * {@code data}).
   *
   * @throws IllegalArgumentException when the text is not such an answer or names fewer
   *     orchestrators than there are profiles
   */
  public static SyntheticFleet fromCapabilities(byte[] json, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the capabilities answer is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode entries = root != null && root.isObject() ? root.path("orchestrators") : root;
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException(
          "the capabilities answer has no orchestrators array (an object with 'orchestrators',"
              + " or an array)");
    }
    Map<EthAddress, ObjectNode> unique = new LinkedHashMap<>();
    for (JsonNode entry : entries) {
      if (!entry.isObject()) {
        continue;
      }
      Optional<EthAddress> address = EthAddress.tryParse(entry.path("address").asText(null));
      if (address.isEmpty() || isZero(address.get()) || unique.containsKey(address.get())) {
        continue;
      }
      unique.put(address.get(), (ObjectNode) entry);
    }
    BehaviourProfile[] profiles = BehaviourProfile.values();
    if (unique.size() < profiles.length) {
      throw new IllegalArgumentException(
          "the capabilities answer names "
              + unique.size()
              + " orchestrators with an on-chain address; the fleet needs at least "
              + profiles.length
              + ", one per profile");
    }
    return assign(unique, gpuModels(unique.values()), random);
  }

  private static SyntheticFleet assign(
      Map<EthAddress, ObjectNode> entries, List<SyntheticGpu> gpuModels, RandomGenerator random) {
    int count = entries.size();
    List<BehaviourProfile> profiles = profileDeck(count, random);
    List<Region> regions = deck(List.of(Region.values()), count, random);
    int withoutModel = 0;
    for (ObjectNode entry : entries.values()) {
      if (advertisedWorkload(entry).isEmpty()) {
        withoutModel++;
      }
    }
    List<Workload> workloads = deck(List.of(Workload.values()), withoutModel, random);

    List<SyntheticOrchestrator> orchestrators = new ArrayList<>(count);
    Map<EthAddress, ObjectNode> templates = new LinkedHashMap<>();
    int index = 0;
    int workloadIndex = 0;
    for (Map.Entry<EthAddress, ObjectNode> item : entries.entrySet()) {
      ObjectNode entry = item.getValue();
      List<SyntheticGpu> realGpus = realGpus(entry);
      Optional<Workload> advertised = advertisedWorkload(entry);
      Workload workload;
      if (advertised.isPresent()) {
        workload = advertised.get();
      } else {
        workload = fitting(workloads.get(workloadIndex++), realGpus);
      }
      int capacity = capacity(entry, workload).orElseGet(() -> 1 + random.nextInt(4));
      List<SyntheticGpu> gpus =
          realGpus.isEmpty() ? generatedGpus(gpuModels, workload, capacity, random) : realGpus;
      long price = advertisedPrice(entry).orElseGet(() -> 1_400L + random.nextInt(401));
      int latencyOffset = random.nextInt(16);
      String localText = entry.path("local_address").asText("");
      if (EthAddress.tryParse(localText).isEmpty()) {
        localText = entry.path("address").asText();
      }
      orchestrators.add(
          new SyntheticOrchestrator(
              item.getKey(),
              entry.path("address").asText(),
              EthAddress.parse(localText),
              localText,
              entry.path("orch_uri").asText(""),
              regions.get(index),
              latencyOffset,
              profiles.get(index),
              workload,
              capacity,
              gpus,
              price,
              text(entry.path("capabilities").path("version")).orElse(DEFAULT_VERSION),
              runnerVersion(entry, workload).orElse(DEFAULT_RUNNER_VERSION)));
      templates.put(item.getKey(), entry.deepCopy());
      index++;
    }
    return new SyntheticFleet(orchestrators, templates);
  }

  public List<SyntheticOrchestrator> orchestrators() {
    return orchestrators;
  }

  /** The orchestrator with this on-chain address. */
  public Optional<SyntheticOrchestrator> orchestrator(EthAddress address) {
    return orchestrators.stream().filter(o -> o.address().equals(address)).findFirst();
  }

  /** The orchestrator's entry as the capabilities answer had it, a fresh copy to adapt. */
  ObjectNode capabilitiesTemplate(SyntheticOrchestrator orchestrator) {
    ObjectNode template = templates.get(orchestrator.address());
    if (template == null) {
      throw new IllegalArgumentException("not in this fleet: " + orchestrator.addressText());
    }
    return template.deepCopy();
  }

  /**
   * Every profile once, then by weight: healthy 55%, slow cold start, swap-prone, jittery and
   * failing 10% each, offline 5%; shuffled.
   */
  private static List<BehaviourProfile> profileDeck(int count, RandomGenerator random) {
    List<BehaviourProfile> deck = new ArrayList<>(List.of(BehaviourProfile.values()));
    while (deck.size() < count) {
      double draw = random.nextDouble();
      BehaviourProfile profile = BehaviourProfile.OFFLINE;
      double cumulative = 0;
      for (int i = 0; i < PROFILE_WEIGHTS.length; i++) {
        cumulative += PROFILE_WEIGHTS[i];
        if (draw < cumulative) {
          profile = BehaviourProfile.values()[i];
          break;
        }
      }
      deck.add(profile);
    }
    shuffle(deck, random);
    return deck;
  }

  /** {@code count} values cycling through {@code values}, shuffled: balanced and complete. */
  private static <T> List<T> deck(List<T> values, int count, RandomGenerator random) {
    List<T> deck = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      deck.add(values.get(i % values.size()));
    }
    shuffle(deck, random);
    return deck;
  }

  private static <T> void shuffle(List<T> list, RandomGenerator random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  /**
   * The workload, or the first one that fits in the smallest of the orchestrator's real GPUs of its
   * fastest model (those that will run live video).
   */
  private static Workload fitting(Workload preferred, List<SyntheticGpu> gpus) {
    if (gpus.isEmpty()) {
      return preferred;
    }
    double fastest =
        gpus.stream().mapToDouble(gpu -> gpu.gpuClass().relativeSpeed()).max().orElseThrow();
    long memory =
        smallest(gpus.stream().filter(gpu -> gpu.gpuClass().relativeSpeed() == fastest).toList());
    if (fits(preferred, memory)) {
      return preferred;
    }
    for (Workload workload : Workload.values()) {
      if (fits(workload, memory)) {
        return workload;
      }
    }
    return preferred;
  }

  private static long smallest(List<SyntheticGpu> gpus) {
    return gpus.stream().mapToLong(SyntheticGpu::memoryTotal).min().orElse(0);
  }

  private static boolean fits(Workload workload, long memoryTotal) {
    return workload.memoryBytes() + GIB <= memoryTotal;
  }

  /** The model the entry advertises for capability 35 (per-model constraints, then hardware). */
  private static Optional<Workload> advertisedWorkload(ObjectNode entry) {
    JsonNode models = liveVideoModels(entry);
    for (Iterator<String> names = models.fieldNames(); names.hasNext(); ) {
      Optional<Workload> workload = Workload.fromModelId(names.next());
      if (workload.isPresent()) {
        return workload;
      }
    }
    for (JsonNode hardware : entry.path("hardware")) {
      if (Workload.PIPELINE.equals(hardware.path("pipeline").asText())) {
        Optional<Workload> workload = Workload.fromModelId(hardware.path("model_id").asText());
        if (workload.isPresent()) {
          return workload;
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode liveVideoModels(ObjectNode entry) {
    return entry
        .path("capabilities")
        .path("constraints")
        .path("PerCapability")
        .path(Integer.toString(Workload.CAPABILITY))
        .path("models");
  }

  private static OptionalInt capacity(ObjectNode entry, Workload workload) {
    JsonNode model = liveVideoModels(entry).path(workload.modelId());
    if (model.path("capacity").canConvertToInt() && model.path("capacity").asInt() >= 1) {
      return OptionalInt.of(model.path("capacity").asInt());
    }
    JsonNode capacity =
        entry.path("capabilities").path("capacities").path(Integer.toString(Workload.CAPABILITY));
    if (capacity.canConvertToInt() && capacity.asInt() >= 1) {
      return OptionalInt.of(capacity.asInt());
    }
    return OptionalInt.empty();
  }

  private static Optional<Long> advertisedPrice(ObjectNode entry) {
    for (JsonNode price : entry.path("capabilities_prices")) {
      if (price.path("capability").asInt(-1) == Workload.CAPABILITY
          && price.path("pricePerUnit").canConvertToLong()
          && price.path("pricePerUnit").asLong() >= 0) {
        return Optional.of(price.path("pricePerUnit").asLong());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> runnerVersion(ObjectNode entry, Workload workload) {
    return text(liveVideoModels(entry).path(workload.modelId()).path("runnerVersion"));
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty()
        ? Optional.of(node.asText())
        : Optional.empty();
  }

  /** The entry's GPUs from every hardware entry, each device once, in the answer's order. */
  private static List<SyntheticGpu> realGpus(ObjectNode entry) {
    Map<String, SyntheticGpu> gpus = new LinkedHashMap<>();
    for (JsonNode hardware : entry.path("hardware")) {
      JsonNode info = hardware.path("gpu_info");
      Map<Integer, JsonNode> byIndex = new TreeMap<>();
      for (Iterator<String> keys = info.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        try {
          byIndex.put(Integer.parseInt(key), info.get(key));
        } catch (NumberFormatException notAnIndex) {
          // not a device index: not a GPU
        }
      }
      for (JsonNode gpu : byIndex.values()) {
        gpu(gpu).ifPresent(g -> gpus.putIfAbsent(g.id(), g));
      }
    }
    return List.copyOf(gpus.values());
  }

  private static Optional<SyntheticGpu> gpu(JsonNode gpu) {
    Optional<String> id = text(gpu.path("id"));
    Optional<String> name = text(gpu.path("name"));
    long memory = gpu.path("memory_total").asLong(0);
    if (id.isEmpty() || name.isEmpty() || memory <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new SyntheticGpu(
            id.get(),
            name.get(),
            gpu.path("major").canConvertToInt()
                ? OptionalInt.of(gpu.path("major").asInt())
                : OptionalInt.empty(),
            gpu.path("minor").canConvertToInt()
                ? OptionalInt.of(gpu.path("minor").asInt())
                : OptionalInt.empty(),
            memory));
  }

  /** Every distinct GPU model (name, compute capability, memory) of the answer, sorted. */
  private static List<SyntheticGpu> gpuModels(Iterable<ObjectNode> entries) {
    Set<String> seen = new LinkedHashSet<>();
    List<SyntheticGpu> models = new ArrayList<>();
    for (ObjectNode entry : entries) {
      for (SyntheticGpu gpu : realGpus(entry)) {
        String key = gpu.name() + "|" + gpu.major() + "|" + gpu.minor() + "|" + gpu.memoryTotal();
        if (seen.add(key)) {
          models.add(gpu);
        }
      }
    }
    models.sort(
        Comparator.comparing(SyntheticGpu::name).thenComparingLong(SyntheticGpu::memoryTotal));
    return models;
  }

  /** {@code count} GPUs of one model of the answer that fits the workload, with fresh ids. */
  private static List<SyntheticGpu> generatedGpus(
      List<SyntheticGpu> models, Workload workload, int count, RandomGenerator random) {
    List<SyntheticGpu> candidates =
        models.stream().filter(model -> fits(workload, model.memoryTotal())).toList();
    if (candidates.isEmpty()) {
      candidates = models;
    }
    SyntheticGpu model =
        candidates.isEmpty()
            ? new SyntheticGpu(
                "-",
                "NVIDIA GeForce RTX 4090",
                OptionalInt.of(8),
                OptionalInt.of(9),
                25_757_220_864L)
            : candidates.get(random.nextInt(candidates.size()));
    List<SyntheticGpu> gpus = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      gpus.add(
          new SyntheticGpu(
              "GPU-" + Ids.uuid(random.nextLong(), random.nextLong()),
              model.name(),
              model.major(),
              model.minor(),
              model.memoryTotal()));
    }
    return gpus;
  }

  private static boolean isZero(EthAddress address) {
    return address.value().chars().skip(2).allMatch(c -> c == '0');
  }
}
