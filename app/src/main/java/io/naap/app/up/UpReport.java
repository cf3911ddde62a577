package io.naap.app.up;

import io.naap.api.auth.ApiKey;
import io.naap.storage.auth.KeyScope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where everything of a running {@code naap up} is: printed once on start and written as JSON to
 * {@code up.json} in the naap home (readable by its owner only: it holds the dev API keys), for
 * people and for scripts.
 */
public record UpReport(
    long pid,
    Instant startedAt,
    Duration readyAfter,
    Path home,
    boolean ephemeral,
    Api api,
    Chain chain,
    Database database,
    List<Contract> contracts,
    Indexer indexer,
    Oracle oracle,
    Optional<Loadgen> loadgen,
    DevKeys keys) {

  public record Api(String url, String health, String metrics, String openapi) {}

  /**
   * The chain naap up runs against.
   *
   * @param external a node naap up did not start ({@code --rpc}): it has no process, state file or
   *     log of naap up's, and naap up leaves it running when it stops
   */
  public record Chain(
      String rpcUrl,
      long chainId,
      boolean external,
      OptionalLong pid,
      Optional<Path> stateFile,
      Optional<Path> log) {
    public Chain {
      Objects.requireNonNull(rpcUrl, "rpcUrl");
      Objects.requireNonNull(pid, "pid");
      Objects.requireNonNull(stateFile, "stateFile");
      Objects.requireNonNull(log, "log");
    }
  }

  public record Database(
      String jdbcUrl, String user, int port, Optional<Path> dataDirectory, long pid) {}

  public record Contract(String name, String address, long block) {}

  /**
   * The indexer running in naap up.
   *
   * @param profile {@code local} (the contracts naap up recorded for the chain) or a bundled one
   * @param finalityDepth blocks this far below the head are taken as final
   */
  public record Indexer(String profile, int finalityDepth) {
    public Indexer {
      Objects.requireNonNull(profile, "profile");
    }
  }

  /** The score oracle's publisher in naap up: running against an SlaOracle, or off and why. */
  public sealed interface Oracle {
    /**
     * @param signers the operator keys naap up signs with
     * @param threshold the signatures the contract requires
     */
    record Running(String contract, long block, Duration epochLength, int signers, int threshold)
        implements Oracle {
      public Running {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(epochLength, "epochLength");
      }
    }

    /** Not running; {@code reason} says why and what would start it. */
    record Off(String reason) implements Oracle {
      public Off {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /**
   * The load generator running in {@code naap up}.
   *
   * @param seed its seed: {@code naap up --loadgen-seed} with it replays the same fleet and load
   * @param fleet what it loads, e.g. {@code 52 synthetic orchestrators (...)}
   * @param gateways the gateway names its events carry: the test traffic marker
   */
  public record Loadgen(long seed, String fleet, List<String> gateways) {
    public Loadgen {
      gateways = List.copyOf(gateways);
    }
  }

  /**
   * The dev API keys of this run, one per scope, labelled {@code naap up dev}: valid until it stops
   * (or, if it is killed, until the next {@code naap up} on the home). Their {@code toString} hides
   * the secrets; {@link ApiKey#text()} gives them.
   */
  public record DevKeys(ApiKey gateway, ApiKey orchestrator, ApiKey admin) {
    public DevKeys {
      require(gateway, KeyScope.GATEWAY);
      require(orchestrator, KeyScope.ORCHESTRATOR);
      require(admin, KeyScope.ADMIN);
    }

    private static void require(ApiKey key, KeyScope scope) {
      Objects.requireNonNull(key, scope.code());
      if (key.scope() != scope) {
        throw new IllegalArgumentException(
            "the " + scope + " dev key is a " + key.scope() + " key");
      }
    }
  }

  public UpReport {
    contracts = List.copyOf(contracts);
    Objects.requireNonNull(indexer, "indexer");
    Objects.requireNonNull(oracle, "oracle");
    Objects.requireNonNull(loadgen, "loadgen");
    Objects.requireNonNull(keys, "keys");
  }

  String toText(Path reportFile) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT, "naap is up (ready in %.1f s)%n", readyAfter.toMillis() / 1000.0));
    text.append(String.format(Locale.ROOT, "  API        %s%n", api.url()));
    text.append(
        String.format(
            Locale.ROOT,
            "             health %s  metrics %s  OpenAPI %s%n",
            api.health(),
            api.metrics(),
            api.openapi()));
    text.append(
        String.format(
            Locale.ROOT,
            "  chain      %s  (chain id %d%s)%n",
            chain.rpcUrl(),
            chain.chainId(),
            chain.external() ? ", not started by naap up" : ""));
    text.append(String.format(Locale.ROOT, "  database   %s%n", database.jdbcUrl()));
    text.append(
        String.format(
            Locale.ROOT,
            "  API keys   gateway       %s%n"
                + "             orchestrator  %s%n"
                + "             admin         %s%n"
                + "             (dev keys, valid while this naap up runs; send 'Authorization:"
                + " Bearer <key>')%n",
            keys.gateway().text(),
            keys.orchestrator().text(),
            keys.admin().text()));
    if (loadgen.isPresent()) {
      text.append(
          String.format(
              Locale.ROOT,
              "  loadgen    seed %d: %s%n             test traffic from %s (--no-loadgen to"
                  + " disable)%n",
              loadgen.get().seed(),
              loadgen.get().fleet(),
              String.join(", ", loadgen.get().gateways())));
    } else {
      text.append(String.format(Locale.ROOT, "  loadgen    off%n"));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  indexer    profile %s, finality depth %d: %s/v1/indexer/status%n",
            indexer.profile(),
            indexer.finalityDepth(),
            api.url()));
    text.append(
        switch (oracle) {
          case Oracle.Running running ->
              String.format(
                  Locale.ROOT,
                  "  oracle     SlaOracle %s, epochs of %s, %d operator key(s) here, %d"
                      + " signatures needed%n",
                  running.contract(),
                  describe(running.epochLength()),
                  running.signers(),
                  running.threshold());
          case Oracle.Off off -> String.format(Locale.ROOT, "  oracle     off: %s%n", off.reason());
        });
    int width = contracts.stream().mapToInt(contract -> contract.name().length()).max().orElse(0);
    String first = "  contracts  ";
    for (Contract contract : contracts) {
      text.append(first)
          .append(
              String.format(
                  Locale.ROOT,
                  "%-" + width + "s  %s  (block %d)%n",
                  contract.name(),
                  contract.address(),
                  contract.block()));
      first = "             ";
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  state      %s%s%n",
            home,
            ephemeral ? "  (ephemeral: removed on exit)" : ""));
    text.append(String.format(Locale.ROOT, "  written to %s%n", reportFile));
    text.append("Press Ctrl+C to stop.");
    return text.toString();
  }

  private static String describe(Duration length) {
    return length.toHours() > 0 && length.toMinutesPart() == 0
        ? length.toHours() + " h"
        : length.toMinutes() + " min";
  }
}
