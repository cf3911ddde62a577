package io.naap.indexer.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.indexer.chain.ChainSource;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.protocol.IndexedContract;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The follower tracks a chain that reorganises under it: 50 reorgs of random depth, 1 up to the
 * finality depth (anvil's snapshot and revert, then other transactions mined in their place), while
 * it follows. In the end its mirror and the state derived from it (stake, delegations) equal, row
 * for row, a fresh index of the final chain.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ReorgIT {
  private static final int REORGS = 50;
  private static final int FINALITY_DEPTH = 8;

  @Test
  void afterFiftyReorgsTheMirrorEqualsAFreshIndexOfTheCanonicalChain(
      AnvilNode anvil, PostgresDatabase followed, @FreshDatabase PostgresDatabase fresh)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Database database = connect(followed);
        Database freshDatabase = connect(fresh)) {
      EventScript script = new EventScript(anvil, web3j, 20261129);
      ChainSource source = Sources.jsonRpc(anvil.rpcUrl());
      ProtocolMirrorStore store = new ProtocolMirrorStore(database);
      ChainFollower follower =
          new ChainFollower(
              source,
              store,
              Sources.mapper(),
              script.targets(),
              new ChainFollower.Settings(FINALITY_DEPTH, 1_000),
              Clock.systemUTC(),
              line -> System.out.println("follower: " + line));
      AtomicBoolean stop = new AtomicBoolean();
      FollowLoop loop =
          new FollowLoop(
              follower, Duration.ofMillis(10), line -> System.out.println("follower: " + line));
      Future<?> following = executor.submit(() -> loop.run(false, stop::get));

      Random random = new Random(29);
      script.emit(5);
      for (int reorg = 0; reorg < REORGS; reorg++) {
        int depth = 1 + random.nextInt(FINALITY_DEPTH);
        String snapshot = script.snapshot();
        script.emit(depth);
        awaitIndexed(store, source, follower.chainId(), script.head());
        script.revert(snapshot);
        // the other branch: as long, shorter or longer, with other events
        script.emit(1 + random.nextInt(depth + 2));
        if (random.nextBoolean()) {
          script.emit(random.nextInt(3));
        }
      }
      awaitIndexed(store, source, follower.chainId(), script.head());
      stop.set(true);
      following.get(30, TimeUnit.SECONDS);

      assertThat(store.reorgCount(follower.chainId())).isEqualTo(REORGS);

      ProtocolMirrorStore freshStore = new ProtocolMirrorStore(freshDatabase);
      ChainFollower again =
          new ChainFollower(
              source,
              freshStore,
              Sources.mapper(),
              script.targets(),
              new ChainFollower.Settings(FINALITY_DEPTH, 1_000),
              Clock.systemUTC(),
              line -> {});
      new FollowLoop(again, Duration.ofMillis(10), line -> {}).run(true, () -> false);

      assertThat(store.dump(follower.chainId()))
          .hasSizeGreaterThan(REORGS)
          .isEqualTo(freshStore.dump(follower.chainId()));
      // the derived stake and delegations too: a rollback undid exactly what the orphans derived
      assertThat(new ProtocolStateStore(database).dump(follower.chainId()))
          .isNotEmpty()
          .isEqualTo(new ProtocolStateStore(freshDatabase).dump(follower.chainId()));
      assertThat(store.contracts(follower.chainId()))
          .extracting(IndexedContract::indexedThrough)
          .containsOnly(freshStore.contracts(follower.chainId()).getFirst().indexedThrough());
    } finally {
      executor.shutdownNow();
      web3j.shutdown();
    }
  }

  /**
   * Waits until the follower is on the node's chain at or above {@code head}: every contract's
   * checkpoint is the newest block kept, that block is at least {@code head}, and its hash is the
   * node's (not a branch the follower has not yet seen orphaned).
   */
  private static void awaitIndexed(
      ProtocolMirrorStore store, ChainSource source, long chainId, long head)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      var blocks = store.blocks(chainId);
      if (!blocks.isEmpty() && blocks.getLast().number() >= head) {
        var newest = blocks.getLast();
        boolean canonical;
        try {
          canonical =
              ("0x" + java.util.HexFormat.of().formatHex(newest.hash()))
                  .equals(source.header(newest.number()).hash());
        } catch (io.naap.indexer.chain.ChainSourceException e) {
          canonical = false; // that block is gone: the follower has yet to see the reorg
        }
        if (canonical
            && store.contracts(chainId).stream()
                .allMatch(c -> c.indexedThrough() == newest.number())) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the follower did not reach block " + head + " in 60 s");
  }

  private static Database connect(PostgresDatabase postgres) {
    return Database.connect(
        new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }
}
