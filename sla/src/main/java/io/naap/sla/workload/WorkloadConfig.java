package io.naap.sla.workload;

import static io.naap.sla.config.SectionedText.quote;

import io.naap.sla.config.SectionedText;
import io.naap.sla.config.SectionedText.Section;
import io.naap.sla.config.SectionedText.Setting;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workload config format, read and written: one {@code [workload <model>]} section per
 * workload, then one {@code key = value} a line; {@code #} starts a comment line; blank lines are
 * ignored ({@link SectionedText} reads that much). Keys are the {@link WorkloadTarget} components
 * (except {@code minVram}, which carries its unit); every key is required but {@code
 * supportedGpus}. Unknown keys, a key twice in a section, a workload twice, values that are not
 * numbers or out of the target's ranges are refused with the line they are on. sla/README.md
 * documents the format.
 */
final class WorkloadConfig {
  /** A model or pipeline id: what the events carry, without spaces. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}");

  private static final Pattern DECIMAL =
      Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)[ \\t]*(B|KiB|MiB|GiB|TiB)");

  /** The size units, largest first: a TiB is 2^40 bytes, each next unit 2^10 times less. */
  private static final List<String> UNITS = List.of("TiB", "GiB", "MiB", "KiB", "B");

  private WorkloadConfig() {}

  /** The keys of a workload section, in the order they are written. */
  enum Key {
    PIPELINE("pipeline", "pipeline"),
    TARGET_FPS("targetFps", "targetFps"),
    MAX_STARTUP_MS("maxStartupMs", "maxStartupMs"),
    MAX_END_TO_END_MS("maxEndToEndMs", "maxEndToEndMs"),
    MAX_JITTER_COEFFICIENT("maxJitterCoefficient", "maxJitterCoefficient"),
    MAX_FAILURE_RATE("maxFailureRate", "maxFailureRate"),
    MAX_SWAP_RATE("maxSwapRate", "maxSwapRate"),
    MIN_SCORE_BPS("minScoreBps", "minScoreBps"),
    MIN_VRAM("minVram", "minVramBytes"),
    SUPPORTED_GPUS("supportedGpus", "supportedGpus");

    private final String text;
    private final String component;

    Key(String text, String component) {
      this.text = text;
      this.component = component;
    }

    boolean required() {
      return this != SUPPORTED_GPUS;
    }

    static Map<String, Key> byText() {
      Map<String, Key> map = new HashMap<>();
      for (Key key : values()) {
        map.put(key.text, key);
      }
      return map;
    }
  }

  private static final Map<String, Key> KEYS = Key.byText();

  /** A header's model id is one word; {@link #ID} says what it may hold. */
  private static final SectionedText.Schema SCHEMA =
      new SectionedText.Schema(
          "workload",
          "<model>",
          Pattern.compile("[^\\]\\s]+"),
          Stream.of(Key.values()).map(key -> key.text).toList());

  /**
   * The workloads of a config text, in the order it lists them.
   *
   * @throws WorkloadConfigException naming the source and line of the first problem of the format
   *     ({@link SectionedText}), else of the first problem of a workload
   */
  static List<WorkloadTarget> parse(String text, String source) {
    SectionedText config = SectionedText.parse(text, source, SCHEMA, WorkloadConfigException::new);
    if (config.sections().isEmpty()) {
      throw new WorkloadConfigException(
          source, config.lastLine(), "no workload: expected a " + SCHEMA.header() + " section");
    }
    List<WorkloadTarget> targets = new ArrayList<>();
    for (Section section : config.sections()) {
      targets.add(target(section, source));
    }
    return List.copyOf(targets);
  }

  /**
   * The config text of the targets, in model order, keys in {@link Key} order: {@link #parse} reads
   * it back to equal targets.
   *
   * @throws IllegalArgumentException when a target has a model, pipeline or GPU name the format
   *     cannot hold (spaces in an id; a comma, {@code #} or line break in a GPU name)
   */
  static String write(Collection<WorkloadTarget> targets) {
    List<WorkloadTarget> sorted = new ArrayList<>(targets);
    sorted.sort(Comparator.comparing(WorkloadTarget::model));
    StringBuilder text = new StringBuilder();
    for (WorkloadTarget target : sorted) {
      writable(target);
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append("[workload ").append(target.model()).append("]\n");
      put(text, Key.PIPELINE, target.pipeline());
      put(text, Key.TARGET_FPS, decimal(target.targetFps()));
      put(text, Key.MAX_STARTUP_MS, decimal(target.maxStartupMs()));
      put(text, Key.MAX_END_TO_END_MS, decimal(target.maxEndToEndMs()));
      put(text, Key.MAX_JITTER_COEFFICIENT, decimal(target.maxJitterCoefficient()));
      put(text, Key.MAX_FAILURE_RATE, decimal(target.maxFailureRate()));
      put(text, Key.MAX_SWAP_RATE, decimal(target.maxSwapRate()));
      put(text, Key.MIN_SCORE_BPS, Integer.toString(target.minScoreBps()));
      put(text, Key.MIN_VRAM, size(target.minVramBytes()));
      if (!target.supportedGpus().isEmpty()) {
        put(text, Key.SUPPORTED_GPUS, String.join(", ", new TreeSet<>(target.supportedGpus())));
      }
    }
    return text.toString();
  }

  /** The target of a section the format accepted: its model id, then its values. */
  private static WorkloadTarget target(Section section, String source) {
    String model = section.name();
    if (!ID.matcher(model).matches()) {
      throw new WorkloadConfigException(
          source, section.line(), "bad model id " + quote(model) + idRule());
    }
    Map<Key, Setting> settings = new EnumMap<>(Key.class);
    for (Map.Entry<String, Setting> entry : section.settings().entrySet()) {
      Setting setting = entry.getValue();
      if (setting.value().indexOf('#') >= 0) {
        throw new WorkloadConfigException(
            source,
            setting.line(),
            entry.getKey() + ": '#' in a value (comments go on their own line)");
      }
      settings.put(KEYS.get(entry.getKey()), setting);
    }
    List<String> missing = new ArrayList<>();
    for (Key key : Key.values()) {
      if (key.required() && !settings.containsKey(key)) {
        missing.add(key.text);
      }
    }
    if (!missing.isEmpty()) {
      throw new WorkloadConfigException(
          source,
          section.line(),
          "workload "
              + model
              + " is missing "
              + String.join(", ", missing)
              + " (every key but supportedGpus is required)");
    }
    Setting gpus = settings.get(Key.SUPPORTED_GPUS);
    try {
      return new WorkloadTarget(
          model,
          id(settings.get(Key.PIPELINE), source),
          decimal(Key.TARGET_FPS, settings, source),
          decimal(Key.MAX_STARTUP_MS, settings, source),
          decimal(Key.MAX_END_TO_END_MS, settings, source),
          decimal(Key.MAX_JITTER_COEFFICIENT, settings, source),
          decimal(Key.MAX_FAILURE_RATE, settings, source),
          decimal(Key.MAX_SWAP_RATE, settings, source),
          whole(Key.MIN_SCORE_BPS, settings, source),
          bytes(Key.MIN_VRAM, settings.get(Key.MIN_VRAM), source),
          gpus == null ? Set.of() : gpuNames(gpus, source));
    } catch (InvalidTargetException invalid) {
      int line = section.line();
      for (Map.Entry<Key, Setting> entry : settings.entrySet()) {
        if (entry.getKey().component.equals(invalid.component())) {
          line = entry.getValue().line();
        }
      }
      throw new WorkloadConfigException(
          source, line, "workload " + model + ": " + invalid.getMessage());
    }
  }

  private static String id(Setting setting, String source) {
    if (!ID.matcher(setting.value()).matches()) {
      throw new WorkloadConfigException(
          source, setting.line(), "pipeline: bad id " + quote(setting.value()) + idRule());
    }
    return setting.value();
  }

  private static double decimal(Key key, Map<Key, Setting> settings, String source) {
    Setting setting = settings.get(key);
    if (!DECIMAL.matcher(setting.value()).matches()) {
      throw new WorkloadConfigException(
          source,
          setting.line(),
          key.text + ": " + quote(setting.value()) + " is not a number (e.g. 20, 0.05, 1e-3)");
    }
    return Double.parseDouble(setting.value());
  }

  private static int whole(Key key, Map<Key, Setting> settings, String source) {
    Setting setting = settings.get(key);
    if (!WHOLE.matcher(setting.value()).matches()) {
      throw new WorkloadConfigException(
          source,
          setting.line(),
          key.text + ": " + quote(setting.value()) + " is not a whole number");
    }
    try {
      return Integer.parseInt(setting.value());
    } catch (NumberFormatException tooLarge) {
      throw new WorkloadConfigException(
          source, setting.line(), key.text + ": " + quote(setting.value()) + " is too large");
    }
  }

  private static long bytes(Key key, Setting setting, String source) {
    Matcher size = SIZE.matcher(setting.value());
    if (!size.matches()) {
      throw new WorkloadConfigException(
          source,
          setting.line(),
          key.text
              + ": "
              + quote(setting.value())
              + " is not a size: a whole number and one of B, KiB, MiB, GiB, TiB, e.g. 8 GiB");
    }
    int shift = 10 * (UNITS.size() - 1 - UNITS.indexOf(size.group(2)));
    try {
      long count = Long.parseLong(size.group(1));
      if (count > Long.MAX_VALUE >> shift) {
        throw new NumberFormatException();
      }
      return count << shift;
    } catch (NumberFormatException tooLarge) {
      throw new WorkloadConfigException(
          source, setting.line(), key.text + ": " + quote(setting.value()) + " is too large");
    }
  }

  private static Set<String> gpuNames(Setting setting, String source) {
    Map<GpuClass, String> byClass = new LinkedHashMap<>();
    for (String part : setting.value().split(",", -1)) {
      String name = part.strip();
      if (name.isEmpty()) {
        throw new WorkloadConfigException(
            source,
            setting.line(),
            "supportedGpus: an empty GPU name (names are separated by commas)");
      }
      String other = byClass.putIfAbsent(GpuClass.of(name), name);
      if (other != null) {
        throw new WorkloadConfigException(
            source,
            setting.line(),
            "supportedGpus: "
                + quote(other)
                + " and "
                + quote(name)
                + " are the same GPU ("
                + GpuClass.of(name).name()
                + ")");
      }
    }
    return Set.copyOf(byClass.values());
  }

  private static void writable(WorkloadTarget target) {
    if (!ID.matcher(target.model()).matches()) {
      throw new IllegalArgumentException(
          "the config format cannot hold model id " + quote(target.model()) + idRule());
    }
    if (!ID.matcher(target.pipeline()).matches()) {
      throw new IllegalArgumentException(
          "workload "
              + target.model()
              + ": the config format cannot hold pipeline "
              + quote(target.pipeline())
              + idRule());
    }
    Set<GpuClass> classes = new HashSet<>();
    for (String gpu : target.supportedGpus()) {
      if (!gpu.equals(gpu.strip())
          || gpu.indexOf(',') >= 0
          || gpu.indexOf('#') >= 0
          || gpu.lines().count() != 1
          || !classes.add(GpuClass.of(gpu))) {
        throw new IllegalArgumentException(
            "workload "
                + target.model()
                + ": the config format cannot hold GPU name "
                + quote(gpu)
                + " (no comma, #, line break or surrounding spaces; one name per GPU class)");
      }
    }
  }

  private static void put(StringBuilder text, Key key, String value) {
    text.append(key.text).append(" = ").append(value).append('\n');
  }

  /** The shortest decimal that reads back to the same double, without an exponent. */
  private static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Bytes in the largest unit that holds them exactly. */
  private static String size(long bytes) {
    for (int i = 0; i < UNITS.size() - 1; i++) {
      int shift = 10 * (UNITS.size() - 1 - i);
      if (bytes != 0 && bytes % (1L << shift) == 0) {
        return (bytes >> shift) + " " + UNITS.get(i);
      }
    }
    return bytes + " B";
  }

  private static String idRule() {
    return ": 1 to 128 of A-Z a-z 0-9 . _ : / @ + -, starting with a letter or digit";
  }
}
