package io.naap.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.app.ExitCodes;
import io.naap.app.features.TelemetryFeatures;
import io.naap.storage.Database;
import io.naap.storage.telemetry.RawCopyBaseline;
import io.naap.storage.telemetry.TelemetryEventRow;
import io.naap.storage.telemetry.TelemetryStore;
import io.naap.telemetry.decode.Decoded;
import io.naap.telemetry.decode.DecoderSettings;
import io.naap.telemetry.decode.EventDecoder;
import io.naap.telemetry.decode.TelemetryInput;
import io.naap.telemetry.ingest.IngestReport;
import io.naap.telemetry.ingest.TelemetryIngestion;
import io.naap.telemetry.session.SessionSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code naap bench ingest}: the telemetry ingest rate into a durable PostgreSQL (decode, validate,
 * dedupe, store, sessions and KPIs), against the COPY rates of the same rows in the same run, and
 * where the CPU goes: microseconds of CPU time per event of this JVM and of the PostgreSQL server.
 *
 * <p>Input: the real capture's 65 events repeated with fresh ids (seeded), as NDJSON in memory.
 * Each round ingests new ids, so every event is inserted, never deduplicated away.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Telemetry ingest rate (decode, validate, dedupe, store, sessions and KPIs) into a fresh"
            + " durable embedded PostgreSQL, against the same pipeline without sessions and KPIs"
            + " and the COPY rates of the same events as rows, one per event (into a temporary"
            + " table; into a logged table with a primary key), in the same run, with the CPU time"
            + " per event of this JVM and of the server.")
public final class IngestBenchCommand implements Callable<Integer> {
  private static final String CAPTURE =
      "/io/naap/app/bench/gateway-events-one-stream-2026-01-08.json";

  @Spec private CommandSpec spec;

  @Option(
      names = "--events",
      defaultValue = "200000",
      description = "Events per round (default: ${DEFAULT-VALUE}).")
  private int events;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Measured rounds, after the warm-up rounds (default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Option(
      names = "--warmups",
      defaultValue = "4",
      description =
          "Warm-up rounds at least, not counted: the JIT compilers are busy through the first"
              + " three or four (see the JIT column; default: ${DEFAULT-VALUE}).")
  private int warmups;

  @Option(
      names = "--max-warmups",
      defaultValue = "12",
      description =
          "Warm-up rounds at most: past --warmups, warming up goes on while the JIT compilers"
              + " spent more than a tenth of a round's ingest+KPIs time compiling"
              + " (default: ${DEFAULT-VALUE}).")
  private int maxWarmups;

  /** Share of a round's ingest+KPIs time spent compiling above which warming up goes on. */
  private static final double QUIET_JIT_SHARE = 0.1;

  @Option(
      names = "--statements",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Also list the N SQL statements that took the server the most time during the measured"
              + " rounds' ingest+KPIs, from pg_stat_statements, which the bench's server then"
              + " preloads (default: ${DEFAULT-VALUE}, none and not loaded).")
  private int statements;

  @Option(
      names = "--seed",
      defaultValue = "20260108",
      description = "Seed of the event ids (default: ${DEFAULT-VALUE}).")
  private long seed;

  /** The capture's stream, request and payment session ids, replaced in each copy. */
  private static final String STREAM = "stream-o5s73x-mk5zc8fy";

  private static final String REQUEST = "db936fab";
  private static final String PAYMENT_SESSION = "01b55632";

  /**
   * One round's figures: rates in events (rows) per second; CPU in microseconds per event of the
   * ingest+KPIs run, NaN when unmeasured; the JIT compilers' time and the collectors' pauses during
   * that run, in milliseconds.
   */
  private record Round(
      double ingestPerSecond,
      double storeOnlyPerSecond,
      double copyPerSecond,
      double tableCopyPerSecond,
      double decodePerSecond,
      double jvmMicrosPerEvent,
      double serverMicrosPerEvent,
      double jitMillis,
      double gcPauseMillis) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (events < 1 || rounds < 1 || warmups < 0 || maxWarmups < warmups || statements < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--events and --rounds must be >= 1, --warmups and --statements >= 0, --max-warmups >="
              + " --warmups");
    }
    List<String> templates = captureEnvelopes();
    SplittableRandom random = new SplittableRandom(seed);
    try (BenchPostgres bench = BenchPostgres.start(2, statements > 0);
        RawCopyBaseline baseline = new RawCopyBaseline(bench.database())) {
      Database database = bench.database();
      ServerStatements serverStatements = statements > 0 ? new ServerStatements(database) : null;
      Optional<ProcessCpu> cpu = bench.serverPid().flatMap(ProcessCpu::of);
      TelemetryInput input = new TelemetryInput(new EventDecoder(DecoderSettings.defaults()));
      TelemetryIngestion ingestion =
          new TelemetryFeatures(database, Clock.systemUTC(), SessionSettings.defaults())
              .ingestion();
      TelemetryIngestion storeOnly =
          new TelemetryIngestion(
              input,
              new TelemetryStore(database),
              Clock.systemUTC(),
              TelemetryIngestion.DEFAULT_CHUNK_RECORDS);
      out.printf(
          Locale.ROOT,
          "naap bench ingest: %,d events a round (copies of the real capture's 65-event stream,"
              + " each a new stream with fresh ids), chunks of %,d, durable PostgreSQL, %d"
              + " cores%n",
          events,
          TelemetryIngestion.DEFAULT_CHUNK_RECORDS,
          Runtime.getRuntime().availableProcessors());
      List<Round> measured = new ArrayList<>();
      out.printf(
          Locale.ROOT,
          "%-9s %14s %14s %14s %14s %9s %9s %14s %9s %9s %8s %8s%n",
          "",
          "ingest+KPIs",
          "store only",
          "raw COPY",
          "table COPY",
          "/raw",
          "/table",
          "decode alone",
          "JVM CPU",
          "PG CPU",
          "JIT ms",
          "GC ms");
      for (int warmup = 1; warmup <= maxWarmups; warmup++) {
        Round result =
            round(templates, random, input, ingestion, storeOnly, baseline, database, cpu, null);
        print(out, "warm-up", result);
        double ingestMillis = 1e3 * events / result.ingestPerSecond();
        if (warmup >= warmups && result.jitMillis() <= QUIET_JIT_SHARE * ingestMillis) {
          break;
        }
      }
      for (int round = 1; round <= rounds; round++) {
        Round result =
            round(
                templates,
                random,
                input,
                ingestion,
                storeOnly,
                baseline,
                database,
                cpu,
                serverStatements);
        measured.add(result);
        print(out, "round " + round, result);
      }
      print(
          out,
          "median",
          new Round(
              median(measured, Round::ingestPerSecond),
              median(measured, Round::storeOnlyPerSecond),
              median(measured, Round::copyPerSecond),
              median(measured, Round::tableCopyPerSecond),
              median(measured, Round::decodePerSecond),
              median(measured, Round::jvmMicrosPerEvent),
              median(measured, Round::serverMicrosPerEvent),
              median(measured, Round::jitMillis),
              median(measured, Round::gcPauseMillis)));
      out.println(
          "(events/s. raw COPY: the same events as rows, one per event, into a temporary table"
              + " without index or constraint; table COPY: as rows into a logged table with a"
              + " primary key, as telemetry_event was before it stored compressed blocks, growing"
              + " over the run; /raw and /table: ingest+KPIs as a share of each. JVM CPU and PG CPU:"
              + " microseconds of CPU time per event during ingest+KPIs, of this JVM and of the"
              + " PostgreSQL server"
              + (cpu.isPresent() ? "" : ", not measurable here (no /proc)")
              + "; JIT ms: time the JIT compilers spent compiling during ingest+KPIs (large while"
              + " the JVM warms up: that CPU is taken from the pipeline); GC ms: the collectors'"
              + " pauses during ingest+KPIs)");
      if (serverStatements != null) {
        serverStatements.print(out, statements, (long) events * rounds);
      }
    }
    return ExitCodes.OK;
  }

  private static void print(PrintWriter out, String label, Round round) {
    out.printf(
        Locale.ROOT,
        "%-9s %,14.0f %,14.0f %,14.0f %,14.0f %8.1f%% %8.1f%% %,14.0f %9s %9s %,8.0f %,8.0f%n",
        label,
        round.ingestPerSecond(),
        round.storeOnlyPerSecond(),
        round.copyPerSecond(),
        round.tableCopyPerSecond(),
        100 * round.ingestPerSecond() / round.copyPerSecond(),
        100 * round.ingestPerSecond() / round.tableCopyPerSecond(),
        round.decodePerSecond(),
        micros(round.jvmMicrosPerEvent()),
        micros(round.serverMicrosPerEvent()),
        round.jitMillis(),
        round.gcPauseMillis());
    out.flush();
  }

  private static String micros(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
  }

  private Round round(
      List<String> templates,
      SplittableRandom random,
      TelemetryInput input,
      TelemetryIngestion ingestion,
      TelemetryIngestion storeOnly,
      RawCopyBaseline baseline,
      Database database,
      Optional<ProcessCpu> cpu,
      ServerStatements serverStatements) {
    byte[] ndjson = ndjson(templates, random);

    // Before each timed phase the server writes back what the phases before left dirty, so that no
    // phase pays for another's writes: the table COPY alone leaves ~200 MB of rows a round. The
    // price: the timed phase starts right after a checkpoint, so each page it touches first costs a
    // full-page image in the WAL, as at the start of every checkpoint cycle of a live server (here
    // on every round: the figures are on the pessimistic side). (A full collection of this JVM's
    // heap there too was tried: the collector then shrank the heap, and the timed phase paid more
    // pauses, not fewer.)
    database.checkpoint();
    if (serverStatements != null) {
      serverStatements.start();
    }
    long[] cpuBefore = cpuTimes(cpu);
    long jitBefore = JvmActivity.compilationMillis();
    long gcBefore = JvmActivity.gcPauseMillis();
    long start = System.nanoTime();
    IngestReport report =
        ingestion.ingestStream(new ByteArrayInputStream(ndjson), "bench", 0, records -> {});
    double ingestSeconds = (System.nanoTime() - start) / 1e9;
    long[] cpuAfter = cpuTimes(cpu);
    long jit = JvmActivity.compilationMillis() - jitBefore;
    long gcPauses = JvmActivity.gcPauseMillis() - gcBefore;
    if (serverStatements != null) {
      serverStatements.stop();
    }
    if (report.accepted() != events) {
      throw new IllegalStateException("the bench input should be all new events, but " + report);
    }

    // The pipeline without sessions and KPIs, on other events of the same shape (made only now, so
    // that the timed ingestion above did not have their ~170 MB in its heap).
    byte[] storeOnlyInput = ndjson(templates, random);
    database.checkpoint();
    start = System.nanoTime();
    IngestReport stored =
        storeOnly.ingestStream(new ByteArrayInputStream(storeOnlyInput), "bench", 0, records -> {});
    double storeOnlySeconds = (System.nanoTime() - start) / 1e9;
    if (stored.accepted() != events) {
      throw new IllegalStateException("the bench input should be all new events, but " + stored);
    }

    // The same rows, decoded and mapped outside the timing, copied in the same chunks.
    // (timed too: the decoding and mapping alone, on one thread, no database)
    Instant now = Instant.now();
    List<TelemetryEventRow> rows = new ArrayList<>(events);
    long decodeStart = System.nanoTime();
    input.stream(
        new ByteArrayInputStream(ndjson),
        outcome -> {
          if (outcome instanceof Decoded decoded) {
            rows.add(TelemetryIngestion.row(decoded.event(), "bench", now));
          }
        });
    double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
    database.checkpoint();
    double copySeconds = secondsToCopy(rows, baseline::copy);
    database.checkpoint();
    double tableCopySeconds = secondsToCopy(rows, baseline::copyIntoTable);
    return new Round(
        events / ingestSeconds,
        events / storeOnlySeconds,
        rows.size() / copySeconds,
        rows.size() / tableCopySeconds,
        events / decodeSeconds,
        microsPerEvent(cpuBefore, cpuAfter, 0),
        microsPerEvent(cpuBefore, cpuAfter, 1),
        jit,
        gcPauses);
  }

  /** {@code [jvm, server]} CPU nanoseconds so far, or null when not measurable. */
  private static long[] cpuTimes(Optional<ProcessCpu> cpu) {
    if (cpu.isEmpty()) {
      return null;
    }
    try {
      return cpu.get().read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of the bench's processes", e);
    }
  }

  private double microsPerEvent(long[] before, long[] after, int side) {
    return before == null ? Double.NaN : (after[side] - before[side]) / 1e3 / events;
  }

  /** Times copying the rows in the pipeline's chunks, one transaction a chunk. */
  private static double secondsToCopy(
      List<TelemetryEventRow> rows, Consumer<List<TelemetryEventRow>> copy) {
    long start = System.nanoTime();
    for (int from = 0; from < rows.size(); from += TelemetryIngestion.DEFAULT_CHUNK_RECORDS) {
      copy.accept(
          rows.subList(
              from, Math.min(rows.size(), from + TelemetryIngestion.DEFAULT_CHUNK_RECORDS)));
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private byte[] ndjson(List<String> templates, SplittableRandom random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(events * 800);
    byte[] newline = {'\n'};
    String stream = "";
    for (int n = 0; n < events; n++) {
      if (n % templates.size() == 0) {
        stream = Long.toHexString(random.nextLong());
      }
      String template = templates.get(n % templates.size());
      UUID id = new UUID(random.nextLong(), random.nextLong());
      String event =
          template
              .replace("{{id}}", id.toString())
              .replace(STREAM, "stream-" + stream)
              .replace(REQUEST, "request-" + stream)
              .replace(PAYMENT_SESSION, "payments-" + stream);
      out.writeBytes(event.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(newline);
    }
    return out.toByteArray();
  }

  /** The capture's gateway events as compact JSON with their id replaced by {@code {{id}}}. */
  private static List<String> captureEnvelopes() {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = IngestBenchCommand.class.getResourceAsStream(CAPTURE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the bench input " + CAPTURE + " is missing from the build");
      }
      List<String> templates = new ArrayList<>();
      for (JsonNode record : json.readTree(in)) {
        com.fasterxml.jackson.databind.node.ObjectNode event =
            (com.fasterxml.jackson.databind.node.ObjectNode) record.get("value").deepCopy();
        event.put("id", "{{id}}");
        templates.add(json.writeValueAsString(event));
      }
      return templates;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bench input " + CAPTURE, e);
    }
  }

  private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
    double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
