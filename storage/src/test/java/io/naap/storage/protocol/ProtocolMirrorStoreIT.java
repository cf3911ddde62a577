package io.naap.storage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.embedded.LocalPostgres;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each test works on a chain id of its own: the class shares one migrated database. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolMirrorStoreIT {
  private static final EthereumAddress BONDING =
      EthereumAddress.fromHex("0x35bcf3c30594191d53231e4ff333e8a770453e40");
  private static final EthereumAddress BROKER =
      EthereumAddress.fromHex("0xa8bb618b1520e284046f3dfc448851a1ff26e41b");
  private static final Instant NOW = Instant.parse("2026-11-29T06:30:00Z");

  private Database database;
  private ProtocolMirrorStore store;

  @BeforeAll
  void connect(PostgresDatabase postgres) {
    database =
        Database.connect(
            new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
    store = new ProtocolMirrorStore(database);
  }

  @AfterAll
  void close() {
    database.close();
  }

  @Test
  void aChunkStoresItsEventsBlocksAndCheckpointsTogetherAndOnlyOnce() {
    long chain = 1;
    store.register(chain, "BondingManager", BONDING, 100, NOW);
    store.register(chain, "TicketBroker", BROKER, 100, NOW);
    var chunk =
        new ProtocolMirrorStore.Chunk(
            chain,
            List.of("BondingManager", "TicketBroker"),
            100,
            104,
            List.of(
                event(101, 0, "BondingManager", BONDING, "Reward", "{\"amount\":\"1\"}"),
                event(
                    103,
                    2,
                    "BondingManager",
                    BONDING,
                    "Bond",
                    "{\"bondedAmount\":\"115792089237316195423570985008687907853269984665640564039457584007913129639935\"}")),
            List.of(block(103, 1, 0), block(104, 2, 1)),
            103);

    store.apply(chunk, NOW);

    assertThat(store.contracts(chain))
        .extracting(IndexedContract::indexedThrough)
        .containsExactly(104L, 104L);
    assertThat(store.events(chain, 0, 1_000))
        .extracting(ProtocolEventRow::event)
        .containsExactly("Reward", "Bond");
    // uint256 survives exactly
    assertThat(store.events(chain, 103, 103).getFirst().fields())
        .contains("115792089237316195423570985008687907853269984665640564039457584007913129639935");
    // blocks below the line given go; 103 stays, the parent the next block is checked against
    assertThat(store.blocks(chain)).extracting(StoredBlock::number).containsExactly(103L, 104L);

    // the same chunk again (a retry after a crash that did commit): refused, nothing doubled
    assertThatThrownBy(() -> store.apply(chunk, NOW))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("checkpoints");
    assertThat(store.eventCount(chain)).isEqualTo(2);
  }

  @Test
  void aRollbackRemovesTheOrphanedBlocksRowsAndMovesCheckpointsBack() {
    long chain = 2;
    store.register(chain, "BondingManager", BONDING, 0, NOW);
    store.apply(
        new ProtocolMirrorStore.Chunk(
            chain,
            List.of("BondingManager"),
            0,
            10,
            List.of(
                event(5, 0, "BondingManager", BONDING, "Reward", "{}"),
                event(9, 0, "BondingManager", BONDING, "Reward", "{}"),
                event(10, 1, "BondingManager", BONDING, "Reward", "{}")),
            List.of(block(8, 8, 7), block(9, 9, 8), block(10, 10, 9)),
            8),
        NOW);

    var rollback = store.rollback(chain, 8, NOW);

    assertThat(rollback).contains(new ProtocolMirrorStore.Rollback(8, 10, 2));
    assertThat(store.events(chain, 0, 100))
        .extracting(ProtocolEventRow::blockNumber)
        .containsExactly(5L);
    assertThat(store.blocks(chain)).extracting(StoredBlock::number).containsExactly(8L);
    assertThat(store.contracts(chain).getFirst().indexedThrough()).isEqualTo(8);
    assertThat(store.reorgCount(chain)).isEqualTo(1);
    // nothing above the ancestor any more: a second rollback to it is no reorg
    assertThat(store.rollback(chain, 8, NOW)).isEmpty();
    assertThat(store.reorgCount(chain)).isEqualTo(1);

    store.forget(chain);

    assertThat(store.contracts(chain)).isEmpty();
    assertThat(store.eventCount(chain)).isZero();
    assertThat(store.blocks(chain)).isEmpty();
    assertThat(store.reorgCount(chain)).isZero();
  }

  @Test
  void aContractMovedToAnotherAddressStartsAgainAndTheOthersKeepTheirCheckpoints() {
    long chain = 3;
    store.register(chain, "BondingManager", BONDING, 0, NOW);
    store.register(chain, "TicketBroker", BROKER, 0, NOW);
    store.apply(
        new ProtocolMirrorStore.Chunk(
            chain,
            List.of("BondingManager", "TicketBroker"),
            0,
            20,
            List.of(
                event(3, 0, "BondingManager", BONDING, "Reward", "{}"),
                event(4, 0, "TicketBroker", BROKER, "DepositFunded", "{}")),
            List.of(),
            0),
        NOW);

    // the same registration again changes nothing
    assertThat(store.register(chain, "TicketBroker", BROKER, 0, NOW).indexedThrough())
        .isEqualTo(20);

    IndexedContract moved = store.register(chain, "TicketBroker", BONDING, 7, NOW);

    assertThat(moved.indexedThrough()).isEqualTo(6);
    // the furthest-behind contract decides the lag
    assertThat(store.lag(chain, 25)).isEqualTo(19);
    assertThat(store.lag(999, 25)).isZero();
    assertThat(store.events(chain, 0, 100))
        .extracting(ProtocolEventRow::contract)
        .containsExactly("BondingManager");
    assertThat(store.contracts(chain))
        .extracting(IndexedContract::name, IndexedContract::indexedThrough)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BondingManager", 20L),
            org.assertj.core.groups.Tuple.tuple("TicketBroker", 6L));
  }

  @Test
  void anEventsBlockTimeIsStoredWhenKnownAndNullOtherwise() {
    long chain = 5;
    store.register(chain, "RoundsManager", BONDING, 10, NOW);
    Instant made = Instant.parse("2026-11-29T06:29:47Z");
    store.apply(
        new ProtocolMirrorStore.Chunk(
            chain,
            List.of("RoundsManager"),
            10,
            12,
            List.of(
                event(11, 0, "RoundsManager", BONDING, "NewRound", "{\"round\":\"7\"}")
                    .withBlockTime(made),
                event(12, 0, "RoundsManager", BONDING, "ParameterUpdate", "{\"param\":\"x\"}")),
            List.of(),
            0),
        NOW);

    assertThat(store.events(chain, 0, 100))
        .extracting(ProtocolEventRow::blockTime)
        .containsExactly(made, null);
    assertThat(store.dump(chain).getFirst()).contains(" 2026-11-29T06:29:47Z ");
    assertThat(store.dump(chain).getLast()).contains(" - ");
  }

  @Test
  void theStatusOfAChainIsReplacedAtEveryPassAndReadBackWhole() {
    long chain = 4;
    store.recordStatus(
        new IndexerStatusRow(
            chain,
            100,
            92,
            java.util.OptionalLong.empty(),
            10,
            0,
            java.util.Map.of(),
            java.util.Map.of(),
            NOW,
            Optional.of("no answer")));
    IndexerStatusRow later =
        new IndexerStatusRow(
            chain,
            250,
            242,
            java.util.OptionalLong.of(2_000),
            1_000,
            17,
            java.util.Map.of("RANGE_LIMIT", 12L, "RATE_LIMITED", 5L),
            java.util.Map.of("0xabc\"quoted", 3L),
            NOW.plusSeconds(2),
            Optional.empty());

    store.recordStatus(later);

    assertThat(store.statuses()).filteredOn(s -> s.chainId() == chain).containsExactly(later);
  }

  private static ProtocolEventRow event(
      long block,
      int logIndex,
      String contract,
      EthereumAddress address,
      String name,
      String json) {
    return new ProtocolEventRow(
        block, logIndex, hash(block), hash(block + 1_000), contract, address, name, json);
  }

  private static StoredBlock block(long number, long hash, long parent) {
    return new StoredBlock(number, hash(hash), hash(parent));
  }

  private static byte[] hash(long seed) {
    byte[] hash = new byte[32];
    for (int i = 0; i < 8; i++) {
      hash[31 - i] = (byte) (seed >>> (8 * i));
    }
    hash[0] = 0x11;
    return hash;
  }
}
