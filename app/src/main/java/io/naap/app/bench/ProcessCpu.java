package io.naap.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time of the two sides of a benchmark, read from Linux's {@code /proc}: this JVM, and a
 * PostgreSQL server with every process it runs. A server's backends, walwriter, checkpointer and
 * autovacuum workers are children of its postmaster, which reaps them: the time of a child that has
 * exited is in the postmaster's {@code cutime}/{@code cstime}, that of a live child in its own
 * {@code utime}/{@code stime}. Their sum is the server's whole CPU time, exited processes included.
 *
 * <p>Times are in clock ticks of {@link #TICK_NANOS}: the kernel's {@code USER_HZ}, fixed at 100 by
 * the Linux ABI on x86 and arm64. On a system without {@code /proc} there is no reading.
 */
final class ProcessCpu {
  static final long TICK_NANOS = 10_000_000L;

  private static final Path PROC = Path.of("/proc");

  private final long serverPid;

  private ProcessCpu(long serverPid) {
    this.serverPid = serverPid;
  }

  /** A meter of this JVM and of the server whose postmaster is {@code serverPid}, if readable. */
  static Optional<ProcessCpu> of(long serverPid) {
    ProcessCpu meter = new ProcessCpu(serverPid);
    try {
      meter.read();
      return Optional.of(meter);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** CPU time so far, in nanoseconds: {@code [jvm, server]}. */
  long[] read() throws IOException {
    long jvm = ticks(stat(ProcessHandle.current().pid()), false);
    long server = ticks(stat(serverPid), true);
    for (ProcessHandle child : ProcessHandle.of(serverPid).orElseThrow().children().toList()) {
      try {
        server += ticks(stat(child.pid()), false);
      } catch (IOException exited) {
        // exited between the listing and the read: its time is in the postmaster's cutime now
      }
    }
    return new long[] {jvm * TICK_NANOS, server * TICK_NANOS};
  }

  /**
   * CPU time so far of process {@code pid} alone (its threads, not its children), in nanoseconds: a
   * third process of a benchmark, such as the chain node.
   */
  static long process(long pid) throws IOException {
    return ticks(stat(pid), false) * TICK_NANOS;
  }

  private static String stat(long pid) throws IOException {
    return Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
  }

  /**
   * utime + stime (+ cutime + cstime) of a {@code /proc/PID/stat} line; the fields after the
   * command name, which is in parentheses and may itself hold spaces and parentheses.
   */
  static long ticks(String stat, boolean withReapedChildren) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is the state (field 3 of proc(5)): utime is field 14, stime 15, cutime 16, cstime
    // 17
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (withReapedChildren) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks;
  }
}
