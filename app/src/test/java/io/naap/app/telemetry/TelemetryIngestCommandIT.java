package io.naap.app.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.testkit.Fixtures;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code naap telemetry ingest} against a real PostgreSQL migrated by Flyway. */
@ExtendWith(PostgresExtension.class)
class TelemetryIngestCommandIT {
  @TempDir Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void ingestsTheRealCaptureOnceAndAGzippedCopyAsDuplicates(PostgresDatabase database)
      throws IOException, SQLException {
    Path plain = Files.write(temp.resolve("capture.json"), Fixtures.liveStreamCapture());
    Path zipped = temp.resolve("capture.json.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(zipped))) {
      gz.write(Fixtures.liveStreamCapture());
    }

    int exit =
        run(
            "telemetry",
            "ingest",
            "--database-url",
            database.jdbcUrl(),
            plain.toString(),
            zipped.toString());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains(plain + ": 65 received, 65 accepted, 0 duplicate, 0 quarantined")
        .contains(zipped + ": 65 received, 0 accepted, 65 duplicate, 0 quarantined");
    assertThat(
            count(
                database,
                "select coalesce(sum(events), 0) from telemetry_event_block where source = 'file'"))
        .isEqualTo(65);
    assertThat(count(database, "select count(*) from telemetry_ingest_batch where accepted = 65"))
        .isEqualTo(1);
  }

  @Test
  void reportsEachQuarantinedRecordWithItsReason(PostgresDatabase database) throws IOException {
    Path file =
        Files.writeString(temp.resolve("bad.ndjson"), "{\"id\": 1\n[]\n", StandardCharsets.UTF_8);

    int exit = run("telemetry", "ingest", "--database-url", database.jdbcUrl(), file.toString());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("2 received, 0 accepted, 0 duplicate, 2 quarantined")
        .contains("record 0: ")
        .contains("record 1: ");
  }

  @Test
  void aMissingFileFailsBeforeAnythingIsStored(PostgresDatabase database) {
    int exit =
        run(
            "telemetry",
            "ingest",
            "--database-url",
            database.jdbcUrl(),
            temp.resolve("nope.json").toString());

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("cannot read").contains("nope.json");
  }

  @Test
  void withoutARunningNaapUpItSaysHowToPointAtADatabase() throws IOException {
    Path file = Files.writeString(temp.resolve("empty.json"), "[]");

    int exit =
        run("telemetry", "ingest", "--home", temp.resolve("nohome").toString(), file.toString());

    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("start ./naap up, or pass --database-url");
  }

  private static long count(PostgresDatabase database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
