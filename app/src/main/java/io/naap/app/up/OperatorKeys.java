package io.naap.app.up;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The oracle operators' keys of {@code naap up --rpc}: made at random on first use and kept in the
 * naap home, readable by its owner only, one hex key a line. On its own anvil naap up signs with
 * the chain's dev accounts instead; on another chain it has no dev account, and signing keys need
 * no funds. Never part of the code, never printed.
 */
final class OperatorKeys {
  private OperatorKeys() {}

  /** The {@code count} keys of {@code file}, made first when it does not exist. */
  static List<Credentials> loadOrCreate(Path file, int count) {
    try {
      if (!Files.exists(file)) {
        create(file, count);
      }
      List<Credentials> keys = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        String hex = line.strip();
        if (hex.isEmpty()) {
          continue;
        }
        if (!hex.matches("0x[0-9a-f]{64}")) {
          throw new UpException(
              file + " holds a line that is not a private key: remove the file to make new keys");
        }
        keys.add(Credentials.create(hex));
      }
      if (keys.size() != count) {
        throw new UpException(
            file
                + " holds "
                + keys.size()
                + " keys, not "
                + count
                + ": remove it to make new ones");
      }
      return List.copyOf(keys);
    } catch (IOException e) {
      throw new UpException("cannot read the oracle operator keys " + file + ": " + e, e);
    }
  }

  private static void create(Path file, int count) throws IOException {
    Files.createDirectories(file.getParent());
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      BigInteger key;
      do {
        key = new BigInteger(256, random);
      } while (key.signum() == 0 || key.compareTo(Sign.CURVE_PARAMS.getN()) >= 0);
      text.append(Numeric.toHexStringWithPrefixZeroPadded(key, 64)).append('\n');
    }
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    if (Files.getFileStore(file.getParent())
        .supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(temporary, text, StandardCharsets.US_ASCII);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
