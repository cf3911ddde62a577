package io.naap.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ingest benchmark runs end to end on a small input (what it measures is not asserted). */
class IngestBenchCommandIT {
  @Test
  void measuresTheIngestRateAgainstRawCopyOnARealPostgres() {
    Run run = run("--events", "650", "--rounds", "1", "--warmups", "1", "--max-warmups", "1");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
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
  void listsTheStatementsThatTookTheServerTheMostTimeWhenAsked() {
    Run run =
        run(
            "--events",
            "650",
            "--rounds",
            "2",
            "--warmups",
            "1",
            "--max-warmups",
            "1",
            "--statements",
            "50");

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
    String text = run.out();
    assertThat(text)
        .contains("server statements during the measured rounds' ingest+KPIs")
        .containsPattern(" +calls +ms +us/event +share +rows +WAL MB +WAL FPIs +statement\n");
    List<String> listed =
        text.substring(text.indexOf("statement\n") + "statement\n".length()).lines().toList();
    // the store's, the sessions' and the KPIs' statements, at most as many as asked, the costliest
    // first; among them the blocks of the two measured rounds, one chunk and one block each
    assertThat(listed).hasSizeBetween(5, 50);
    assertThat(
            listed.stream()
                .map(line -> Double.parseDouble(line.strip().split(" +")[1].replace(",", "")))
                .toList())
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(listed)
        .anyMatch(
            line ->
                line.matches(
                    " *2 +[0-9,]+ +[0-9.]+ +[0-9.]+% +2 +[0-9.]+ +[0-9,]+  copy telemetry_event_block"
                        + " \\(id, source, .*"));
    assertThat(listed).noneMatch(line -> line.contains("pg_stat_statements"));
  }

  @Test
  void refusesAnEmptyRun() {
    Run run = run("--events", "0");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("--events and --rounds must be >= 1, --warmups and --statements >= 0");
  }

  @Test
  void refusesANegativeNumberOfStatements() {
    Run run = run("--statements", "-1");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--statements >= 0");
  }

  @Test
  void refusesFewerWarmUpRoundsAtMostThanAtLeast() {
    Run run = run("--warmups", "3", "--max-warmups", "2");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--max-warmups >= --warmups");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] arguments = new String[options.length + 2];
    arguments[0] = "bench";
    arguments[1] = "ingest";
    System.arraycopy(options, 0, arguments, 2, options.length);
    int exit = commandLine.execute(arguments);
    return new Run(exit, out.toString(), err.toString());
  }
}
