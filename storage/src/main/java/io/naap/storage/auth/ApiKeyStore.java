package io.naap.storage.auth;

import static io.naap.storage.generated.Tables.API_KEY;

import io.naap.storage.Database;
import io.naap.storage.StorageException;
import io.naap.storage.generated.tables.records.ApiKeyRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The API keys: table {@code api_key}. It stores and finds rows; making keys and checking them is
 * the API's ({@code io.naap.api.auth.ApiKeys}). A revocation takes effect at the next lookup: rows
 * are not cached.
 */
public final class ApiKeyStore {
  private final DSLContext dsl;

  public ApiKeyStore(Database database) {
    this.dsl = database.dsl();
  }

  /**
   * Stores a new key.
   *
   * @return false, storing nothing, when a key with its id exists already (the caller draws a new
   *     id)
   */
  public boolean insert(StoredApiKey key) {
    Objects.requireNonNull(key, "key");
    var table = API_KEY;
    try {
      return dsl.insertInto(table)
              .set(table.ID, key.id())
              .set(table.SCOPE, key.scope().code())
              .set(table.LABEL, key.label().orElse(null))
              .set(table.CREATED_AT, key.createdAt())
              .set(table.REVOKED_AT, key.revokedAt().orElse(null))
              .set(table.SALT, key.salt())
              .set(table.HASH, key.hash())
              .onConflict(table.ID)
              .doNothing()
              .execute()
          == 1;
    } catch (DataAccessException e) {
      throw new StorageException("cannot store API key " + key.id(), e);
    }
  }

  /** The key with this id, revoked or not. */
  public Optional<StoredApiKey> find(String id) {
    StoredApiKey.requireId(id);
    try {
      return dsl.selectFrom(API_KEY)
          .where(API_KEY.ID.eq(id))
          .fetchOptional()
          .map(ApiKeyStore::toKey);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read API key " + id, e);
    }
  }

  /** Every key, revoked ones included, oldest first (ties by id). */
  public List<StoredApiKey> all() {
    try {
      return dsl.selectFrom(API_KEY)
          .orderBy(API_KEY.CREATED_AT, API_KEY.ID)
          .fetch(ApiKeyStore::toKey);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the API keys", e);
    }
  }

  /**
   * Revokes the key {@code id} at {@code at}, or at its creation time if that is later (a clock
   * behind the one that made it).
   */
  public Revocation revoke(String id, Instant at) {
    StoredApiKey.requireId(id);
    Objects.requireNonNull(at, "at");
    var table = API_KEY;
    try {
      Optional<StoredApiKey> revoked =
          dsl.update(table)
              .set(table.REVOKED_AT, notBeforeCreation(at))
              .where(table.ID.eq(id))
              .and(table.REVOKED_AT.isNull())
              .returning()
              .fetchOptional()
              .map(ApiKeyStore::toKey);
      if (revoked.isPresent()) {
        return new Revocation.Revoked(revoked.get());
      }
      return find(id)
          .<Revocation>map(Revocation.AlreadyRevoked::new)
          .orElseGet(() -> new Revocation.Unknown(id));
    } catch (DataAccessException e) {
      throw new StorageException("cannot revoke API key " + id, e);
    }
  }

  /**
   * Revokes every valid key labelled {@code label} at {@code at} (or at its creation time if that
   * is later), such as the dev keys of an earlier {@code naap up}.
   *
   * @return the keys revoked now, oldest first
   */
  public List<StoredApiKey> revokeLabelled(String label, Instant at) {
    StoredApiKey.requireLabel(label);
    Objects.requireNonNull(at, "at");
    var table = API_KEY;
    try {
      return dsl
          .update(table)
          .set(table.REVOKED_AT, notBeforeCreation(at))
          .where(table.LABEL.eq(label))
          .and(table.REVOKED_AT.isNull())
          .returning()
          .fetch(ApiKeyStore::toKey)
          .stream()
          .sorted(
              java.util.Comparator.comparing(StoredApiKey::createdAt)
                  .thenComparing(StoredApiKey::id))
          .toList();
    } catch (DataAccessException e) {
      throw new StorageException("cannot revoke the API keys labelled '" + label + "'", e);
    }
  }

  private static Field<Instant> notBeforeCreation(Instant at) {
    return DSL.greatest(API_KEY.CREATED_AT, DSL.val(at.truncatedTo(ChronoUnit.MICROS)));
  }

  private static StoredApiKey toKey(ApiKeyRecord row) {
    try {
      return new StoredApiKey(
          row.getId(),
          KeyScope.fromCode(row.getScope())
              .orElseThrow(
                  () -> new IllegalArgumentException("unknown scope '" + row.getScope() + "'")),
          Optional.ofNullable(row.getLabel()),
          row.getCreatedAt(),
          Optional.ofNullable(row.getRevokedAt()),
          row.getSalt(),
          row.getHash());
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "row of API key " + row.getId() + " breaks the api_key rules: " + e.getMessage(), e);
    }
  }
}
