package io.naap.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The root of a naap checkout: where the contracts' npm toolchain (and so the anvil binary) lives.
 * Taken from the {@code naap.home} system property (set by the launcher and the build), otherwise
 * found by walking up from the working directory to the folder holding {@code
 * contracts/package.json}.
 */
public final class NaapHome {
  public static final String PROPERTY = "naap.home";

  private NaapHome() {}

  public static Path locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured).toAbsolutePath().normalize();
      if (!isHome(home)) {
        throw new EmbeddedServerException(
            "-D"
                + PROPERTY
                + "="
                + configured
                + " is not a naap checkout (no contracts/package.json there)");
      }
      return home;
    }
    return search(Path.of("").toAbsolutePath())
        .orElseThrow(
            () ->
                new EmbeddedServerException(
                    "cannot find the naap checkout from "
                        + Path.of("").toAbsolutePath()
                        + ": run from inside it or set -D"
                        + PROPERTY
                        + "=/path/to/naap"));
  }

  static Optional<Path> search(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (isHome(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static boolean isHome(Path dir) {
    return Files.isRegularFile(dir.resolve("contracts").resolve("package.json"));
  }
}
