package io.naap.app.up;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code naap up} runs with, validated.
 *
 * @param home where durable state lives (PostgreSQL cluster, chain state, dev chain seed, up.json);
 *     empty with {@code ephemeral}, which uses a temporary folder removed on exit
 * @param ephemeral throwaway state in a temporary folder
 * @param host loopback address every server listens on
 * @param apiPort HTTP API port
 * @param rpcPort anvil JSON-RPC port
 * @param naapHome the checkout holding the contracts' npm toolchain (anvil)
 * @param loadgen whether the load generator runs (synthetic test traffic into the database)
 * @param loadgenSeed the load generator's seed
 */
public record UpSettings(
    Optional<Path> home,
    boolean ephemeral,
    String host,
    int apiPort,
    int rpcPort,
    Path naapHome,
    boolean loadgen,
    long loadgenSeed) {

  public UpSettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(naapHome, "naapHome");
    if (ephemeral == home.isPresent()) {
      throw new IllegalArgumentException("either a home folder or --ephemeral, not both");
    }
    checkPort("--port", apiPort);
    checkPort("--rpc-port", rpcPort);
    if (apiPort == rpcPort) {
      throw new IllegalArgumentException("--port and --rpc-port must differ, both are " + apiPort);
    }
  }

  private static void checkPort(String option, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(option + " must be 1..65535, got " + port);
    }
  }
}
