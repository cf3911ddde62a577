package io.naap.app.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class OperatorKeysTest {
  @TempDir Path temp;

  @Test
  void makesDistinctKeysOnFirstUseForItsOwnerOnlyAndKeepsThem() throws Exception {
    Path file = temp.resolve("oracle").resolve("operator-keys");

    List<Credentials> made = OperatorKeys.loadOrCreate(file, 3);

    assertThat(made).hasSize(3);
    assertThat(made.stream().map(Credentials::getAddress).distinct()).hasSize(3);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(OperatorKeys.loadOrCreate(file, 3).stream().map(Credentials::getAddress))
        .containsExactlyElementsOf(made.stream().map(Credentials::getAddress).toList());
  }

  @Test
  void refusesAFileThatHoldsSomethingElse() throws Exception {
    Path file = temp.resolve("operator-keys");
    Files.writeString(file, "not a key\n");

    assertThatThrownBy(() -> OperatorKeys.loadOrCreate(file, 3))
        .isInstanceOf(UpException.class)
        .hasMessageContaining("not a private key")
        .hasMessageContaining("remove the file");
  }

  @Test
  void refusesAFileWithAnotherNumberOfKeys() throws Exception {
    Path file = temp.resolve("operator-keys");
    OperatorKeys.loadOrCreate(file, 2);

    assertThatThrownBy(() -> OperatorKeys.loadOrCreate(file, 3))
        .isInstanceOf(UpException.class)
        .hasMessageContaining("holds 2 keys, not 3");
  }
}
