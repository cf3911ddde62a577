package io.naap.storage.auth;

import static io.naap.storage.generated.Tables.API_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/** {@code api_key} through the store and its constraints at the database. Ids are per test. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyStoreIT {
  private static final String CHECK_VIOLATION = "23514";
  private static final Instant CREATED = Instant.parse("2026-11-28T09:30:00.123456Z");

  private final SplittableRandom random = new SplittableRandom(20261128);
  private Database database;
  private ApiKeyStore store;
  private DSLContext raw;

  @BeforeAll
  void connect(PostgresDatabase postgres) {
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
    store = new ApiKeyStore(database);
    raw = DSL.using(postgres.dataSource(), SQLDialect.POSTGRES);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void roundTripsEveryColumn() {
    StoredApiKey key = key("00000000000000a1", KeyScope.ORCHESTRATOR, Optional.of("ops é ✓"));

    assertThat(store.insert(key)).isTrue();

    StoredApiKey found = store.find(key.id()).orElseThrow();
    assertThat(found).isEqualTo(key);
    assertThat(found.salt()).isEqualTo(key.salt());
    assertThat(found.hash()).isEqualTo(key.hash());
    assertThat(found.revokedAt()).isEmpty();
    assertThat(store.find("00000000000000a2")).isEmpty();
  }

  @Test
  void aTakenIdIsRefusedAndTheFirstKeyKept() {
    StoredApiKey first = key("00000000000000b1", KeyScope.GATEWAY, Optional.empty());
    StoredApiKey second = key("00000000000000b1", KeyScope.ADMIN, Optional.of("intruder"));

    assertThat(store.insert(first)).isTrue();
    assertThat(store.insert(second)).isFalse();

    assertThat(store.find(first.id())).contains(first);
  }

  @Test
  void listsEveryKeyOldestFirstRevokedOnesIncluded() {
    StoredApiKey older = key("00000000000000c2", KeyScope.GATEWAY, Optional.empty());
    StoredApiKey newer =
        new StoredApiKey(
            "00000000000000c1",
            KeyScope.ADMIN,
            Optional.empty(),
            CREATED.plusSeconds(60),
            Optional.empty(),
            bytes(16),
            bytes(32));
    store.insert(newer);
    store.insert(older);
    store.revoke(older.id(), CREATED.plusSeconds(120));

    assertThat(store.all())
        .filteredOn(key -> key.id().startsWith("00000000000000c"))
        .extracting(StoredApiKey::id, StoredApiKey::revoked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("00000000000000c2", true),
            org.assertj.core.groups.Tuple.tuple("00000000000000c1", false));
  }

  @Test
  void revokesOnceThenReportsItRevokedAndKnowsNoOtherId() {
    StoredApiKey key = key("00000000000000d1", KeyScope.GATEWAY, Optional.of("gw-1"));
    store.insert(key);
    Instant at = CREATED.plus(Duration.ofHours(1));

    Revocation first = store.revoke(key.id(), at);
    Revocation second = store.revoke(key.id(), at.plusSeconds(5));

    assertThat(first).isInstanceOf(Revocation.Revoked.class);
    assertThat(((Revocation.Revoked) first).key().revokedAt()).contains(at);
    assertThat(second).isInstanceOf(Revocation.AlreadyRevoked.class);
    assertThat(((Revocation.AlreadyRevoked) second).key().revokedAt()).contains(at);
    assertThat(store.find(key.id()).orElseThrow().revokedAt()).contains(at);
    assertThat(store.revoke("00000000000000d2", at))
        .isEqualTo(new Revocation.Unknown("00000000000000d2"));
  }

  @Test
  void aRevocationDatedBeforeTheCreationTakesTheCreationTime() {
    StoredApiKey key = key("00000000000000e1", KeyScope.GATEWAY, Optional.empty());
    store.insert(key);

    store.revoke(key.id(), CREATED.minusSeconds(30)); // a clock behind the one that made it

    assertThat(store.find(key.id()).orElseThrow().revokedAt()).contains(CREATED);
  }

  @Test
  void revokesTheValidKeysOfALabelOnly() {
    String label = "naap up dev (test " + random.nextInt(1_000_000) + ")";
    StoredApiKey a = key("00000000000000f1", KeyScope.GATEWAY, Optional.of(label));
    StoredApiKey b = key("00000000000000f2", KeyScope.ADMIN, Optional.of(label));
    StoredApiKey earlier = key("00000000000000f3", KeyScope.ORCHESTRATOR, Optional.of(label));
    StoredApiKey other = key("00000000000000f4", KeyScope.GATEWAY, Optional.of(label + "!"));
    StoredApiKey unlabelled = key("00000000000000f5", KeyScope.GATEWAY, Optional.empty());
    for (StoredApiKey key : new StoredApiKey[] {a, b, earlier, other, unlabelled}) {
      store.insert(key);
    }
    Instant before = CREATED.plusSeconds(10);
    store.revoke(earlier.id(), before);
    Instant at = CREATED.plusSeconds(20);

    assertThat(store.revokeLabelled(label, at))
        .extracting(StoredApiKey::id)
        .containsExactly(a.id(), b.id());

    assertThat(store.find(a.id()).orElseThrow().revokedAt()).contains(at);
    assertThat(store.find(b.id()).orElseThrow().revokedAt()).contains(at);
    assertThat(store.find(earlier.id()).orElseThrow().revokedAt()).contains(before);
    assertThat(store.find(other.id()).orElseThrow().revoked()).isFalse();
    assertThat(store.find(unlabelled.id()).orElseThrow().revoked()).isFalse();
    assertThat(store.revokeLabelled(label, at)).isEmpty();
  }

  @Test
  void theTableRejectsAMalformedId() {
    assertViolates("api_key_id_format", insert("00000000000000G1", "gateway", null, 16, 32));
    assertViolates("api_key_id_format", insert("0000000000000001a", "gateway", null, 16, 32));
    assertViolates("api_key_id_format", insert("", "gateway", null, 16, 32));
  }

  @Test
  void theTableRejectsAnUnknownScope() {
    assertViolates("api_key_scope_known", insert("0000000000000101", "root", null, 16, 32));
    assertViolates("api_key_scope_known", insert("0000000000000102", "Gateway", null, 16, 32));
  }

  @Test
  void theTableRejectsAnEmptyLongOrControlLabel() {
    assertViolates("api_key_label_format", insert("0000000000000201", "admin", "", 16, 32));
    assertViolates(
        "api_key_label_format", insert("0000000000000202", "admin", "x".repeat(101), 16, 32));
    assertViolates("api_key_label_format", insert("0000000000000203", "admin", "a\nb", 16, 32));
    assertViolates("api_key_label_format", insert("0000000000000204", "admin", "a\u0085b", 16, 32));
  }

  @Test
  void theTableRejectsASaltOrHashOfAnotherLength() {
    assertViolates("api_key_salt_length", insert("0000000000000301", "admin", null, 15, 32));
    assertViolates("api_key_hash_length", insert("0000000000000302", "admin", null, 16, 20));
  }

  @Test
  void theTableRejectsARevocationBeforeTheCreation() {
    assertViolates(
        "api_key_revoked_after_created",
        () ->
            raw.insertInto(API_KEY)
                .set(API_KEY.ID, "0000000000000401")
                .set(API_KEY.SCOPE, "admin")
                .set(API_KEY.CREATED_AT, CREATED)
                .set(API_KEY.REVOKED_AT, CREATED.minusNanos(1_000))
                .set(API_KEY.SALT, bytes(16))
                .set(API_KEY.HASH, bytes(32))
                .execute());
  }

  @Test
  void aRowBreakingTheRulesIsReportedNotReturned() {
    // a row the table accepts but a future scope would put there: read it as an error, by id
    raw.execute("alter table api_key drop constraint api_key_scope_known");
    try {
      insert("0000000000000501", "auditor", null, 16, 32).run();
      assertThatThrownBy(() -> store.find("0000000000000501"))
          .isInstanceOf(io.naap.storage.StorageException.class)
          .hasMessageContaining("0000000000000501")
          .hasMessageContaining("unknown scope 'auditor'");
    } finally {
      raw.execute("delete from api_key where id = '0000000000000501'");
      raw.execute(
          "alter table api_key add constraint api_key_scope_known"
              + " check (scope in ('gateway', 'orchestrator', 'admin'))");
    }
  }

  private StoredApiKey key(String id, KeyScope scope, Optional<String> label) {
    return new StoredApiKey(id, scope, label, CREATED, Optional.empty(), bytes(16), bytes(32));
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private Runnable insert(String id, String scope, String label, int salt, int hash) {
    return () ->
        raw.insertInto(API_KEY)
            .set(API_KEY.ID, id)
            .set(API_KEY.SCOPE, scope)
            .set(API_KEY.LABEL, label)
            .set(API_KEY.CREATED_AT, CREATED)
            .set(API_KEY.SALT, bytes(salt))
            .set(API_KEY.HASH, bytes(hash))
            .execute();
  }

  private static void assertViolates(String constraint, Runnable insert) {
    assertThatThrownBy(insert::run)
        .isInstanceOf(DataAccessException.class)
        .satisfies(
            error -> {
              assertThat(((DataAccessException) error).sqlState()).isEqualTo(CHECK_VIOLATION);
              assertThat(error.getCause()).isInstanceOf(PSQLException.class);
              PSQLException cause = (PSQLException) error.getCause();
              assertThat(cause.getServerErrorMessage().getConstraint()).isEqualTo(constraint);
            });
  }
}
