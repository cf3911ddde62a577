package io.naap.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.app.PackagedNaap;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code naap} command running in its own process, its standard output and error in
 * files: how the {@code naap up} tests start it, wait for it and stop it.
 */
public record LaunchedNaap(Process process, Path stdoutFile, Path stderrFile) {
  /** How long {@code naap up} may take to print its report. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Starts {@code naap args...}, its output in new files under {@code folder}. */
  public static LaunchedNaap launch(Path folder, List<String> args) throws IOException {
    Path stdout = Files.createTempFile(folder, "stdout", ".txt");
    Path stderr = Files.createTempFile(folder, "stderr", ".txt");
    Process process =
        new ProcessBuilder(PackagedNaap.command(args.toArray(String[]::new)))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    return new LaunchedNaap(process, stdout, stderr);
  }

  public String stdout() throws IOException {
    return Files.readString(stdoutFile, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(stderrFile, StandardCharsets.UTF_8);
  }

  /** Waits for a line of standard output holding {@code marker}; fails if the process ends. */
  public String awaitStdout(String marker) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> line = stdout().lines().filter(l -> l.contains(marker)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "naap exited with "
                + process.exitValue()
                + " before printing '"
                + marker
                + "':\n"
                + stderr());
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "naap printed no '" + marker + "' within " + READY_TIMEOUT + ":\n" + stderr());
  }

  /** Waits for {@code naap up}'s report and reads the up.json it wrote. */
  public JsonNode awaitReady(Path reportFile) throws Exception {
    awaitStdout("Press Ctrl+C to stop.");
    return JSON.readTree(Files.readString(reportFile, StandardCharsets.UTF_8));
  }

  /** Waits for the process to exit and returns its exit code. */
  public int awaitExit(Duration timeout) throws Exception {
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("naap exits within %s; stderr:%n%s", timeout, stderr())
        .isTrue();
    return process.exitValue();
  }

  /** Sends {@code signal} (e.g. {@code TERM}) with kill(1). */
  public void signal(String signal) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
  }

  /** Kills the process and its descendants if they still run. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
