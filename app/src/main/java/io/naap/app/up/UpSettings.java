package io.naap.app.up;

import io.naap.indexer.config.ContractSpec;
import io.naap.indexer.decode.ProtocolContract;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@code naap up} runs with, validated.
 *
 * @param home where durable state lives (PostgreSQL cluster, chain state, dev chain seed, up.json);
 *     empty with {@code ephemeral}, which uses a temporary folder removed on exit
 * @param ephemeral throwaway state in a temporary folder
 * @param host loopback address every server listens on
 * @param apiPort HTTP API port
 * @param rpcPort anvil JSON-RPC port (unused with {@code external})
 * @param naapHome the checkout holding the contracts' npm toolchain (anvil)
 * @param loadgen whether the load generator runs (synthetic test traffic into the database)
 * @param loadgenSeed the load generator's seed
 * @param external the chain to run against instead of starting anvil ({@code --rpc})
 */
public record UpSettings(
    Optional<Path> home,
    boolean ephemeral,
    String host,
    int apiPort,
    int rpcPort,
    Path naapHome,
    boolean loadgen,
    long loadgenSeed,
    Optional<External> external) {

  /** The name naap's own oracle contract has in {@code --contract} and in the indexer. */
  static final String SLA_ORACLE = "SlaOracle";

  /** The most blocks {@code --finality-depth} may be (as for {@code naap indexer run}). */
  static final long MAX_FINALITY_DEPTH = 100_000;

  public UpSettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(naapHome, "naapHome");
    Objects.requireNonNull(external, "external");
    if (ephemeral == home.isPresent()) {
      throw new IllegalArgumentException("either a home folder or --ephemeral, not both");
    }
    checkPort("--port", apiPort);
    if (external.isEmpty()) {
      checkPort("--rpc-port", rpcPort);
      if (apiPort == rpcPort) {
        throw new IllegalArgumentException(
            "--port and --rpc-port must differ, both are " + apiPort);
      }
    }
  }

  /**
   * An existing chain naap up runs against instead of starting anvil ({@code --rpc}).
   *
   * @param rpc its JSON-RPC endpoint, http or https
   * @param profile a bundled indexer profile ({@code mainnet}); empty: the contracts this home's
   *     naap up recorded for the chain (e.g. the SlaOracle it deployed)
   * @param contracts contracts to index, added to or replacing the profile's ({@code --contract})
   * @param finalityDepth replaces the profile's finality depth
   * @param deployContracts deploy naap's own contracts (SlaOracle) unless this home recorded one
   *     for the chain that still has code
   * @param keyFile a file holding the key of a funded account, which deploys and publishes
   * @param rpcTimeout how long one JSON-RPC request of the indexer may take
   */
  public record External(
      URI rpc,
      Optional<String> profile,
      List<ContractSpec> contracts,
      OptionalLong finalityDepth,
      boolean deployContracts,
      Optional<Path> keyFile,
      Duration rpcTimeout) {
    public External {
      Objects.requireNonNull(rpc, "rpc");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(finalityDepth, "finalityDepth");
      Objects.requireNonNull(keyFile, "keyFile");
      Objects.requireNonNull(rpcTimeout, "rpcTimeout");
      contracts = List.copyOf(contracts);
      String scheme = rpc.getScheme() == null ? "" : rpc.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || rpc.getHost() == null) {
        throw new IllegalArgumentException(
            "--rpc must be an http:// or https:// URL of a JSON-RPC endpoint: " + rpc);
      }
      Set<String> names = new HashSet<>();
      for (ContractSpec contract : contracts) {
        if (ProtocolContract.byName(contract.name()).isEmpty()) {
          throw new IllegalArgumentException(
              "--contract "
                  + contract
                  + ": naap decodes no contract named "
                  + contract.name()
                  + "; the contracts it knows: "
                  + Arrays.stream(ProtocolContract.values())
                      .map(ProtocolContract::contractName)
                      .toList());
        }
        if (!names.add(contract.name())) {
          throw new IllegalArgumentException("--contract names " + contract.name() + " twice");
        }
      }
      if (finalityDepth.isPresent()
          && (finalityDepth.getAsLong() < 1 || finalityDepth.getAsLong() > MAX_FINALITY_DEPTH)) {
        throw new IllegalArgumentException(
            "--finality-depth must be 1 to "
                + MAX_FINALITY_DEPTH
                + ": "
                + finalityDepth.getAsLong());
      }
      if (deployContracts && names.contains(SLA_ORACLE)) {
        throw new IllegalArgumentException(
            "--deploy-contracts and --contract " + SLA_ORACLE + "=... exclude each other");
      }
      if (rpcTimeout.isNegative() || rpcTimeout.isZero()) {
        throw new IllegalArgumentException("--rpc-timeout must be > 0: " + rpcTimeout);
      }
    }

    /** The SlaOracle named by {@code --contract}, if any. */
    Optional<ContractSpec> slaOracle() {
      return contracts.stream().filter(contract -> contract.name().equals(SLA_ORACLE)).findFirst();
    }
  }

  private static void checkPort(String option, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(option + " must be 1..65535, got " + port);
    }
  }
}
