package io.naap.indexer.follow;

import io.naap.bindings.deploy.ProtocolContract;
import io.naap.bindings.deploy.ProtocolDeployment;
import io.naap.bindings.deploy.ProtocolDoubles;
import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.TicketBroker;
import io.naap.embedded.AnvilNode;
import io.naap.indexer.follow.ChainFollower.Target;
import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.NoOpProcessor;

/**
 * The protocol doubles on an anvil node and a fast way to make them emit: each call is one
 * transaction, mined into a block of its own by anvil's automine, sent without waiting for a
 * receipt. Values come from a seeded random source, so two branches of a reorg differ.
 */
final class EventScript {
  private final AnvilNode anvil;
  private final ProtocolDeployment deployment;
  private final BondingManager bonding;
  private final TicketBroker broker;
  private final Random random;

  EventScript(AnvilNode anvil, Web3j web3j, long seed) {
    this.anvil = anvil;
    Credentials deployer = Credentials.create(anvil.accounts().getFirst().privateKey());
    this.deployment =
        ProtocolDoubles.deploy(web3j, deployer, anvil.chainId(), new DefaultGasProvider());
    var fast =
        new RawTransactionManager(web3j, deployer, anvil.chainId(), new NoOpProcessor(web3j));
    var gas = new StaticGasProvider(BigInteger.ONE.shiftLeft(33), BigInteger.valueOf(500_000));
    this.bonding =
        BondingManager.load(
            deployment.get(ProtocolContract.BONDING_MANAGER).addressHex(), web3j, fast, gas);
    this.broker =
        TicketBroker.load(
            deployment.get(ProtocolContract.TICKET_BROKER).addressHex(), web3j, fast, gas);
    this.random = new Random(seed);
  }

  /** The contracts the indexer follows: BondingManager and TicketBroker from their blocks. */
  List<Target> targets() {
    return List.of(
        target(ProtocolContract.BONDING_MANAGER), target(ProtocolContract.TICKET_BROKER));
  }

  private Target target(ProtocolContract contract) {
    var deployed = deployment.get(contract);
    return new Target(
        contract.protocolName(),
        EthereumAddress.fromHex(deployed.addressHex()),
        deployed.deploymentBlock());
  }

  /** Emits {@code blocks} events, one block each, of random kinds and values. */
  void emit(int blocks) throws Exception {
    for (int i = 0; i < blocks; i++) {
      String someone = randomAddress();
      switch (random.nextInt(3)) {
        case 0 -> bonding.emitReward(someone, new BigInteger(200, random)).send();
        case 1 ->
            bonding
                .emitBond(
                    someone,
                    randomAddress(),
                    randomAddress(),
                    new BigInteger(96, random),
                    new BigInteger(100, random))
                .send();
        default -> broker.emitDepositFunded(someone, new BigInteger(64, random)).send();
      }
    }
  }

  /** The chain's head. */
  long head() {
    return Long.decode(text(anvil.rpc("eth_blockNumber", "[]")));
  }

  /** {@code evm_snapshot}: an id to revert to. */
  String snapshot() {
    return text(anvil.rpc("evm_snapshot", "[]"));
  }

  /** {@code evm_revert}: the chain back to the snapshot, the blocks since then gone. */
  void revert(String snapshot) {
    String answer = anvil.rpc("evm_revert", "[\"" + snapshot + "\"]");
    if (!answer.contains("true")) {
      throw new IllegalStateException("evm_revert " + snapshot + " answered " + answer);
    }
  }

  private String randomAddress() {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return "0x" + java.util.HexFormat.of().formatHex(bytes);
  }

  /** The {@code result} of a JSON-RPC answer that is a string. */
  private static String text(String answer) {
    int key = answer.indexOf("\"result\"");
    int start = answer.indexOf('"', answer.indexOf(':', key) + 1) + 1;
    return answer.substring(start, answer.indexOf('"', start));
  }
}
