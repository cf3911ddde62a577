package io.naap.indexer.follow;

import io.naap.indexer.chain.BlockHeader;
import io.naap.indexer.chain.ChainSource;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import io.naap.indexer.decode.ProtocolContract;
import io.naap.indexer.decode.ProtocolEvent;
import io.naap.indexer.state.ProtocolLedger;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.IndexedContract;
import io.naap.storage.protocol.ProtocolEventRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.StoredBlock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Mirrors the logs of some contracts of one chain into the {@link ProtocolMirrorStore}: backfills
 * each contract from its start block, then follows the head. Reorg-safe and crash-safe:
 *
 * <ul>
 *   <li>Each chunk of blocks commits in one transaction with its events, the hashes of its blocks
 *       that are not final yet (within {@link Settings#finalityDepth()} of the head) and the
 *       checkpoints of the contracts it covers: a crash at any moment resumes from the last commit,
 *       without loss or duplicates.
 *   <li>Before each pass the newest stored block is compared with the node's block of that number;
 *       on a mismatch the stored window is walked down to the newest block both agree on (the
 *       common ancestor), and every row of the blocks above it is removed in one transaction; the
 *       canonical chain is then indexed again from there.
 *   <li>Final blocks (below the finality line) are read by adaptive {@code eth_getLogs} ranges and
 *       stored in batches of about {@link Settings#rowsPerCommit()} rows, each batch while the next
 *       is fetched and decoded (one batch being stored at a time, in block order, within the pass).
 *       The others are read one at a time: the header, which must continue its parent (the stored
 *       hash, or the previous header), then the block's logs asked by its hash (EIP-234), so logs
 *       and hash always belong to one block even when the chain moves between the calls; a block
 *       that does not continue its parent stops the pass, and the next one looks for the reorg.
 * </ul>
 *
 * Contracts are grouped by checkpoint: one {@code eth_getLogs} stream per group, and a group behind
 * another (a contract added later) stops where the next begins, so the groups merge. Not
 * thread-safe: one follower per chain and database (the store refuses a second one's chunks).
 */
public final class ChainFollower {
  /**
   * A round starts at its {@code NewRound}: that row needs its block's time, read from the block's
   * header when the node did not send it with the log.
   */
  private static final String NEW_ROUND = ProtocolEvent.NewRound.class.getSimpleName();

  private static final String ROUNDS_MANAGER = ProtocolContract.ROUNDS_MANAGER.contractName();

  /** Derives stake, delegations and unbonding locks in the transaction of each chunk. */
  private static final ProtocolLedger LEDGER = new ProtocolLedger();

  private final ChainSource source;
  private final ProtocolMirrorStore store;
  private final LogMapper mapper;
  private final long chainId;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> log;
  private final Map<String, String> nameByAddress = new HashMap<>();

  /**
   * @param finalityDepth blocks at least this far below the head are final: their hashes are not
   *     kept and a reorg below them is not looked for
   * @param maxBlocksPerPass the most blocks one pass indexes for a group (a backfill spreads over
   *     passes, so a reorg check runs between them)
   * @param rowsPerCommit final blocks' rows are stored in transactions of about this many (a chunk
   *     is never split: a block with more logs is one transaction)
   */
  public record Settings(int finalityDepth, long maxBlocksPerPass, int rowsPerCommit) {
    /** Rows of final blocks stored in one transaction: measured, see docs/BENCHMARKS.md. */
    public static final int DEFAULT_ROWS_PER_COMMIT = 25_000;

    public Settings(int finalityDepth, long maxBlocksPerPass) {
      this(finalityDepth, maxBlocksPerPass, DEFAULT_ROWS_PER_COMMIT);
    }

    public Settings {
      if (rowsPerCommit < 1) {
        throw new IllegalArgumentException("rowsPerCommit must be >= 1: " + rowsPerCommit);
      }
      if (finalityDepth < 1) {
        throw new IllegalArgumentException("the finality depth must be >= 1: " + finalityDepth);
      }
      if (maxBlocksPerPass < 1) {
        throw new IllegalArgumentException("maxBlocksPerPass must be >= 1: " + maxBlocksPerPass);
      }
    }
  }

  /** A contract to mirror: its name, address and first block. */
  public record Target(String name, EthereumAddress address, long startBlock) {
    public Target {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(address, "address");
      if (startBlock < 0) {
        throw new IllegalArgumentException(name + ": the start block must be >= 0");
      }
    }
  }

  /** What a pass did. */
  public record Pass(
      long head,
      long finalized,
      long blocksIndexed,
      long eventsStored,
      Optional<ProtocolMirrorStore.Rollback> reorg,
      boolean caughtUp) {}

  public ChainFollower(
      ChainSource source,
      ProtocolMirrorStore store,
      LogMapper mapper,
      List<Target> targets,
      Settings settings,
      Clock clock,
      Consumer<String> log) {
    this.source = Objects.requireNonNull(source, "source");
    this.store = Objects.requireNonNull(store, "store");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no contract to index");
    }
    this.chainId = source.chainId();
    for (Target target : targets) {
      String address = target.address().toHex();
      String previous = nameByAddress.putIfAbsent(address, target.name());
      if (previous != null) {
        throw new IllegalArgumentException(
            previous + " and " + target.name() + " have the same address " + address);
      }
      store.register(
          chainId, target.name(), target.address(), target.startBlock(), clock.instant());
    }
  }

  public long chainId() {
    return chainId;
  }

  /** One pass: a reorg check, then every group indexed toward the head (bounded per group). */
  public Pass pass() {
    long head = source.head();
    long finalized = Math.max(-1, head - settings.finalityDepth());
    Optional<ProtocolMirrorStore.Rollback> reorg = checkReorg(head);
    long blocks = 0;
    long events = 0;
    boolean caughtUp = true;
    TreeMap<Long, List<IndexedContract>> groups = groups();
    for (var group : groups.entrySet()) {
      long checkpoint = group.getKey();
      if (checkpoint >= head) {
        continue;
      }
      Long next = groups.higherKey(checkpoint);
      long from = checkpoint + 1;
      long to = Math.min(head, from + settings.maxBlocksPerPass() - 1);
      if (next != null) {
        to = Math.min(to, next);
      }
      Progress progress = index(group.getValue(), from, to, finalized);
      blocks += progress.through - checkpoint;
      events += progress.events;
      if (progress.through < head) {
        caughtUp = false;
      }
      if (progress.interrupted) {
        caughtUp = false;
        break;
      }
    }
    return new Pass(head, finalized, blocks, events, reorg, caughtUp && groups.size() <= 1);
  }

  private TreeMap<Long, List<IndexedContract>> groups() {
    TreeMap<Long, List<IndexedContract>> groups = new TreeMap<>();
    for (IndexedContract contract : store.contracts(chainId)) {
      if (nameByAddress.containsKey(contract.address().toHex())) {
        groups.computeIfAbsent(contract.indexedThrough(), k -> new ArrayList<>()).add(contract);
      }
    }
    return groups;
  }

  /**
   * Compares the newest stored block with the node's; on a mismatch finds the common ancestor in
   * the stored window and rolls back everything above it.
   */
  private Optional<ProtocolMirrorStore.Rollback> checkReorg(long head) {
    List<StoredBlock> window = store.blocks(chainId);
    if (window.isEmpty()) {
      return Optional.empty();
    }
    StoredBlock newest = window.getLast();
    if (newest.number() <= head && matches(newest)) {
      return Optional.empty();
    }
    long ancestor = window.getFirst().number() - 1;
    for (int i = window.size() - 1; i >= 0; i--) {
      StoredBlock block = window.get(i);
      if (block.number() <= head && matches(block)) {
        ancestor = block.number();
        break;
      }
    }
    if (ancestor < window.getFirst().number()) {
      log.accept(
          "reorg deeper than the kept window (blocks "
              + window.getFirst().number()
              + ".."
              + newest.number()
              + "): rolling back to block "
              + ancestor
              + "; raise the finality depth");
    }
    Optional<ProtocolMirrorStore.Rollback> rollback =
        store.rollback(chainId, ancestor, clock.instant());
    rollback.ifPresent(
        done ->
            log.accept(
                "reorg: blocks "
                    + (done.commonAncestor() + 1)
                    + ".."
                    + done.orphanedTo()
                    + " orphaned, "
                    + done.eventsRemoved()
                    + " events removed; indexing again from block "
                    + (done.commonAncestor() + 1)));
    return rollback;
  }

  private boolean matches(StoredBlock block) {
    try {
      return block.hasHash(hash(source.header(block.number()).hash()));
    } catch (ChainSourceException e) {
      // the node has no such block (any more): not the chain we stored
      return false;
    }
  }

  private static final class Progress {
    long through;
    long events;
    boolean interrupted;
  }

  private Progress index(List<IndexedContract> group, long from, long to, long finalized) {
    Progress progress = new Progress();
    progress.through = from - 1;
    List<String> names = group.stream().map(IndexedContract::name).toList();
    List<String> addresses = group.stream().map(contract -> contract.address().toHex()).toList();
    // final blocks (below the finality line) by ranges: no reorg reaches them. Requests stay the
    // size that fetches fastest (a few hundred logs); their rows are stored a batch at a time, so
    // that a commit (an fsync) is paid for thousands of rows, not hundreds, and each batch is
    // stored while the next one is fetched and decoded
    long finalTo = Math.min(to, finalized - 1);
    if (from <= finalTo) {
      Batch batch = new Batch(from);
      StoreAhead writer = new StoreAhead(progress);
      try {
        source.logs(
            addresses,
            from,
            finalTo,
            (chunkFrom, chunkTo, logs) -> {
              batch.rows.addAll(rows(logs, source::header));
              batch.through = chunkTo;
              if (batch.rows.size() >= settings.rowsPerCommit()) {
                writer.store(batch.through, batch.rows.size(), batch.storing(names, finalized));
                batch.reset(chunkTo + 1);
              }
              return true;
            });
        if (batch.through >= batch.from) {
          writer.store(batch.through, batch.rows.size(), batch.storing(names, finalized));
        }
      } catch (RuntimeException | Error e) {
        writer.finishAfter(e);
        throw e;
      }
      writer.finish();
      if (progress.through < finalTo) {
        progress.interrupted = true;
        return progress;
      }
    }
    // the blocks a reorg may still replace (from the finality line itself, the newest block a
    // reorg of the full depth keeps), one at a time: each block's header, checked against its
    // parent, then its logs asked by its hash (EIP-234), so logs and hash belong to one block even
    // when the chain moves between the two calls
    long first = Math.max(from, finalized);
    Map<Long, StoredBlock> stored = new HashMap<>();
    for (StoredBlock block : store.blocks(chainId)) {
      stored.put(block.number(), block);
    }
    byte[] parent = Optional.ofNullable(stored.get(first - 1)).map(StoredBlock::hash).orElse(null);
    for (long number = first; number <= to; number++) {
      BlockHeader header = source.header(number);
      byte[] hash = hash(header.hash());
      byte[] parentHash = hash(header.parentHash());
      if (parent != null && !Arrays.equals(parent, parentHash)) {
        interrupt(progress, "block " + number + " does not continue block " + (number - 1));
        return progress;
      }
      StoredBlock known = stored.get(number);
      if (known != null && !known.hasHash(hash)) {
        interrupt(progress, "block " + number + " changed since it was stored");
        return progress;
      }
      List<RawLog> logs = source.logs(addresses, header.hash());
      for (RawLog raw : logs) {
        if (!Arrays.equals(hash, hash(raw.blockHash())) || raw.blockNumber() != number) {
          interrupt(progress, "the logs asked for block " + number + " name another block");
          return progress;
        }
      }
      List<ProtocolEventRow> rows = rows(logs, blockNumber -> header);
      StoredBlock block = new StoredBlock(number, hash, parentHash);
      store.apply(
          new ProtocolMirrorStore.Chunk(
              chainId, names, number, number, rows, List.of(block), finalized),
          clock.instant(),
          LEDGER);
      stored.put(number, block);
      parent = hash;
      progress.through = number;
      progress.events += rows.size();
    }
    return progress;
  }

  /** Rows of consecutive final chunks not yet stored. */
  private final class Batch {
    long from;
    long through;
    List<ProtocolEventRow> rows;

    Batch(long from) {
      reset(from);
    }

    /** Starts again at block {@code start}, in a new list: the last one may be being stored. */
    void reset(long start) {
      from = start;
      through = start - 1;
      rows = new ArrayList<>();
    }

    /** Storing this batch: its chunk made now, stored when run. */
    Runnable storing(List<String> names, long finalized) {
      ProtocolMirrorStore.Chunk chunk =
          new ProtocolMirrorStore.Chunk(chainId, names, from, through, rows, List.of(), finalized);
      return () -> store.apply(chunk, clock.instant(), LEDGER);
    }
  }

  /**
   * Stores batches of final blocks on a virtual thread while the caller fetches and decodes the
   * next one: one at a time, each started once the one before has committed, so the checkpoints
   * move in block order, each in the transaction of its rows, as when stored inline; a failure is
   * thrown to the caller at its next batch or at {@link #finish()}. No store outlives the pass:
   * {@link #finish()} waits for the last one, even when interrupted.
   */
  private static final class StoreAhead {
    private final Progress progress;
    private FutureTask<Void> storing;
    private long through;
    private int rows;

    StoreAhead(Progress progress) {
      this.progress = progress;
    }

    /**
     * Waits for the batch being stored, then starts storing one of blocks up to {@code through}.
     */
    void store(long through, int rows, Runnable apply) {
      finish();
      FutureTask<Void> task = new FutureTask<>(apply, null);
      Thread.ofVirtual().name("naap-indexer-store-" + through).start(task);
      this.storing = task;
      this.through = through;
      this.rows = rows;
    }

    /** Waits for the batch being stored, if any, and counts it as stored; throws its failure. */
    void finish() {
      if (storing == null) {
        return;
      }
      FutureTask<Void> task = storing;
      storing = null;
      boolean interrupted = false;
      try {
        while (true) {
          try {
            task.get();
            break;
          } catch (InterruptedException e) {
            // a transaction is never abandoned halfway: it commits or rolls back on its own
            interrupted = true;
          }
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException failure) {
          throw failure;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("storing blocks up to " + through + " failed", cause);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      progress.events += rows;
      progress.through = through;
    }

    /** {@link #finish()} while {@code failure} is being thrown: the store's own is added to it. */
    void finishAfter(Throwable failure) {
      try {
        finish();
      } catch (RuntimeException | Error storeFailure) {
        if (storeFailure != failure) {
          failure.addSuppressed(storeFailure);
        }
      }
    }
  }

  /**
   * The rows of the logs of mirrored contracts, in order. A {@code NewRound} without its block's
   * time gets the timestamp of the block's header from {@code headers}, asked once per block.
   */
  private List<ProtocolEventRow> rows(List<RawLog> logs, LongFunction<BlockHeader> headers) {
    List<ProtocolEventRow> rows = new ArrayList<>(logs.size());
    Map<Long, Instant> blockTimes = null;
    for (RawLog raw : logs) {
      String name = nameByAddress.get(raw.address());
      if (name == null) {
        name = nameByAddress.get(raw.address().toLowerCase(Locale.ROOT));
      }
      if (name == null) {
        continue;
      }
      if (raw.removed()) {
        throw new ChainSourceException(
            "the node returned a removed log of block " + raw.blockNumber() + " for a fixed range");
      }
      ProtocolEventRow row = mapper.map(raw, name);
      if (row.blockTime() == null
          && row.event().equals(NEW_ROUND)
          && row.contract().equals(ROUNDS_MANAGER)) {
        if (blockTimes == null) {
          blockTimes = new HashMap<>();
        }
        row =
            row.withBlockTime(
                blockTimes.computeIfAbsent(
                    raw.blockNumber(),
                    number -> Instant.ofEpochSecond(headers.apply(number).timestamp())));
      }
      rows.add(row);
    }
    return rows;
  }

  private void interrupt(Progress progress, String why) {
    log.accept("the chain moved while it was read (" + why + "): looking for a reorg");
    progress.interrupted = true;
  }

  private static byte[] hash(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 64) {
      throw new ChainSourceException("not a 32-byte hash: " + hex);
    }
    return HexFormat.of().parseHex(digits);
  }
}
