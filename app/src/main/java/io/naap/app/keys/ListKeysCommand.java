package io.naap.app.keys;

import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.storage.Database;
import io.naap.storage.auth.StoredApiKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code naap keys list}: every key's id, scope, times and label; never a key. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every API key, revoked ones included, oldest first: id, scope, when it was made and"
          + " revoked (UTC), label. The keys themselves are not stored, so they cannot be shown."
    })
public final class ListKeysCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions databaseOptions;

  @Override
  public Integer call() {
    List<StoredApiKey> keys;
    try (Database database = Database.connect(databaseOptions.settings())) {
      keys = KeysCommand.keys(database).list();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (keys.isEmpty()) {
      out.println("no API keys yet: naap keys create --scope SCOPE makes one");
    } else {
      out.print(table(keys));
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String table(List<StoredApiKey> keys) {
    String format = "%-16s  %-12s  %-20s  %-20s  %s%n";
    StringBuilder text =
        new StringBuilder(
            String.format(Locale.ROOT, format, "ID", "SCOPE", "CREATED", "REVOKED", "LABEL"));
    for (StoredApiKey key : keys) {
      text.append(
          String.format(
              Locale.ROOT,
              format,
              key.id(),
              key.scope(),
              seconds(key.createdAt()),
              key.revokedAt().map(ListKeysCommand::seconds).orElse("-"),
              key.label().orElse("-")));
    }
    return text.toString();
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
