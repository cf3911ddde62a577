package io.naap.buildtools.bindings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One compiled contract: its ABI and its bytecode, as written by contracts/scripts/compile.mjs.
 *
 * @param name the contract name, which becomes the wrapper's class name
 * @param abi the {@code <name>.abi} file
 * @param bin the {@code <name>.bin} file
 */
record ContractArtifact(String name, Path abi, Path bin) {
  public ContractArtifact {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(abi, "abi");
    Objects.requireNonNull(bin, "bin");
  }
}
