package io.naap.app.oracle;

import io.naap.attestations.EvmAddress;
import io.naap.attestations.SnapshotSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Keys;

/** Oracle operator keys made for a test: the files holding them and their addresses. */
record OperatorKeys(List<Path> files, List<EvmAddress> addresses) {
  OperatorKeys {
    files = List.copyOf(files);
    addresses = List.copyOf(addresses);
  }

  /** {@code count} new keys, each in its own file {@code operator-i.key} in {@code directory}. */
  static OperatorKeys write(Path directory, int count)
      throws IOException, GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    List<Path> files = new ArrayList<>();
    List<EvmAddress> addresses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      var pair = Keys.createEcKeyPair(random);
      Path file = directory.resolve("operator-" + i + ".key");
      Files.writeString(
          file, String.format("%064x", pair.getPrivateKey()), StandardCharsets.US_ASCII);
      files.add(file);
      addresses.add(SnapshotSigner.of(pair.getPrivateKey()).address());
    }
    return new OperatorKeys(files, addresses);
  }
}
