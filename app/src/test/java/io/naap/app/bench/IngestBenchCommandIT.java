package io.naap.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The ingest benchmark runs end to end on a small input (what it measures is not asserted). */
class IngestBenchCommandIT {
  @Test
  void measuresTheIngestRateAgainstRawCopyOnARealPostgres() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));

    int exit =
        commandLine.execute(
            "bench",
            "ingest",
            "--events",
            "650",
            "--rounds",
            "1",
            "--warmups",
            "1",
            "--max-warmups",
            "1");

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("650 events a round")
        .containsOnlyOnce("warm-up ")
        .containsPattern(
            "ingest\\+KPIs +store only +raw COPY +table COPY +/raw +/table +decode alone +JVM CPU"
                + " +PG CPU +JIT ms +GC ms")
        // the CPU columns are measured on Linux, where this runs: a number, never n/a; then the
        // JIT's and the collectors' milliseconds
        .containsPattern(
            "round 1 +([0-9,]+ +){4}[0-9.]+% +[0-9.]+% +[0-9,]+ +[0-9]+\\.[0-9] +[0-9]+\\.[0-9]"
                + " +[0-9,]+ +[0-9,]+\n")
        .containsPattern(
            "median +([0-9,]+ +){4}[0-9.]+% +[0-9.]+% +[0-9,]+ +[0-9]+\\.[0-9] +[0-9]+\\.[0-9]"
                + " +[0-9,]+ +[0-9,]+\n");
  }

  @Test
  void refusesAnEmptyRun() {
    StringWriter err = new StringWriter();
    var commandLine = NaapCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));

    assertThat(commandLine.execute("bench", "ingest", "--events", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--events and --rounds must be >= 1, --warmups >= 0");
  }

  @Test
  void refusesFewerWarmUpRoundsAtMostThanAtLeast() {
    StringWriter err = new StringWriter();
    var commandLine = NaapCommand.commandLine();
    commandLine.setErr(new PrintWriter(err, true));

    assertThat(commandLine.execute("bench", "ingest", "--warmups", "3", "--max-warmups", "2"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--max-warmups >= --warmups");
  }
}
