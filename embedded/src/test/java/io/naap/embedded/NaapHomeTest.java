package io.naap.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NaapHomeTest {
  @Test
  void findsTheCheckoutFromAnyFolderInsideIt(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("contracts"));
    Files.writeString(root.resolve("contracts/package.json"), "{}");
    Path deep = Files.createDirectories(root.resolve("app/src/main"));

    assertThat(NaapHome.search(deep)).contains(root);
  }

  @Test
  void findsNothingOutsideACheckout(@TempDir Path elsewhere) {
    assertThat(NaapHome.search(elsewhere)).isEmpty();
  }
}
