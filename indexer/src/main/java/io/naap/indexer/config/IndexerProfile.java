package io.naap.indexer.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A named set of contracts on one chain with the finality depth to use there: {@code mainnet}
 * (Arbitrum One, bundled) or one made from the command line and the local deployments.
 *
 * @param chainId the chain the contracts live on, empty when any (checked against the node)
 * @param finalityDepth blocks this far below the head are taken as final
 */
public record IndexerProfile(
    String name, OptionalLong chainId, int finalityDepth, List<ContractSpec> contracts) {
  /** The finality depth when none is configured: what Ponder uses on Arbitrum. */
  public static final int DEFAULT_FINALITY_DEPTH = 240;

  public IndexerProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chainId, "chainId");
    contracts = List.copyOf(contracts);
    if (finalityDepth < 1) {
      throw new IllegalArgumentException("the finality depth must be >= 1: " + finalityDepth);
    }
    Map<String, ContractSpec> byName = new LinkedHashMap<>();
    for (ContractSpec contract : contracts) {
      if (byName.put(contract.name(), contract) != null) {
        throw new IllegalArgumentException(name + " names " + contract.name() + " twice");
      }
    }
  }

  /** The bundled profile of that name ({@code mainnet}). */
  public static IndexerProfile bundled(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
      throw new IllegalArgumentException("no profile " + name);
    }
    String resource = name + ".profile";
    try (InputStream in = IndexerProfile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no profile " + name + " (known: mainnet)");
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled profile " + resource, e);
    }
  }

  /**
   * Reads a profile: {@code chain-id=N}, {@code finality-depth=N} and one contract a line ({@link
   * ContractSpec#parse}); {@code #} starts a comment.
   *
   * @throws IllegalArgumentException naming the line
   */
  public static IndexerProfile parse(String name, String text) {
    OptionalLong chainId = OptionalLong.empty();
    int depth = DEFAULT_FINALITY_DEPTH;
    List<ContractSpec> contracts = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        if (line.startsWith("chain-id=")) {
          chainId = OptionalLong.of(Long.parseLong(line.substring("chain-id=".length())));
        } else if (line.startsWith("finality-depth=")) {
          depth = Integer.parseInt(line.substring("finality-depth=".length()));
        } else {
          contracts.add(ContractSpec.parse(line));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "profile " + name + ", line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new IndexerProfile(name, chainId, depth, contracts);
  }

  /** This profile with the contracts of {@code overrides} replacing or added to its own. */
  public IndexerProfile with(List<ContractSpec> overrides, OptionalLong depth) {
    Map<String, ContractSpec> byName = new LinkedHashMap<>();
    contracts.forEach(contract -> byName.put(contract.name(), contract));
    overrides.forEach(contract -> byName.put(contract.name(), contract));
    return new IndexerProfile(
        name,
        chainId,
        depth.isPresent() ? Math.toIntExact(depth.getAsLong()) : finalityDepth,
        List.copyOf(byName.values()));
  }
}
