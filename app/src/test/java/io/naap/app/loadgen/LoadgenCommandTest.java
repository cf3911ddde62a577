package io.naap.app.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.telemetry.loadgen.LoadGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code naap loadgen}'s options: every bad one is a usage error (exit 2) before anything runs. */
class LoadgenCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void anUnknownDatasetIsAUsageError() {
    assertThat(run("loadgen", "--dataset", "great")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--dataset must be good, random or mixed, got 'great'")
        .contains("Usage: naap loadgen");
  }

  @Test
  void aMinimumLoadOutsideZeroToOneIsAUsageError() {
    assertThat(run("loadgen", "--min-load", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("min-load must be in (0, 1], got 0.0");
    assertThat(run("loadgen", "--min-load", "lots")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'lots' is not a double");
  }

  @Test
  void badDurationsAreUsageErrors() {
    assertThat(run("loadgen", "--duration", "soon")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'soon' is not a duration");
    assertThat(run("loadgen", "--duration", "0s")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--duration must be > 0");
    assertThat(run("loadgen", "--stream-duration", "5m")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--stream-duration must be MIN..MAX");
    assertThat(run("loadgen", "--stream-duration", "5s..1m")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("streams must last at least 10 s");
    assertThat(run("loadgen", "--tick", "0ms")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--tick must be > 0");
  }

  @Test
  void aTargetExcludesADatabaseAndMustBeAnHttpUrl() {
    assertThat(run("loadgen", "--target", "http://127.0.0.1:8080", "--database-url", "jdbc:x"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--target excludes --database-url and --home");
    assertThat(run("loadgen", "--target", "ftp://example.org")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--target must be an http(s) URL");
  }

  @Test
  void aTargetNeedsAGatewayOrAdminKeyOfTheRightShape() {
    String target = "http://127.0.0.1:8080";
    String secret = "A".repeat(43);

    assertThat(run("loadgen", "--target", target, "--api-key", "")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--target needs a gateway API key: set NAAP_API_KEY or pass --api-key")
        .contains("Usage: naap loadgen");

    String typo = "naap_gateway_0123456789abcdef_" + secret.substring(1);
    assertThat(run("loadgen", "--target", target, "--api-key", typo)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("the API key (--api-key or NAAP_API_KEY) is not a naap API key")
        .doesNotContain(typo);

    String orchestrator = "naap_orchestrator_0123456789abcdef_" + secret;
    assertThat(run("loadgen", "--target", target, "--api-key", orchestrator))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains(
            "the API key (--api-key or NAAP_API_KEY) naap_orchestrator_0123456789abcdef_***"
                + " has scope orchestrator; posting telemetry needs a gateway (or admin) key")
        .doesNotContain(secret);
  }

  @Test
  void aKeyWithoutATargetIsAUsageError() {
    String key = "naap_gateway_0123456789abcdef_" + "A".repeat(43);
    assertThat(run("loadgen", "--api-key", key, "--database-url", "jdbc:postgresql://nowhere/x"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--api-key is for --target").doesNotContain(key);
  }

  @Test
  void durationsReadUnitsAndIso() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
    for (String bad : new String[] {"", "5", "s", "5x", "1m 30s", "-5s", "PT", "5s1"}) {
      assertThatThrownBy(() -> DurationConverter.parse(bad))
          .as(bad)
          .isInstanceOf(CommandLine.TypeConversionException.class);
    }
  }

  @Test
  void theEndpointIsUnderTheTargetsBaseUrl() {
    assertThat(HttpEventSink.endpoint(URI.create("http://127.0.0.1:8080")))
        .isEqualTo(URI.create("http://127.0.0.1:8080/v1/telemetry/events"));
    assertThat(HttpEventSink.endpoint(URI.create("https://naap.example/api/")))
        .isEqualTo(URI.create("https://naap.example/api/v1/telemetry/events"));
  }

  @Test
  void theStatusLineSaysWhatWasSentAndWhatRuns() {
    assertThat(LoadgenCommand.status(new LoadGenerator.Progress(10, 12345, 12340, 5, 0, 58, 71)))
        .isEqualTo(
            "loadgen: 12,345 events sent (12,340 accepted, 5 duplicate, 0 quarantined),"
                + " 58 streams active, 71 started");
  }
}
