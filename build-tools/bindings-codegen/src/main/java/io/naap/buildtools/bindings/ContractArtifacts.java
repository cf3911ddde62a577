package io.naap.buildtools.bindings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;

/** Finds the {@code <Name>.abi} + {@code <Name>.bin} pairs of a directory. */
final class ContractArtifacts {
  static final String ABI = ".abi";
  static final String BIN = ".bin";

  private ContractArtifacts() {}

  /**
   * The pairs in {@code directory} (not its subdirectories), sorted by name.
   *
   * @throws BindingsGenerationException if the directory is missing or holds no pair, if an {@code
   *     .abi} has no {@code .bin} or the reverse, or if a name is not a Java identifier
   */
  static List<ContractArtifact> discover(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new BindingsGenerationException(
          "contracts directory "
              + directory.toAbsolutePath()
              + " does not exist: build naap-contracts first (./mvnw -pl bindings -am ...)");
    }
    Set<String> abiNames = new TreeSet<>();
    Set<String> binNames = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .forEach(
              file -> {
                if (file.endsWith(ABI)) {
                  abiNames.add(file.substring(0, file.length() - ABI.length()));
                } else if (file.endsWith(BIN)) {
                  binNames.add(file.substring(0, file.length() - BIN.length()));
                }
              });
    } catch (IOException e) {
      throw new BindingsGenerationException("cannot list " + directory.toAbsolutePath(), e);
    }
    requireSameNames(directory, abiNames, binNames, ABI, BIN);
    requireSameNames(directory, binNames, abiNames, BIN, ABI);
    if (abiNames.isEmpty()) {
      throw new BindingsGenerationException(
          "no <Name>.abi + <Name>.bin pair in "
              + directory.toAbsolutePath()
              + ": build naap-contracts first (./mvnw -pl bindings -am ...)");
    }
    List<ContractArtifact> artifacts = new ArrayList<>();
    for (String name : abiNames) {
      if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
        throw new BindingsGenerationException(
            "contract name '"
                + name
                + "' in "
                + directory.toAbsolutePath()
                + " is not a Java identifier");
      }
      artifacts.add(
          new ContractArtifact(name, directory.resolve(name + ABI), directory.resolve(name + BIN)));
    }
    artifacts.sort(Comparator.comparing(ContractArtifact::name));
    return List.copyOf(artifacts);
  }

  private static void requireSameNames(
      Path directory, Set<String> names, Set<String> others, String extension, String missing) {
    for (String name : names) {
      if (!others.contains(name)) {
        throw new BindingsGenerationException(
            name
                + extension
                + " in "
                + directory.toAbsolutePath()
                + " has no "
                + name
                + missing
                + " next to it: rebuild naap-contracts (its compile writes both)");
      }
    }
  }
}
