package io.naap.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map of docs/ARCHITECTURE.md as executable rules over every naap class (the Maven
 * enforcer checks the same at the module level; this checks the code, packages included).
 */
class ArchitectureTest {
  /** Module package -> the naap module packages it may use (its own always allowed). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("embedded", Set.of()),
          Map.entry("bindings", Set.of()),
          Map.entry("sla", Set.of()),
          Map.entry("attestations", Set.of("sla")),
          Map.entry("incentives", Set.of("sla", "attestations")),
          Map.entry("simulations", Set.of("sla", "incentives", "attestations")),
          Map.entry("storage", Set.of()),
          Map.entry("telemetry", Set.of("sla", "storage")),
          Map.entry("oracle", Set.of("sla", "attestations", "incentives", "storage", "bindings")),
          Map.entry("indexer", Set.of("storage", "bindings")),
          Map.entry(
              "api",
              Set.of(
                  "sla",
                  "attestations",
                  "incentives",
                  "simulations",
                  "storage",
                  "telemetry",
                  "oracle",
                  "indexer",
                  "bindings")));

  private static final List<String> PURE =
      List.of("sla", "attestations", "incentives", "simulations");

  private static JavaClasses naap;

  @BeforeAll
  static void importClasses() {
    naap =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.naap");
  }

  @Test
  void importsEveryModuleThatHasCode() {
    // Guards the rules below against passing vacuously on an empty or partial import.
    Set<String> imported =
        naap.stream()
            .map(javaClass -> javaClass.getPackageName().split("\\.")[2])
            .collect(java.util.stream.Collectors.toSet());
    assertThat(imported).contains("embedded", "bindings", "storage", "api", "app");
  }

  @Test
  void modulesUseOnlyTheModulesTheMapAllows() {
    for (Map.Entry<String, Set<String>> module : ALLOWED.entrySet()) {
      String[] forbidden =
          Stream.concat(ALLOWED.keySet().stream(), Stream.of("app", "testkit", "buildtools"))
              .filter(other -> !other.equals(module.getKey()) && !module.getValue().contains(other))
              .map(other -> "io.naap." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("io.naap." + module.getKey() + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden)
          .as("io.naap." + module.getKey() + " uses only " + module.getValue())
          .allowEmptyShould(true)
          .check(naap);
    }
  }

  @Test
  void pureModulesTouchNoSocketFileDatabaseOrWallClock() {
    String[] pure = PURE.stream().map(module -> "io.naap." + module + "..").toArray(String[]::new);
    ArchRule noIo =
        noClasses()
            .that()
            .resideInAnyPackage(pure)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.net..",
                "java.nio.file..",
                "java.sql..",
                "javax.sql..",
                "io.helidon..",
                "org.jooq..",
                "org.web3j.protocol..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(
                java.io.File.class,
                java.io.FileInputStream.class,
                java.io.FileOutputStream.class,
                java.io.RandomAccessFile.class)
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callConstructor(java.util.Random.class)
            .orShould()
            .callMethod(Math.class, "random")
            .because(
                "pure modules take clocks, randomness and data as parameters (ARCHITECTURE.md)")
            .allowEmptyShould(true);
    noIo.check(naap);
  }

  @Test
  void generatedCodeStaysInsideTheModuleThatWrapsIt() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.naap.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.naap.storage.generated..")
        .because("jOOQ records stay in storage (STYLE.md)")
        .check(naap);
    noClasses()
        .that()
        .resideOutsideOfPackages("io.naap.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jooq..")
        .because("jOOQ stays behind storage's repositories (STYLE.md)")
        .check(naap);
    noClasses()
        .that()
        .resideOutsideOfPackages("io.naap.bindings..", "io.naap.oracle..", "io.naap.indexer..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.naap.bindings.generated..")
        .because("web3j wrappers stay behind interfaces owned by oracle and indexer (STYLE.md)")
        .check(naap);
  }

  @Test
  void namesSayWhatThingsAre() {
    Set<String> protocolTerms = Set.of("BondingManager", "RoundsManager");
    List<String> offenders =
        naap.stream()
            .filter(javaClass -> !javaClass.getPackageName().contains(".generated"))
            .filter(
                javaClass -> {
                  String name = javaClass.getSimpleName();
                  return name.endsWith("Impl")
                      || name.endsWith("Helper")
                      || (name.endsWith("Manager") && !protocolTerms.contains(name))
                      || javaClass.getPackageName().matches(".*\\.utils?(\\..*)?");
                })
            .map(JavaClass::getName)
            .toList();
    assertThat(offenders).as("no Impl/Manager/Helper names, no util packages (STYLE.md)").isEmpty();
  }

  @Test
  void oneMeterRegistryAProcess() {
    // every Helidon registry wraps Micrometer's global one; two of them warn about each other's
    // meters and can deadlock when two requests register meters at once (helidon-io/helidon#10858,
    // seen in CaptureAcceptanceIT): naap uses Helidon's global registry only
    noClasses()
        .should()
        .callMethod(io.helidon.metrics.api.MeterRegistry.class, "create")
        .orShould()
        .callMethod(
            io.helidon.metrics.api.MeterRegistry.class,
            "create",
            io.helidon.metrics.api.MetricsConfig.class)
        .because("Metrics.globalRegistry() is the process's one meter registry")
        .check(naap);
  }

  @Test
  void noPackageCycles() {
    SlicesRuleDefinition.slices().matching("io.naap.(*)..").should().beFreeOfCycles().check(naap);
  }
}
