package io.naap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged {@code naap} command, as tests that kill or run it in its own process start it. */
public final class PackagedNaap {
  private PackagedNaap() {}

  /** {@code java -jar target/naap.jar} and {@code args}, with the JVM running the tests. */
  public static List<String> command(String... args) {
    Path jar = Path.of("target", "naap.jar").toAbsolutePath();
    assertThat(jar).as("the packaged command (mvn package builds it)").exists();
    List<String> command =
        new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
    // the checkout the build runs in: where the packaged command finds anvil
    java.util.Optional.ofNullable(System.getProperty("naap.home"))
        .ifPresent(home -> command.add("-Dnaap.home=" + home));
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return command;
  }
}
