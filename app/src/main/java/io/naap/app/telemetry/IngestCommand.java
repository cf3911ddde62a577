package io.naap.app.telemetry;

import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.app.features.TelemetryFeatures;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.telemetry.decode.TelemetryInputException;
import io.naap.telemetry.ingest.IngestReport;
import io.naap.telemetry.ingest.QuarantineNotice;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.session.SessionSettings;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code naap telemetry ingest FILE...}: the same pipeline as {@code POST /v1/telemetry/events},
 * fed from files (JSON array or NDJSON, optionally gzip-compressed), chunk by chunk so a file of
 * any size fits in memory.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingests gateway telemetry files (JSON array or NDJSON, .gz allowed) into the database of the"
          + " running naap up (or --database-url). Every record is accounted for: accepted,"
          + " duplicate, or quarantined with a reason. Ingesting a file again within a day (the"
          + " deduplication window) changes nothing."
    })
public final class IngestCommand implements Callable<Integer> {
  private static final long PROGRESS_FROM_BYTES = 1 << 20;
  private static final int NOTICES_SHOWN = 20;

  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions databaseOptions;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to ingest.")
  private List<Path> files;

  @Option(
      names = "--source",
      defaultValue = "file",
      description = "Source recorded with each event (default: ${DEFAULT-VALUE}).")
  private String source;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        err.println("naap: cannot read " + file + ": not a readable file");
        return ExitCodes.FAILURE;
      }
    }
    DatabaseSettings settings = databaseOptions.settings();
    int failures = 0;
    try (Database database = Database.connect(settings)) {
      TelemetryIngestion ingestion =
          new TelemetryFeatures(database, Clock.systemUTC(), SessionSettings.defaults())
              .ingestion();
      for (Path file : files) {
        try {
          IngestReport report = ingest(ingestion, file, err);
          out.println(summary(file, report));
          for (QuarantineNotice notice : report.notices()) {
            out.printf(
                Locale.ROOT,
                "  record %d: %s: %s%n",
                notice.index(),
                notice.reason(),
                notice.detail());
          }
          if (report.quarantined() > report.notices().size()) {
            out.printf(
                Locale.ROOT,
                "  ... %d more; see GET /v1/telemetry/quarantine?source=%s%n",
                report.quarantined() - report.notices().size(),
                source);
          }
        } catch (TelemetryInputException | IOException e) {
          failures++;
          err.println("naap: " + file + ": " + e.getMessage());
        }
        out.flush();
      }
    }
    return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private IngestReport ingest(TelemetryIngestion ingestion, Path file, PrintWriter err)
      throws IOException {
    long size = Files.size(file);
    boolean showProgress = size >= PROGRESS_FROM_BYTES && System.console() != null;
    try (CountingInputStream in =
        new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      IngestReport report =
          ingestion.ingestStream(
              in,
              source,
              NOTICES_SHOWN,
              records -> {
                if (showProgress) {
                  err.print(progressBar(file, in.count(), size, records));
                  err.flush();
                }
              });
      if (showProgress) {
        err.print("\r" + " ".repeat(79) + "\r");
        err.flush();
      }
      return report;
    }
  }

  static String progressBar(Path file, long bytes, long size, long records) {
    int width = 30;
    double fraction = size == 0 ? 1 : Math.min(1.0, (double) bytes / size);
    int filled = (int) Math.round(fraction * width);
    return String.format(
        Locale.ROOT,
        "\r%s [%s%s] %3.0f%% %,d records",
        file.getFileName(),
        "#".repeat(filled),
        " ".repeat(width - filled),
        fraction * 100,
        records);
  }

  static String summary(Path file, IngestReport report) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %,d received, %,d accepted, %,d duplicate, %,d quarantined",
                file,
                report.received(),
                report.accepted(),
                report.duplicate(),
                report.quarantined()));
    if (!report.quarantinedByReason().isEmpty()) {
      text.append(" (");
      new java.util.TreeMap<>(report.quarantinedByReason())
          .forEach((reason, count) -> text.append(reason).append(' ').append(count).append(", "));
      text.setLength(text.length() - 2);
      text.append(')');
    }
    return text.toString();
  }

  /** Counts the bytes read, for the progress bar. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
