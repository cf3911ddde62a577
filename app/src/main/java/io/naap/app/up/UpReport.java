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
    Optional<Loadgen> loadgen,
    DevKeys keys) {

  public record Api(String url, String health, String metrics, String openapi) {}

  public record Chain(String rpcUrl, long chainId, long pid, Optional<Path> stateFile, Path log) {}

  public record Database(
      String jdbcUrl, String user, int port, Optional<Path> dataDirectory, long pid) {}

  public record Contract(String name, String address, long block) {}

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
            Locale.ROOT, "  chain      %s  (chain id %d)%n", chain.rpcUrl(), chain.chainId()));
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
}
