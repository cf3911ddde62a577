package io.naap.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to start a local anvil node.
 *
 * @param binary the anvil executable (see {@link AnvilNode#binaryIn(Path)})
 * @param host loopback address to listen on
 * @param port port to listen on; 0 lets the system pick a free one
 * @param chainId chain id (31337 for local development)
 * @param accounts number of funded dev accounts
 * @param mnemonicSeed when present, dev accounts derive from a mnemonic generated from this seed
 *     (stable across restarts of a persistent node); when absent, anvil's well-known test mnemonic
 *     is used, which keeps test accounts deterministic
 * @param stateFile when present, the chain state is loaded from and periodically dumped to it, so
 *     the chain survives restarts
 * @param workDir where the node writes its log and account file; a temporary folder, removed on
 *     close, when absent
 * @param startupTimeout how long to wait for the node to answer JSON-RPC
 * @param blockInterval when present, a block is also mined every interval (whole seconds) whether
 *     or not a transaction came, as on a real chain, besides one per transaction at once (anvil's
 *     mixed mining); when absent, blocks come only with transactions
 */
public record AnvilSettings(
    Path binary,
    String host,
    int port,
    long chainId,
    int accounts,
    OptionalLong mnemonicSeed,
    Optional<Path> stateFile,
    Optional<Path> workDir,
    Duration startupTimeout,
    Optional<Duration> blockInterval) {

  public static final long LOCAL_CHAIN_ID = 31337;

  public AnvilSettings {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(mnemonicSeed, "mnemonicSeed");
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(blockInterval, "blockInterval");
    blockInterval.ifPresent(
        interval -> {
          if (interval.toSeconds() < 1 || interval.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException(
                "anvil's block interval is a whole number of seconds, at least 1: " + interval);
          }
        });
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("anvil port must be 0..65535, got " + port);
    }
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive, got " + chainId);
    }
    if (accounts < 1) {
      throw new IllegalArgumentException("anvil needs at least one dev account, got " + accounts);
    }
  }

  /** A throwaway node for tests: free loopback port, chain 31337, deterministic accounts. */
  public static AnvilSettings ephemeral(Path binary) {
    return new AnvilSettings(
        binary,
        "127.0.0.1",
        0,
        LOCAL_CHAIN_ID,
        10,
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(30),
        Optional.empty());
  }

  public AnvilSettings withPort(int newPort) {
    return new AnvilSettings(
        binary,
        host,
        newPort,
        chainId,
        accounts,
        mnemonicSeed,
        stateFile,
        workDir,
        startupTimeout,
        blockInterval);
  }

  public AnvilSettings withMnemonicSeed(long seed) {
    return new AnvilSettings(
        binary,
        host,
        port,
        chainId,
        accounts,
        OptionalLong.of(seed),
        stateFile,
        workDir,
        startupTimeout,
        blockInterval);
  }

  public AnvilSettings withStateFile(Path file) {
    return new AnvilSettings(
        binary,
        host,
        port,
        chainId,
        accounts,
        mnemonicSeed,
        Optional.of(file),
        workDir,
        startupTimeout,
        blockInterval);
  }

  public AnvilSettings withWorkDir(Path dir) {
    return new AnvilSettings(
        binary,
        host,
        port,
        chainId,
        accounts,
        mnemonicSeed,
        stateFile,
        Optional.of(dir),
        startupTimeout,
        blockInterval);
  }

  /** The same node, also mining a block every {@code interval} (see {@code blockInterval}). */
  public AnvilSettings withBlockInterval(Duration interval) {
    return new AnvilSettings(
        binary,
        host,
        port,
        chainId,
        accounts,
        mnemonicSeed,
        stateFile,
        workDir,
        startupTimeout,
        Optional.of(interval));
  }
}
