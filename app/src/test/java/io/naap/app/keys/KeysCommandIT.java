package io.naap.app.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.api.auth.ApiKey;
import io.naap.api.auth.ApiKeys;
import io.naap.api.auth.Authentication;
import io.naap.app.ExitCodes;
import io.naap.app.NaapCommand;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.auth.ApiKeyStore;
import io.naap.storage.auth.KeyScope;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code naap keys create|list|revoke} against a real PostgreSQL, as a user runs them. */
@ExtendWith(PostgresExtension.class)
class KeysCommandIT {
  @TempDir Path temp;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    var commandLine = NaapCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void createsAKeyThatPrintsOnceAndAuthenticates(PostgresDatabase database) {
    int exit =
        run(
            "keys",
            "create",
            "--scope",
            "gateway",
            "--label",
            "gateway eu-1",
            "--database-url",
            database.jdbcUrl());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    String text = out.toString().strip();
    assertThat(out.toString().lines()).as("the key alone on standard output").hasSize(1);
    ApiKey key = ApiKey.parse(text).orElseThrow();
    assertThat(key.scope()).isEqualTo(KeyScope.GATEWAY);
    assertThat(err.toString())
        .contains("made API key " + key.id() + " (scope gateway, label 'gateway eu-1')")
        .contains("shown only this once")
        .doesNotContain(text);
    assertThat(authenticate(database, text))
        .isEqualTo(new Authentication.Authenticated(key.id(), KeyScope.GATEWAY));

    assertThat(run("keys", "list", "--database-url", database.jdbcUrl())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("ID                SCOPE         CREATED")
        .containsPattern(
            key.id()
                + "  gateway       \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  -\\s+gateway eu-1")
        .doesNotContain(text)
        .doesNotContain(text.substring(text.length() - 43));
  }

  @Test
  void revokesAKeySoItIsRefusedAndSaysSoWhenAskedAgain(PostgresDatabase database) {
    assertThat(run("keys", "create", "--scope", "admin", "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.OK);
    String text = out.toString().strip();
    String id = ApiKey.parse(text).orElseThrow().id();

    assertThat(run("keys", "revoke", id, "--database-url", database.jdbcUrl()))
        .as(err.toString())
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .startsWith("revoked API key " + id + " (scope admin) at ")
        .contains("refused from now on");
    assertThat(authenticate(database, text)).isInstanceOf(Authentication.Refused.class);

    assertThat(run("keys", "revoke", id, "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("API key " + id + " (scope admin) was revoked already");

    assertThat(run("keys", "list", "--database-url", database.jdbcUrl())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .containsPattern(id + "  admin         \\S+Z  \\d{4}-\\d\\d-\\d\\dT\\S+Z  -");
  }

  @Test
  void revokingAnUnknownIdFails(PostgresDatabase database) {
    assertThat(run("keys", "revoke", "00000000000000ff", "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString())
        .isEqualToIgnoringNewLines(
            "naap: no API key has id 00000000000000ff (naap keys list shows them)");
  }

  @Test
  void revokeTakesAnIdNotAKeyAndNeverEchoesTheKey(PostgresDatabase database) {
    assertThat(
            run("keys", "create", "--scope", "orchestrator", "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.OK);
    String text = out.toString().strip();
    String id = ApiKey.parse(text).orElseThrow().id();

    assertThat(run("keys", "revoke", text, "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("ID is the key's id, not the key: this key's id is " + id)
        .doesNotContain(text.substring(text.length() - 43));
    assertThat(authenticate(database, text)).isInstanceOf(Authentication.Authenticated.class);

    assertThat(run("keys", "revoke", "ABC", "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("ID: a key id is 16 lowercase hex digits, got 3 characters")
        .contains("Usage: naap keys revoke");
  }

  @Test
  void listsNothingOnAFreshDatabase(@FreshDatabase PostgresDatabase database) {
    assertThat(run("keys", "list", "--database-url", database.jdbcUrl())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .isEqualToIgnoringNewLines("no API keys yet: naap keys create --scope SCOPE makes one");
  }

  @Test
  void aBadScopeOrLabelIsAUsageErrorAndMakesNothing(@FreshDatabase PostgresDatabase database) {
    assertThat(run("keys", "create", "--scope", "root", "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("--scope must be one of gateway, orchestrator, admin, got 'root'")
        .contains("Usage: naap keys create");

    assertThat(run("keys", "create", "--database-url", database.jdbcUrl()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Missing required option: '--scope=");

    assertThat(
            run(
                "keys",
                "create",
                "--scope",
                "gateway",
                "--label",
                "two\nlines",
                "--database-url",
                database.jdbcUrl()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--label: a key label must not contain control characters");

    assertThat(run("keys", "list", "--database-url", database.jdbcUrl())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).startsWith("no API keys yet");
  }

  @Test
  void withoutARunningNaapUpItSaysHowToPointAtADatabase() {
    assertThat(run("keys", "list", "--home", temp.resolve("nohome").toString()))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("start ./naap up, or pass --database-url");
  }

  private static Authentication authenticate(PostgresDatabase postgres, String key) {
    try (Database database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), "postgres", Optional.empty(), 1))) {
      return new ApiKeys(new ApiKeyStore(database), Clock.systemUTC(), new SecureRandom())
          .authenticate(key);
    }
  }
}
