package io.naap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.embedded.NaapHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./naap} launcher and the packaged command, as a user meets them on a bad machine. */
class LauncherIT {
  private final Path root = NaapHome.locate();

  @TempDir Path temp;

  private record Result(int exitCode, String stdout, String stderr) {}

  @Test
  void aJdkOlderThan21GetsOneLineNamingWhatToInstall() throws Exception {
    Path jdks = Files.createDirectories(temp.resolve("jdks"));
    Path oldJdk = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    Map<String, String> env = new java.util.HashMap<>(Map.of("NAAP_JDK_DIRS", jdks.toString()));
    if (Files.isDirectory(oldJdk)) {
      Files.createSymbolicLink(jdks.resolve("jdk17"), oldJdk);
      env.put("JAVA_HOME", oldJdk.toString());
    } else {
      env.put("JAVA_HOME", temp.resolve("no-such-jdk").toString());
    }

    Result result = run(List.of(root.resolve("naap").toString(), "--version"), env);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().lines().toList()).hasSize(1);
    assertThat(result.stderr()).contains("no JDK >= 21 found").contains("install a JDK >= 21");
  }

  @Test
  void aMissingNpmGetsOneLineNamingWhatToInstall() throws Exception {
    // A PATH with every program of this machine but node, npm and npx.
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Set<String> hidden = Set.of("node", "nodejs", "npm", "npx", "corepack");
    for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
      Path folder = Path.of(dir);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> programs = Files.list(folder)) {
        for (Path program : programs.toList()) {
          Path link = bin.resolve(program.getFileName().toString());
          if (!hidden.contains(program.getFileName().toString())
              && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, program);
          }
        }
      }
    }

    Result result;
    try {
      result =
          run(List.of(root.resolve("naap").toString(), "build"), Map.of("PATH", bin.toString()));
    } finally {
      // remove the links ourselves: @TempDir warns about each link that points out of it
      try (Stream<Path> links = Files.list(bin)) {
        for (Path link : links.toList()) {
          Files.delete(link);
        }
      }
    }

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr().lines().toList()).hasSize(1);
    assertThat(result.stderr()).contains("Node.js >= 20 with npm").contains("install it");
  }

  @Test
  void anUnknownCommandOrFlagPrintsUsageAndExitsWithTwo() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String jar = Path.of("target", "naap.jar").toAbsolutePath().toString();

    Result command = run(List.of(java, "-jar", jar, "frobnicate"), Map.of());
    assertThat(command.exitCode()).isEqualTo(2);
    assertThat(command.stderr()).contains("Unmatched argument").contains("Usage: naap");

    Result flag = run(List.of(java, "-jar", jar, "up", "--frobnicate"), Map.of());
    assertThat(flag.exitCode()).isEqualTo(2);
    assertThat(flag.stderr()).contains("Unknown option: '--frobnicate'").contains("Usage: naap up");
  }

  private Result run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path out = temp.resolve("out-" + System.nanoTime());
    Path err = temp.resolve("err-" + System.nanoTime());
    ProcessBuilder builder =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(root.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
