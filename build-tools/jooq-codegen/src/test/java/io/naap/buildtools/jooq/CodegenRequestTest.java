package io.naap.buildtools.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodegenRequestTest {
  @TempDir Path root;

  @Test
  void parsesFoldersAndPackage() throws IOException {
    Path migrations = Files.createDirectories(root.resolve("db/migration"));
    CodegenRequest request =
        CodegenRequest.parse(
            migrations.toString(), root.resolve("out").toString(), "io.naap.storage.generated");

    assertThat(request.migrations()).isEqualTo(migrations.toAbsolutePath());
    assertThat(request.packageDirectory())
        .isEqualTo(root.resolve("out/io/naap/storage/generated").toAbsolutePath());
  }

  @Test
  void rejectsAWrongNumberOfArguments() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CodegenRequest.parse(root.toString(), "out"))
        .withMessageContaining("expected 3 arguments, got 2")
        .withMessageContaining("usage:");
  }

  @Test
  void rejectsAMissingMigrationsFolder() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                CodegenRequest.parse(
                    root.resolve("nowhere").toString(), "out", "io.naap.generated"))
        .withMessageContaining("nowhere")
        .withMessageContaining("does not exist");
  }

  @Test
  void rejectsAnInvalidPackage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CodegenRequest.parse(root.toString(), "out", "io.naap.Generated-1"))
        .withMessageContaining("io.naap.Generated-1");
  }

  @Test
  void rejectsAnOutputFolderInsideTheMigrations() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                CodegenRequest.parse(
                    root.toString(), root.resolve("generated").toString(), "io.naap.generated"))
        .withMessageContaining("must not lie inside");
  }
}
