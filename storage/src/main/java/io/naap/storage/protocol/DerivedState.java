package io.naap.storage.protocol;

import io.naap.storage.EthereumAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What a chunk's events change in the derived protocol state, stored in the same transaction as the
 * events: new stake and delegator history rows (one per address and block that changed it) and
 * unbonding locks opened and closed.
 */
public record DerivedState(
    List<StakeChange> stakes,
    List<DelegatorChange> delegators,
    List<UnbondingLock> opened,
    List<LockClosed> closed) {
  /** Nothing derived. */
  public static final DerivedState NONE =
      new DerivedState(List.of(), List.of(), List.of(), List.of());

  public DerivedState {
    stakes = List.copyOf(stakes);
    delegators = List.copyOf(delegators);
    opened = List.copyOf(opened);
    closed = List.copyOf(closed);
  }

  /** True when it changes nothing. */
  public boolean isEmpty() {
    return stakes.isEmpty() && delegators.isEmpty() && opened.isEmpty() && closed.isEmpty();
  }

  /** An orchestrator's total delegated stake (LPT wei) at the end of a block. */
  public record StakeChange(EthereumAddress orchestrator, long blockNumber, BigInteger stake) {
    public StakeChange {
      Objects.requireNonNull(orchestrator, "orchestrator");
      Objects.requireNonNull(stake, "stake");
    }
  }

  /**
   * A delegator's bonded amount (LPT wei) and delegate at the end of a block.
   *
   * @param delegate null when it is bonded to no one
   */
  public record DelegatorChange(
      EthereumAddress delegator, long blockNumber, EthereumAddress delegate, BigInteger bonded) {
    public DelegatorChange {
      Objects.requireNonNull(delegator, "delegator");
      Objects.requireNonNull(bonded, "bonded");
    }
  }

  /** One delegator's unbonding lock, as its identity for a later event to close. */
  public record LockKey(EthereumAddress delegator, BigInteger lockId) {
    public LockKey {
      Objects.requireNonNull(delegator, "delegator");
      Objects.requireNonNull(lockId, "lockId");
    }
  }

  /**
   * An unbonding lock: {@code amount} unbonded from {@code delegate}, withdrawable from a round.
   */
  public record UnbondingLock(
      LockKey key,
      EthereumAddress delegate,
      BigInteger amount,
      BigInteger withdrawRound,
      long createdBlock) {
    public UnbondingLock {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(delegate, "delegate");
      Objects.requireNonNull(amount, "amount");
      Objects.requireNonNull(withdrawRound, "withdrawRound");
    }
  }

  /** What closed a lock. */
  public enum ClosedBy {
    REBOND("Rebond"),
    WITHDRAW_STAKE("WithdrawStake"),
    TRANSFER_BOND("TransferBond");

    private final String event;

    ClosedBy(String event) {
      this.event = event;
    }

    /** The event's name, as stored. */
    public String event() {
      return event;
    }

    static ClosedBy ofEvent(String event) {
      for (ClosedBy value : values()) {
        if (value.event.equals(event)) {
          return value;
        }
      }
      throw new IllegalArgumentException("no lock is closed by " + event);
    }
  }

  /** A lock (the one created in {@code createdBlock}) closed by an event of {@code closedBlock}. */
  public record LockClosed(LockKey key, long createdBlock, long closedBlock, ClosedBy closedBy) {
    public LockClosed {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(closedBy, "closedBy");
    }
  }
}
