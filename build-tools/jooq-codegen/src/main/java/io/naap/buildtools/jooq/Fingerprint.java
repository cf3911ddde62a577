package io.naap.buildtools.jooq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A SHA-256 over everything the generated classes depend on: every file in the migrations folder
 * (path and content), the target package, and the generator itself (its own code and the file
 * names, which carry the versions, of the libraries it runs with: jOOQ, Flyway, the PostgreSQL
 * binaries). Kept in the output folder after a successful run; equal fingerprints mean the
 * generated classes are current.
 */
record Fingerprint(String sha256) {
  static final String FILE_NAME = ".naap-jooq-codegen.sha256";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  Fingerprint {
    Objects.requireNonNull(sha256, "sha256");
    if (!SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: " + sha256);
    }
  }

  /**
   * @param tool what identifies the generator: its class path entries and its own code
   */
  static Fingerprint of(CodegenRequest request, Tool tool) {
    MessageDigest digest = newDigest();
    field(digest, "format", "1");
    field(digest, "package", request.packageName());
    for (String entry : tool.classPath()) {
      field(digest, "classpath", entry);
    }
    field(digest, "code", tool.code());
    for (Path file : files(request.migrations())) {
      String relative = request.migrations().relativize(file).toString().replace('\\', '/');
      field(digest, "migration", relative);
      field(digest, "content", read(file));
    }
    return new Fingerprint(HexFormat.of().formatHex(digest.digest()));
  }

  /** The fingerprint of the last successful run into {@code output}, if any. */
  static Optional<Fingerprint> stored(Path output) {
    Path file = output.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).strip();
      return SHA256_HEX.matcher(content).matches()
          ? Optional.of(new Fingerprint(content))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Forgets the stored fingerprint, so that an interrupted run is never taken as current. */
  static void forget(Path output) {
    Path file = output.resolve(FILE_NAME);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  void store(Path output) {
    Path file = output.resolve(FILE_NAME);
    Path partial = output.resolve(FILE_NAME + ".partial");
    try {
      Files.createDirectories(output);
      Files.writeString(partial, sha256 + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(
            partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The generator's identity.
   *
   * @param classPath file names of its class path entries, in class path order
   * @param code the bytes of its own classes
   */
  record Tool(List<String> classPath, byte[] code) {
    Tool {
      classPath = List.copyOf(classPath);
      code = code.clone();
    }

    @Override
    public byte[] code() {
      return code.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Tool that
          && classPath.equals(that.classPath)
          && Arrays.equals(code, that.code);
    }

    @Override
    public int hashCode() {
      return 31 * classPath.hashCode() + Arrays.hashCode(code);
    }

    @Override
    public String toString() {
      return "Tool[classPath=" + classPath + ", code=" + code.length + " bytes]";
    }

    /** The bytes of the given classes, read from their class files. */
    static byte[] codeOf(Class<?>... classes) {
      MessageDigest digest = newDigest();
      for (Class<?> type : classes) {
        String resource = type.getSimpleName() + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("class file of " + type.getName() + " not found");
          }
          field(digest, type.getName(), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the class file of " + type.getName(), e);
        }
      }
      return digest.digest();
    }
  }

  private static List<Path> files(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void field(MessageDigest digest, String name, String value) {
    field(digest, name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Length-prefixed, so that no two different inputs hash the same bytes. */
  private static void field(MessageDigest digest, String name, byte[] value) {
    byte[] label = name.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(label.length).array());
    digest.update(label);
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
    digest.update(value);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
