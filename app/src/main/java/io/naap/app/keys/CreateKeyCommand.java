package io.naap.app.keys;

import io.naap.api.auth.IssuedKey;
import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.storage.Database;
import io.naap.storage.auth.KeyScope;
import io.naap.storage.auth.StoredApiKey;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code naap keys create --scope SCOPE [--label TEXT]}: makes a key and prints it, alone on
 * standard output (so {@code KEY=$(naap keys create ...)} works), once: only its hash is stored.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Makes an API key and prints it once, alone on standard output; its id, scope and label go"
          + " to standard error. naap keeps only a salted hash: store the key now, in a secret"
          + " store or an environment variable (NAAP_API_KEY for naap loadgen --target)."
    })
public final class CreateKeyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions databaseOptions;

  @Option(
      names = "--scope",
      required = true,
      paramLabel = "gateway|orchestrator|admin",
      description =
          "What the key may do: gateway (post telemetry), orchestrator, or admin (every"
              + " operation).")
  private String scope;

  @Option(
      names = "--label",
      paramLabel = "TEXT",
      description =
          "Who holds the key or what it is for, shown by naap keys list: 1 to 100 characters,"
              + " no control characters.")
  private String label;

  @Override
  public Integer call() {
    KeyScope keyScope =
        KeyScope.fromCode(scope)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--scope must be one of " + KeyScope.codes() + ", got '" + scope + "'"));
    Optional<String> keyLabel = Optional.ofNullable(label);
    try {
      keyLabel.ifPresent(StoredApiKey::requireLabel);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--label: " + e.getMessage());
    }
    IssuedKey issued;
    try (Database database = Database.connect(databaseOptions.settings())) {
      issued = KeysCommand.keys(database).create(keyScope, keyLabel);
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "naap: made API key "
            + issued.key().id()
            + " (scope "
            + keyScope
            + issued.stored().label().map(text -> ", label '" + text + "'").orElse("")
            + "); it is shown only this once. Send it as 'Authorization: Bearer <key>'.");
    err.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.println(issued.key().text());
    out.flush();
    return ExitCodes.OK;
  }
}
