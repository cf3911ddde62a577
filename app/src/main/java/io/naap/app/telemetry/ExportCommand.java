package io.naap.app.telemetry;

import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.telemetry.TelemetryEventRow;
import io.naap.storage.telemetry.TelemetryStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap telemetry export}: the stored events of a time range as NDJSON, each envelope exactly
 * as stored, one per line: what an operator reads or replays now that the events are kept in
 * compressed blocks, which SQL cannot open. The output is valid input of {@code naap telemetry
 * ingest}, where every event is a duplicate.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the stored gateway events that occurred in [--from, --until) as NDJSON (the envelopes"
          + " as stored, one per line), in storage order, to standard output or --out (.gz"
          + " compresses). The output can be ingested again: every event is a duplicate."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions databaseOptions;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "INSTANT",
      description = "First event time included, ISO-8601 UTC (e.g. 2026-01-08T10:00:00Z).")
  private String from;

  @Option(
      names = "--until",
      required = true,
      paramLabel = "INSTANT",
      description = "First event time excluded, ISO-8601 UTC.")
  private String until;

  @Option(names = "--stream", paramLabel = "ID", description = "Only the events of this stream.")
  private String stream;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to this file instead of standard output (replaced; .gz compresses).")
  private Path outFile;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Instant start;
    Instant end;
    try {
      start = Instant.parse(from);
      end = Instant.parse(until);
    } catch (DateTimeParseException e) {
      err.println(
          "naap: --from and --until must be ISO-8601 instants such as 2026-01-08T10:00:00Z: "
              + e.getParsedString());
      return ExitCodes.USAGE;
    }
    if (!start.isBefore(end)) {
      err.println("naap: --from (" + start + ") must be before --until (" + end + ")");
      return ExitCodes.USAGE;
    }
    Optional<String> onlyStream = Optional.ofNullable(stream);
    long exported;
    try (Database database = Database.connect(databaseOptions.settings())) {
      TelemetryStore store = new TelemetryStore(database);
      if (outFile == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        exported =
            export(
                store,
                start,
                end,
                onlyStream,
                event -> {
                  stdout.print(event.payloadJson());
                  stdout.print('\n');
                });
        stdout.flush();
      } else {
        // written beside the target, moved into place once complete: a failed export leaves no
        // half file behind
        Path absolute = outFile.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), ".naap-export-", ".part");
        try {
          try (OutputStream file = open(partial, absolute)) {
            exported = export(store, start, end, onlyStream, event -> write(file, event));
          }
          Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(partial);
        }
      }
    } catch (StorageException e) {
      err.println("naap: cannot export the events: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    err.printf(
        Locale.ROOT,
        "naap: exported %,d events that occurred in [%s, %s)%s%s%n",
        exported,
        start,
        end,
        onlyStream.map(id -> " of stream " + id).orElse(""),
        outFile == null ? "" : " to " + outFile);
    err.flush();
    return ExitCodes.OK;
  }

  private static OutputStream open(Path partial, Path target) throws IOException {
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
    return target.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(file) : file;
  }

  private static long export(
      TelemetryStore store,
      Instant from,
      Instant until,
      Optional<String> stream,
      Consumer<TelemetryEventRow> out)
      throws IOException {
    long[] count = {0};
    try {
      store.forEachEvent(
          from,
          until,
          event -> {
            if (stream.isEmpty() || event.streamId().equals(stream)) {
              out.accept(event);
              count[0]++;
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return count[0];
  }

  private static void write(OutputStream out, TelemetryEventRow event) {
    try {
      event.payload().writeTo(out);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
