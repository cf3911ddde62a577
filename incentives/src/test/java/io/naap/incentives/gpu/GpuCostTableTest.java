package io.naap.incentives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.sla.workload.GpuClass;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GPU cost table: the shipped figures, lookups, and every refusal with its line. */
class GpuCostTableTest {
  private static final BigDecimal ENERGY = new BigDecimal("0.15");
  private static final BigDecimal HOURS_IN_THREE_YEARS = BigDecimal.valueOf(26_280);

  /** A valid table; cases below replace or add lines. Line 1 is the first header. */
  private static final List<String> VALID =
      List.of(
          "[gpu rtx 4090]",
          "hardwareUsdPerHour = 0.06084",
          "powerWatts = 450",
          "[gpu unknown]",
          "hardwareUsdPerHour = 0.00761",
          "powerWatts = 70");

  /** Every GPU name the network's capabilities answer and events report (fixtures/livepeer). */
  private static final List<String> NETWORK_GPUS =
      List.of(
          "NVIDIA GeForce RTX 5090",
          "NVIDIA GeForce RTX 4090",
          "NVIDIA GeForce RTX 4070 Ti SUPER",
          "NVIDIA GeForce RTX 3090",
          "Tesla P4",
          "NVIDIA RTX A4000",
          "NVIDIA RTX 6000 Ada Generation",
          "NVIDIA A100-SXM4-40GB");

  /** The common data-centre, workstation and consumer cards, as nvidia-smi names them. */
  private static final List<String> COMMON_GPUS =
      List.of(
          "NVIDIA H100 80GB HBM3",
          "NVIDIA H100 PCIe",
          "NVIDIA A100-SXM4-80GB",
          "NVIDIA A100 80GB PCIe",
          "NVIDIA A100-PCIE-40GB",
          "NVIDIA L40S",
          "NVIDIA L4",
          "NVIDIA A10",
          "Tesla T4",
          "NVIDIA RTX A6000",
          "NVIDIA GeForce RTX 4080",
          "NVIDIA GeForce RTX 4070 Ti",
          "NVIDIA GeForce RTX 3080");

  @Test
  void theShippedTableCoversEveryGpuOfTheNetworkAndTheCommonCards() {
    GpuCostTable table = GpuCostTable.defaults();
    List<String> gpus = new ArrayList<>(NETWORK_GPUS);
    gpus.addAll(COMMON_GPUS);

    for (String name : gpus) {
      assertThat(table.of(GpuClass.of(name)).gpu()).as(name).isEqualTo(GpuClass.of(name));
    }
  }

  /** RTX 4090: $1,599 over 26,280 h is 0.06084 USD/h; 450 W at 0.15 USD/kWh is 0.0675 USD/h. */
  @Test
  void anHourIsTheAmortisedHardwarePlusTheEnergyDrawn() {
    GpuCostTable table = GpuCostTable.defaults();
    GpuClass rtx4090 = GpuClass.of("NVIDIA GeForce RTX 4090");

    assertThat(table.of(rtx4090)).isEqualTo(new GpuCost(rtx4090, new BigDecimal("0.06084"), 450));
    assertThat(BigDecimal.valueOf(1_599).divide(HOURS_IN_THREE_YEARS, 5, RoundingMode.HALF_UP))
        .isEqualByComparingTo("0.06084");
    assertThat(table.of(rtx4090).hourlyCostUsd(ENERGY)).isEqualByComparingTo("0.12834");
    assertThat(table.hourlyCostUsd(rtx4090, ENERGY)).isEqualTo(0.12834);
    assertThat(table.hourlyCostUsd(rtx4090, BigDecimal.ZERO)).isEqualTo(0.06084);
  }

  @Test
  void aGpuTheTableDoesNotListCostsWhatUnknownCosts() {
    GpuCostTable table = GpuCostTable.defaults();
    GpuCost unknown = table.of(GpuClass.UNKNOWN);

    assertThat(unknown.gpu()).isEqualTo(GpuClass.UNKNOWN);
    assertThat(table.of(GpuClass.of("Voodoo 5 6000"))).isSameAs(unknown);
    assertThat(table.hourlyCostUsd(GpuClass.of("Voodoo 5 6000"), ENERGY))
        .isEqualTo(table.hourlyCostUsd(GpuClass.UNKNOWN, ENERGY));
  }

  @Test
  void unknownHasTheCheapestFiguresOfTheShippedTable() {
    GpuCostTable table = GpuCostTable.defaults();
    GpuCost unknown = table.of(GpuClass.UNKNOWN);

    assertThat(table.entries()).hasSizeGreaterThan(25);
    for (GpuCost entry : table.entries()) {
      assertThat(entry.hardwareUsdPerHour()).isGreaterThanOrEqualTo(unknown.hardwareUsdPerHour());
      assertThat(entry.powerWatts()).isGreaterThanOrEqualTo(unknown.powerWatts());
    }
    assertThat(table.entries())
        .anyMatch(entry -> entry.hardwareUsdPerHour().equals(unknown.hardwareUsdPerHour()))
        .anyMatch(entry -> !entry.gpu().equals(GpuClass.UNKNOWN) && entry.powerWatts() == 70);
  }

  /** At any energy price, a GPU the table lists costs at least what an unverifiable one costs. */
  @Property(tries = 200, seed = "20261129")
  void noListedGpuCostsLessThanUnknown(
      @ForAll @BigRange(min = "0", max = "10") BigDecimal energyUsdPerKwh) {
    GpuCostTable table = GpuCostTable.defaults();
    double unknown = table.hourlyCostUsd(GpuClass.UNKNOWN, energyUsdPerKwh);

    for (GpuCost entry : table.entries()) {
      assertThat(table.hourlyCostUsd(entry.gpu(), energyUsdPerKwh)).isGreaterThanOrEqualTo(unknown);
    }
  }

  @Test
  void entriesAreByGpuClassName() {
    List<String> names =
        GpuCostTable.defaults().entries().stream().map(entry -> entry.gpu().name()).toList();

    assertThat(names).isSorted().doesNotHaveDuplicates().contains("unknown", "rtx 4090", "p4");
  }

  @Test
  void defaultsAreTheShippedResourceParsed() throws IOException {
    String text;
    try (InputStream in =
        GpuCostTable.class.getResourceAsStream("/io/naap/incentives/gpu/gpu-costs.conf")) {
      assertThat(in).as("the resource is on the class path").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(text).contains("ESTIMATES", "26,280 h", "[gpu unknown]");
    assertThat(GpuCostTable.parse(text, "gpu-costs.conf")).isEqualTo(GpuCostTable.defaults());
  }

  @Test
  void readsCommentsBlankLinesAByteOrderMarkAndAnyLineEnding() {
    String text =
        "\uFEFF# costs\r\n\r\n  [gpu rtx 4090]  \r\n"
            + "hardwareUsdPerHour=0.06084\r\n   # indented comment\r\n"
            + "  powerWatts   =   450  \r[gpu unknown]\nhardwareUsdPerHour = .5\n"
            + "powerWatts = 70";

    assertThatThrownBy(() -> GpuCostTable.parse(text, "t.conf"))
        .isInstanceOf(GpuCostTableException.class)
        .hasMessage(
            "t.conf:8: hardwareUsdPerHour: \".5\" is not a plain decimal of up to 6 digits before"
                + " the point and 18 after (e.g. 0.06084)");
    GpuCostTable table = GpuCostTable.parse(text.replace(".5", "0.005"), "t.conf");
    assertThat(table.entries())
        .containsExactly(
            new GpuCost(GpuClass.of("rtx 4090"), new BigDecimal("0.06084"), 450),
            new GpuCost(GpuClass.UNKNOWN, new BigDecimal("0.005"), 70));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          name not in normal form     | 1 | [gpu NVIDIA GeForce RTX 4090]   | 1 | GPU name "NVIDIA GeForce RTX 4090" is not in normal form (see GpuClass.of): write [gpu rtx 4090]
          extra spaces in the name    | 1 | [gpu rtx  4090]                 | 1 | GPU name "rtx  4090" is not in normal form (see GpuClass.of): write [gpu rtx 4090]
          no name                     | 1 | [gpu ]                          | 1 | bad section header "[gpu ]": expected [gpu <name>]
          another section kind        | 1 | [workload rtx 4090]             | 1 | bad section header "[workload rtx 4090]": expected [gpu <name>]
          unknown key                 | 3 | watts = 450                     | 3 | unknown key watts; the keys are hardwareUsdPerHour, powerWatts
          key in the wrong case       | 3 | powerwatts = 450                | 3 | unknown key powerwatts (did you mean powerWatts?)
          not a key = value line      | 3 | powerWatts 450                  | 3 | expected "key = value", a [gpu <name>] header or a # comment: "powerWatts 450"
          bad key                     | 3 | power watts = 450               | 3 | bad key "power watts": expected "key = value"
          empty value                 | 3 | powerWatts =                    | 3 | powerWatts has no value
          zero hardware cost          | 2 | hardwareUsdPerHour = 0.00000    | 2 | hardwareUsdPerHour must be > 0: 0.00000
          negative hardware cost      | 2 | hardwareUsdPerHour = -0.06      | 2 | hardwareUsdPerHour: "-0.06" is not a plain decimal of up to 6 digits before the point and 18 after (e.g. 0.06084)
          exponent                    | 2 | hardwareUsdPerHour = 6e-2       | 2 | hardwareUsdPerHour: "6e-2" is not a plain decimal of up to 6 digits before the point and 18 after (e.g. 0.06084)
          a comment after the value   | 2 | hardwareUsdPerHour = 0.06 # USD | 2 | hardwareUsdPerHour: "0.06 # USD" is not a plain decimal of up to 6 digits before the point and 18 after (e.g. 0.06084)
          zero watts                  | 3 | powerWatts = 0                  | 3 | powerWatts: "0" is not a whole number of watts from 1 to 2000
          too many watts              | 3 | powerWatts = 2001               | 3 | powerWatts: "2001" is not a whole number of watts from 1 to 2000
          watts with a unit           | 3 | powerWatts = 450 W              | 3 | powerWatts: "450 W" is not a whole number of watts from 1 to 2000
          fractional watts            | 3 | powerWatts = 449.5              | 3 | powerWatts: "449.5" is not a whole number of watts from 1 to 2000
          """)
  void refusesABadLineWithItsLine(
      String what, int replaced, String line, int expectedLine, String problem) {
    List<String> lines = new ArrayList<>(VALID);
    lines.set(replaced - 1, line);

    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", lines), "costs.conf"))
        .as(what)
        .isInstanceOfSatisfying(
            GpuCostTableException.class,
            e -> {
              assertThat(e.source()).isEqualTo("costs.conf");
              assertThat(e.line()).isEqualTo(expectedLine);
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e).hasMessage("costs.conf:" + expectedLine + ": " + problem);
            });
  }

  @Test
  void refusesADuplicateKeyWithTheLineOfBoth() {
    List<String> lines = new ArrayList<>(VALID);
    lines.add(3, "powerWatts = 451");

    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", lines), "c"))
        .hasMessage("c:4: duplicate key powerWatts in gpu rtx 4090 (first set on line 3)");
  }

  @Test
  void refusesAGpuTwice() {
    List<String> lines = new ArrayList<>(VALID);
    lines.addAll(List.of("", "# again", "[gpu rtx 4090]", "powerWatts = 450"));

    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", lines), "c"))
        .hasMessage("c:9: gpu rtx 4090 is already defined on line 1");
  }

  @Test
  void refusesAMissingKeyOnTheLineOfItsSection() {
    List<String> lines = new ArrayList<>(VALID);
    lines.remove(1);

    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", lines), "c"))
        .hasMessage("c:1: gpu rtx 4090 is missing hardwareUsdPerHour (both keys are required)");
  }

  @Test
  void refusesAKeyOutsideASection() {
    assertThatThrownBy(() -> GpuCostTable.parse("# costs\npowerWatts = 450\n", "c"))
        .hasMessage("c:2: key powerWatts outside a [gpu <name>] section");
  }

  @Test
  void refusesATableWithoutUnknown() {
    assertThatThrownBy(
            () -> GpuCostTable.parse(String.join("\n", VALID.subList(0, 3)) + "\n\n", "c"))
        .hasMessage(
            "c:4: no [gpu unknown] section: the table needs one for the GPUs it does not list");
    assertThatThrownBy(() -> GpuCostTable.parse("", "c"))
        .hasMessage(
            "c:1: no [gpu unknown] section: the table needs one for the GPUs it does not list");
  }

  @Test
  void refusesAnUnknownEntryThatIsNotTheCheapest() {
    List<String> dearerHardware = new ArrayList<>(VALID);
    dearerHardware.set(4, "hardwareUsdPerHour = 0.1");
    List<String> morePower = new ArrayList<>(VALID);
    morePower.set(5, "powerWatts = 500");

    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", dearerHardware), "c"))
        .hasMessage(
            "c:4: gpu unknown must have the lowest hardwareUsdPerHour and the lowest powerWatts of"
                + " the table, so that an unlisted or unverifiable GPU never earns more than a"
                + " listed one: gpu rtx 4090 has hardwareUsdPerHour 0.06084 < 0.1");
    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", morePower), "c"))
        .hasMessageEndingWith("gpu rtx 4090 has powerWatts 450 < 500");
  }

  /** The format of the whole text is read before any value: a bad line beats a bad value above. */
  @Test
  void reportsAProblemOfTheFormatBeforeAProblemOfAValue() {
    List<String> lines = new ArrayList<>(VALID);
    lines.set(2, "powerWatts = 0");
    lines.set(5, "powerWatts 70");

    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", lines), "c"))
        .isInstanceOf(GpuCostTableException.class)
        .hasMessage(
            "c:6: expected \"key = value\", a [gpu <name>] header or a # comment: \"powerWatts"
                + " 70\"");
    lines.set(5, "powerWatts = 70");
    assertThatThrownBy(() -> GpuCostTable.parse(String.join("\n", lines), "c"))
        .hasMessage("c:3: powerWatts: \"0\" is not a whole number of watts from 1 to 2000");
  }

  @Test
  void aCostIsValidated() {
    GpuClass gpu = GpuClass.of("rtx 4090");

    assertThatThrownBy(() -> new GpuCost(gpu, BigDecimal.ZERO, 450))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hardwareUsdPerHour of rtx 4090 must be > 0: 0");
    assertThatThrownBy(() -> new GpuCost(gpu, BigDecimal.ONE, 2_001))
        .hasMessage("powerWatts of rtx 4090 must be 1 to 2000: 2001");
    assertThatThrownBy(
            () -> new GpuCost(gpu, BigDecimal.ONE, 1).hourlyCostUsd(BigDecimal.ONE.negate()))
        .hasMessage("energyUsdPerKwh must be >= 0: -1");
  }
}
