package io.naap.indexer.state;

import static io.naap.indexer.state.LedgerScenario.D1;
import static io.naap.indexer.state.LedgerScenario.D2;
import static io.naap.indexer.state.LedgerScenario.O1;
import static io.naap.indexer.state.LedgerScenario.O2;
import static io.naap.indexer.state.LedgerScenario.wei;
import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ChunkDeriver;
import io.naap.storage.protocol.DerivedState;
import io.naap.storage.protocol.DerivedState.DelegatorChange;
import io.naap.storage.protocol.DerivedState.LockKey;
import io.naap.storage.protocol.DerivedState.StakeChange;
import io.naap.storage.protocol.DerivedState.UnbondingLock;
import io.naap.storage.protocol.ProtocolEventRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ProtocolLedgerTest {
  private final ProtocolLedger ledger = new ProtocolLedger();

  @Test
  void scenarioEndsInTheHandComputedState() {
    Memory memory = new Memory();
    memory.apply(ledger.derive(1, LedgerScenario.events(), memory));

    assertThat(memory.stakes).containsOnly(Map.entry(O1, wei(1070)), Map.entry(O2, wei(1500)));
    assertThat(memory.delegators.get(O1)).isEqualTo(new Delegation(O1, wei(900)));
    assertThat(memory.delegators.get(O2)).isEqualTo(new Delegation(O2, wei(1500)));
    assertThat(memory.delegators.get(D1)).isEqualTo(new Delegation(null, wei(0)));
    assertThat(memory.delegators.get(D2)).isEqualTo(new Delegation(O1, wei(100)));
    assertThat(memory.locks.values())
        .extracting(Lock::describe)
        .containsExactlyInAnyOrder(
            "d1#0 A2 200 r9 @16 closed@17 Rebond",
            "d1#1 A2 600 r10 @18 closed@20 WithdrawStake",
            "a1#0 A1 100 r11 @19 closed@19 TransferBond",
            "d2#0 A1 100 r11 @19 closed@19 Rebond");
  }

  @Test
  void historyHasOneRowPerAddressAndBlockThatChangedIt() {
    DerivedState derived = ledger.derive(1, LedgerScenario.events(), new Memory());

    assertThat(derived.stakes())
        .filteredOn(change -> change.orchestrator().equals(O1))
        .extracting(change -> change.blockNumber() + ":" + change.stake())
        .containsExactly("10:1000", "11:1500", "13:1600", "15:1070", "19:1070");
    assertThat(derived.stakes())
        .filteredOn(change -> change.orchestrator().equals(O2))
        .extracting(change -> change.blockNumber() + ":" + change.stake())
        .containsExactly("12:2000", "15:2600", "16:2400", "17:2600", "18:2000", "21:1500");
    assertThat(derived.delegators())
        .filteredOn(change -> change.delegator().equals(D1))
        .extracting(change -> change.blockNumber() + ":" + change.bonded())
        .containsExactly("11:500", "14:530", "15:600", "16:400", "17:600", "18:0");
  }

  @Test
  void eventsOfOtherContractsAndKindsDeriveNothing() {
    ProtocolEventRow update =
        LedgerScenario.row(
            5,
            0,
            "TranscoderUpdate",
            "{\"transcoder\":\"%s\",\"rewardCut\":\"1\",\"feeShare\":\"2\"}",
            O1);
    ProtocolEventRow elsewhere =
        new ProtocolEventRow(
            5,
            1,
            update.blockHash(),
            update.transactionHash(),
            "TicketBroker",
            update.address(),
            "Reward",
            "{\"transcoder\":\"" + O1.toHex() + "\",\"amount\":\"5\"}");

    assertThat(ledger.derive(1, List.of(update, elsewhere), new Memory()).isEmpty()).isTrue();
  }

  @Test
  void aCloseOfALockNeverSeenChangesNoLock() {
    Memory memory = new Memory();
    memory.apply(ledger.derive(1, List.of(LedgerScenario.rebond(3, 0, O1, D1, 7, 50)), memory));

    assertThat(memory.locks).isEmpty();
    assertThat(memory.delegators.get(D1)).isEqualTo(new Delegation(O1, wei(50)));
    assertThat(memory.stakes.get(O1)).isEqualTo(wei(50));
  }

  /** Folding in chunks, each on top of what the chunks before it stored, gives the same state. */
  @Property(tries = 200)
  void chunkingDoesNotChangeTheState(
      @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 13) Integer> cuts) {
    List<ProtocolEventRow> events = LedgerScenario.events();
    Memory whole = new Memory();
    whole.apply(ledger.derive(1, events, whole));

    Memory chunked = new Memory();
    List<Integer> bounds = new ArrayList<>(new java.util.TreeSet<>(cuts));
    int from = 0;
    bounds.add(events.size());
    for (int to : bounds) {
      // a chunk ends at a block boundary, as the follower's do
      while (to < events.size()
          && to > 0
          && events.get(to).blockNumber() == events.get(to - 1).blockNumber()) {
        to++;
      }
      if (to > from) {
        chunked.apply(ledger.derive(1, events.subList(from, to), chunked));
        from = to;
      }
    }

    assertThat(chunked.stakes).isEqualTo(whole.stakes);
    assertThat(chunked.delegators).isEqualTo(whole.delegators);
    assertThat(chunked.locks).isEqualTo(whole.locks);
  }

  private record Delegation(EthereumAddress delegate, BigInteger bonded) {}

  private record Lock(UnbondingLock lock, long closedBlock, String closedBy) {
    String describe() {
      return name(lock.key().delegator())
          + "#"
          + lock.key().lockId()
          + " "
          + name(lock.delegate()).toUpperCase(java.util.Locale.ROOT)
          + " "
          + lock.amount()
          + " r"
          + lock.withdrawRound()
          + " @"
          + lock.createdBlock()
          + (closedBy == null ? "" : " closed@" + closedBlock + " " + closedBy);
    }

    private static String name(EthereumAddress address) {
      return address.toHex().substring(40);
    }
  }

  /** The stored state, in memory: what ProtocolStateWriter keeps in Postgres. */
  private static final class Memory implements ChunkDeriver.PriorState {
    final Map<EthereumAddress, BigInteger> stakes = new HashMap<>();
    final Map<EthereumAddress, Delegation> delegators = new HashMap<>();
    final Map<String, Lock> locks = new TreeMap<>();

    void apply(DerivedState derived) {
      for (StakeChange change : derived.stakes()) {
        stakes.put(change.orchestrator(), change.stake());
      }
      for (DelegatorChange change : derived.delegators()) {
        delegators.put(change.delegator(), new Delegation(change.delegate(), change.bonded()));
      }
      for (UnbondingLock lock : derived.opened()) {
        locks.put(key(lock.key(), lock.createdBlock()), new Lock(lock, -1, null));
      }
      for (DerivedState.LockClosed closed : derived.closed()) {
        String key = key(closed.key(), closed.createdBlock());
        Lock lock = locks.get(key);
        locks.put(key, new Lock(lock.lock(), closed.closedBlock(), closed.closedBy().event()));
      }
    }

    private static String key(LockKey key, long createdBlock) {
      return key.delegator().toHex() + "/" + key.lockId() + "/" + createdBlock;
    }

    @Override
    public Map<EthereumAddress, BigInteger> stakes(Set<EthereumAddress> orchestrators) {
      Map<EthereumAddress, BigInteger> found = new HashMap<>(stakes);
      found.keySet().retainAll(orchestrators);
      return found;
    }

    @Override
    public Map<EthereumAddress, DelegatorChange> delegators(Set<EthereumAddress> wanted) {
      Map<EthereumAddress, DelegatorChange> found = new HashMap<>();
      delegators.forEach(
          (address, delegation) -> {
            if (wanted.contains(address)) {
              found.put(
                  address,
                  new DelegatorChange(address, 0, delegation.delegate(), delegation.bonded()));
            }
          });
      return found;
    }

    @Override
    public Map<LockKey, UnbondingLock> openLocks(Set<LockKey> keys) {
      Map<LockKey, UnbondingLock> found = new HashMap<>();
      for (Lock lock : locks.values()) {
        if (lock.closedBy() == null && keys.contains(lock.lock().key())) {
          UnbondingLock earlier = found.get(lock.lock().key());
          if (earlier == null || earlier.createdBlock() < lock.lock().createdBlock()) {
            found.put(lock.lock().key(), lock.lock());
          }
        }
      }
      return found;
    }
  }
}
