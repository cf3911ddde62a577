package io.naap.storage.incentives;

import static io.naap.storage.generated.Tables.INCENTIVE_CUMULATIVE;
import static io.naap.storage.generated.Tables.INCENTIVE_EPOCH;
import static io.naap.storage.generated.Tables.INCENTIVE_POOL;
import static io.naap.storage.generated.Tables.INCENTIVE_SHARE;
import static io.naap.storage.generated.Tables.INCENTIVE_SIGNATURE;
import static io.naap.storage.generated.Tables.INCENTIVE_SPLIT;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.deployment.TransactionHash;
import io.naap.storage.generated.tables.records.IncentiveEpochRecord;
import io.naap.storage.oracle.Publication;
import io.naap.storage.oracle.SignatureStore;
import io.naap.storage.oracle.StoredSignature;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;

/**
 * The distributions of one SlaFeeDistributor contract: tables {@code incentive_epoch}, {@code
 * incentive_pool}, {@code incentive_share}, {@code incentive_split}, {@code incentive_cumulative}
 * and {@code incentive_signature}. A distribution and everything computed with it are written in
 * one transaction and never rewritten; only its publication state moves.
 */
public final class IncentiveStore implements SignatureStore {
  /** Every column but the document, which can be large and is read on its own. */
  private static final List<Field<?>> WITHOUT_DOCUMENT =
      java.util.Arrays.stream(INCENTIVE_EPOCH.fields())
          .filter(field -> !field.equals(INCENTIVE_EPOCH.DOCUMENT))
          .toList();

  private final Database database;
  private final DSLContext dsl;
  private final DistributorContract distributor;

  public IncentiveStore(Database database, DistributorContract distributor) {
    this.database = Objects.requireNonNull(database, "database");
    this.dsl = database.dsl();
    this.distributor = Objects.requireNonNull(distributor, "distributor");
  }

  public DistributorContract distributor() {
    return distributor;
  }

  /**
   * An epoch's distribution with everything computed with it, as one write.
   *
   * @param document the canonical distribution JSON, whose keccak-256 is the distribution's data
   *     hash
   */
  public record Built(
      StoredDistribution distribution,
      byte[] document,
      List<PoolRow> pools,
      List<ShareRow> shares,
      List<SplitRow> splits,
      Map<EthereumAddress, BigInteger> changedCumulative) {
    public Built {
      Objects.requireNonNull(distribution, "distribution");
      document = Objects.requireNonNull(document, "document").clone();
      pools = List.copyOf(pools);
      shares = List.copyOf(shares);
      splits = List.copyOf(splits);
      changedCumulative = Map.copyOf(changedCumulative);
    }
  }

  /**
   * Stores a freshly built distribution in one transaction.
   *
   * @return false, storing nothing, when the epoch already has one
   */
  public boolean insert(Built built) {
    StoredDistribution distribution = built.distribution();
    long epoch = distribution.epoch();
    try {
      return database.inTransaction(
          tx -> {
            DSLContext t = tx.dsl();
            int inserted =
                t.insertInto(INCENTIVE_EPOCH)
                    .set(epochRecord(distribution, built.document()))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
              return false;
            }
            var pools =
                t.insertInto(
                    INCENTIVE_POOL,
                    INCENTIVE_POOL.CHAIN_ID,
                    INCENTIVE_POOL.DISTRIBUTOR,
                    INCENTIVE_POOL.EPOCH,
                    INCENTIVE_POOL.WORKLOAD,
                    INCENTIVE_POOL.FUNDED_THROUGH,
                    INCENTIVE_POOL.FUNDED,
                    INCENTIVE_POOL.CARRIED_IN,
                    INCENTIVE_POOL.DISTRIBUTED,
                    INCENTIVE_POOL.CARRIED_OUT,
                    INCENTIVE_POOL.FEES_CREDITED);
            for (PoolRow pool : built.pools()) {
              pools =
                  pools.values(
                      distributor.chainId(),
                      distributor.address().bytes(),
                      epoch,
                      pool.workload(),
                      pool.fundedThrough(),
                      pool.funded(),
                      pool.carriedIn(),
                      pool.distributed(),
                      pool.carriedOut(),
                      pool.feesCredited());
            }
            if (!built.pools().isEmpty()) {
              pools.execute();
            }
            var shares =
                t.insertInto(
                    INCENTIVE_SHARE,
                    INCENTIVE_SHARE.CHAIN_ID,
                    INCENTIVE_SHARE.DISTRIBUTOR,
                    INCENTIVE_SHARE.EPOCH,
                    INCENTIVE_SHARE.WORKLOAD,
                    INCENTIVE_SHARE.ORCHESTRATOR,
                    INCENTIVE_SHARE.AMOUNT,
                    INCENTIVE_SHARE.FAIR_FEES,
                    INCENTIVE_SHARE.FEES_CREDITED,
                    INCENTIVE_SHARE.QUALIFIES,
                    INCENTIVE_SHARE.EXPLANATION);
            for (ShareRow share : built.shares()) {
              requireEpoch(share.epoch(), epoch);
              shares =
                  shares.values(
                      distributor.chainId(),
                      distributor.address().bytes(),
                      epoch,
                      share.workload(),
                      share.orchestrator().bytes(),
                      share.amount(),
                      share.fairFees(),
                      share.feesCredited(),
                      share.qualifies(),
                      JSONB.valueOf(share.explanation()));
            }
            if (!built.shares().isEmpty()) {
              shares.execute();
            }
            var splits =
                t.insertInto(
                    INCENTIVE_SPLIT,
                    INCENTIVE_SPLIT.CHAIN_ID,
                    INCENTIVE_SPLIT.DISTRIBUTOR,
                    INCENTIVE_SPLIT.EPOCH,
                    INCENTIVE_SPLIT.KIND,
                    INCENTIVE_SPLIT.ORCHESTRATOR,
                    INCENTIVE_SPLIT.ACCOUNT,
                    INCENTIVE_SPLIT.ROLE,
                    INCENTIVE_SPLIT.AMOUNT,
                    INCENTIVE_SPLIT.STAKE,
                    INCENTIVE_SPLIT.FEE_SHARE_PPM);
            for (SplitRow split : built.splits()) {
              requireEpoch(split.epoch(), epoch);
              splits =
                  splits.values(
                      distributor.chainId(),
                      distributor.address().bytes(),
                      epoch,
                      split.kind().text(),
                      split.orchestrator().bytes(),
                      split.account().bytes(),
                      split.role().text(),
                      split.amount(),
                      split.stake().orElse(null),
                      split.feeSharePpm().isPresent() ? split.feeSharePpm().getAsLong() : null);
            }
            if (!built.splits().isEmpty()) {
              splits.execute();
            }
            var cumulative =
                t.insertInto(
                    INCENTIVE_CUMULATIVE,
                    INCENTIVE_CUMULATIVE.CHAIN_ID,
                    INCENTIVE_CUMULATIVE.DISTRIBUTOR,
                    INCENTIVE_CUMULATIVE.EPOCH,
                    INCENTIVE_CUMULATIVE.ACCOUNT,
                    INCENTIVE_CUMULATIVE.CUMULATIVE);
            for (var entry : new TreeMap<>(built.changedCumulative()).entrySet()) {
              cumulative =
                  cumulative.values(
                      distributor.chainId(),
                      distributor.address().bytes(),
                      epoch,
                      entry.getKey().bytes(),
                      entry.getValue());
            }
            if (!built.changedCumulative().isEmpty()) {
              cumulative.execute();
            }
            return true;
          });
    } catch (DataAccessException e) {
      throw failure("cannot store the distribution of epoch " + epoch, e);
    }
  }

  public Optional<StoredDistribution> distribution(long epoch) {
    try {
      return dsl.select(WITHOUT_DOCUMENT)
          .from(INCENTIVE_EPOCH)
          .where(epochIs(epoch))
          .fetchOptional()
          .map(row -> toDistribution(row.into(INCENTIVE_EPOCH)));
    } catch (DataAccessException e) {
      throw failure("cannot read the distribution of epoch " + epoch, e);
    }
  }

  /** The distribution of the highest epoch built, if any. */
  public Optional<StoredDistribution> latest() {
    try {
      return dsl.select(WITHOUT_DOCUMENT)
          .from(INCENTIVE_EPOCH)
          .where(mine(INCENTIVE_EPOCH.CHAIN_ID, INCENTIVE_EPOCH.DISTRIBUTOR))
          .orderBy(INCENTIVE_EPOCH.EPOCH.desc())
          .limit(1)
          .fetchOptional()
          .map(row -> toDistribution(row.into(INCENTIVE_EPOCH)));
    } catch (DataAccessException e) {
      throw failure("cannot read the latest distribution", e);
    }
  }

  /** The published distribution of the highest epoch (its root is on chain), if any. */
  public Optional<StoredDistribution> latestPublished() {
    List<StoredDistribution> latest =
        where(INCENTIVE_EPOCH.STATUS.eq(DistributionStatus.PUBLISHED.text()), true, 1);
    return latest.stream().findFirst();
  }

  /** Distributions still built or submitted, by epoch. */
  public List<StoredDistribution> open() {
    return where(
        INCENTIVE_EPOCH.STATUS.in(
            DistributionStatus.BUILT.text(), DistributionStatus.SUBMITTED.text()),
        false,
        Integer.MAX_VALUE);
  }

  /** Distributions of epochs in {@code [fromEpoch, toEpoch]}, by epoch. */
  public List<StoredDistribution> distributions(long fromEpoch, long toEpoch) {
    return where(INCENTIVE_EPOCH.EPOCH.between(fromEpoch, toEpoch), false, Integer.MAX_VALUE);
  }

  private List<StoredDistribution> where(Condition condition, boolean descending, int limit) {
    try {
      return dsl.select(WITHOUT_DOCUMENT)
          .from(INCENTIVE_EPOCH)
          .where(mine(INCENTIVE_EPOCH.CHAIN_ID, INCENTIVE_EPOCH.DISTRIBUTOR))
          .and(condition)
          .orderBy(descending ? INCENTIVE_EPOCH.EPOCH.desc() : INCENTIVE_EPOCH.EPOCH.asc())
          .limit(limit)
          .fetch(row -> toDistribution(row.into(INCENTIVE_EPOCH)));
    } catch (DataAccessException e) {
      throw failure("cannot read distributions", e);
    }
  }

  /** The pools of an epoch, by workload. */
  public List<PoolRow> pools(long epoch) {
    var p = INCENTIVE_POOL;
    try {
      return dsl.selectFrom(p)
          .where(mine(p.CHAIN_ID, p.DISTRIBUTOR))
          .and(p.EPOCH.eq(epoch))
          .orderBy(p.WORKLOAD)
          .fetch(
              r ->
                  new PoolRow(
                      r.getWorkload(),
                      r.getFundedThrough(),
                      r.getFunded(),
                      r.getCarriedIn(),
                      r.getDistributed(),
                      r.getCarriedOut(),
                      r.getFeesCredited()));
    } catch (DataAccessException e) {
      throw failure("cannot read the pools of epoch " + epoch, e);
    }
  }

  /** The shares of an epoch, by workload then orchestrator. */
  public List<ShareRow> shares(long epoch) {
    var s = INCENTIVE_SHARE;
    return shares(s.EPOCH.eq(epoch), "the shares of epoch " + epoch);
  }

  /** An orchestrator's shares in epochs {@code [fromEpoch, toEpoch]}, by epoch then workload. */
  public List<ShareRow> sharesOf(EthereumAddress orchestrator, long fromEpoch, long toEpoch) {
    var s = INCENTIVE_SHARE;
    return shares(
        s.ORCHESTRATOR.eq(orchestrator.bytes()).and(s.EPOCH.between(fromEpoch, toEpoch)),
        "the shares of " + orchestrator);
  }

  private List<ShareRow> shares(Condition condition, String what) {
    var s = INCENTIVE_SHARE;
    try {
      return dsl.selectFrom(s)
          .where(mine(s.CHAIN_ID, s.DISTRIBUTOR))
          .and(condition)
          .orderBy(s.EPOCH, s.WORKLOAD, s.ORCHESTRATOR)
          .fetch(
              r ->
                  new ShareRow(
                      r.getEpoch(),
                      r.getWorkload(),
                      new EthereumAddress(r.getOrchestrator()),
                      r.getAmount(),
                      r.getFairFees(),
                      r.getFeesCredited(),
                      r.getQualifies(),
                      r.getExplanation().data()));
    } catch (DataAccessException e) {
      throw failure("cannot read " + what, e);
    }
  }

  /** The splits of an epoch, by kind, orchestrator, account and role. */
  public List<SplitRow> splits(long epoch) {
    return splits(INCENTIVE_SPLIT.EPOCH.eq(epoch), "the splits of epoch " + epoch);
  }

  /** What reached an account in epochs {@code [fromEpoch, toEpoch]}, by epoch. */
  public List<SplitRow> splitsOf(EthereumAddress account, long fromEpoch, long toEpoch) {
    var s = INCENTIVE_SPLIT;
    return splits(
        s.ACCOUNT.eq(account.bytes()).and(s.EPOCH.between(fromEpoch, toEpoch)),
        "the splits of " + account);
  }

  /** How an orchestrator's totals were split in epochs {@code [fromEpoch, toEpoch]}, by epoch. */
  public List<SplitRow> splitsBy(EthereumAddress orchestrator, long fromEpoch, long toEpoch) {
    var s = INCENTIVE_SPLIT;
    return splits(
        s.ORCHESTRATOR.eq(orchestrator.bytes()).and(s.EPOCH.between(fromEpoch, toEpoch)),
        "the splits of " + orchestrator + "'s totals");
  }

  private List<SplitRow> splits(Condition condition, String what) {
    var s = INCENTIVE_SPLIT;
    try {
      return dsl.selectFrom(s)
          .where(mine(s.CHAIN_ID, s.DISTRIBUTOR))
          .and(condition)
          .orderBy(s.EPOCH, s.KIND, s.ORCHESTRATOR, s.ACCOUNT, s.ROLE)
          .fetch(
              r ->
                  new SplitRow(
                      r.getEpoch(),
                      SplitRow.Kind.of(r.getKind()),
                      new EthereumAddress(r.getOrchestrator()),
                      new EthereumAddress(r.getAccount()),
                      SplitRow.Role.of(r.getRole()),
                      r.getAmount(),
                      Optional.ofNullable(r.getStake()),
                      r.getFeeSharePpm() == null
                          ? OptionalLong.empty()
                          : OptionalLong.of(r.getFeeSharePpm())));
    } catch (DataAccessException e) {
      throw failure("cannot read " + what, e);
    }
  }

  /**
   * Every account's cumulative amount as of an epoch (its latest row at or before it), by address:
   * the leaves of that epoch's payout tree.
   */
  public Map<EthereumAddress, BigInteger> cumulativeAt(long epoch) {
    var c = INCENTIVE_CUMULATIVE;
    try {
      Map<EthereumAddress, BigInteger> amounts = new TreeMap<>();
      dsl.select(c.ACCOUNT, c.CUMULATIVE)
          .distinctOn(c.ACCOUNT)
          .from(c)
          .where(mine(c.CHAIN_ID, c.DISTRIBUTOR))
          .and(c.EPOCH.le(epoch))
          .orderBy(c.ACCOUNT, c.EPOCH.desc())
          .fetch()
          .forEach(r -> amounts.put(new EthereumAddress(r.value1()), r.value2()));
      return amounts;
    } catch (DataAccessException e) {
      throw failure("cannot read the cumulative amounts of epoch " + epoch, e);
    }
  }

  @Override
  public void addSignature(long epoch, StoredSignature signature) {
    var table = INCENTIVE_SIGNATURE;
    try {
      dsl.insertInto(table)
          .set(table.CHAIN_ID, distributor.chainId())
          .set(table.DISTRIBUTOR, distributor.address().bytes())
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
    var table = INCENTIVE_SIGNATURE;
    try {
      return dsl.selectFrom(table)
          .where(mine(table.CHAIN_ID, table.DISTRIBUTOR))
          .and(table.EPOCH.eq(epoch))
          .and(table.DIGEST.eq(digest))
          .orderBy(table.SIGNER)
          .fetch(
              r ->
                  new StoredSignature(
                      r.getEpoch(),
                      r.getConfigVersion(),
                      r.getDigest(),
                      new EthereumAddress(r.getSigner()),
                      r.getSignature(),
                      r.getSignedAt()));
    } catch (DataAccessException e) {
      throw failure("cannot read the signatures of epoch " + epoch, e);
    }
  }

  /** Records the config version the root is being signed under (a new version re-signs). */
  public void markSigning(long epoch, long configVersion) {
    var t = INCENTIVE_EPOCH;
    update(
        epoch,
        "signing",
        dsl.update(t)
            .set(t.CONFIG_VERSION, configVersion)
            .where(epochIs(epoch))
            .and(t.STATUS.eq(DistributionStatus.BUILT.text())));
  }

  /**
   * Records that a publishing transaction is about to be sent (or was): written before sending, so
   * that after a crash the service looks for it before sending another.
   */
  public void markSubmitted(long epoch, TransactionHash transaction, Instant sentAt) {
    var t = INCENTIVE_EPOCH;
    update(
        epoch,
        "submitted",
        dsl.update(t)
            .set(t.STATUS, DistributionStatus.SUBMITTED.text())
            .set(t.TX_HASH, transaction.bytes())
            .set(t.TX_SENT_AT, sentAt)
            .setNull(t.STATUS_REASON)
            .where(epochIs(epoch))
            .and(
                t.STATUS.in(DistributionStatus.BUILT.text(), DistributionStatus.SUBMITTED.text())));
  }

  /** Records the root as on chain, signed under {@code configVersion}. */
  public void markPublished(long epoch, long configVersion, Publication publication) {
    var t = INCENTIVE_EPOCH;
    update(
        epoch,
        "published",
        dsl.update(t)
            .set(t.STATUS, DistributionStatus.PUBLISHED.text())
            .set(t.TX_HASH, publication.transaction().bytes())
            .set(t.BLOCK_NUMBER, publication.blockNumber())
            .set(t.GAS_USED, publication.gasUsed())
            .set(t.SUBMITTER, publication.submitter().bytes())
            .set(t.PUBLISHED_AT, publication.publishedAt())
            .set(t.CONFIG_VERSION, configVersion)
            .setNull(t.STATUS_REASON)
            .where(epochIs(epoch))
            .and(t.STATUS.ne(DistributionStatus.PUBLISHED.text())));
  }

  /** Records that the root can never be published, and why. */
  public void markSuperseded(long epoch, String reason) {
    var t = INCENTIVE_EPOCH;
    update(
        epoch,
        "superseded",
        dsl.update(t)
            .set(t.STATUS, DistributionStatus.SUPERSEDED.text())
            .set(t.STATUS_REASON, reason)
            .where(epochIs(epoch))
            .and(t.STATUS.ne(DistributionStatus.PUBLISHED.text())));
  }

  /** Back to built, for a transaction that never landed or reverted (the reason is kept). */
  public void markRetry(long epoch, String reason) {
    var t = INCENTIVE_EPOCH;
    update(
        epoch,
        "retried",
        dsl.update(t)
            .set(t.STATUS, DistributionStatus.BUILT.text())
            .set(t.STATUS_REASON, reason)
            .where(epochIs(epoch))
            .and(t.STATUS.eq(DistributionStatus.SUBMITTED.text())));
  }

  /** Records a waiting reason on a built distribution (e.g. a pending root on chain). */
  public void markWaiting(long epoch, String reason) {
    var t = INCENTIVE_EPOCH;
    update(
        epoch,
        "waiting",
        dsl.update(t)
            .set(t.STATUS_REASON, reason)
            .where(epochIs(epoch))
            .and(t.STATUS.eq(DistributionStatus.BUILT.text())));
  }

  private void update(long epoch, String what, org.jooq.Query query) {
    try {
      query.execute();
    } catch (DataAccessException e) {
      throw failure("cannot mark the distribution of epoch " + epoch + " " + what, e);
    }
  }

  private static void requireEpoch(long rowEpoch, long epoch) {
    if (rowEpoch != epoch) {
      throw new IllegalArgumentException("a row of epoch " + rowEpoch + " in epoch " + epoch);
    }
  }

  private Condition mine(Field<Long> chainId, Field<byte[]> contract) {
    return chainId.eq(distributor.chainId()).and(contract.eq(distributor.address().bytes()));
  }

  private Condition epochIs(long epoch) {
    return mine(INCENTIVE_EPOCH.CHAIN_ID, INCENTIVE_EPOCH.DISTRIBUTOR)
        .and(INCENTIVE_EPOCH.EPOCH.eq(epoch));
  }

  private IncentiveEpochRecord epochRecord(StoredDistribution d, byte[] document) {
    IncentiveEpochRecord r = new IncentiveEpochRecord();
    r.setChainId(distributor.chainId());
    r.setDistributor(distributor.address().bytes());
    r.setEpoch(d.epoch());
    r.setStartsAt(d.startsAt());
    r.setEndsAt(d.endsAt());
    r.setRulesVersion(d.rulesVersion());
    r.setOracle(d.oracle().bytes());
    r.setStakeBlock(d.stakeBlock());
    r.setPayoutRoot(d.payoutRoot().orElse(null));
    r.setCumulativeTotal(d.cumulativeTotal());
    r.setLeafCount(d.leafCount());
    r.setUnattributedFees(d.unattributedFees());
    r.setDataHash(d.dataHash());
    r.setDocument(document);
    r.setBuiltAt(d.builtAt());
    r.setStatus(d.status().text());
    r.setStatusReason(d.statusReason().orElse(null));
    r.setConfigVersion(d.configVersion().isPresent() ? d.configVersion().getAsLong() : null);
    r.setTxHash(d.transaction().map(TransactionHash::bytes).orElse(null));
    r.setTxSentAt(d.transactionSentAt().orElse(null));
    d.publication()
        .ifPresent(
            p -> {
              r.setTxHash(p.transaction().bytes());
              r.setBlockNumber(p.blockNumber());
              r.setGasUsed(p.gasUsed());
              r.setSubmitter(p.submitter().bytes());
              r.setPublishedAt(p.publishedAt());
            });
    return r;
  }

  private static StoredDistribution toDistribution(IncentiveEpochRecord r) {
    Optional<Publication> publication =
        r.getPublishedAt() == null
            ? Optional.empty()
            : Optional.of(
                new Publication(
                    new TransactionHash(r.getTxHash()),
                    r.getBlockNumber(),
                    r.getGasUsed(),
                    new EthereumAddress(r.getSubmitter()),
                    r.getPublishedAt()));
    return new StoredDistribution(
        r.getEpoch(),
        r.getStartsAt(),
        r.getEndsAt(),
        r.getRulesVersion(),
        new EthereumAddress(r.getOracle()),
        r.getStakeBlock(),
        Optional.ofNullable(r.getPayoutRoot()),
        r.getCumulativeTotal(),
        r.getLeafCount(),
        r.getUnattributedFees(),
        r.getDataHash(),
        r.getBuiltAt(),
        DistributionStatus.of(r.getStatus()),
        Optional.ofNullable(r.getStatusReason()),
        r.getConfigVersion() == null ? OptionalLong.empty() : OptionalLong.of(r.getConfigVersion()),
        Optional.ofNullable(r.getTxHash()).map(TransactionHash::new),
        Optional.ofNullable(r.getTxSentAt()),
        publication);
  }

  private StorageException failure(String message, DataAccessException e) {
    return new StorageException(message + " (" + distributor + ")", e);
  }
}
