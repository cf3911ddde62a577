package io.naap.app.keys;

import io.naap.api.auth.ApiKey;
import io.naap.app.DatabaseOptions;
import io.naap.app.ExitCodes;
import io.naap.storage.Database;
import io.naap.storage.auth.Revocation;
import io.naap.storage.auth.StoredApiKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code naap keys revoke ID}: the key is refused from the next request on. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = {
      "Revokes an API key by its id (naap keys list shows them): every request with it is refused"
          + " from now on, also by a naap already running. A revoked key stays listed. Revoking a"
          + " key again changes nothing."
    })
public final class RevokeKeyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DatabaseOptions databaseOptions;

  @Parameters(paramLabel = "ID", description = "The key's id: 16 lowercase hex digits.")
  private String id;

  @Override
  public Integer call() {
    if (ApiKey.looksLikeOne(id)) {
      // a whole key given instead of its id: say which id, never echo the key
      throw new ParameterException(
          spec.commandLine(),
          "ID is the key's id, not the key"
              + ApiKey.parse(id).map(key -> ": this key's id is " + key.id()).orElse("")
              + " (naap keys list shows the ids)");
    }
    try {
      StoredApiKey.requireId(id);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "ID: " + e.getMessage() + " (naap keys list shows the ids)");
    }
    Revocation revocation;
    try (Database database = Database.connect(databaseOptions.settings())) {
      revocation = KeysCommand.keys(database).revoke(id);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return switch (revocation) {
      case Revocation.Revoked revoked -> {
        out.println(
            "revoked API key "
                + describe(revoked.key())
                + " at "
                + revoked.key().revokedAt().orElseThrow()
                + ": requests with it are refused from now on");
        out.flush();
        yield ExitCodes.OK;
      }
      case Revocation.AlreadyRevoked already -> {
        out.println(
            "API key "
                + describe(already.key())
                + " was revoked already, at "
                + already.key().revokedAt().orElseThrow());
        out.flush();
        yield ExitCodes.OK;
      }
      case Revocation.Unknown unknown -> {
        err.println("naap: no API key has id " + unknown.id() + " (naap keys list shows them)");
        err.flush();
        yield ExitCodes.FAILURE;
      }
    };
  }

  private static String describe(StoredApiKey key) {
    return key.id()
        + " (scope "
        + key.scope()
        + key.label().map(label -> ", label '" + label + "'").orElse("")
        + ")";
  }
}
