package io.naap.app.keys;

import io.naap.api.auth.ApiKeys;
import io.naap.storage.Database;
import io.naap.storage.auth.ApiKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import picocli.CommandLine.Command;

/**
 * {@code naap keys}: the API keys of a naap database. Whoever can write the database can make keys:
 * these commands take it as the other commands do ({@code --database-url}, or the running {@code
 * naap up}).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "API keys for the HTTP API: every operation that changes state needs one, sent as"
          + " 'Authorization: Bearer <key>'. Scopes: gateway (posts telemetry), orchestrator, admin"
          + " (accepted everywhere). naap stores only a salted hash: a key is shown once, when made."
    },
    subcommands = {CreateKeyCommand.class, ListKeysCommand.class, RevokeKeyCommand.class})
public final class KeysCommand {
  static ApiKeys keys(Database database) {
    return new ApiKeys(new ApiKeyStore(database), Clock.systemUTC(), new SecureRandom());
  }
}
