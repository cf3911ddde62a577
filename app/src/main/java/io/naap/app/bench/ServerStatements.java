package io.naap.app.bench;

import io.naap.storage.Database;
import io.naap.storage.StatementStatistics;
import io.naap.storage.StatementStatistics.Statement;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each SQL statement cost the bench's server over the timed phases of a run ({@link
 * StatementStatistics}, which needs a server started by {@code BenchPostgres.start(poolSize,
 * true)}): the statements' totals read before and after each phase, the differences added up. Times
 * are the server's wall time executing, so they show where its time goes, not its CPU time exactly.
 */
final class ServerStatements {
  private final Database database;
  private final Map<Long, Statement> totals = new HashMap<>();
  private Map<Long, Statement> before;

  ServerStatements(Database database) {
    this.database = database;
  }

  /** Marks the start of a timed phase. */
  void start() {
    before = snapshot();
  }

  /** Ends the timed phase started last, adding what it cost to the totals. */
  void stop() {
    if (before == null) {
      throw new IllegalStateException("stop() without start()");
    }
    snapshot()
        .forEach(
            (id, after) -> {
              Statement earlier = before.get(id);
              Statement spent = earlier == null ? after : after.minus(earlier);
              if (spent.calls() > 0 && !spent.query().contains("pg_stat_statements")) {
                totals.merge(id, spent, Statement::plus);
              }
            });
    before = null;
  }

  /** The statements summed so far, the costliest first. */
  private List<Statement> costliest(int limit) {
    List<Statement> sorted = new ArrayList<>(totals.values());
    sorted.sort(Comparator.comparingDouble(Statement::millis).reversed());
    return sorted.subList(0, Math.min(limit, sorted.size()));
  }

  /** Prints the {@code limit} costliest statements, per event of {@code events} in all. */
  void print(PrintWriter out, int limit, long events) {
    double all = totals.values().stream().mapToDouble(Statement::millis).sum();
    out.printf(
        Locale.ROOT,
        "server statements during the measured rounds' ingest+KPIs (pg_stat_statements: wall time"
            + " executing, not CPU; %,d statements, %,.0f ms in all)%n",
        totals.size(),
        all);
    out.printf(
        Locale.ROOT,
        "%9s %9s %8s %6s %11s %9s %8s  %s%n",
        "calls",
        "ms",
        "us/event",
        "share",
        "rows",
        "WAL MB",
        "WAL FPIs",
        "statement");
    for (Statement statement : costliest(limit)) {
      out.printf(
          Locale.ROOT,
          "%,9d %,9.0f %8.2f %5.1f%% %,11d %9.1f %,8d  %s%n",
          statement.calls(),
          statement.millis(),
          1e3 * statement.millis() / events,
          all == 0 ? 0 : 100 * statement.millis() / all,
          statement.rows(),
          statement.walBytes() / 1e6,
          statement.walPageImages(),
          oneLine(statement.query()));
    }
    out.flush();
  }

  private static final int QUERY_CHARS = 110;

  private static String oneLine(String query) {
    String line = query.strip().replaceAll("\\s+", " ");
    return line.length() <= QUERY_CHARS ? line : line.substring(0, QUERY_CHARS - 3) + "...";
  }

  private Map<Long, Statement> snapshot() {
    return StatementStatistics.totals(database);
  }
}
