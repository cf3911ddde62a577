package io.naap.buildtools.bindings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import org.web3j.codegen.SolidityFunctionWrapperGenerator;

/**
 * Build-only tool: generates a web3j wrapper for every {@code <Name>.abi} + {@code <Name>.bin} pair
 * of a directory with web3j's {@link SolidityFunctionWrapperGenerator}.
 *
 * <p>Wrappers use Java types ({@code BigInteger}, {@code String}, {@code byte[]}) and 20-byte
 * addresses. The package directory is owned by this tool: before generating, it deletes the
 * wrappers of contracts that no longer exist. When the inputs have not changed since the last run
 * (a SHA-256 kept next to the wrappers), it writes nothing, so the compiler has nothing to redo.
 */
public final class BindingsGenerator {
  static final String FINGERPRINT_FILE = ".naap-bindings.sha256";
  static final String USAGE =
      "usage: BindingsGenerator <contracts dir with Name.abi + Name.bin> <output source dir> <java"
          + " package>";

  /** Bump when a change here changes the generated code. */
  private static final String FORMAT = "naap-bindings/1 javaTypes addressLength=20";

  private static final int ADDRESS_LENGTH_BYTES = 20;
  private static final boolean USE_JAVA_NATIVE_TYPES = true;
  private static final boolean USE_JAVA_PRIMITIVE_TYPES = false;

  private final Path contractsDirectory;
  private final Path outputDirectory;
  private final String javaPackage;

  public BindingsGenerator(Path contractsDirectory, Path outputDirectory, String javaPackage) {
    this.contractsDirectory = Objects.requireNonNull(contractsDirectory, "contractsDirectory");
    this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(javaPackage, "javaPackage");
    if (!SourceVersion.isName(javaPackage)) {
      throw new BindingsGenerationException("'" + javaPackage + "' is not a Java package name");
    }
    this.javaPackage = javaPackage;
  }

  /**
   * Entry point for {@code exec:java}: {@code <contracts dir> <output source dir> <java package>}.
   * Any failure propagates as an exception, which fails the build.
   */
  public static void main(String[] args) {
    if (args.length != 3) {
      throw new BindingsGenerationException(USAGE);
    }
    GenerationOutcome outcome =
        new BindingsGenerator(Path.of(args[0]), Path.of(args[1]), args[2]).generate();
    String verb = outcome instanceof GenerationOutcome.Generated ? "generated" : "up to date:";
    System.out.println(
        "naap bindings: "
            + verb
            + " "
            + outcome.wrappers().size()
            + " wrapper(s) in "
            + args[2]
            + " "
            + outcome.wrappers().stream().map(path -> path.getFileName().toString()).toList());
  }

  /**
   * Generates the wrappers, or leaves them alone when they already match the inputs.
   *
   * @throws BindingsGenerationException if the inputs are missing or inconsistent, or web3j fails
   */
  public GenerationOutcome generate() {
    List<ContractArtifact> artifacts = ContractArtifacts.discover(contractsDirectory);
    Path packageDirectory = outputDirectory.resolve(javaPackage.replace('.', '/'));
    List<Path> wrappers =
        artifacts.stream()
            .map(artifact -> packageDirectory.resolve(className(artifact.name()) + ".java"))
            .toList();
    String fingerprint = fingerprint(artifacts);
    Path fingerprintFile = packageDirectory.resolve(FINGERPRINT_FILE);
    if (upToDate(packageDirectory, fingerprintFile, fingerprint, wrappers)) {
      return new GenerationOutcome.UpToDate(wrappers);
    }
    clean(packageDirectory);
    for (ContractArtifact artifact : artifacts) {
      generateWrapper(artifact);
    }
    for (Path wrapper : wrappers) {
      if (!Files.isRegularFile(wrapper)) {
        throw new BindingsGenerationException(
            "web3j wrote no " + wrapper + ": check that the ABI file is a valid JSON ABI array");
      }
    }
    write(fingerprintFile, fingerprint);
    return new GenerationOutcome.Generated(wrappers);
  }

  private void generateWrapper(ContractArtifact artifact) {
    try {
      new SolidityFunctionWrapperGenerator(
              artifact.bin().toFile(),
              artifact.abi().toFile(),
              outputDirectory.toFile(),
              artifact.name(),
              javaPackage,
              USE_JAVA_NATIVE_TYPES,
              USE_JAVA_PRIMITIVE_TYPES,
              ADDRESS_LENGTH_BYTES)
          .generate();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new BindingsGenerationException(
          "web3j could not generate the wrapper of "
              + artifact.name()
              + " from "
              + artifact.abi()
              + " and "
              + artifact.bin()
              + ": "
              + e,
          e);
    }
  }

  /** web3j names the wrapper class after the contract, first letter capitalised. */
  static String className(String contractName) {
    return Character.toUpperCase(contractName.charAt(0)) + contractName.substring(1);
  }

  private String fingerprint(List<ContractArtifact> artifacts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
    update(digest, FORMAT);
    update(digest, codegenLocation());
    update(digest, javaPackage);
    for (ContractArtifact artifact : artifacts) {
      update(digest, artifact.name());
      update(digest, read(artifact.abi()));
      update(digest, read(artifact.bin()));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The codegen jar (its path names its version), so that a web3j upgrade regenerates. */
  private static String codegenLocation() {
    return Optional.ofNullable(
            SolidityFunctionWrapperGenerator.class.getProtectionDomain().getCodeSource())
        .map(CodeSource::getLocation)
        .map(Object::toString)
        .orElse("unknown web3j codegen");
  }

  private static void update(MessageDigest digest, String value) {
    update(digest, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void update(MessageDigest digest, byte[] value) {
    digest.update(Integer.toString(value.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(value);
  }

  private static boolean upToDate(
      Path packageDirectory, Path fingerprintFile, String fingerprint, List<Path> wrappers) {
    if (!Files.isRegularFile(fingerprintFile)
        || !new String(read(fingerprintFile), StandardCharsets.UTF_8).strip().equals(fingerprint)) {
      return false;
    }
    return javaFiles(packageDirectory).equals(wrappers.stream().sorted().toList());
  }

  private static void clean(Path packageDirectory) {
    List<Path> stale = new ArrayList<>(javaFiles(packageDirectory));
    stale.add(packageDirectory.resolve(FINGERPRINT_FILE));
    try {
      for (Path file : stale) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new BindingsGenerationException("cannot clean " + packageDirectory, e);
    }
  }

  private static List<Path> javaFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".java"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new BindingsGenerationException("cannot list " + directory, e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BindingsGenerationException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BindingsGenerationException("cannot write " + file, e);
    }
  }
}
