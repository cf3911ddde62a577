package io.naap.indexer.state;

import static io.naap.indexer.state.LedgerScenario.D1;
import static io.naap.indexer.state.LedgerScenario.D2;
import static io.naap.indexer.state.LedgerScenario.O1;
import static io.naap.indexer.state.LedgerScenario.O2;
import static io.naap.indexer.state.LedgerScenario.wei;
import static org.assertj.core.api.Assertions.assertThat;

import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.Minter;
import io.naap.bindings.generated.RoundsManager;
import io.naap.bindings.generated.ServiceRegistry;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.embedded.LocalPostgres;
import io.naap.indexer.decode.ProtocolEventDecoder;
import io.naap.indexer.follow.ChainFollower;
import io.naap.indexer.follow.DecodingLogMapper;
import io.naap.indexer.follow.FollowLoop;
import io.naap.indexer.rpc.JsonRpcChainSource;
import io.naap.indexer.rpc.RpcSettings;
import io.naap.storage.Database;
import io.naap.storage.DatabaseSettings;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.ProtocolState;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.testkit.AnvilExtension;
import io.naap.testkit.FreshDatabase;
import io.naap.testkit.PostgresDatabase;
import io.naap.testkit.PostgresExtension;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * A scripted protocol history emitted by the doubles on anvil (rates set and changed, bonds, a
 * reward, a claim, a delegate change, unbond, rebond, a transferred bond, a withdrawal, a slash,
 * activations, rounds, winning tickets, service URIs), indexed by the real follower: the derived
 * state read through {@link ProtocolStateStore} equals what was computed by hand. A second index in
 * chunks of three blocks derives the same state row for row.
 */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class ProtocolStateIT {
  private static final BigInteger ETH = BigInteger.TEN.pow(18);
  private static final EthereumAddress GATEWAY =
      EthereumAddress.fromHex("0x00000000000000000000000000000000000000b1");

  @Test
  void derivedStateMatchesTheHandComputedScenario(
      AnvilNode anvil, PostgresDatabase followed, @FreshDatabase PostgresDatabase chunked)
      throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    try (Database database = connect(followed);
        Database second = connect(chunked)) {
      Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
      ProtocolDeployment deployment =
          ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), new DefaultGasProvider());
      var tx = new RawTransactionManager(web3j, deployer, anvil.chainId());
      var gas = new StaticGasProvider(BigInteger.ONE.shiftLeft(33), BigInteger.valueOf(500_000));
      BondingManager bonding =
          BondingManager.load(hex(deployment, ProtocolContract.BONDING_MANAGER), web3j, tx, gas);
      TicketBroker broker =
          TicketBroker.load(hex(deployment, ProtocolContract.TICKET_BROKER), web3j, tx, gas);
      RoundsManager rounds =
          RoundsManager.load(hex(deployment, ProtocolContract.ROUNDS_MANAGER), web3j, tx, gas);
      Minter minter = Minter.load(hex(deployment, ProtocolContract.MINTER), web3j, tx, gas);
      ServiceRegistry registry =
          ServiceRegistry.load(hex(deployment, ProtocolContract.SERVICE_REGISTRY), web3j, tx, gas);
      ServiceRegistry aiRegistry =
          ServiceRegistry.load(
              hex(deployment, ProtocolContract.AI_SERVICE_REGISTRY), web3j, tx, gas);

      List<RemoteFunctionCall<TransactionReceipt>> script = new ArrayList<>();
      script.add(rounds.emitNewRound(BigInteger.valueOf(100), new byte[32]));
      script.add(bonding.emitTranscoderUpdate(O1.toHex(), wei(50_000), wei(250_000)));
      script.add(bonding.emitTranscoderUpdate(O2.toHex(), wei(100_000), wei(500_000)));
      script.add(bonding.emitTranscoderActivated(O1.toHex(), wei(101)));
      script.add(bonding.emitTranscoderActivated(O2.toHex(), wei(101)));
      // the BondingManager history of LedgerScenario, event for event (one block each here)
      script.add(bond(bonding, O1, LedgerScenario.NONE, O1, 1000, 1000));
      script.add(bond(bonding, O1, LedgerScenario.NONE, D1, 500, 500));
      script.add(bond(bonding, O2, LedgerScenario.NONE, O2, 2000, 2000));
      script.add(bonding.emitReward(O1.toHex(), wei(100)));
      script.add(bonding.emitTreasuryReward(O1.toHex(), GATEWAY.toHex(), wei(10)));
      script.add(
          bonding.emitEarningsClaimed(O1.toHex(), D1.toHex(), wei(30), wei(7), wei(99), wei(100)));
      script.add(bond(bonding, O2, O1, D1, 70, 600));
      script.add(bonding.emitUnbond(O2.toHex(), D1.toHex(), wei(0), wei(200), wei(109)));
      script.add(bonding.emitRebond(O2.toHex(), D1.toHex(), wei(0), wei(200)));
      script.add(rounds.emitNewRound(BigInteger.valueOf(101), new byte[32]));
      script.add(ticket(broker, O1, ETH, 1));
      script.add(
          broker.emitWinningTicketTransfer(
              GATEWAY.toHex(), O1.toHex(), ETH.multiply(wei(4)).divide(wei(5))));
      script.add(bonding.emitUnbond(O2.toHex(), D1.toHex(), wei(1), wei(600), wei(110)));
      script.add(bonding.emitUnbond(O1.toHex(), O1.toHex(), wei(0), wei(100), wei(111)));
      script.add(bonding.emitTransferBond(O1.toHex(), D2.toHex(), wei(0), wei(0), wei(100)));
      script.add(bonding.emitRebond(O1.toHex(), D2.toHex(), wei(0), wei(100)));
      script.add(bonding.emitWithdrawStake(D1.toHex(), wei(1), wei(600), wei(110)));
      script.add(bonding.emitWithdrawFees(D1.toHex(), D1.toHex(), wei(5)));
      script.add(bonding.emitTranscoderSlashed(O2.toHex(), GATEWAY.toHex(), wei(500), wei(50)));
      script.add(bonding.emitTranscoderUpdate(O1.toHex(), wei(60_000), wei(300_000)));
      script.add(registry.emitServiceURIUpdate(O1.toHex(), "https://o1.example:8935"));
      script.add(aiRegistry.emitServiceURIUpdate(O1.toHex(), "https://ai.o1.example:8936"));
      script.add(registry.emitServiceURIUpdate(O1.toHex(), "https://o1.example:9935"));
      script.add(rounds.emitNewRound(BigInteger.valueOf(102), new byte[32]));
      script.add(minter.emitSetCurrentRewardTokens(wei(7_000), wei(420)));
      script.add(ticket(broker, O2, ETH.multiply(wei(2)), 2));
      script.add(broker.emitWinningTicketTransfer(GATEWAY.toHex(), O2.toHex(), ETH));
      script.add(ticket(broker, O2, ETH.multiply(wei(2)), 3));
      script.add(
          broker.emitWinningTicketTransfer(GATEWAY.toHex(), O2.toHex(), ETH.multiply(wei(2))));
      script.add(bonding.emitTranscoderDeactivated(O2.toHex(), wei(103)));
      script.add(rounds.emitNewRound(BigInteger.valueOf(103), new byte[32]));
      for (var call : script) {
        call.send();
      }

      long chainId = index(anvil, deployment, database, 1_000);
      ProtocolStateStore state = new ProtocolStateStore(database);
      long asOf = state.asOf(chainId).orElseThrow();

      assertThat(state.currentRound(chainId, asOf)).contains(wei(103));
      List<ProtocolState.Orchestrator> orchestrators = state.orchestrators(chainId, asOf);
      assertThat(orchestrators)
          .extracting(ProtocolState.Orchestrator::address)
          .containsExactly(O1, O2);
      ProtocolState.Orchestrator o1 = orchestrators.get(0);
      assertThat(o1.rewardCut()).contains(wei(60_000));
      assertThat(o1.feeShare()).contains(wei(300_000));
      assertThat(o1.activationRound()).contains(wei(101));
      assertThat(o1.deactivationRound()).isEmpty();
      assertThat(o1.stake()).isEqualTo(wei(1070));
      assertThat(o1.serviceUri()).contains("https://o1.example:9935");
      assertThat(o1.aiServiceUri()).contains("https://ai.o1.example:8936");
      assertThat(o1.lastRewardRound()).contains(wei(100));
      assertThat(o1.activeIn(wei(103))).isTrue();
      ProtocolState.Orchestrator o2 = orchestrators.get(1);
      assertThat(o2.rewardCut()).contains(wei(100_000));
      assertThat(o2.deactivationRound()).contains(wei(103));
      assertThat(o2.stake()).isEqualTo(wei(1500));
      assertThat(o2.serviceUri()).isEmpty();
      assertThat(o2.lastRewardRound()).isEmpty();
      assertThat(o2.activeIn(wei(102))).isTrue();
      assertThat(o2.activeIn(wei(103))).isFalse();

      assertThat(state.earnings(chainId, asOf, O1))
          .extracting(ProtocolStateIT::describe)
          .containsExactly(
              "100 rewards=100 treasury=10 calls=1 face=0 credited=0 tickets=0",
              "101 rewards=0 treasury=0 calls=0 face="
                  + ETH
                  + " credited="
                  + ETH.multiply(wei(4)).divide(wei(5))
                  + " tickets=1");

      ProtocolState.Round round102 = state.round(chainId, asOf, wei(102)).orElseThrow();
      assertThat(round102.mintableTokens()).contains(wei(7_000));
      assertThat(round102.inflation()).contains(wei(420));
      assertThat(round102.nextStartBlock()).isPresent();
      assertThat(round102.activeOrchestrators()).isEqualTo(2);
      assertThat(round102.earnings())
          .extracting(ProtocolStateIT::describe)
          .containsExactly(
              "102 rewards=0 treasury=0 calls=0 face="
                  + ETH.multiply(wei(4))
                  + " credited="
                  + ETH.multiply(wei(3))
                  + " tickets=2");
      assertThat(state.round(chainId, asOf, wei(104))).isEmpty();
      assertThat(state.round(chainId, asOf, wei(103)).orElseThrow().nextStartBlock()).isEmpty();

      ProtocolState.Delegator d1 = state.delegator(chainId, asOf, D1).orElseThrow();
      assertThat(d1.delegate()).isEmpty();
      assertThat(d1.bonded()).isZero();
      assertThat(d1.rewardsClaimed()).isEqualTo(wei(30));
      assertThat(d1.feesClaimed()).isEqualTo(wei(7));
      assertThat(d1.feesWithdrawn()).isEqualTo(wei(5));
      assertThat(d1.locks())
          .extracting(
              lock ->
                  lock.lockId()
                      + " "
                      + lock.amount()
                      + " "
                      + lock.withdrawRound()
                      + " "
                      + lock.closedBy().orElse("open"))
          .containsExactly("0 200 109 Rebond", "1 600 110 WithdrawStake");
      ProtocolState.Delegator d2 = state.delegator(chainId, asOf, D2).orElseThrow();
      assertThat(d2.delegate()).contains(O1);
      assertThat(d2.bonded()).isEqualTo(wei(100));
      assertThat(d2.locks())
          .extracting(
              lock ->
                  lock.lockId()
                      + " "
                      + lock.delegate()
                      + " "
                      + lock.amount()
                      + " "
                      + lock.withdrawRound()
                      + " "
                      + lock.closedBy().orElse("open"))
          .containsExactly("0 " + O1 + " 100 111 Rebond");
      assertThat(state.delegator(chainId, asOf, O1).orElseThrow().bonded()).isEqualTo(wei(900));
      assertThat(state.delegator(chainId, asOf, O2).orElseThrow().bonded()).isEqualTo(wei(1500));
      assertThat(state.delegator(chainId, asOf, GATEWAY)).isEmpty();

      // the same chain indexed three blocks a pass: every chunk folds on what the last one stored
      index(anvil, deployment, second, 3);
      assertThat(new ProtocolStateStore(second).dump(chainId))
          .isNotEmpty()
          .isEqualTo(state.dump(chainId));
    } finally {
      web3j.shutdown();
    }
  }

  private static long index(
      AnvilNode anvil, ProtocolDeployment deployment, Database database, int blocksPerPass)
      throws Exception {
    List<ChainFollower.Target> targets = new ArrayList<>();
    for (var deployed : deployment.contracts()) {
      targets.add(
          new ChainFollower.Target(
              deployed.contract().protocolName(),
              EthereumAddress.fromHex(deployed.addressHex()),
              deployed.deploymentBlock()));
    }
    try (var source = new JsonRpcChainSource(URI.create(anvil.rpcUrl()), RpcSettings.defaults())) {
      ChainFollower follower =
          new ChainFollower(
              source,
              new ProtocolMirrorStore(database),
              new DecodingLogMapper(new ProtocolEventDecoder()),
              targets,
              new ChainFollower.Settings(2, blocksPerPass),
              Clock.systemUTC(),
              line -> {});
      new FollowLoop(follower, Duration.ofMillis(1), line -> {}).run(true, () -> false);
      return follower.chainId();
    }
  }

  private static RemoteFunctionCall<TransactionReceipt> bond(
      BondingManager bonding,
      EthereumAddress newDelegate,
      EthereumAddress oldDelegate,
      EthereumAddress delegator,
      long additional,
      long bonded) {
    return bonding.emitBond(
        newDelegate.toHex(), oldDelegate.toHex(), delegator.toHex(), wei(additional), wei(bonded));
  }

  private static RemoteFunctionCall<TransactionReceipt> ticket(
      TicketBroker broker, EthereumAddress recipient, BigInteger faceValue, long nonce) {
    return broker.emitWinningTicketRedeemed(
        GATEWAY.toHex(),
        recipient.toHex(),
        faceValue,
        BigInteger.ONE.shiftLeft(200),
        wei(nonce),
        wei(nonce * 7),
        new byte[64]);
  }

  private static String describe(ProtocolState.RoundEarnings earnings) {
    return earnings.round().map(BigInteger::toString).orElse("none")
        + " rewards="
        + earnings.rewards()
        + " treasury="
        + earnings.treasuryRewards()
        + " calls="
        + earnings.rewardCalls()
        + " face="
        + earnings.faceValue()
        + " credited="
        + earnings.feesCredited()
        + " tickets="
        + earnings.winningTickets();
  }

  private static String hex(ProtocolDeployment deployment, ProtocolContract contract) {
    return deployment.get(contract).addressHex();
  }

  private static Database connect(PostgresDatabase postgres) {
    return Database.connect(
        new DatabaseSettings(postgres.jdbcUrl(), LocalPostgres.SUPERUSER, Optional.empty(), 2));
  }
}
