package io.naap.app.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The seed of the local chain's dev accounts. Generated at random on first use and kept, readable
 * by the owner only, next to the chain state it funds: dev keys are never part of the code.
 */
final class DevChainSeed {
  private DevChainSeed() {}

  static long fresh() {
    return new SecureRandom().nextLong();
  }

  static long loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        String seed = Long.toUnsignedString(fresh());
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, seed + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException raced) {
          // another writer won; read its seed below
        }
      }
      return Long.parseUnsignedLong(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException | NumberFormatException e) {
      throw new UpException(
          "cannot read the dev chain seed "
              + file
              + " ("
              + e.getMessage()
              + "): remove it together with the chain state next to it",
          e);
    }
  }
}
