package io.naap.indexer.decode;

import io.naap.bindings.generated.BondingManager;
import io.naap.bindings.generated.Controller;
import io.naap.bindings.generated.Minter;
import io.naap.bindings.generated.RoundsManager;
import io.naap.bindings.generated.ServiceRegistry;
import io.naap.bindings.generated.SlaFeeDistributor;
import io.naap.bindings.generated.SlaOracle;
import io.naap.bindings.generated.TicketBroker;
import io.naap.indexer.decode.ProtocolEvent.Bond;
import io.naap.indexer.decode.ProtocolEvent.Claimed;
import io.naap.indexer.decode.ProtocolEvent.DepositFunded;
import io.naap.indexer.decode.ProtocolEvent.EIP712DomainChanged;
import io.naap.indexer.decode.ProtocolEvent.EarningsClaimed;
import io.naap.indexer.decode.ProtocolEvent.NewRound;
import io.naap.indexer.decode.ProtocolEvent.ParameterUpdate;
import io.naap.indexer.decode.ProtocolEvent.Pause;
import io.naap.indexer.decode.ProtocolEvent.Paused;
import io.naap.indexer.decode.ProtocolEvent.PoolFunded;
import io.naap.indexer.decode.ProtocolEvent.Rebond;
import io.naap.indexer.decode.ProtocolEvent.ReserveClaimed;
import io.naap.indexer.decode.ProtocolEvent.ReserveFunded;
import io.naap.indexer.decode.ProtocolEvent.Reward;
import io.naap.indexer.decode.ProtocolEvent.RoleAdminChanged;
import io.naap.indexer.decode.ProtocolEvent.RoleGranted;
import io.naap.indexer.decode.ProtocolEvent.RoleRevoked;
import io.naap.indexer.decode.ProtocolEvent.RootPublished;
import io.naap.indexer.decode.ProtocolEvent.RootVetoed;
import io.naap.indexer.decode.ProtocolEvent.ServiceURIUpdate;
import io.naap.indexer.decode.ProtocolEvent.SetContractInfo;
import io.naap.indexer.decode.ProtocolEvent.SetCurrentRewardTokens;
import io.naap.indexer.decode.ProtocolEvent.SignerSetChanged;
import io.naap.indexer.decode.ProtocolEvent.SnapshotPublished;
import io.naap.indexer.decode.ProtocolEvent.TranscoderActivated;
import io.naap.indexer.decode.ProtocolEvent.TranscoderDeactivated;
import io.naap.indexer.decode.ProtocolEvent.TranscoderSlashed;
import io.naap.indexer.decode.ProtocolEvent.TranscoderUpdate;
import io.naap.indexer.decode.ProtocolEvent.TransferBond;
import io.naap.indexer.decode.ProtocolEvent.TreasuryReward;
import io.naap.indexer.decode.ProtocolEvent.Unbond;
import io.naap.indexer.decode.ProtocolEvent.Unlock;
import io.naap.indexer.decode.ProtocolEvent.UnlockCancelled;
import io.naap.indexer.decode.ProtocolEvent.Unpause;
import io.naap.indexer.decode.ProtocolEvent.Unpaused;
import io.naap.indexer.decode.ProtocolEvent.WinningTicketRedeemed;
import io.naap.indexer.decode.ProtocolEvent.WinningTicketTransfer;
import io.naap.indexer.decode.ProtocolEvent.WithdrawFees;
import io.naap.indexer.decode.ProtocolEvent.WithdrawStake;
import io.naap.indexer.decode.ProtocolEvent.Withdrawal;
import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.web3j.abi.datatypes.Event;

/**
 * Every event each {@link ProtocolContract} declares, from its generated binding's {@code Event}
 * constants (topic 0 and parameter types; nothing hand-written), each with the record it decodes
 * into. Both service registries share the ServiceRegistry contract's events; {@code
 * ParameterUpdate(string)} has the same topic on four contracts, and the events SlaOracle and
 * SlaFeeDistributor inherit from OpenZeppelin the same topics on both, so events are looked up per
 * contract.
 */
final class EventCatalogue {
  /** The catalogue of every {@link ProtocolContract}. */
  static final EventCatalogue PROTOCOL = new EventCatalogue(specs());

  private final Map<ProtocolContract, Map<String, EventSpec>> byContract;

  private EventCatalogue(Map<ProtocolContract, List<EventSpec>> specs) {
    EnumMap<ProtocolContract, Map<String, EventSpec>> byTopic =
        new EnumMap<>(ProtocolContract.class);
    specs.forEach(
        (contract, events) -> {
          Map<String, EventSpec> topics = new LinkedHashMap<>();
          for (EventSpec event : events) {
            if (topics.put(event.topic0(), event) != null) {
              throw new IllegalStateException(contract + " declares topic " + event + " twice");
            }
          }
          byTopic.put(contract, Collections.unmodifiableMap(topics));
        });
    for (ProtocolContract contract : ProtocolContract.values()) {
      if (!byTopic.containsKey(contract)) {
        throw new IllegalStateException("no events catalogued for " + contract);
      }
    }
    this.byContract = byTopic;
  }

  /** The event {@code contract} declares with topic 0 {@code topic0} (lower-case hex). */
  Optional<EventSpec> find(ProtocolContract contract, String topic0) {
    return Optional.ofNullable(byContract.get(contract).get(topic0));
  }

  /** The events {@code contract} declares, in the order they are catalogued. */
  List<EventSpec> events(ProtocolContract contract) {
    return List.copyOf(byContract.get(contract).values());
  }

  private static Map<ProtocolContract, List<EventSpec>> specs() {
    List<EventSpec> serviceRegistry =
        List.of(
            EventSpec.of(
                ServiceRegistry.SERVICEURIUPDATE_EVENT,
                ServiceURIUpdate.class,
                (log, v) -> new ServiceURIUpdate(log, address(v[0]), text(v[1]))));
    Map<ProtocolContract, List<EventSpec>> specs = new EnumMap<>(ProtocolContract.class);
    specs.put(ProtocolContract.BONDING_MANAGER, bondingManager());
    specs.put(ProtocolContract.TICKET_BROKER, ticketBroker());
    specs.put(
        ProtocolContract.ROUNDS_MANAGER,
        List.of(
            EventSpec.of(
                RoundsManager.NEWROUND_EVENT,
                NewRound.class,
                (log, v) -> new NewRound(log, uint(v[0]), hex(v[1]))),
            parameterUpdate(RoundsManager.PARAMETERUPDATE_EVENT)));
    specs.put(
        ProtocolContract.MINTER,
        List.of(
            EventSpec.of(
                Minter.SETCURRENTREWARDTOKENS_EVENT,
                SetCurrentRewardTokens.class,
                (log, v) -> new SetCurrentRewardTokens(log, uint(v[0]), uint(v[1]))),
            parameterUpdate(Minter.PARAMETERUPDATE_EVENT)));
    specs.put(ProtocolContract.SERVICE_REGISTRY, serviceRegistry);
    specs.put(ProtocolContract.AI_SERVICE_REGISTRY, serviceRegistry);
    specs.put(
        ProtocolContract.CONTROLLER,
        List.of(
            EventSpec.of(
                Controller.SETCONTRACTINFO_EVENT,
                SetContractInfo.class,
                (log, v) -> new SetContractInfo(log, hex(v[0]), address(v[1]), hex(v[2]))),
            EventSpec.of(Controller.PAUSE_EVENT, Pause.class, (log, v) -> new Pause(log)),
            EventSpec.of(Controller.UNPAUSE_EVENT, Unpause.class, (log, v) -> new Unpause(log))));
    specs.put(ProtocolContract.SLA_ORACLE, slaOracle());
    specs.put(ProtocolContract.SLA_FEE_DISTRIBUTOR, slaFeeDistributor());
    return specs;
  }

  private static List<EventSpec> bondingManager() {
    return List.of(
        EventSpec.of(
            BondingManager.TRANSCODERUPDATE_EVENT,
            TranscoderUpdate.class,
            (log, v) -> new TranscoderUpdate(log, address(v[0]), uint(v[1]), uint(v[2]))),
        EventSpec.of(
            BondingManager.TRANSCODERACTIVATED_EVENT,
            TranscoderActivated.class,
            (log, v) -> new TranscoderActivated(log, address(v[0]), uint(v[1]))),
        EventSpec.of(
            BondingManager.TRANSCODERDEACTIVATED_EVENT,
            TranscoderDeactivated.class,
            (log, v) -> new TranscoderDeactivated(log, address(v[0]), uint(v[1]))),
        EventSpec.of(
            BondingManager.TRANSCODERSLASHED_EVENT,
            TranscoderSlashed.class,
            (log, v) ->
                new TranscoderSlashed(log, address(v[0]), address(v[1]), uint(v[2]), uint(v[3]))),
        EventSpec.of(
            BondingManager.REWARD_EVENT,
            Reward.class,
            (log, v) -> new Reward(log, address(v[0]), uint(v[1]))),
        EventSpec.of(
            BondingManager.TREASURYREWARD_EVENT,
            TreasuryReward.class,
            (log, v) -> new TreasuryReward(log, address(v[0]), address(v[1]), uint(v[2]))),
        EventSpec.of(
            BondingManager.BOND_EVENT,
            Bond.class,
            (log, v) ->
                new Bond(log, address(v[0]), address(v[1]), address(v[2]), uint(v[3]), uint(v[4]))),
        EventSpec.of(
            BondingManager.UNBOND_EVENT,
            Unbond.class,
            (log, v) ->
                new Unbond(log, address(v[0]), address(v[1]), uint(v[2]), uint(v[3]), uint(v[4]))),
        EventSpec.of(
            BondingManager.REBOND_EVENT,
            Rebond.class,
            (log, v) -> new Rebond(log, address(v[0]), address(v[1]), uint(v[2]), uint(v[3]))),
        EventSpec.of(
            BondingManager.TRANSFERBOND_EVENT,
            TransferBond.class,
            (log, v) ->
                new TransferBond(
                    log, address(v[0]), address(v[1]), uint(v[2]), uint(v[3]), uint(v[4]))),
        EventSpec.of(
            BondingManager.WITHDRAWSTAKE_EVENT,
            WithdrawStake.class,
            (log, v) -> new WithdrawStake(log, address(v[0]), uint(v[1]), uint(v[2]), uint(v[3]))),
        EventSpec.of(
            BondingManager.WITHDRAWFEES_EVENT,
            WithdrawFees.class,
            (log, v) -> new WithdrawFees(log, address(v[0]), address(v[1]), uint(v[2]))),
        EventSpec.of(
            BondingManager.EARNINGSCLAIMED_EVENT,
            EarningsClaimed.class,
            (log, v) ->
                new EarningsClaimed(
                    log,
                    address(v[0]),
                    address(v[1]),
                    uint(v[2]),
                    uint(v[3]),
                    uint(v[4]),
                    uint(v[5]))),
        parameterUpdate(BondingManager.PARAMETERUPDATE_EVENT));
  }

  private static List<EventSpec> ticketBroker() {
    return List.of(
        EventSpec.of(
            TicketBroker.DEPOSITFUNDED_EVENT,
            DepositFunded.class,
            (log, v) -> new DepositFunded(log, address(v[0]), uint(v[1]))),
        EventSpec.of(
            TicketBroker.WINNINGTICKETREDEEMED_EVENT,
            WinningTicketRedeemed.class,
            (log, v) ->
                new WinningTicketRedeemed(
                    log,
                    address(v[0]),
                    address(v[1]),
                    uint(v[2]),
                    uint(v[3]),
                    uint(v[4]),
                    uint(v[5]),
                    hex(v[6]))),
        EventSpec.of(
            TicketBroker.WINNINGTICKETTRANSFER_EVENT,
            WinningTicketTransfer.class,
            (log, v) -> new WinningTicketTransfer(log, address(v[0]), address(v[1]), uint(v[2]))),
        EventSpec.of(
            TicketBroker.UNLOCK_EVENT,
            Unlock.class,
            (log, v) -> new Unlock(log, address(v[0]), uint(v[1]), uint(v[2]))),
        EventSpec.of(
            TicketBroker.UNLOCKCANCELLED_EVENT,
            UnlockCancelled.class,
            (log, v) -> new UnlockCancelled(log, address(v[0]))),
        EventSpec.of(
            TicketBroker.WITHDRAWAL_EVENT,
            Withdrawal.class,
            (log, v) -> new Withdrawal(log, address(v[0]), uint(v[1]), uint(v[2]))),
        EventSpec.of(
            TicketBroker.RESERVEFUNDED_EVENT,
            ReserveFunded.class,
            (log, v) -> new ReserveFunded(log, address(v[0]), uint(v[1]))),
        EventSpec.of(
            TicketBroker.RESERVECLAIMED_EVENT,
            ReserveClaimed.class,
            (log, v) -> new ReserveClaimed(log, address(v[0]), address(v[1]), uint(v[2]))),
        parameterUpdate(TicketBroker.PARAMETERUPDATE_EVENT));
  }

  private static List<EventSpec> slaOracle() {
    List<EventSpec> own =
        List.of(
            EventSpec.of(
                SlaOracle.SIGNERSETCHANGED_EVENT,
                SignerSetChanged.class,
                (log, v) -> new SignerSetChanged(log, number(v[0]), addresses(v[1]), number(v[2]))),
            EventSpec.of(
                SlaOracle.SNAPSHOTPUBLISHED_EVENT,
                SnapshotPublished.class,
                (log, v) ->
                    new SnapshotPublished(
                        log,
                        number(v[0]),
                        hex(v[1]),
                        number(v[2]),
                        hex(v[3]),
                        number(v[4]),
                        address(v[5]))));
    return concat(
        own,
        inheritedFromOpenZeppelin(
            SlaOracle.PAUSED_EVENT,
            SlaOracle.UNPAUSED_EVENT,
            SlaOracle.ROLEGRANTED_EVENT,
            SlaOracle.ROLEREVOKED_EVENT,
            SlaOracle.ROLEADMINCHANGED_EVENT,
            SlaOracle.EIP712DOMAINCHANGED_EVENT));
  }

  private static List<EventSpec> slaFeeDistributor() {
    List<EventSpec> own =
        List.of(
            EventSpec.of(
                SlaFeeDistributor.POOLFUNDED_EVENT,
                PoolFunded.class,
                (log, v) ->
                    new PoolFunded(
                        log, hex(v[0]), address(v[1]), number(v[2]), number(v[3]), uint(v[4]))),
            EventSpec.of(
                SlaFeeDistributor.ROOTPUBLISHED_EVENT,
                RootPublished.class,
                (log, v) ->
                    new RootPublished(
                        log,
                        number(v[0]),
                        hex(v[1]),
                        uint(v[2]),
                        hex(v[3]),
                        number(v[4]),
                        number(v[5]),
                        address(v[6]))),
            EventSpec.of(
                SlaFeeDistributor.ROOTVETOED_EVENT,
                RootVetoed.class,
                (log, v) -> new RootVetoed(log, number(v[0]), hex(v[1]))),
            EventSpec.of(
                SlaFeeDistributor.CLAIMED_EVENT,
                Claimed.class,
                (log, v) -> new Claimed(log, address(v[0]), uint(v[1]), uint(v[2]))));
    return concat(
        own,
        inheritedFromOpenZeppelin(
            SlaFeeDistributor.PAUSED_EVENT,
            SlaFeeDistributor.UNPAUSED_EVENT,
            SlaFeeDistributor.ROLEGRANTED_EVENT,
            SlaFeeDistributor.ROLEREVOKED_EVENT,
            SlaFeeDistributor.ROLEADMINCHANGED_EVENT,
            SlaFeeDistributor.EIP712DOMAINCHANGED_EVENT));
  }

  /**
   * The events of OpenZeppelin's Pausable (as naap's contracts declare them), AccessControl and
   * EIP712, each from the binding of the contract that declares it.
   */
  private static List<EventSpec> inheritedFromOpenZeppelin(
      Event paused,
      Event unpaused,
      Event roleGranted,
      Event roleRevoked,
      Event roleAdminChanged,
      Event eip712DomainChanged) {
    return List.of(
        EventSpec.of(paused, Paused.class, (log, v) -> new Paused(log, address(v[0]))),
        EventSpec.of(unpaused, Unpaused.class, (log, v) -> new Unpaused(log, address(v[0]))),
        EventSpec.of(
            roleGranted,
            RoleGranted.class,
            (log, v) -> new RoleGranted(log, hex(v[0]), address(v[1]), address(v[2]))),
        EventSpec.of(
            roleRevoked,
            RoleRevoked.class,
            (log, v) -> new RoleRevoked(log, hex(v[0]), address(v[1]), address(v[2]))),
        EventSpec.of(
            roleAdminChanged,
            RoleAdminChanged.class,
            (log, v) -> new RoleAdminChanged(log, hex(v[0]), hex(v[1]), hex(v[2]))),
        EventSpec.of(
            eip712DomainChanged,
            EIP712DomainChanged.class,
            (log, v) -> new EIP712DomainChanged(log)));
  }

  private static List<EventSpec> concat(List<EventSpec> first, List<EventSpec> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static EventSpec parameterUpdate(Event event) {
    return EventSpec.of(
        event, ParameterUpdate.class, (log, v) -> new ParameterUpdate(log, text(v[0])));
  }

  // The decoded values' Java types, as AbiType produces them.

  private static EthereumAddress address(Object value) {
    return (EthereumAddress) value;
  }

  private static BigInteger uint(Object value) {
    return (BigInteger) value;
  }

  private static long number(Object value) {
    return (Long) value;
  }

  /** A {@code string}. */
  private static String text(Object value) {
    return (String) value;
  }

  /** A {@code bytes32}, {@code bytes20} or {@code bytes}, as lower-case {@code 0x} hex. */
  private static String hex(Object value) {
    return (String) value;
  }

  @SuppressWarnings("unchecked")
  private static List<EthereumAddress> addresses(Object value) {
    return (List<EthereumAddress>) value;
  }
}
