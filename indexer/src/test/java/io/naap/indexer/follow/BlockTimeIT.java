package io.naap.indexer.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.RoundsManager;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.indexer.chain.BlockHeader;
import io.naap.indexer.chain.ChainSource;
import io.naap.indexer.chain.RawLog;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ProtocolEventRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.NoOpProcessor;

/**
 * A {@code NewRound} gets its block's time even from a node that does not send {@code
 * blockTimestamp} with its logs: the follower reads the block's header, once per block, and only
 * for such events; from a node that sends it (anvil), every row has its block's time.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class BlockTimeIT {
  private static final int FINALITY_DEPTH = 2;

  @Test
  void aNewRoundGetsItsBlocksTimeFromTheHeaderWhenTheNodeDoesNotSendIt(
      AnvilNode anvil,
      PostgresDatabase strippedDatabase,
      @FreshDatabase PostgresDatabase directDatabase)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try (Database stripped = connect(strippedDatabase);
        Database direct = connect(directDatabase)) {
      Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
      ProtocolDeployment deployment =
          ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), new DefaultGasProvider());
      var fast =
          new RawTransactionManager(web3j, deployer, anvil.chainId(), new NoOpProcessor(web3j));
      var gas = new StaticGasProvider(BigInteger.ONE.shiftLeft(33), BigInteger.valueOf(500_000));
      RoundsManager rounds =
          RoundsManager.load(
              deployment.get(ProtocolContract.ROUNDS_MANAGER).addressHex(), web3j, fast, gas);
      BondingManager bonding =
          BondingManager.load(
              deployment.get(ProtocolContract.BONDING_MANAGER).addressHex(), web3j, fast, gas);
      ChainSource node = Sources.jsonRpc(anvil.rpcUrl());
      long time = node.header(node.head()).timestamp() + 1_000;

      anvil.rpc("evm_setAutomine", "[false]");
      // block a: two rounds and a reward; b: a reward; c: a round; then empty blocks, so that a,
      // b and c are final; d, the head, a round read as a block a reorg may still replace
      rounds.emitNewRound(BigInteger.ONE, new byte[32]).send();
      rounds.emitNewRound(BigInteger.TWO, new byte[32]).send();
      bonding.emitReward("0x" + "ab".repeat(20), BigInteger.TEN).send();
      long a = mine(anvil, node, time);
      bonding.emitReward("0x" + "cd".repeat(20), BigInteger.TEN).send();
      long b = mine(anvil, node, time + 100);
      rounds.emitNewRound(BigInteger.valueOf(3), new byte[32]).send();
      long c = mine(anvil, node, time + 250);
      for (int i = 1; i <= 3; i++) {
        mine(anvil, node, time + 250 + i);
      }
      rounds.emitNewRound(BigInteger.valueOf(4), new byte[32]).send();
      long d = mine(anvil, node, time + 400);
      anvil.rpc("evm_setAutomine", "[true]");

      StrippingSource withoutTimes = new StrippingSource(node);
      ProtocolMirrorStore strippedStore = follow(withoutTimes, stripped, deployment);
      ProtocolMirrorStore directStore = follow(node, direct, deployment);

      long chainId = node.chainId();
      List<ProtocolEventRow> fromHeaders = strippedStore.events(chainId, a, d);
      assertThat(fromHeaders)
          .extracting(ProtocolEventRow::blockNumber, ProtocolEventRow::event, this::seconds)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(a, "NewRound", time),
              org.assertj.core.groups.Tuple.tuple(a, "NewRound", time),
              org.assertj.core.groups.Tuple.tuple(a, "Reward", null),
              org.assertj.core.groups.Tuple.tuple(b, "Reward", null),
              org.assertj.core.groups.Tuple.tuple(c, "NewRound", time + 250),
              org.assertj.core.groups.Tuple.tuple(d, "NewRound", time + 400));
      // the final blocks' headers: once for a (two rounds), once for c, never for b
      assertThat(withoutTimes.headersAsked())
          .filteredOn(number -> number <= c)
          .containsExactlyInAnyOrder(a, c);

      assertThat(directStore.events(chainId, a, d))
          .extracting(ProtocolEventRow::blockNumber, this::seconds)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(a, time),
              org.assertj.core.groups.Tuple.tuple(a, time),
              org.assertj.core.groups.Tuple.tuple(a, time),
              org.assertj.core.groups.Tuple.tuple(b, time + 100),
              org.assertj.core.groups.Tuple.tuple(c, time + 250),
              org.assertj.core.groups.Tuple.tuple(d, time + 400));
    } finally {
      web3j.shutdown();
    }
  }

  private Long seconds(ProtocolEventRow row) {
    return row.blockTime() == null ? null : row.blockTime().getEpochSecond();
  }

  /** Mines the pending transactions into a block made at {@code timestamp}; its number. */
  private static long mine(AnvilNode anvil, ChainSource node, long timestamp) {
    anvil.rpc("evm_setNextBlockTimestamp", "[" + timestamp + "]");
    anvil.rpc("evm_mine", "[]");
    long head = node.head();
    assertThat(node.header(head).timestamp()).isEqualTo(timestamp);
    return head;
  }

  private static ProtocolMirrorStore follow(
      ChainSource source, Database database, ProtocolDeployment deployment)
      throws InterruptedException {
    ProtocolMirrorStore store = new ProtocolMirrorStore(database);
    ChainFollower follower =
        new ChainFollower(
            source,
            store,
            Sources.mapper(),
            List.of(
                target(deployment, ProtocolContract.BONDING_MANAGER),
                target(deployment, ProtocolContract.ROUNDS_MANAGER)),
            new ChainFollower.Settings(FINALITY_DEPTH, 1_000),
            Clock.systemUTC(),
            line -> System.out.println("follower: " + line));
    new FollowLoop(follower, Duration.ofMillis(10), line -> {}).run(true, () -> false);
    return store;
  }

  private static ChainFollower.Target target(
      ProtocolDeployment deployment, ProtocolContract contract) {
    var deployed = deployment.get(contract);
    return new ChainFollower.Target(
        contract.protocolName(),
        EthereumAddress.fromHex(deployed.addressHex()),
        deployed.deploymentBlock());
  }

  private static Database connect(PostgresDatabase postgres) {
    return Database.connect(
        new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }

  /** A node of an older kind: its logs do not say when their block was made. */
  private static final class StrippingSource implements ChainSource {
    private final ChainSource node;
    private final List<Long> headersAsked = Collections.synchronizedList(new ArrayList<>());

    StrippingSource(ChainSource node) {
      this.node = node;
    }

    List<Long> headersAsked() {
      return List.copyOf(headersAsked);
    }

    @Override
    public long chainId() {
      return node.chainId();
    }

    @Override
    public long head() {
      return node.head();
    }

    @Override
    public BlockHeader header(long number) {
      headersAsked.add(number);
      return node.header(number);
    }

    @Override
    public void logs(Collection<String> addresses, long from, long to, ChunkHandler handler) {
      node.logs(
          addresses,
          from,
          to,
          (chunkFrom, chunkTo, logs) -> handler.accept(chunkFrom, chunkTo, strip(logs)));
    }

    @Override
    public List<RawLog> logs(Collection<String> addresses, String blockHash) {
      return strip(node.logs(addresses, blockHash));
    }

    private static List<RawLog> strip(List<RawLog> logs) {
      for (RawLog log : logs) {
        assertThat(log.blockTimestamp()).as("anvil sends blockTimestamp").isPresent();
      }
      return logs.stream().map(log -> log.withBlockTimestamp(OptionalLong.empty())).toList();
    }
  }
}
