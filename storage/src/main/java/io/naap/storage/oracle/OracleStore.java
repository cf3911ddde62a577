package io.naap.storage.oracle;

import static io.naap.storage.generated.Tables.ORACLE_SCORE;
import static io.naap.storage.generated.Tables.ORACLE_SETTING;
import static io.naap.storage.generated.Tables.ORACLE_SIGNATURE;
import static io.naap.storage.generated.Tables.ORACLE_SNAPSHOT;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.generated.tables.records.OracleScoreRecord;
import io.naap.storage.generated.tables.records.OracleSignatureRecord;
import io.naap.storage.generated.tables.records.OracleSnapshotRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The snapshots, scores and signatures of one SlaOracle contract: tables {@code oracle_snapshot},
 * {@code oracle_score}, {@code oracle_signature} and {@code oracle_setting}. A snapshot and its
 * scores are written in one transaction; a published snapshot is never rewritten.
 */
public final class OracleStore implements SignatureStore {
  private final Database database;
  private final DSLContext dsl;
  private final OracleContract oracle;

  public OracleStore(Database database, OracleContract oracle) {
    this.database = Objects.requireNonNull(database, "database");
    this.dsl = database.dsl();
    this.oracle = Objects.requireNonNull(oracle, "oracle");
  }

  public OracleContract oracle() {
    return oracle;
  }

  /**
   * The setting's stored value; when there is none, stores and returns {@code initial}'s (the first
   * writer wins a race, and every caller sees its value).
   */
  public String settingOrInit(String name, Supplier<String> initial) {
    Objects.requireNonNull(name, "name");
    var table = ORACLE_SETTING;
    try {
      Condition key = mine(table.CHAIN_ID, table.CONTRACT).and(table.NAME.eq(name));
      Optional<String> stored =
          dsl.select(table.VALUE).from(table).where(key).fetchOptional(0, String.class);
      if (stored.isPresent()) {
        return stored.get();
      }
      dsl.insertInto(table)
          .set(table.CHAIN_ID, oracle.chainId())
          .set(table.CONTRACT, oracle.address().bytes())
          .set(table.NAME, name)
          .set(table.VALUE, Objects.requireNonNull(initial.get(), "initial value"))
          .onConflictDoNothing()
          .execute();
      return dsl.select(table.VALUE).from(table).where(key).fetchSingle(0, String.class);
    } catch (DataAccessException e) {
      throw failure("cannot read or write the oracle setting " + name, e);
    }
  }

  /** A setting's stored value, if any. */
  public Optional<String> setting(String name) {
    var table = ORACLE_SETTING;
    try {
      return dsl.select(table.VALUE)
          .from(table)
          .where(mine(table.CHAIN_ID, table.CONTRACT))
          .and(table.NAME.eq(name))
          .fetchOptional(0, String.class);
    } catch (DataAccessException e) {
      throw failure("cannot read the oracle setting " + name, e);
    }
  }

  /** Stores a setting's value, replacing the one stored. */
  public void setSetting(String name, String value) {
    var table = ORACLE_SETTING;
    try {
      dsl.insertInto(table)
          .set(table.CHAIN_ID, oracle.chainId())
          .set(table.CONTRACT, oracle.address().bytes())
          .set(table.NAME, Objects.requireNonNull(name, "name"))
          .set(table.VALUE, Objects.requireNonNull(value, "value"))
          .onConflict(table.CHAIN_ID, table.CONTRACT, table.NAME)
          .doUpdate()
          .set(table.VALUE, org.jooq.impl.DSL.excluded(table.VALUE))
          .execute();
    } catch (DataAccessException e) {
      throw failure("cannot write the oracle setting " + name, e);
    }
  }

  /**
   * Stores a freshly built snapshot and its scores in one transaction.
   *
   * @return false, storing nothing, when the epoch already has a snapshot
   */
  public boolean insert(StoredSnapshot snapshot, List<StoredScore> scores) {
    requireMine(snapshot);
    try {
      return database.inTransaction(
          tx -> {
            int inserted =
                tx.dsl()
                    .insertInto(ORACLE_SNAPSHOT)
                    .set(snapshotRecord(snapshot))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
              return false;
            }
            insertScores(tx.dsl(), snapshot.epoch(), scores);
            return true;
          });
    } catch (DataAccessException e) {
      throw failure("cannot store the snapshot of epoch " + snapshot.epoch(), e);
    }
  }

  /**
   * Replaces the snapshot of an epoch that is still {@link SnapshotStatus#BUILT} (rebuilt for a new
   * config version), with its scores; the old one's signatures go with it.
   *
   * @return false, changing nothing, when the epoch's snapshot is no longer only built
   */
  public boolean replaceBuilt(StoredSnapshot snapshot, List<StoredScore> scores) {
    requireMine(snapshot);
    try {
      return database.inTransaction(
          tx -> {
            int deleted =
                tx.dsl()
                    .deleteFrom(ORACLE_SNAPSHOT)
                    .where(epochIs(snapshot.epoch()))
                    .and(ORACLE_SNAPSHOT.STATUS.eq(SnapshotStatus.BUILT.text()))
                    .execute();
            if (deleted == 0) {
              return false;
            }
            tx.dsl().insertInto(ORACLE_SNAPSHOT).set(snapshotRecord(snapshot)).execute();
            insertScores(tx.dsl(), snapshot.epoch(), scores);
            return true;
          });
    } catch (DataAccessException e) {
      throw failure("cannot replace the snapshot of epoch " + snapshot.epoch(), e);
    }
  }

  public Optional<StoredSnapshot> snapshot(long epoch) {
    try {
      return dsl.selectFrom(ORACLE_SNAPSHOT)
          .where(epochIs(epoch))
          .fetchOptional()
          .map(this::toSnapshot);
    } catch (DataAccessException e) {
      throw failure("cannot read the snapshot of epoch " + epoch, e);
    }
  }

  /** The snapshot of the highest epoch built, if any. */
  public Optional<StoredSnapshot> latest() {
    return latestWhere(null);
  }

  /** The published snapshot of the highest epoch, if any. */
  public Optional<StoredSnapshot> latestPublished() {
    return latestWhere(ORACLE_SNAPSHOT.STATUS.eq(SnapshotStatus.PUBLISHED.text()));
  }

  private Optional<StoredSnapshot> latestWhere(Condition condition) {
    var table = ORACLE_SNAPSHOT;
    Condition where = mine(table.CHAIN_ID, table.CONTRACT);
    if (condition != null) {
      where = where.and(condition);
    }
    try {
      return dsl.selectFrom(table)
          .where(where)
          .orderBy(table.EPOCH.desc())
          .limit(1)
          .fetchOptional()
          .map(this::toSnapshot);
    } catch (DataAccessException e) {
      throw failure("cannot read the latest snapshot", e);
    }
  }

  /** Snapshots still built or submitted, by epoch. */
  public List<StoredSnapshot> open() {
    var table = ORACLE_SNAPSHOT;
    try {
      return dsl.selectFrom(table)
          .where(mine(table.CHAIN_ID, table.CONTRACT))
          .and(table.STATUS.in(SnapshotStatus.BUILT.text(), SnapshotStatus.SUBMITTED.text()))
          .orderBy(table.EPOCH)
          .fetch(this::toSnapshot);
    } catch (DataAccessException e) {
      throw failure("cannot read the open snapshots", e);
    }
  }

  /** Snapshots of epochs in {@code [fromEpoch, toEpoch]}, by epoch. */
  public List<StoredSnapshot> snapshots(long fromEpoch, long toEpoch) {
    var table = ORACLE_SNAPSHOT;
    try {
      return dsl.selectFrom(table)
          .where(mine(table.CHAIN_ID, table.CONTRACT))
          .and(table.EPOCH.between(fromEpoch, toEpoch))
          .orderBy(table.EPOCH)
          .fetch(this::toSnapshot);
    } catch (DataAccessException e) {
      throw failure("cannot read snapshots " + fromEpoch + " to " + toEpoch, e);
    }
  }

  /** The leaves of an epoch, by orchestrator then workload. */
  public List<StoredScore> scores(long epoch) {
    var table = ORACLE_SCORE;
    try {
      return dsl.selectFrom(table)
          .where(mine(table.CHAIN_ID, table.CONTRACT))
          .and(table.EPOCH.eq(epoch))
          .orderBy(table.ORCHESTRATOR, table.WORKLOAD)
          .fetch(OracleStore::toScore);
    } catch (DataAccessException e) {
      throw failure("cannot read the scores of epoch " + epoch, e);
    }
  }

  /**
   * An orchestrator's scores in epochs {@code [fromEpoch, toEpoch]}, by epoch then workload.
   *
   * @param workload empty for every workload
   */
  public List<StoredScore> scoresOf(
      EthereumAddress orchestrator, Optional<String> workload, long fromEpoch, long toEpoch) {
    var table = ORACLE_SCORE;
    Condition where =
        mine(table.CHAIN_ID, table.CONTRACT)
            .and(table.ORCHESTRATOR.eq(orchestrator.bytes()))
            .and(table.EPOCH.between(fromEpoch, toEpoch));
    if (workload.isPresent()) {
      where = where.and(table.WORKLOAD.eq(workload.get()));
    }
    try {
      return dsl.selectFrom(table)
          .where(where)
          .orderBy(table.EPOCH, table.WORKLOAD)
          .fetch(OracleStore::toScore);
    } catch (DataAccessException e) {
      throw failure("cannot read the scores of " + orchestrator, e);
    }
  }

  @Override
  public void addSignature(long epoch, StoredSignature signature) {
    var table = ORACLE_SIGNATURE;
    try {
      dsl.insertInto(table)
          .set(table.CHAIN_ID, oracle.chainId())
          .set(table.CONTRACT, oracle.address().bytes())
          .set(table.EPOCH, epoch)
          .set(table.CONFIG_VERSION, signature.configVersion())
          .set(table.DIGEST, signature.digest())
          .set(table.SIGNER, signature.signer().bytes())
          .set(table.SIGNATURE, signature.signature())
          .set(table.SIGNED_AT, signature.signedAt())
          .onConflictDoNothing()
          .execute();
    } catch (DataAccessException e) {
      throw failure("cannot store a signature of epoch " + epoch, e);
    }
  }

  @Override
  public List<StoredSignature> signatures(long epoch, byte[] digest) {
    var table = ORACLE_SIGNATURE;
    try {
      return dsl.selectFrom(table)
          .where(mine(table.CHAIN_ID, table.CONTRACT))
          .and(table.EPOCH.eq(epoch))
          .and(table.DIGEST.eq(digest))
          .orderBy(table.SIGNER)
          .fetch(OracleStore::toSignature);
    } catch (DataAccessException e) {
      throw failure("cannot read the signatures of epoch " + epoch, e);
    }
  }

  /**
   * Records that a publishing transaction is about to be sent (or was): written before sending, so
   * that after a crash the oracle looks for it before sending another.
   */
  public void markSubmitted(long epoch, TransactionHash transaction, Instant sentAt) {
    var table = ORACLE_SNAPSHOT;
    update(
        epoch,
        "submitted",
        dsl.update(table)
            .set(table.STATUS, SnapshotStatus.SUBMITTED.text())
            .set(table.TX_HASH, transaction.bytes())
            .set(table.TX_SENT_AT, sentAt)
            .setNull(table.STATUS_REASON)
            .where(epochIs(epoch))
            .and(table.STATUS.in(SnapshotStatus.BUILT.text(), SnapshotStatus.SUBMITTED.text())));
  }

  /** Records the snapshot as on chain. */
  public void markPublished(long epoch, Publication publication) {
    var table = ORACLE_SNAPSHOT;
    update(
        epoch,
        "published",
        dsl.update(table)
            .set(table.STATUS, SnapshotStatus.PUBLISHED.text())
            .set(table.TX_HASH, publication.transaction().bytes())
            .set(table.BLOCK_NUMBER, publication.blockNumber())
            .set(table.GAS_USED, publication.gasUsed())
            .set(table.SUBMITTER, publication.submitter().bytes())
            .set(table.PUBLISHED_AT, publication.publishedAt())
            .setNull(table.STATUS_REASON)
            .where(epochIs(epoch))
            .and(table.STATUS.ne(SnapshotStatus.PUBLISHED.text())));
  }

  /** Records that the snapshot can never be published, and why. */
  public void markSuperseded(long epoch, String reason) {
    var table = ORACLE_SNAPSHOT;
    update(
        epoch,
        "superseded",
        dsl.update(table)
            .set(table.STATUS, SnapshotStatus.SUPERSEDED.text())
            .set(table.STATUS_REASON, reason)
            .where(epochIs(epoch))
            .and(table.STATUS.ne(SnapshotStatus.PUBLISHED.text())));
  }

  /** Back to built, for a transaction that never landed or reverted (the reason is kept). */
  public void markRetry(long epoch, String reason) {
    var table = ORACLE_SNAPSHOT;
    update(
        epoch,
        "retried",
        dsl.update(table)
            .set(table.STATUS, SnapshotStatus.BUILT.text())
            .set(table.STATUS_REASON, reason)
            .where(epochIs(epoch))
            .and(table.STATUS.eq(SnapshotStatus.SUBMITTED.text())));
  }

  private void update(long epoch, String what, org.jooq.Query query) {
    try {
      query.execute();
    } catch (DataAccessException e) {
      throw failure("cannot mark the snapshot of epoch " + epoch + " " + what, e);
    }
  }

  private void requireMine(StoredSnapshot snapshot) {
    if (!snapshot.oracle().equals(oracle)) {
      throw new IllegalArgumentException(
          "snapshot of " + snapshot.oracle() + " given to the store of " + oracle);
    }
  }

  private Condition mine(org.jooq.Field<Long> chainId, org.jooq.Field<byte[]> contract) {
    return chainId.eq(oracle.chainId()).and(contract.eq(oracle.address().bytes()));
  }

  private Condition epochIs(long epoch) {
    return mine(ORACLE_SNAPSHOT.CHAIN_ID, ORACLE_SNAPSHOT.CONTRACT)
        .and(ORACLE_SNAPSHOT.EPOCH.eq(epoch));
  }

  private OracleSnapshotRecord snapshotRecord(StoredSnapshot snapshot) {
    OracleSnapshotRecord record = new OracleSnapshotRecord();
    record.setChainId(oracle.chainId());
    record.setContract(oracle.address().bytes());
    record.setEpoch(snapshot.epoch());
    record.setStartsAt(snapshot.startsAt());
    record.setEndsAt(snapshot.endsAt());
    record.setRulesVersion(snapshot.rulesVersion());
    record.setConfigVersion(snapshot.configVersion());
    record.setScoresRoot(snapshot.scoresRoot());
    record.setDataHash(snapshot.dataHash());
    record.setLeafCount(snapshot.leafCount());
    record.setDocument(snapshot.document());
    record.setBuiltAt(snapshot.builtAt());
    record.setDerivedThrough(snapshot.derivedThrough().orElse(null));
    record.setStatus(snapshot.status().text());
    record.setStatusReason(snapshot.statusReason().orElse(null));
    record.setTxHash(snapshot.transaction().map(TransactionHash::bytes).orElse(null));
    record.setTxSentAt(snapshot.transactionSentAt().orElse(null));
    snapshot
        .publication()
        .ifPresent(
            publication -> {
              record.setTxHash(publication.transaction().bytes());
              record.setBlockNumber(publication.blockNumber());
              record.setGasUsed(publication.gasUsed());
              record.setSubmitter(publication.submitter().bytes());
              record.setPublishedAt(publication.publishedAt());
            });
    return record;
  }

  private void insertScores(DSLContext tx, long epoch, List<StoredScore> scores) {
    List<OracleScoreRecord> records = new ArrayList<>(scores.size());
    for (StoredScore score : scores) {
      if (score.epoch() != epoch) {
        throw new IllegalArgumentException(
            "a score of epoch " + score.epoch() + " in the snapshot of epoch " + epoch);
      }
      OracleScoreRecord record = new OracleScoreRecord();
      record.setChainId(oracle.chainId());
      record.setContract(oracle.address().bytes());
      record.setEpoch(epoch);
      record.setOrchestrator(score.orchestrator().bytes());
      record.setWorkload(score.workload());
      record.setWorkloadId(score.workloadId());
      record.setScoreBps(score.scoreBps());
      record.setFlags((short) score.flags());
      record.setKpiDigest(score.kpiDigest());
      record.setKpis(score.kpis());
      record.setGpu(score.gpu());
      record.setRegion(score.region());
      record.setPrior(score.prior());
      record.setPreviousMean(score.previous().map(StoredScore.State::mean).orElse(null));
      record.setPreviousSessions(score.previous().map(StoredScore.State::sessions).orElse(null));
      record.setStateMean(score.state().mean());
      record.setStateSessions(score.state().sessions());
      record.setMinScoreBps(score.minScoreBps());
      record.setLastActiveEpoch(score.lastActiveEpoch());
      records.add(record);
    }
    // one multi-row statement per 1,000 leaves
    for (int from = 0; from < records.size(); from += 1_000) {
      var insert = tx.insertInto(ORACLE_SCORE).set(records.get(from));
      for (OracleScoreRecord record :
          records.subList(from + 1, Math.min(records.size(), from + 1_000))) {
        insert = insert.newRecord().set(record);
      }
      insert.execute();
    }
  }

  private StoredSnapshot toSnapshot(OracleSnapshotRecord row) {
    Optional<TransactionHash> transaction =
        Optional.ofNullable(row.getTxHash()).map(TransactionHash::new);
    SnapshotStatus status = SnapshotStatus.of(row.getStatus());
    Optional<Publication> publication =
        status == SnapshotStatus.PUBLISHED
            ? Optional.of(
                new Publication(
                    transaction.orElseThrow(),
                    row.getBlockNumber(),
                    row.getGasUsed(),
                    new EthereumAddress(row.getSubmitter()),
                    row.getPublishedAt()))
            : Optional.empty();
    return new StoredSnapshot(
        oracle,
        row.getEpoch(),
        row.getStartsAt(),
        row.getEndsAt(),
        row.getRulesVersion(),
        row.getConfigVersion(),
        row.getScoresRoot(),
        row.getDataHash(),
        row.getLeafCount(),
        row.getDocument(),
        row.getBuiltAt(),
        status,
        Optional.ofNullable(row.getStatusReason()),
        transaction,
        Optional.ofNullable(row.getTxSentAt()),
        publication,
        Optional.ofNullable(row.getDerivedThrough()));
  }

  private static StoredScore toScore(OracleScoreRecord row) {
    Optional<StoredScore.State> previous =
        row.getPreviousMean() == null
            ? Optional.empty()
            : Optional.of(new StoredScore.State(row.getPreviousMean(), row.getPreviousSessions()));
    return new StoredScore(
        row.getEpoch(),
        new EthereumAddress(row.getOrchestrator()),
        row.getWorkload(),
        row.getWorkloadId(),
        row.getScoreBps(),
        row.getFlags(),
        row.getKpiDigest(),
        row.getKpis(),
        row.getGpu(),
        row.getRegion(),
        row.getPrior(),
        previous,
        new StoredScore.State(row.getStateMean(), row.getStateSessions()),
        row.getMinScoreBps(),
        row.getLastActiveEpoch());
  }

  private static StoredSignature toSignature(OracleSignatureRecord row) {
    return new StoredSignature(
        row.getEpoch(),
        row.getConfigVersion(),
        row.getDigest(),
        new EthereumAddress(row.getSigner()),
        row.getSignature(),
        row.getSignedAt());
  }

  private StorageException failure(String message, DataAccessException e) {
    return new StorageException(message + " of oracle " + oracle + ": " + e.getMessage(), e);
  }
}
