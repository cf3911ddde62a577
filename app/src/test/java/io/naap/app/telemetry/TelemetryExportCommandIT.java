package io.naap.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.testkit.Fixtures;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code naap telemetry export} against a real PostgreSQL: the real capture, ingested, comes back
 * as its envelopes, and goes in again as duplicates.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryExportCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STREAM = "stream-o5s73x-mk5zc8fy";

  @TempDir Path temp;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    var commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private int export(PostgresDatabase database, String from, String until, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "telemetry",
                "export",
                "--database-url",
                database.jdbcUrl(),
                "--from",
                from,
                "--until",
                until));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void exportsTheIngestedCaptureAsItsEnvelopesWhichIngestAgainAsDuplicates(
      PostgresDatabase database) throws IOException {
    Path capture = Files.write(temp.resolve("capture.json"), Fixtures.liveStreamCapture());
    assertThat(run("telemetry", "ingest", "--database-url", database.jdbcUrl(), capture.toString()))
        .as(err.toString())
        .isEqualTo(ExitCodes.OK);

    Path exported = temp.resolve("export.ndjson.gz");
    int exit =
        export(
            database, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "--out", exported.toString());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("naap: exported 65 events that occurred in");
    // the capture holds Kafka records: each exported line is the record's value, in order
    List<JsonNode> envelopes = new ArrayList<>();
    for (JsonNode record : JSON.readTree(Fixtures.liveStreamCapture())) {
      envelopes.add(record.get("value"));
    }
    List<JsonNode> lines = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(exported))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        lines.add(JSON.readTree(line));
      }
    }
    assertThat(lines).containsExactlyElementsOf(envelopes);

    assertThat(
            run("telemetry", "ingest", "--database-url", database.jdbcUrl(), exported.toString()))
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains(": 65 received, 0 accepted, 65 duplicate, 0 quarantined");
  }

  @Test
  void filtersByStreamAndTimeAndWritesToStandardOutput(PostgresDatabase database)
      throws IOException {
    Path capture = Files.write(temp.resolve("capture.json"), Fixtures.liveStreamCapture());
    run("telemetry", "ingest", "--database-url", database.jdbcUrl(), capture.toString());
    int ofStream;
    try (Database pool =
        Database.connect(
            new DatabaseSettings(database.jdbcUrl(), "postgres", Optional.empty(), 1))) {
      ofStream = new TelemetryStore(pool).eventsOfStream(STREAM).size();
    }
    assertThat(ofStream).isBetween(1, 64);

    int exit = export(database, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "--stream", STREAM);

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(ofStream).allSatisfy(line -> assertThat(line).contains(STREAM));
    assertThat(err.toString()).contains("exported " + ofStream + " events").contains(STREAM);

    // a range before the capture: nothing
    assertThat(export(database, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("exported 0 events");
  }

  @Test
  void refusesABadRangeWithAMessage(PostgresDatabase database) {
    assertThat(export(database, "2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--from (2026-02-01T00:00:00Z) must be before --until");

    assertThat(export(database, "yesterday", "2026-01-01T00:00:00Z")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("must be ISO-8601 instants").contains("yesterday");
    assertThat(out.toString()).isEmpty();
  }
}
