package io.naap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class NaapCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void unknownCommandPrintsUsageAndExitsWithTwo() {
    assertThat(run("frobnicate")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Unmatched argument").contains("Usage: naap");
  }

  @Test
  void unknownOptionPrintsUsageAndExitsWithTwo() {
    assertThat(run("up", "--no-such-flag")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--no-such-flag").contains("Usage: naap up");
  }

  @Test
  void noCommandPrintsUsageAndExitsWithTwo() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Missing command").contains("Usage: naap");
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThat(run("up", "--port", "eighty")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("'eighty' is not an int");
  }

  @Test
  void outOfRangePortIsAUsageError() {
    assertThat(run("up", "--ephemeral", "--port", "70000")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--port must be 1..65535, got 70000");
  }

  @Test
  void indexerRangeLimitsOutOfRangeAreUsageErrorsBeforeAnyConnection() {
    assertThat(run("indexer", "run", "--rpc", "http://127.0.0.1:9", "--max-range-blocks", "0"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--max-range-blocks must be 1 to");
    assertThat(run("indexer", "run", "--rpc", "http://127.0.0.1:9", "--target-logs", "-5"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("range targetLogs must be 1..1000000: -5");
  }

  @Test
  void homeAndEphemeralExcludeEachOther() {
    assertThat(run("up", "--ephemeral", "--home", "/tmp/x")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--home and --ephemeral exclude each other");
  }

  @Test
  void helpListsTheCommandsAndSucceeds() {
    assertThat(run("--help")).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("up")
        .contains("keys")
        .contains("The SLA layer of the Livepeer network");
  }
}
