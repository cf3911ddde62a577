package io.naap.indexer.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.indexer.chain.BlockHeader;
import io.naap.indexer.chain.ChainSource;
import io.naap.indexer.chain.ChainSourceException;
import io.naap.indexer.chain.RawLog;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.storage.protocol.IndexedContract;
import io.naap.storage.protocol.ProtocolEventRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backfill stores each batch of final blocks while it fetches and decodes the next: the batches
 * still commit in block order, each with its checkpoint; a batch the database refuses, or a fetch
 * that fails, ends the pass with that failure, with every batch before it stored and nothing after
 * it, and nothing is written once the pass has returned.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillPipelineIT {
  private static final String CONTRACT = "Synthetic";
  private static final String ADDRESS = "0x00000000000000000000000000000000000000aa";
  private static final long HEAD = 1_000;
  private static final int LOGS_PER_BLOCK = 3;
  private static final int BLOCKS_PER_CHUNK = 7;

  private Database database;

  @BeforeAll
  void connect(PostgresDatabase postgres) {
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void aBackfillStoresEveryBatchInBlockOrderWithItsCheckpoint() {
    ProtocolMirrorStore store = new ProtocolMirrorStore(database);
    SyntheticChain chain = new SyntheticChain(101, -1);
    ChainFollower follower = follower(chain, store, row -> row);

    ChainFollower.Pass pass = follower.pass();

    assertThat(pass.caughtUp()).isTrue();
    assertThat(pass.eventsStored()).isEqualTo((HEAD + 1) * LOGS_PER_BLOCK);
    assertThat(checkpoint(store, chain)).isEqualTo(HEAD);
    List<ProtocolEventRow> rows = store.events(chain.chainId(), 0, HEAD);
    assertThat(rows).hasSize((int) (HEAD + 1) * LOGS_PER_BLOCK);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).blockNumber()).isEqualTo(i / LOGS_PER_BLOCK);
      assertThat(rows.get(i).logIndex()).isEqualTo(i % LOGS_PER_BLOCK);
    }
  }

  @Test
  void aBatchTheDatabaseRefusesEndsThePassWithTheBatchesBeforeItStored() throws Exception {
    ProtocolMirrorStore store = new ProtocolMirrorStore(database);
    SyntheticChain chain = new SyntheticChain(102, -1);
    // block 500's first row is not a JSON object: its batch's COPY fails
    ChainFollower follower =
        follower(
            chain,
            store,
            row ->
                row.blockNumber() == 500 && row.logIndex() == 0
                    ? new ProtocolEventRow(
                        row.blockNumber(),
                        row.logIndex(),
                        row.blockHash(),
                        row.transactionHash(),
                        row.contract(),
                        row.address(),
                        row.event(),
                        "[]")
                    : row);

    assertThatThrownBy(follower::pass).isInstanceOf(StorageException.class);

    assertStoredThroughCheckpointOnly(store, chain, 500);
  }

  @Test
  void aFetchThatFailsEndsThePassWithTheBatchesHandedOnStored() throws Exception {
    ProtocolMirrorStore store = new ProtocolMirrorStore(database);
    SyntheticChain chain = new SyntheticChain(103, 700);
    ChainFollower follower = follower(chain, store, row -> row);

    assertThatThrownBy(follower::pass).isInstanceOf(ChainSourceException.class);

    long checkpoint = assertStoredThroughCheckpointOnly(store, chain, 700);
    // every batch handed on before the failure was stored: at most one batch's rows were lost
    assertThat(checkpoint).isGreaterThanOrEqualTo(700 - 2L * rowsPerCommitInBlocks());
  }

  /**
   * Checks that the checkpoint is below {@code failedAt}, every row up to it is stored and none
   * above it, and that nothing changes once the pass has returned; the checkpoint.
   */
  private static long assertStoredThroughCheckpointOnly(
      ProtocolMirrorStore store, SyntheticChain chain, long failedAt) throws InterruptedException {
    long checkpoint = checkpoint(store, chain);
    assertThat(checkpoint).isBetween(0L, failedAt - 1);
    assertThat(store.events(chain.chainId(), 0, HEAD))
        .hasSize((int) (checkpoint + 1) * LOGS_PER_BLOCK)
        .allMatch(row -> row.blockNumber() <= checkpoint);
    Thread.sleep(300);
    assertThat(checkpoint(store, chain)).isEqualTo(checkpoint);
    assertThat(store.eventCount(chain.chainId())).isEqualTo((checkpoint + 1) * LOGS_PER_BLOCK);
    return checkpoint;
  }

  private static int rowsPerCommitInBlocks() {
    return 60 / LOGS_PER_BLOCK;
  }

  private static long checkpoint(ProtocolMirrorStore store, SyntheticChain chain) {
    return store.contracts(chain.chainId()).stream()
        .mapToLong(IndexedContract::indexedThrough)
        .min()
        .orElseThrow();
  }

  private static ChainFollower follower(
      SyntheticChain chain,
      ProtocolMirrorStore store,
      java.util.function.UnaryOperator<ProtocolEventRow> change) {
    LogMapper mapper =
        (log, contract) ->
            change.apply(
                new ProtocolEventRow(
                    log.blockNumber(),
                    log.logIndex(),
                    bytes(log.blockHash()),
                    bytes(log.transactionHash()),
                    contract,
                    EthereumAddress.fromHex(log.address()),
                    "Ping",
                    "{\"n\":" + log.logIndex() + "}"));
    return new ChainFollower(
        chain,
        store,
        mapper,
        List.of(new ChainFollower.Target(CONTRACT, EthereumAddress.fromHex(ADDRESS), 0)),
        // 60 rows a transaction: 20 blocks, about 3 chunks
        new ChainFollower.Settings(2, 10_000, 60),
        Clock.systemUTC(),
        line -> System.out.println("follower: " + line));
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.substring(2));
  }

  /**
   * A chain of {@link #HEAD} + 1 blocks of {@link #LOGS_PER_BLOCK} logs each, read in chunks of
   * {@link #BLOCKS_PER_CHUNK} blocks; the range read fails at block {@code failAt} (never if -1).
   */
  private record SyntheticChain(long chainId, long failAt) implements ChainSource {
    @Override
    public long head() {
      return HEAD;
    }

    @Override
    public BlockHeader header(long number) {
      return new BlockHeader(number, hash(number), number == 0 ? hash(-1) : hash(number - 1), 0);
    }

    @Override
    public void logs(Collection<String> addresses, long from, long to, ChunkHandler handler) {
      for (long start = from; start <= to; start += BLOCKS_PER_CHUNK) {
        long end = Math.min(to, start + BLOCKS_PER_CHUNK - 1);
        if (failAt >= start && failAt <= end) {
          throw new ChainSourceException(
              "eth_getLogs for blocks " + start + ".." + end + " failed");
        }
        List<RawLog> logs = new ArrayList<>();
        for (long block = start; block <= end; block++) {
          logs.addAll(logsOf(block));
        }
        if (!handler.accept(start, end, logs)) {
          return;
        }
      }
    }

    @Override
    public List<RawLog> logs(Collection<String> addresses, String blockHash) {
      long number = Long.parseLong(blockHash.substring(2 + 48), 16);
      return logsOf(number);
    }

    private static List<RawLog> logsOf(long block) {
      List<RawLog> logs = new ArrayList<>();
      for (int index = 0; index < LOGS_PER_BLOCK; index++) {
        logs.add(
            new RawLog(
                block,
                hash(block),
                hash(1_000_000 + block * LOGS_PER_BLOCK + index),
                index,
                index,
                ADDRESS,
                List.of(hash(7)),
                "0x",
                false));
      }
      return logs;
    }

    private static String hash(long value) {
      return "0x" + "ab".repeat(24) + String.format("%016x", value);
    }
  }
}
