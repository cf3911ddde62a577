package io.naap.indexer.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ChunkDeriver;
import io.naap.storage.protocol.DerivedState;
import io.naap.storage.protocol.DerivedState.ClosedBy;
import io.naap.storage.protocol.DerivedState.DelegatorChange;
import io.naap.storage.protocol.DerivedState.LockClosed;
import io.naap.storage.protocol.DerivedState.LockKey;
import io.naap.storage.protocol.DerivedState.StakeChange;
import io.naap.storage.protocol.DerivedState.UnbondingLock;
import io.naap.storage.protocol.ProtocolEventRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds BondingManager's events into orchestrators' delegated stake, delegators' bonded amounts and
 * delegates, and unbonding locks, the way the protocol moves them (docs/PROTOCOL.md):
 *
 * <ul>
 *   <li>{@code Bond}: the delegator's bonded amount becomes {@code bondedAmount} (earnings claimed
 *       on the way included) and its delegate {@code newDelegate}. Moving from another delegate
 *       takes {@code bondedAmount - additionalAmount} off the old one's stake and adds {@code
 *       bondedAmount} to the new one's; bonding more to the same delegate (or from none) adds
 *       {@code additionalAmount}.
 *   <li>{@code Unbond}: {@code amount} leaves the delegator's bonded amount and its delegate's
 *       stake into a lock; unbonding everything leaves it bonded to no one.
 *   <li>{@code Rebond}: {@code amount} of a lock comes back to the delegator, bonded to {@code
 *       delegate}, and to that delegate's stake; the lock closes.
 *   <li>{@code WithdrawStake}: the lock closes (the stake had already left).
 *   <li>{@code TransferBond}: the old delegator's lock (its {@code Unbond} came first) closes and
 *       the same amount, withdraw round and delegate become the new delegator's lock {@code
 *       newUnbondingLockId}, which the {@code Rebond} that follows brings back to stake.
 *   <li>{@code EarningsClaimed}: the claimed {@code rewards} join the delegator's bonded amount
 *       (its delegate's stake already counted them when they were minted).
 *   <li>{@code Reward}: {@code amount} joins the orchestrator's stake.
 *   <li>{@code TranscoderSlashed}: {@code penalty} leaves the orchestrator's stake and its own
 *       bonded amount.
 * </ul>
 *
 * <p>Nothing is clamped: a history that starts after the events that funded a stake (a mirror
 * started mid-way, or a test double emitting anything) shows as negative amounts rather than
 * silently wrong ones. A close of a lock the mirror never saw opened changes nothing. Stateless and
 * thread-safe; each call folds one chunk on top of the stored state it is given.
 */
public final class ProtocolLedger implements ChunkDeriver {
  /** The configured name of the contract whose events this folds. */
  public static final String BONDING_MANAGER = "BondingManager";

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> FOLDED =
      Set.of(
          "Bond",
          "Unbond",
          "Rebond",
          "WithdrawStake",
          "TransferBond",
          "EarningsClaimed",
          "Reward",
          "TranscoderSlashed");

  @Override
  public DerivedState derive(long chainId, List<ProtocolEventRow> events, PriorState prior) {
    List<Parsed> parsed = new ArrayList<>();
    for (ProtocolEventRow row : events) {
      if (BONDING_MANAGER.equals(row.contract()) && FOLDED.contains(row.event())) {
        parsed.add(new Parsed(row, fields(row)));
      }
    }
    if (parsed.isEmpty()) {
      return DerivedState.NONE;
    }
    Fold fold = new Fold(prior, parsed);
    for (Parsed event : parsed) {
      fold.apply(event);
    }
    return fold.result();
  }

  /** The top-level text fields of a row's JSON (the mirror writes every uint256 and address so). */
  private static Map<String, String> fields(ProtocolEventRow row) {
    Map<String, String> fields = new HashMap<>(8);
    try (JsonParser parser = JSON.createParser(row.fields())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          fields.put(name, parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      return fields;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the fields of " + row.event() + " at " + row.blockNumber() + "/" + row.logIndex(), e);
    }
  }

  private record Parsed(ProtocolEventRow row, Map<String, String> fields) {
    EthereumAddress address(String name) {
      return EthereumAddress.fromHex(text(name));
    }

    BigInteger amount(String name) {
      return new BigInteger(text(name));
    }

    long block() {
      return row.blockNumber();
    }

    private String text(String name) {
      String text = fields.get(name);
      if (text == null) {
        throw new IllegalArgumentException(
            row.event() + " at " + row.blockNumber() + "/" + row.logIndex() + " has no " + name);
      }
      return text;
    }
  }

  private static final EthereumAddress ZERO = new EthereumAddress(new byte[20]);

  /** One chunk's fold: the state of the addresses it touches, loaded once, then moved in order. */
  private static final class Fold {
    private final Map<EthereumAddress, BigInteger> stakes;
    private final Map<EthereumAddress, Delegation> delegations = new HashMap<>();
    private final Map<LockKey, UnbondingLock> openLocks;
    private final Map<AtBlock, StakeChange> stakeRows = new LinkedHashMap<>();
    private final Map<AtBlock, DelegatorChange> delegatorRows = new LinkedHashMap<>();
    private final Map<String, UnbondingLock> opened = new LinkedHashMap<>();
    private final List<LockClosed> closed = new ArrayList<>();

    Fold(PriorState prior, List<Parsed> events) {
      Set<EthereumAddress> orchestrators = new HashSet<>();
      Set<EthereumAddress> delegators = new HashSet<>();
      Set<LockKey> locks = new HashSet<>();
      for (Parsed event : events) {
        switch (event.row().event()) {
          case "Bond" -> {
            delegators.add(event.address("delegator"));
            orchestrators.add(event.address("newDelegate"));
            orchestrators.add(event.address("oldDelegate"));
          }
          case "Unbond", "Rebond" -> {
            delegators.add(event.address("delegator"));
            orchestrators.add(event.address("delegate"));
            locks.add(new LockKey(event.address("delegator"), event.amount("unbondingLockId")));
          }
          case "WithdrawStake" ->
              locks.add(new LockKey(event.address("delegator"), event.amount("unbondingLockId")));
          case "TransferBond" ->
              locks.add(
                  new LockKey(event.address("oldDelegator"), event.amount("oldUnbondingLockId")));
          case "EarningsClaimed" -> delegators.add(event.address("delegator"));
          case "Reward" -> orchestrators.add(event.address("transcoder"));
          case "TranscoderSlashed" -> {
            orchestrators.add(event.address("transcoder"));
            delegators.add(event.address("transcoder"));
          }
          default -> throw new IllegalStateException(event.row().event());
        }
      }
      stakes = new HashMap<>(prior.stakes(orchestrators));
      prior
          .delegators(delegators)
          .forEach(
              (address, row) ->
                  delegations.put(address, new Delegation(row.delegate(), row.bonded())));
      openLocks = new HashMap<>(prior.openLocks(locks));
    }

    void apply(Parsed event) {
      long block = event.block();
      switch (event.row().event()) {
        case "Bond" -> {
          EthereumAddress delegator = event.address("delegator");
          EthereumAddress newDelegate = event.address("newDelegate");
          EthereumAddress oldDelegate = event.address("oldDelegate");
          BigInteger additional = event.amount("additionalAmount");
          BigInteger bonded = event.amount("bondedAmount");
          if (!oldDelegate.equals(ZERO) && !oldDelegate.equals(newDelegate)) {
            addStake(oldDelegate, bonded.subtract(additional).negate(), block);
            addStake(newDelegate, bonded, block);
          } else {
            addStake(newDelegate, additional, block);
          }
          setDelegation(delegator, new Delegation(newDelegate, bonded), block);
        }
        case "Unbond" -> {
          EthereumAddress delegator = event.address("delegator");
          EthereumAddress delegate = event.address("delegate");
          BigInteger amount = event.amount("amount");
          addStake(delegate, amount.negate(), block);
          BigInteger left = delegation(delegator).bonded().subtract(amount);
          setDelegation(
              delegator, new Delegation(left.signum() == 0 ? null : delegate, left), block);
          open(
              new UnbondingLock(
                  new LockKey(delegator, event.amount("unbondingLockId")),
                  delegate,
                  amount,
                  event.amount("withdrawRound"),
                  block));
        }
        case "Rebond" -> {
          EthereumAddress delegator = event.address("delegator");
          EthereumAddress delegate = event.address("delegate");
          BigInteger amount = event.amount("amount");
          addStake(delegate, amount, block);
          setDelegation(
              delegator,
              new Delegation(delegate, delegation(delegator).bonded().add(amount)),
              block);
          close(new LockKey(delegator, event.amount("unbondingLockId")), block, ClosedBy.REBOND);
        }
        case "WithdrawStake" ->
            close(
                new LockKey(event.address("delegator"), event.amount("unbondingLockId")),
                block,
                ClosedBy.WITHDRAW_STAKE);
        case "TransferBond" -> {
          LockKey old =
              new LockKey(event.address("oldDelegator"), event.amount("oldUnbondingLockId"));
          UnbondingLock handed = close(old, block, ClosedBy.TRANSFER_BOND);
          if (handed != null) {
            open(
                new UnbondingLock(
                    new LockKey(event.address("newDelegator"), event.amount("newUnbondingLockId")),
                    handed.delegate(),
                    event.amount("amount"),
                    handed.withdrawRound(),
                    block));
          }
        }
        case "EarningsClaimed" -> {
          EthereumAddress delegator = event.address("delegator");
          Delegation now = delegation(delegator);
          setDelegation(
              delegator,
              new Delegation(now.delegate(), now.bonded().add(event.amount("rewards"))),
              block);
        }
        case "Reward" -> addStake(event.address("transcoder"), event.amount("amount"), block);
        case "TranscoderSlashed" -> {
          EthereumAddress transcoder = event.address("transcoder");
          BigInteger penalty = event.amount("penalty");
          addStake(transcoder, penalty.negate(), block);
          Delegation own = delegation(transcoder);
          setDelegation(
              transcoder, new Delegation(own.delegate(), own.bonded().subtract(penalty)), block);
        }
        default -> throw new IllegalStateException(event.row().event());
      }
    }

    private void addStake(EthereumAddress orchestrator, BigInteger delta, long block) {
      BigInteger stake = stakes.getOrDefault(orchestrator, BigInteger.ZERO).add(delta);
      stakes.put(orchestrator, stake);
      stakeRows.put(new AtBlock(orchestrator, block), new StakeChange(orchestrator, block, stake));
    }

    private Delegation delegation(EthereumAddress delegator) {
      return delegations.getOrDefault(delegator, Delegation.NONE);
    }

    private void setDelegation(EthereumAddress delegator, Delegation delegation, long block) {
      delegations.put(delegator, delegation);
      delegatorRows.put(
          new AtBlock(delegator, block),
          new DelegatorChange(delegator, block, delegation.delegate(), delegation.bonded()));
    }

    private void open(UnbondingLock lock) {
      // a real BondingManager never reuses a lock id; a double may, in the same block even: the
      // latest wins, as it would for a later close
      String key = lock.key() + "/" + lock.createdBlock();
      UnbondingLock earlier = opened.remove(key);
      if (earlier != null) {
        closed.removeIf(c -> c.key().equals(lock.key()) && c.createdBlock() == lock.createdBlock());
      }
      opened.put(key, lock);
      openLocks.put(lock.key(), lock);
    }

    /** Closes the open lock of a key; the lock closed, or null when none was open. */
    private UnbondingLock close(LockKey key, long block, ClosedBy by) {
      UnbondingLock lock = openLocks.remove(key);
      if (lock != null) {
        closed.add(new LockClosed(key, lock.createdBlock(), block, by));
      }
      return lock;
    }

    DerivedState result() {
      return new DerivedState(
          List.copyOf(stakeRows.values()),
          List.copyOf(delegatorRows.values()),
          List.copyOf(opened.values()),
          closed);
    }
  }

  /** An address's row of one block: later events of the block replace it. */
  private record AtBlock(EthereumAddress address, long block) {}

  private record Delegation(EthereumAddress delegate, BigInteger bonded) {
    static final Delegation NONE = new Delegation(null, BigInteger.ZERO);
  }
}
