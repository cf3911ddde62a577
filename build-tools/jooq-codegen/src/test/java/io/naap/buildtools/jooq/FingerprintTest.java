package io.naap.buildtools.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  private static final Fingerprint.Tool TOOL =
      new Fingerprint.Tool(List.of("jooq-codegen-3.21.9.jar", "classes"), new byte[] {1, 2, 3});

  @TempDir Path root;
  private Path migrations;
  private CodegenRequest request;

  @BeforeEach
  void migrationsFolder() throws IOException {
    migrations = Files.createDirectories(root.resolve("db/migration"));
    write("V1__first.sql", "create table a (id bigint primary key);");
    request = new CodegenRequest(migrations, root.resolve("out"), "io.naap.storage.generated");
  }

  @Test
  void isStableForUnchangedInputs() {
    assertThat(Fingerprint.of(request, TOOL)).isEqualTo(Fingerprint.of(request, TOOL));
  }

  @Test
  void changesWhenAMigrationChanges() throws IOException {
    Fingerprint before = Fingerprint.of(request, TOOL);
    write("V1__first.sql", "create table a (id bigint primary key, name text);");
    assertThat(Fingerprint.of(request, TOOL)).isNotEqualTo(before);
  }

  @Test
  void changesWhenAMigrationIsAddedOrRenamed() throws IOException {
    Fingerprint one = Fingerprint.of(request, TOOL);
    write("V2__second.sql", "create table b (id bigint primary key);");
    Fingerprint two = Fingerprint.of(request, TOOL);
    Files.move(migrations.resolve("V2__second.sql"), migrations.resolve("V3__second.sql"));
    Fingerprint renamed = Fingerprint.of(request, TOOL);

    assertThat(List.of(one, two, renamed)).doesNotHaveDuplicates();
  }

  @Test
  void changesWithThePackageOrTheGenerator() {
    Fingerprint base = Fingerprint.of(request, TOOL);
    CodegenRequest otherPackage =
        new CodegenRequest(migrations, request.output(), "io.naap.other.generated");
    Fingerprint.Tool newerJooq =
        new Fingerprint.Tool(List.of("jooq-codegen-3.22.0.jar", "classes"), new byte[] {1, 2, 3});
    Fingerprint.Tool changedCode =
        new Fingerprint.Tool(List.of("jooq-codegen-3.21.9.jar", "classes"), new byte[] {1, 2, 4});

    assertThat(
            List.of(
                base,
                Fingerprint.of(otherPackage, TOOL),
                Fingerprint.of(request, newerJooq),
                Fingerprint.of(request, changedCode)))
        .doesNotHaveDuplicates();
  }

  @Test
  void storesAndForgets() {
    Fingerprint fingerprint = Fingerprint.of(request, TOOL);
    assertThat(Fingerprint.stored(request.output())).isEmpty();

    fingerprint.store(request.output());
    assertThat(Fingerprint.stored(request.output())).contains(fingerprint);

    Fingerprint.forget(request.output());
    assertThat(Fingerprint.stored(request.output())).isEmpty();
  }

  @Test
  void ignoresAStoredFileThatIsNoDigest() throws IOException {
    Files.createDirectories(request.output());
    Files.writeString(request.output().resolve(Fingerprint.FILE_NAME), "half-written");
    assertThat(Fingerprint.stored(request.output())).isEmpty();
  }

  @Test
  void isCurrentOnlyWhileTheGeneratedClassesExist() throws IOException {
    Fingerprint fingerprint = Fingerprint.of(request, TOOL);
    fingerprint.store(request.output());
    assertThat(JooqCodegen.isCurrent(request, fingerprint)).isFalse();

    Path table = request.packageDirectory().resolve("tables/A.java");
    Files.createDirectories(table.getParent());
    Files.writeString(table, "package io.naap.storage.generated.tables;");
    assertThat(JooqCodegen.isCurrent(request, fingerprint)).isTrue();

    write("V1__first.sql", "create table a (id bigint primary key, changed text);");
    assertThat(JooqCodegen.isCurrent(request, Fingerprint.of(request, TOOL))).isFalse();
  }

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql, StandardCharsets.UTF_8);
  }
}
