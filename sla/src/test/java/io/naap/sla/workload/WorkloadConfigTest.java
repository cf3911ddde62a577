package io.naap.sla.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The workload config format: the shipped file, every refusal with its line, round trips. */
class WorkloadConfigTest {
  private static final long GIB = 1L << 30;

  /** One valid section; cases below replace or add lines. Line 1 is the header. */
  private static final List<String> VALID =
      List.of(
          "[workload streamdiffusion-sdxl]",
          "pipeline = live-video-to-video",
          "targetFps = 20",
          "maxStartupMs = 5000",
          "maxEndToEndMs = 3000",
          "maxJitterCoefficient = 0.1",
          "maxFailureRate = 0.01",
          "maxSwapRate = 0.05",
          "minScoreBps = 6000",
          "minVram = 8 GiB");

  /** The values WorkloadCatalogue.defaults() hard-coded before the targets moved to a file. */
  @Test
  void theShippedFileHoldsTheTargetsOfToday() {
    WorkloadCatalogue defaults = WorkloadCatalogue.defaults();

    assertThat(defaults.targets())
        .containsExactly(
            live("liveportrait", 8, 16 * GIB),
            live("streamdiffusion-sdxl", 20, 8 * GIB),
            live("streamdiffusion-sdxl-faceid", 16, 12 * GIB));
    WorkloadTarget sdxl = defaults.target("streamdiffusion-sdxl").orElseThrow();
    assertThat(sdxl.targetFps()).isEqualTo(20.0);
    assertThat(sdxl.maxStartupMs()).isEqualTo(5_000.0);
    assertThat(sdxl.maxEndToEndMs()).isEqualTo(3_000.0);
    assertThat(sdxl.maxJitterCoefficient()).isEqualTo(0.1);
    assertThat(sdxl.maxFailureRate()).isEqualTo(0.01);
    assertThat(sdxl.maxSwapRate()).isEqualTo(0.05);
    assertThat(sdxl.minScoreBps()).isEqualTo(6_000);
    assertThat(sdxl.minVramBytes()).isEqualTo(8_589_934_592L);
    assertThat(sdxl.supportedGpus()).isEmpty();
  }

  @Test
  void defaultsAreTheShippedResourceParsed() throws IOException {
    String text;
    try (InputStream in =
        WorkloadCatalogue.class.getResourceAsStream("/io/naap/sla/workload/workloads.conf")) {
      assertThat(in).as("the resource is on the class path").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(text).contains("[workload liveportrait]", "minScoreBps = 6000");
    assertThat(WorkloadCatalogue.parse(text, "workloads.conf"))
        .isEqualTo(WorkloadCatalogue.defaults());
  }

  @Test
  void readsOptionalSupportedGpusCommentsBlankLinesAndAnyLineEnding() {
    String text =
        "\uFEFF# targets\r\n\r\n  [workload x]  \r\n"
            + String.join("\r\n", VALID.subList(1, VALID.size()))
            + "\r\n   # a comment line, indented\r\n"
            + "supportedGpus =NVIDIA GeForce RTX 4090 ,  NVIDIA A100-SXM4-40GB\r\n";

    WorkloadTarget x = WorkloadCatalogue.parse(text, "t.conf").target("x").orElseThrow();

    assertThat(x.supportedGpus())
        .containsExactlyInAnyOrder("NVIDIA GeForce RTX 4090", "NVIDIA A100-SXM4-40GB");
    assertThat(x.targetFps()).isEqualTo(20);
  }

  @Test
  void readsEveryNumberFormItDocuments() {
    WorkloadTarget target =
        parseOne(
            replace(
                replace(replace(VALID, 2, "targetFps = 2.5e1"), 5, "maxJitterCoefficient = .1"),
                9,
                "minVram = 12288MiB"));
    assertThat(target.targetFps()).isEqualTo(25);
    assertThat(target.maxJitterCoefficient()).isEqualTo(0.1);
    assertThat(target.minVramBytes()).isEqualTo(12 * GIB);
    assertThat(parseOne(replace(VALID, 9, "minVram = 0 B")).minVramBytes()).isZero();
    assertThat(parseOne(replace(VALID, 9, "minVram = 1 TiB")).minVramBytes()).isEqualTo(1L << 40);
  }

  /** Each case: the line to change (0-based in VALID, or -1 to append), its text, the message. */
  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2  | targetFPS = 20           | t.conf:3: unknown key targetFPS (did you mean targetFps?)
          -1 | colour = blue            | t.conf:11: unknown key colour; the keys are pipeline, targetFps, maxStartupMs, maxEndToEndMs, maxJitterCoefficient, maxFailureRate, maxSwapRate, minScoreBps, minVram, supportedGpus
          -1 | targetFps = 25           | t.conf:11: duplicate key targetFps in workload streamdiffusion-sdxl (first set on line 3)
          2  | targetFps = 20fps        | t.conf:3: targetFps: "20fps" is not a number (e.g. 20, 0.05, 1e-3)
          3  | maxStartupMs = 5,000     | t.conf:4: maxStartupMs: "5,000" is not a number (e.g. 20, 0.05, 1e-3)
          4  | maxEndToEndMs = NaN      | t.conf:5: maxEndToEndMs: "NaN" is not a number (e.g. 20, 0.05, 1e-3)
          2  | targetFps = 0            | t.conf:3: workload streamdiffusion-sdxl: targetFps must be finite and > 0: 0.0
          2  | targetFps = 1e999        | t.conf:3: workload streamdiffusion-sdxl: targetFps must be finite and > 0: Infinity
          5  | maxJitterCoefficient = -0.1 | t.conf:6: workload streamdiffusion-sdxl: maxJitterCoefficient must be finite and > 0: -0.1
          6  | maxFailureRate = 1.5     | t.conf:7: workload streamdiffusion-sdxl: maxFailureRate must be in [0, 1]: 1.5
          7  | maxSwapRate = -0.01      | t.conf:8: workload streamdiffusion-sdxl: maxSwapRate must be in [0, 1]: -0.01
          8  | minScoreBps = 10001      | t.conf:9: workload streamdiffusion-sdxl: minScoreBps must be in [0, 10000]: 10001
          8  | minScoreBps = -1         | t.conf:9: workload streamdiffusion-sdxl: minScoreBps must be in [0, 10000]: -1
          8  | minScoreBps = 60%        | t.conf:9: minScoreBps: "60%" is not a whole number
          8  | minScoreBps = 6000.0     | t.conf:9: minScoreBps: "6000.0" is not a whole number
          8  | minScoreBps = 99999999999 | t.conf:9: minScoreBps: "99999999999" is too large
          9  | minVram = 8 GB           | t.conf:10: minVram: "8 GB" is not a size: a whole number and one of B, KiB, MiB, GiB, TiB, e.g. 8 GiB
          9  | minVram = 8              | t.conf:10: minVram: "8" is not a size: a whole number and one of B, KiB, MiB, GiB, TiB, e.g. 8 GiB
          9  | minVram = 8388608 TiB    | t.conf:10: minVram: "8388608 TiB" is too large
          9  | minVram = 99999999999999999999 B | t.conf:10: minVram: "99999999999999999999 B" is too large
          1  | pipeline = live video    | t.conf:2: pipeline: bad id "live video": 1 to 128 of A-Z a-z 0-9 . _ : / @ + -, starting with a letter or digit
          2  | targetFps =              | t.conf:3: targetFps has no value
          2  | targetFps = 20 # fps     | t.conf:3: targetFps: '#' in a value (comments go on their own line)
          2  | targetFps 20             | t.conf:3: expected "key = value", a [workload <model>] header or a # comment: "targetFps 20"
          2  | target fps = 20          | t.conf:3: bad key "target fps": expected "key = value"
          2  | = 20                     | t.conf:3: bad key "": expected "key = value"
          -1 | supportedGpus = RTX 4090,, RTX 3090 | t.conf:11: supportedGpus: an empty GPU name (names are separated by commas)
          -1 | supportedGpus = NVIDIA GeForce RTX 4090, GeForce RTX 4090 | t.conf:11: supportedGpus: "NVIDIA GeForce RTX 4090" and "GeForce RTX 4090" are the same GPU (rtx 4090)
          -1 | supportedGpus = unknown  | t.conf:11: workload streamdiffusion-sdxl: supportedGpus: "unknown" names no GPU
          0  | [workloads x]            | t.conf:1: bad section header "[workloads x]": expected [workload <model>]
          0  | [workload]               | t.conf:1: bad section header "[workload]": expected [workload <model>]
          0  | [workload x y]           | t.conf:1: bad section header "[workload x y]": expected [workload <model>]
          0  | [workload x              | t.conf:1: bad section header "[workload x": expected [workload <model>]
          0  | [Workload x]             | t.conf:1: bad section header "[Workload x]": expected [workload <model>]
          0  | [workload -x]            | t.conf:1: bad model id "-x": 1 to 128 of A-Z a-z 0-9 . _ : / @ + -, starting with a letter or digit
          """)
  void refusesABadLineNamingTheLine(int index, String line, String message) {
    List<String> lines = index < 0 ? append(VALID, line) : replace(VALID, index, line);
    String text = String.join("\n", lines) + "\n";

    assertThatThrownBy(() -> WorkloadCatalogue.parse(text, "t.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void refusesMissingKeysOnTheLineOfTheirSection() {
    List<String> lines = new ArrayList<>(VALID);
    lines.remove("targetFps = 20");
    lines.remove("minVram = 8 GiB");
    String text = "# one\n\n" + String.join("\n", lines);

    assertThatThrownBy(() -> WorkloadCatalogue.parse(text, "t.conf"))
        .isInstanceOfSatisfying(
            WorkloadConfigException.class,
            e -> {
              assertThat(e.source()).isEqualTo("t.conf");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.problem())
                  .isEqualTo(
                      "workload streamdiffusion-sdxl is missing targetFps, minVram (every key but"
                          + " supportedGpus is required)");
            })
        .hasMessageStartingWith("t.conf:3: ");
  }

  @Test
  void refusesAWorkloadTwice() {
    String text =
        String.join("\n", VALID) + "\n\n" + String.join("\n", VALID).replace("8 GiB", "9 GiB");

    assertThatThrownBy(() -> WorkloadCatalogue.parse(text, "t.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .hasMessage("t.conf:12: workload streamdiffusion-sdxl is already defined on line 1");
  }

  @Test
  void refusesAKeyBeforeAnySection() {
    assertThatThrownBy(() -> WorkloadCatalogue.parse("# x\ntargetFps = 20\n", "t.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .hasMessage("t.conf:2: key targetFps outside a [workload <model>] section");
  }

  @Test
  void refusesATextWithoutWorkloads() {
    assertThatThrownBy(() -> WorkloadCatalogue.parse("", "empty.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .hasMessage("empty.conf:1: no workload: expected a [workload <model>] section");
    assertThatThrownBy(() -> WorkloadCatalogue.parse("# only\n\n# comments\n", "c.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .hasMessage("c.conf:3: no workload: expected a [workload <model>] section");
  }

  @Test
  void reportsTheFirstBadSectionOfSeveral() {
    String text =
        String.join("\n", VALID)
            + "\n"
            + String.join("\n", replace(VALID, 0, "[workload b]"))
                .replace("maxSwapRate = 0.05", "maxSwapRate = 5");

    assertThatThrownBy(() -> WorkloadCatalogue.parse(text, "t.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .hasMessage("t.conf:18: workload b: maxSwapRate must be in [0, 1]: 5.0");
  }

  /** The format of the whole text is read before any value: a bad line beats a bad value above. */
  @Test
  void reportsAProblemOfTheFormatBeforeAProblemOfAValue() {
    String text =
        String.join("\n", replace(VALID, 7, "maxSwapRate = 5")) + "\n[workload b]\ntargetFps 20\n";

    assertThatThrownBy(() -> WorkloadCatalogue.parse(text, "t.conf"))
        .isInstanceOf(WorkloadConfigException.class)
        .hasMessage(
            "t.conf:12: expected \"key = value\", a [workload <model>] header or a # comment:"
                + " \"targetFps 20\"");
    assertThatThrownBy(() -> WorkloadCatalogue.parse(text.replace("targetFps 20", ""), "t.conf"))
        .hasMessage("t.conf:8: workload streamdiffusion-sdxl: maxSwapRate must be in [0, 1]: 5.0");
  }

  @Test
  void readsSpacesAndTabsAroundTheModelIdOfAHeader() {
    String text = String.join("\n", replace(VALID, 0, "[workload \t x \t]"));

    assertThat(WorkloadCatalogue.parse(text, "t.conf").target("x")).isPresent();
  }

  @Test
  void writesTheFormatItReads() {
    WorkloadCatalogue catalogue =
        new WorkloadCatalogue(
            List.of(
                new WorkloadTarget(
                    "b",
                    "live-video-to-video",
                    20,
                    5_000,
                    3_000,
                    0.1,
                    0.0001,
                    0,
                    6_000,
                    12 * GIB + (1L << 20),
                    Set.of("NVIDIA GeForce RTX 4090", "NVIDIA A100-SXM4-40GB")),
                new WorkloadTarget(
                    "a", "text-to-image", 0.5, 1e7, 1.25, 2, 1, 1, 0, 1_000, Set.of())));

    assertThat(catalogue.toText())
        .isEqualTo(
            """
            [workload a]
            pipeline = text-to-image
            targetFps = 0.5
            maxStartupMs = 10000000
            maxEndToEndMs = 1.25
            maxJitterCoefficient = 2
            maxFailureRate = 1
            maxSwapRate = 1
            minScoreBps = 0
            minVram = 1000 B

            [workload b]
            pipeline = live-video-to-video
            targetFps = 20
            maxStartupMs = 5000
            maxEndToEndMs = 3000
            maxJitterCoefficient = 0.1
            maxFailureRate = 0.0001
            maxSwapRate = 0
            minScoreBps = 6000
            minVram = 12289 MiB
            supportedGpus = NVIDIA A100-SXM4-40GB, NVIDIA GeForce RTX 4090
            """);
    assertThat(WorkloadCatalogue.parse(catalogue.toText(), "written")).isEqualTo(catalogue);
  }

  @Test
  void theShippedTargetsSurviveARoundTrip() {
    WorkloadCatalogue defaults = WorkloadCatalogue.defaults();
    assertThat(WorkloadCatalogue.parse(defaults.toText(), "written")).isEqualTo(defaults);
  }

  @Test
  void refusesToWriteWhatItCouldNotRead() {
    assertThatThrownBy(() -> catalogueOf("a b", "p", Set.of()).toText())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model id \"a b\"");
    assertThatThrownBy(() -> catalogueOf("a", "live video", Set.of()).toText())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipeline \"live video\"");
    for (String gpu : List.of("RTX 4090, 24GB", "RTX #1", " RTX 4090", "RTX\n4090")) {
      assertThatThrownBy(() -> catalogueOf("a", "p", Set.of(gpu)).toText())
          .as(gpu)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("GPU name");
    }
    assertThatThrownBy(
            () -> catalogueOf("a", "p", Set.of("NVIDIA GeForce RTX 4090", "RTX 4090")).toText())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one name per GPU class");
  }

  /** Any valid targets the format can hold: written, read back, equal, in every field. */
  @Property(tries = 500, seed = "20261129")
  void everyCatalogueSurvivesARoundTrip(@ForAll("catalogues") WorkloadCatalogue catalogue) {
    String text = catalogue.toText();
    WorkloadCatalogue read = WorkloadCatalogue.parse(text, "written");

    assertThat(read).isEqualTo(catalogue);
    assertThat(read.toText()).isEqualTo(text);
  }

  @Provide
  Arbitrary<WorkloadCatalogue> catalogues() {
    Arbitrary<String> ids =
        Combinators.combine(
                Arbitraries.strings().withChars("abcXYZ019").ofLength(1),
                Arbitraries.strings().withChars("az09._:/@+-AZ").ofMaxLength(20))
            .as(String::concat);
    // every positive finite double, subnormals and extremes included
    Arbitrary<Double> positive =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 0x7FEF_FFFF_FFFF_FFFFL).map(Double::longBitsToDouble),
            Arbitraries.doubles().between(0.01, 100_000).ofScale(3));
    Arbitrary<Double> fraction =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 0x3FF0_0000_0000_0000L).map(Double::longBitsToDouble),
            Arbitraries.of(0.0, 1.0, 0.01, 0.05));
    Arbitrary<Long> vram =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.longs().between(0, 1L << 20).map(gib -> gib << 30),
            Arbitraries.longs().between(0, 1L << 30).map(mib -> mib << 20));
    Arbitrary<Set<String>> gpus =
        Arbitraries.subsetOf(
            "NVIDIA GeForce RTX 4090",
            "NVIDIA GeForce RTX 5090",
            "NVIDIA RTX 6000 Ada Generation",
            "NVIDIA A100-SXM4-40GB",
            "Tesla T4",
            "NVIDIA GeForce RTX 4070 Ti SUPER");
    Arbitrary<Head> heads =
        Combinators.combine(ids, ids, positive, positive, positive, positive).as(Head::new);
    Arbitrary<WorkloadTarget> targets =
        Combinators.combine(
                heads, fraction, fraction, Arbitraries.integers().between(0, 10_000), vram, gpus)
            .as(
                (head, failures, swaps, minScore, minVram, supported) ->
                    new WorkloadTarget(
                        head.model(),
                        head.pipeline(),
                        head.targetFps(),
                        head.maxStartupMs(),
                        head.maxEndToEndMs(),
                        head.maxJitterCoefficient(),
                        failures,
                        swaps,
                        minScore,
                        minVram,
                        supported));
    return targets
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .uniqueElements(WorkloadTarget::model)
        .map(WorkloadCatalogue::new);
  }

  /** The ids and the targets that must be > 0 of a generated workload. */
  private record Head(
      String model,
      String pipeline,
      double targetFps,
      double maxStartupMs,
      double maxEndToEndMs,
      double maxJitterCoefficient) {}

  private static WorkloadTarget live(String model, double fps, long vram) {
    return new WorkloadTarget(
        model, "live-video-to-video", fps, 5_000, 3_000, 0.1, 0.01, 0.05, 6_000, vram, Set.of());
  }

  private static WorkloadCatalogue catalogueOf(String model, String pipeline, Set<String> gpus) {
    return new WorkloadCatalogue(
        List.of(new WorkloadTarget(model, pipeline, 1, 1, 1, 1, 0, 0, 0, 0, gpus)));
  }

  private static WorkloadTarget parseOne(List<String> lines) {
    return WorkloadCatalogue.parse(String.join("\n", lines), "t.conf").targets().iterator().next();
  }

  private static List<String> replace(List<String> lines, int index, String line) {
    List<String> copy = new ArrayList<>(lines);
    copy.set(index, line);
    return copy;
  }

  private static List<String> append(List<String> lines, String line) {
    List<String> copy = new ArrayList<>(lines);
    copy.add(line);
    return copy;
  }
}
