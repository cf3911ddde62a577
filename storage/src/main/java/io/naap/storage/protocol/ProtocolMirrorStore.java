package io.naap.storage.protocol;

import static io.naap.storage.generated.Tables.INDEXER_BLOCK;
import static io.naap.storage.generated.Tables.INDEXER_CONTRACT;
import static io.naap.storage.generated.Tables.INDEXER_REORG;
import static io.naap.storage.generated.Tables.INDEXER_STATUS;
import static io.naap.storage.generated.Tables.PROTOCOL_EVENT;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.StoreTransaction;
import io.naap.storage.telemetry.BinaryCopy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * The protocol mirror's rows: the contracts and their checkpoints, the blocks not yet final, the
 * events, and the reorgs handled. Every write that moves a checkpoint is one transaction with the
 * rows it covers, under a per-chain advisory lock, and checks the checkpoint it moves from, so two
 * indexers of one chain cannot both write a chunk (the second fails and stores nothing).
 */
public final class ProtocolMirrorStore {
  private static final String COPY_EVENTS =
      "copy protocol_event (chain_id, block_number, log_index, block_hash, block_time,"
          + " transaction_hash, contract, address, event, fields) from stdin (format binary)";
  private static final int EVENT_FIELDS = 10;

  /** The advisory lock namespace of the indexer: one lock per chain id under it. */
  private static final int LOCK_NAMESPACE = 0x6e616170;

  private final Database database;
  private final DSLContext dsl;

  public ProtocolMirrorStore(Database database) {
    this.database = Objects.requireNonNull(database, "database");
    this.dsl = database.dsl();
  }

  /** The contracts mirrored on a chain, by name. */
  public List<IndexedContract> contracts(long chainId) {
    try {
      return dsl.selectFrom(INDEXER_CONTRACT)
          .where(INDEXER_CONTRACT.CHAIN_ID.eq(chainId))
          .orderBy(INDEXER_CONTRACT.NAME)
          .fetch(
              row ->
                  new IndexedContract(
                      row.getChainId(),
                      row.getName(),
                      new EthereumAddress(row.getAddress()),
                      row.getStartBlock(),
                      row.getIndexedThrough()));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the indexed contracts of chain " + chainId, e);
    }
  }

  /**
   * Makes sure a contract is mirrored from {@code startBlock}: a new one starts there; one already
   * mirrored at the same address and start keeps its checkpoint; one whose address or start block
   * changed (a redeployment, a corrected start) loses its events and starts again, the others
   * untouched.
   *
   * @return the contract as it is now
   */
  public IndexedContract register(
      long chainId, String name, EthereumAddress address, long startBlock, Instant now) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    try {
      return database.inTransaction(
          tx -> {
            lock(tx, chainId);
            var row =
                tx.dsl()
                    .selectFrom(INDEXER_CONTRACT)
                    .where(INDEXER_CONTRACT.CHAIN_ID.eq(chainId), INDEXER_CONTRACT.NAME.eq(name))
                    .fetchOptional();
            if (row.isPresent()
                && Arrays.equals(row.get().getAddress(), address.bytes())
                && row.get().getStartBlock() == startBlock) {
              return new IndexedContract(
                  chainId, name, address, startBlock, row.get().getIndexedThrough());
            }
            if (row.isPresent()) {
              tx.dsl()
                  .deleteFrom(PROTOCOL_EVENT)
                  .where(PROTOCOL_EVENT.CHAIN_ID.eq(chainId), PROTOCOL_EVENT.CONTRACT.eq(name))
                  .execute();
            }
            tx.dsl()
                .insertInto(INDEXER_CONTRACT)
                .set(INDEXER_CONTRACT.CHAIN_ID, chainId)
                .set(INDEXER_CONTRACT.NAME, name)
                .set(INDEXER_CONTRACT.ADDRESS, address.bytes())
                .set(INDEXER_CONTRACT.START_BLOCK, startBlock)
                .set(INDEXER_CONTRACT.INDEXED_THROUGH, startBlock - 1)
                .set(INDEXER_CONTRACT.UPDATED_AT, now)
                .onConflict(INDEXER_CONTRACT.CHAIN_ID, INDEXER_CONTRACT.NAME)
                .doUpdate()
                .set(INDEXER_CONTRACT.ADDRESS, address.bytes())
                .set(INDEXER_CONTRACT.START_BLOCK, startBlock)
                .set(INDEXER_CONTRACT.INDEXED_THROUGH, startBlock - 1)
                .set(INDEXER_CONTRACT.UPDATED_AT, now)
                .execute();
            return new IndexedContract(chainId, name, address, startBlock, startBlock - 1);
          });
    } catch (DataAccessException e) {
      throw new StorageException("cannot register contract " + name + " on chain " + chainId, e);
    }
  }

  /**
   * What one chunk of the chain adds: the events of some contracts in blocks {@code from..through},
   * the hashes of its blocks that are not final yet, and the window's blocks that now are.
   *
   * @param contracts the contracts whose checkpoint moves from {@code from - 1} to {@code through}
   * @param events their logs in the chunk
   * @param blocks the chunk's blocks above the finality line (stored, replacing none)
   * @param pruneBelow stored blocks below this number are final and dropped
   */
  public record Chunk(
      long chainId,
      Collection<String> contracts,
      long from,
      long through,
      List<ProtocolEventRow> events,
      List<StoredBlock> blocks,
      long pruneBelow) {
    public Chunk {
      contracts = List.copyOf(contracts);
      events = List.copyOf(events);
      blocks = List.copyOf(blocks);
      if (contracts.isEmpty() || from > through || from < 0) {
        throw new IllegalArgumentException(
            "a chunk moves some contracts over blocks from..through: "
                + contracts
                + " "
                + from
                + ".."
                + through);
      }
    }
  }

  /**
   * Stores a chunk in one transaction: its events (binary COPY), its blocks, the checkpoints.
   *
   * @throws StorageException when a contract's checkpoint is not {@code from - 1} (another indexer
   *     moved it, or the caller skipped blocks): nothing is stored
   */
  public void apply(Chunk chunk, Instant now) {
    apply(chunk, now, ChunkDeriver.NONE);
  }

  /**
   * Stores a chunk and the state {@code deriver} derives from its events, in one transaction: the
   * deriver reads the state stored before the chunk after the checkpoints were checked, under the
   * chain's lock.
   *
   * @throws StorageException when a contract's checkpoint is not {@code from - 1}, or the deriver
   *     fails: nothing is stored
   */
  public void apply(Chunk chunk, Instant now, ChunkDeriver deriver) {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(deriver, "deriver");
    try {
      database.inTransaction(
          tx -> {
            lock(tx, chunk.chainId());
            int moved =
                tx.dsl()
                    .update(INDEXER_CONTRACT)
                    .set(INDEXER_CONTRACT.INDEXED_THROUGH, chunk.through())
                    .set(INDEXER_CONTRACT.UPDATED_AT, now)
                    .where(
                        INDEXER_CONTRACT.CHAIN_ID.eq(chunk.chainId()),
                        INDEXER_CONTRACT.NAME.in(chunk.contracts()),
                        INDEXER_CONTRACT.INDEXED_THROUGH.eq(chunk.from() - 1))
                    .execute();
            if (moved != chunk.contracts().size()) {
              throw new StorageException(
                  "the checkpoints of "
                      + chunk.contracts()
                      + " on chain "
                      + chunk.chainId()
                      + " are not all at block "
                      + (chunk.from() - 1)
                      + ": another indexer is writing, or blocks were skipped");
            }
            if (!chunk.events().isEmpty()) {
              tx.dsl()
                  .connection(
                      connection ->
                          BinaryCopy.copy(
                              connection,
                              COPY_EVENTS,
                              chunk.events(),
                              (copy, event) -> {
                                copy.row(EVENT_FIELDS);
                                copy.bigint(chunk.chainId());
                                copy.bigint(event.blockNumber());
                                copy.integer(event.logIndex());
                                copy.bytes(event.blockHash());
                                if (event.blockTime() == null) {
                                  copy.nullValue();
                                } else {
                                  copy.timestamp(event.blockTime());
                                }
                                copy.bytes(event.transactionHash());
                                copy.text(event.contract());
                                copy.bytes(event.address().bytes());
                                copy.text(event.event());
                                copy.jsonb(event.fields());
                              }));
            }
            if (!chunk.blocks().isEmpty()) {
              var insert =
                  tx.dsl()
                      .insertInto(
                          INDEXER_BLOCK,
                          INDEXER_BLOCK.CHAIN_ID,
                          INDEXER_BLOCK.NUMBER,
                          INDEXER_BLOCK.HASH,
                          INDEXER_BLOCK.PARENT_HASH);
              for (StoredBlock block : chunk.blocks()) {
                insert =
                    insert.values(
                        chunk.chainId(), block.number(), block.hash(), block.parentHash());
              }
              // another contract group may have stored the same block: the hash is the chain's
              insert
                  .onConflict(INDEXER_BLOCK.CHAIN_ID, INDEXER_BLOCK.NUMBER)
                  .doUpdate()
                  .set(INDEXER_BLOCK.HASH, org.jooq.impl.DSL.excluded(INDEXER_BLOCK.HASH))
                  .set(
                      INDEXER_BLOCK.PARENT_HASH,
                      org.jooq.impl.DSL.excluded(INDEXER_BLOCK.PARENT_HASH))
                  .execute();
            }
            tx.dsl()
                .deleteFrom(INDEXER_BLOCK)
                .where(
                    INDEXER_BLOCK.CHAIN_ID.eq(chunk.chainId()),
                    INDEXER_BLOCK.NUMBER.lt(chunk.pruneBelow()))
                .execute();
            if (!chunk.events().isEmpty()) {
              DerivedState derived =
                  deriver.derive(
                      chunk.chainId(),
                      chunk.events(),
                      ProtocolStateWriter.prior(tx.dsl(), chunk.chainId()));
              ProtocolStateWriter.write(tx.dsl(), chunk.chainId(), derived);
            }
            return null;
          });
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot store blocks "
              + chunk.from()
              + ".."
              + chunk.through()
              + " of chain "
              + chunk.chainId()
              + "; nothing of them was stored",
          e);
    }
  }

  /** The stored blocks of a chain not yet final, by number. */
  public List<StoredBlock> blocks(long chainId) {
    try {
      return dsl.selectFrom(INDEXER_BLOCK)
          .where(INDEXER_BLOCK.CHAIN_ID.eq(chainId))
          .orderBy(INDEXER_BLOCK.NUMBER)
          .fetch(row -> new StoredBlock(row.getNumber(), row.getHash(), row.getParentHash()));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the recent blocks of chain " + chainId, e);
    }
  }

  /** What a rollback removed. */
  public record Rollback(long commonAncestor, long orphanedTo, int eventsRemoved) {}

  /**
   * Undoes everything stored for blocks above {@code commonAncestor}, in one transaction: their
   * events and block hashes go, every checkpoint above it comes back to it, and the reorg is
   * recorded. Empty when nothing was stored above it.
   */
  public Optional<Rollback> rollback(long chainId, long commonAncestor, Instant now) {
    try {
      return database.inTransaction(
          tx -> {
            lock(tx, chainId);
            Long highest =
                tx.dsl()
                    .select(org.jooq.impl.DSL.max(INDEXER_CONTRACT.INDEXED_THROUGH))
                    .from(INDEXER_CONTRACT)
                    .where(INDEXER_CONTRACT.CHAIN_ID.eq(chainId))
                    .fetchOne(0, Long.class);
            if (highest == null || highest <= commonAncestor) {
              tx.dsl()
                  .deleteFrom(INDEXER_BLOCK)
                  .where(
                      INDEXER_BLOCK.CHAIN_ID.eq(chainId), INDEXER_BLOCK.NUMBER.gt(commonAncestor))
                  .execute();
              return Optional.<Rollback>empty();
            }
            ProtocolStateWriter.rollback(tx.dsl(), chainId, commonAncestor);
            int removed =
                tx.dsl()
                    .deleteFrom(PROTOCOL_EVENT)
                    .where(
                        PROTOCOL_EVENT.CHAIN_ID.eq(chainId),
                        PROTOCOL_EVENT.BLOCK_NUMBER.gt(commonAncestor))
                    .execute();
            tx.dsl()
                .deleteFrom(INDEXER_BLOCK)
                .where(INDEXER_BLOCK.CHAIN_ID.eq(chainId), INDEXER_BLOCK.NUMBER.gt(commonAncestor))
                .execute();
            tx.dsl()
                .update(INDEXER_CONTRACT)
                .set(INDEXER_CONTRACT.INDEXED_THROUGH, commonAncestor)
                .set(INDEXER_CONTRACT.UPDATED_AT, now)
                .where(
                    INDEXER_CONTRACT.CHAIN_ID.eq(chainId),
                    INDEXER_CONTRACT.INDEXED_THROUGH.gt(commonAncestor))
                .execute();
            tx.dsl()
                .insertInto(INDEXER_REORG)
                .set(INDEXER_REORG.CHAIN_ID, chainId)
                .set(INDEXER_REORG.DETECTED_AT, now)
                .set(INDEXER_REORG.COMMON_ANCESTOR, commonAncestor)
                .set(INDEXER_REORG.ORPHANED_TO, highest)
                .set(INDEXER_REORG.EVENTS_REMOVED, removed)
                .execute();
            return Optional.of(new Rollback(commonAncestor, highest, removed));
          });
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot roll chain " + chainId + " back to block " + commonAncestor, e);
    }
  }

  /**
   * Forgets everything mirrored of a chain (its contracts, checkpoints, events, blocks, reorgs and
   * status), in one transaction: the next indexer of it starts from the start blocks.
   */
  public void forget(long chainId) {
    try {
      database.inTransaction(
          tx -> {
            lock(tx, chainId);
            ProtocolStateWriter.forget(tx.dsl(), chainId);
            tx.dsl()
                .deleteFrom(PROTOCOL_EVENT)
                .where(PROTOCOL_EVENT.CHAIN_ID.eq(chainId))
                .execute();
            tx.dsl().deleteFrom(INDEXER_BLOCK).where(INDEXER_BLOCK.CHAIN_ID.eq(chainId)).execute();
            tx.dsl().deleteFrom(INDEXER_REORG).where(INDEXER_REORG.CHAIN_ID.eq(chainId)).execute();
            tx.dsl()
                .deleteFrom(INDEXER_STATUS)
                .where(INDEXER_STATUS.CHAIN_ID.eq(chainId))
                .execute();
            tx.dsl()
                .deleteFrom(INDEXER_CONTRACT)
                .where(INDEXER_CONTRACT.CHAIN_ID.eq(chainId))
                .execute();
            return null;
          });
    } catch (DataAccessException e) {
      throw new StorageException("cannot forget the mirror of chain " + chainId, e);
    }
  }

  /**
   * Vacuums the mirror's tables, for benchmarks: after {@link #forget} their rows are dead tuples
   * that a following backfill would check its keys against. Outside any transaction.
   */
  public void vacuum() {
    try {
      dsl.execute(
          "vacuum protocol_event, protocol_stake, protocol_delegator, protocol_unbonding_lock");
    } catch (DataAccessException e) {
      throw new StorageException("cannot vacuum the protocol mirror", e);
    }
  }

  /** How many reorgs were handled on a chain. */
  public long reorgCount(long chainId) {
    try {
      return dsl.fetchCount(INDEXER_REORG, INDEXER_REORG.CHAIN_ID.eq(chainId));
    } catch (DataAccessException e) {
      throw new StorageException("cannot count the reorgs of chain " + chainId, e);
    }
  }

  /** How many events are mirrored for a chain. */
  public long eventCount(long chainId) {
    try {
      return dsl.fetchCount(PROTOCOL_EVENT, PROTOCOL_EVENT.CHAIN_ID.eq(chainId));
    } catch (DataAccessException e) {
      throw new StorageException("cannot count the events of chain " + chainId, e);
    }
  }

  /** A chain's events in blocks {@code from..to}, by block and log index. */
  public List<ProtocolEventRow> events(long chainId, long from, long to) {
    try {
      return dsl.selectFrom(PROTOCOL_EVENT)
          .where(PROTOCOL_EVENT.CHAIN_ID.eq(chainId), PROTOCOL_EVENT.BLOCK_NUMBER.between(from, to))
          .orderBy(PROTOCOL_EVENT.BLOCK_NUMBER, PROTOCOL_EVENT.LOG_INDEX)
          .fetch(
              row ->
                  new ProtocolEventRow(
                      row.getBlockNumber(),
                      row.getLogIndex(),
                      row.getBlockHash(),
                      row.getBlockTime(),
                      row.getTransactionHash(),
                      row.getContract(),
                      new EthereumAddress(row.getAddress()),
                      row.getEvent(),
                      row.getFields().data()));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the events of chain " + chainId, e);
    }
  }

  /** Records what the indexer of a chain saw at its last pass (one row a chain, replaced). */
  public void recordStatus(IndexerStatusRow status) {
    Objects.requireNonNull(status, "status");
    var t = INDEXER_STATUS;
    var errors = json(status.rpcErrors());
    var unknown = json(status.unknownTopics());
    Long range = status.rangeBlocks().isPresent() ? status.rangeBlocks().getAsLong() : null;
    String failure = status.lastFailure().orElse(null);
    try {
      Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
      values.put(t.HEAD, status.head());
      values.put(t.FINALIZED, status.finalized());
      values.put(t.RANGE_BLOCKS, range);
      values.put(t.REQUESTS, status.requests());
      values.put(t.RETRIES, status.retries());
      values.put(t.RPC_ERRORS, errors);
      values.put(t.UNKNOWN_TOPICS, unknown);
      values.put(t.LAST_PASS_AT, status.lastPassAt());
      values.put(t.LAST_FAILURE, failure);
      dsl.insertInto(t)
          .set(t.CHAIN_ID, status.chainId())
          .set(values)
          .onConflict(t.CHAIN_ID)
          .doUpdate()
          .set(values)
          .execute();
    } catch (DataAccessException e) {
      throw new StorageException(
          "cannot record the indexer status of chain " + status.chainId(), e);
    }
  }

  /**
   * How many blocks the furthest-behind contract of a chain is behind {@code head}: {@code head}
   * minus the lowest checkpoint, 0 when none is behind or none is mirrored.
   */
  public long lag(long chainId, long head) {
    try {
      Long lowest =
          dsl.select(org.jooq.impl.DSL.min(INDEXER_CONTRACT.INDEXED_THROUGH))
              .from(INDEXER_CONTRACT)
              .where(INDEXER_CONTRACT.CHAIN_ID.eq(chainId))
              .fetchOne(0, Long.class);
      return lowest == null ? 0 : Math.max(0, head - lowest);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the checkpoints of chain " + chainId, e);
    }
  }

  /** The last status of a chain's indexer, empty before its first pass. */
  public Optional<IndexerStatusRow> status(long chainId) {
    return statuses().stream().filter(row -> row.chainId() == chainId).findFirst();
  }

  /** The last status of every chain indexed, by chain id. */
  public List<IndexerStatusRow> statuses() {
    var t = INDEXER_STATUS;
    try {
      return dsl.selectFrom(t)
          .orderBy(t.CHAIN_ID)
          .fetch(
              row ->
                  new IndexerStatusRow(
                      row.getChainId(),
                      row.getHead(),
                      row.getFinalized(),
                      row.getRangeBlocks() == null
                          ? java.util.OptionalLong.empty()
                          : java.util.OptionalLong.of(row.getRangeBlocks()),
                      row.getRequests(),
                      row.getRetries(),
                      counts(row.getRpcErrors()),
                      counts(row.getUnknownTopics()),
                      row.getLastPassAt(),
                      Optional.ofNullable(row.getLastFailure())));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the indexer statuses", e);
    }
  }

  /** Counts as a jsonb object built by the server (keys and values passed as arrays). */
  private static org.jooq.Field<org.jooq.JSONB> json(java.util.Map<String, Long> counts) {
    java.util.TreeMap<String, Long> sorted = new java.util.TreeMap<>(counts);
    String[] keys = sorted.keySet().toArray(String[]::new);
    String[] values = sorted.values().stream().map(String::valueOf).toArray(String[]::new);
    return org.jooq.impl.DSL.field(
        "jsonb_object({0}::text[], {1}::text[])",
        org.jooq.JSONB.class, org.jooq.impl.DSL.val(keys), org.jooq.impl.DSL.val(values));
  }

  /** A jsonb object of counts (numbers or numeric strings) read back. */
  private java.util.Map<String, Long> counts(org.jooq.JSONB json) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    dsl.fetch("select key, value from jsonb_each_text(?::jsonb)", json.data())
        .forEach(
            row -> counts.put(row.get(0, String.class), Long.parseLong(row.get(1, String.class))));
    return counts;
  }

  private static void lock(StoreTransaction tx, long chainId) {
    tx.dsl().fetch("select pg_advisory_xact_lock(?, ?)", LOCK_NAMESPACE, Long.hashCode(chainId));
  }

  /** For tests: every stored row of a chain's mirror, as comparable text, by block and log. */
  public List<String> dump(long chainId) {
    List<String> rows = new ArrayList<>();
    for (ProtocolEventRow row : events(chainId, 0, Long.MAX_VALUE)) {
      rows.add(
          row.blockNumber()
              + "/"
              + row.logIndex()
              + " "
              + java.util.HexFormat.of().formatHex(row.blockHash())
              + " "
              + (row.blockTime() == null ? "-" : row.blockTime().toString())
              + " "
              + java.util.HexFormat.of().formatHex(row.transactionHash())
              + " "
              + row.contract()
              + " "
              + row.address().toHex()
              + " "
              + row.event()
              + " "
              + row.fields());
    }
    return rows;
  }
}
