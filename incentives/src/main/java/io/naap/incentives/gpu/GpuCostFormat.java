package io.naap.incentives.gpu;

import static io.naap.sla.config.SectionedText.quote;

import io.naap.sla.config.SectionedText;
import io.naap.sla.config.SectionedText.Section;
import io.naap.sla.config.SectionedText.Setting;
import io.naap.sla.workload.GpuClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The GPU cost table format: one {@code [gpu <name>]} section per GPU class, the name in {@link
 * GpuClass} normal form, then one {@code key = value} a line; {@code #} starts a comment line;
 * blank lines are ignored ({@link SectionedText} reads that much). Both keys are required; an
 * unknown key, a key twice in a section, a GPU twice, a value out of range, no {@code unknown}
 * section or one that is not the cheapest are refused with the line they are on. The shipped {@code
 * gpu-costs.conf} and incentives/README.md document the format.
 */
final class GpuCostFormat {
  /** A plain decimal: no sign, no exponent, bounded so that it converts to a double exactly. */
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]{1,6}(?:\\.[0-9]{1,18})?");

  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

  /** The keys of a section, in the order the messages list them; both are required. */
  private static final String HARDWARE_USD_PER_HOUR = "hardwareUsdPerHour";

  private static final String POWER_WATTS = "powerWatts";

  /** A name is what stands between {@code [gpu} and {@code ]}, the spaces around it dropped. */
  private static final SectionedText.Schema SCHEMA =
      new SectionedText.Schema(
          "gpu",
          "<name>",
          Pattern.compile("[^\\]]*?"),
          List.of(HARDWARE_USD_PER_HOUR, POWER_WATTS));

  private GpuCostFormat() {}

  /**
   * The entries of a table text, in the order it lists them.
   *
   * @throws GpuCostTableException naming the source and line of the first problem of the format
   *     ({@link SectionedText}), else of the first problem of an entry, else of the table
   */
  static List<GpuCost> parse(String text, String source) {
    SectionedText table = SectionedText.parse(text, source, SCHEMA, GpuCostTableException::new);
    List<GpuCost> entries = new ArrayList<>();
    OptionalInt unknownLine = OptionalInt.empty();
    for (Section section : table.sections()) {
      GpuCost entry = entry(section, source);
      if (entry.gpu().equals(GpuClass.UNKNOWN)) {
        unknownLine = OptionalInt.of(section.line());
      }
      entries.add(entry);
    }
    if (unknownLine.isEmpty()) {
      throw new GpuCostTableException(
          source,
          table.lastLine(),
          "no [gpu unknown] section: the table needs one for the GPUs it does not list");
    }
    cheapestIsUnknown(entries, unknownLine.getAsInt(), source);
    return List.copyOf(entries);
  }

  /** The entry of a section the format accepted: its GPU name in normal form, then its values. */
  private static GpuCost entry(Section section, String source) {
    String name = section.name();
    GpuClass gpu = GpuClass.of(name);
    if (!gpu.name().equals(name)) {
      throw new GpuCostTableException(
          source,
          section.line(),
          "GPU name "
              + quote(name)
              + " is not in normal form (see GpuClass.of): write [gpu "
              + gpu.name()
              + "]");
    }
    List<String> missing = new ArrayList<>();
    for (String key : SCHEMA.keys()) {
      if (!section.settings().containsKey(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new GpuCostTableException(
          source,
          section.line(),
          "gpu "
              + gpu.name()
              + " is missing "
              + String.join(", ", missing)
              + " (both keys are required)");
    }
    return new GpuCost(
        gpu,
        hardware(section.settings().get(HARDWARE_USD_PER_HOUR), source),
        power(section.settings().get(POWER_WATTS), source));
  }

  private static BigDecimal hardware(Setting setting, String source) {
    if (!PLAIN_DECIMAL.matcher(setting.value()).matches()) {
      throw new GpuCostTableException(
          source,
          setting.line(),
          HARDWARE_USD_PER_HOUR
              + ": "
              + quote(setting.value())
              + " is not a plain decimal of up to 6 digits before the point and 18 after"
              + " (e.g. 0.06084)");
    }
    BigDecimal value = new BigDecimal(setting.value());
    if (value.signum() <= 0) {
      throw new GpuCostTableException(
          source, setting.line(), HARDWARE_USD_PER_HOUR + " must be > 0: " + setting.value());
    }
    return value;
  }

  private static int power(Setting setting, String source) {
    if (!WHOLE.matcher(setting.value()).matches()
        || Integer.parseInt(setting.value()) < 1
        || Integer.parseInt(setting.value()) > GpuCost.MAX_POWER_WATTS) {
      throw new GpuCostTableException(
          source,
          setting.line(),
          POWER_WATTS
              + ": "
              + quote(setting.value())
              + " is not a whole number of watts from 1 to "
              + GpuCost.MAX_POWER_WATTS);
    }
    return Integer.parseInt(setting.value());
  }

  /**
   * Refuses a table whose {@code unknown} entry is not the cheapest: a GPU nobody can verify must
   * never earn more than one the table lists.
   */
  private static void cheapestIsUnknown(List<GpuCost> entries, int unknownLine, String source) {
    GpuCost unknown = null;
    for (GpuCost entry : entries) {
      if (entry.gpu().equals(GpuClass.UNKNOWN)) {
        unknown = entry;
      }
    }
    Objects.requireNonNull(unknown, "unknown");
    for (GpuCost entry : entries) {
      String why = null;
      if (entry.hardwareUsdPerHour().compareTo(unknown.hardwareUsdPerHour()) < 0) {
        why =
            "hardwareUsdPerHour "
                + entry.hardwareUsdPerHour().toPlainString()
                + " < "
                + unknown.hardwareUsdPerHour().toPlainString();
      } else if (entry.powerWatts() < unknown.powerWatts()) {
        why = "powerWatts " + entry.powerWatts() + " < " + unknown.powerWatts();
      }
      if (why != null) {
        throw new GpuCostTableException(
            source,
            unknownLine,
            "gpu unknown must have the lowest hardwareUsdPerHour and the lowest powerWatts of the"
                + " table, so that an unlisted or unverifiable GPU never earns more than a listed"
                + " one: gpu "
                + entry.gpu().name()
                + " has "
                + why);
      }
    }
  }
}
