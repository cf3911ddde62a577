package io.naap.storage.protocol;

import static io.naap.storage.generated.Tables.PROTOCOL_DELEGATOR;
import static io.naap.storage.generated.Tables.PROTOCOL_STAKE;
import static io.naap.storage.generated.Tables.PROTOCOL_UNBONDING_LOCK;

import io.naap.storage.EthereumAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Writes, reads back for a chunk, and rolls back the derived protocol state, always inside a
 * transaction {@link ProtocolMirrorStore} opened (so the state moves with the events and the
 * checkpoints).
 */
final class ProtocolStateWriter {
  private static final int ROWS_PER_STATEMENT = 1_000;

  private ProtocolStateWriter() {}

  /** Stores what a chunk derived. */
  static void write(DSLContext tx, long chainId, DerivedState state) {
    for (List<DerivedState.StakeChange> part : parts(state.stakes())) {
      var insert =
          tx.insertInto(
              PROTOCOL_STAKE,
              PROTOCOL_STAKE.CHAIN_ID,
              PROTOCOL_STAKE.ADDRESS,
              PROTOCOL_STAKE.BLOCK_NUMBER,
              PROTOCOL_STAKE.STAKE);
      for (DerivedState.StakeChange change : part) {
        insert =
            insert.values(
                chainId,
                change.orchestrator().bytes(),
                change.blockNumber(),
                new BigDecimal(change.stake()));
      }
      insert.execute();
    }
    for (List<DerivedState.DelegatorChange> part : parts(state.delegators())) {
      var insert =
          tx.insertInto(
              PROTOCOL_DELEGATOR,
              PROTOCOL_DELEGATOR.CHAIN_ID,
              PROTOCOL_DELEGATOR.ADDRESS,
              PROTOCOL_DELEGATOR.BLOCK_NUMBER,
              PROTOCOL_DELEGATOR.DELEGATE,
              PROTOCOL_DELEGATOR.BONDED);
      for (DerivedState.DelegatorChange change : part) {
        insert =
            insert.values(
                chainId,
                change.delegator().bytes(),
                change.blockNumber(),
                change.delegate() == null ? null : change.delegate().bytes(),
                new BigDecimal(change.bonded()));
      }
      insert.execute();
    }
    var l = PROTOCOL_UNBONDING_LOCK;
    for (List<DerivedState.UnbondingLock> part : parts(state.opened())) {
      var insert =
          tx.insertInto(
              l,
              l.CHAIN_ID,
              l.DELEGATOR,
              l.LOCK_ID,
              l.DELEGATE,
              l.AMOUNT,
              l.WITHDRAW_ROUND,
              l.CREATED_BLOCK);
      for (DerivedState.UnbondingLock lock : part) {
        insert =
            insert.values(
                chainId,
                lock.key().delegator().bytes(),
                lock.key().lockId(),
                lock.delegate().bytes(),
                lock.amount(),
                lock.withdrawRound(),
                lock.createdBlock());
      }
      insert.execute();
    }
    for (DerivedState.LockClosed closed : state.closed()) {
      tx.update(l)
          .set(l.CLOSED_BLOCK, closed.closedBlock())
          .set(l.CLOSED_BY, closed.closedBy().event())
          .where(
              l.CHAIN_ID.eq(chainId),
              l.DELEGATOR.eq(closed.key().delegator().bytes()),
              l.LOCK_ID.eq(closed.key().lockId()),
              l.CREATED_BLOCK.eq(closed.createdBlock()))
          .execute();
    }
  }

  /** Undoes the state of the blocks above {@code commonAncestor}. */
  static void rollback(DSLContext tx, long chainId, long commonAncestor) {
    tx.deleteFrom(PROTOCOL_STAKE)
        .where(PROTOCOL_STAKE.CHAIN_ID.eq(chainId), PROTOCOL_STAKE.BLOCK_NUMBER.gt(commonAncestor))
        .execute();
    tx.deleteFrom(PROTOCOL_DELEGATOR)
        .where(
            PROTOCOL_DELEGATOR.CHAIN_ID.eq(chainId),
            PROTOCOL_DELEGATOR.BLOCK_NUMBER.gt(commonAncestor))
        .execute();
    var l = PROTOCOL_UNBONDING_LOCK;
    tx.deleteFrom(l).where(l.CHAIN_ID.eq(chainId), l.CREATED_BLOCK.gt(commonAncestor)).execute();
    tx.update(l)
        .setNull(l.CLOSED_BLOCK)
        .setNull(l.CLOSED_BY)
        .where(l.CHAIN_ID.eq(chainId), l.CLOSED_BLOCK.gt(commonAncestor))
        .execute();
  }

  /** Forgets a chain's derived state. */
  static void forget(DSLContext tx, long chainId) {
    tx.deleteFrom(PROTOCOL_STAKE).where(PROTOCOL_STAKE.CHAIN_ID.eq(chainId)).execute();
    tx.deleteFrom(PROTOCOL_DELEGATOR).where(PROTOCOL_DELEGATOR.CHAIN_ID.eq(chainId)).execute();
    tx.deleteFrom(PROTOCOL_UNBONDING_LOCK)
        .where(PROTOCOL_UNBONDING_LOCK.CHAIN_ID.eq(chainId))
        .execute();
  }

  /** The stored state a chunk continues, read in the chunk's transaction. */
  static ChunkDeriver.PriorState prior(DSLContext tx, long chainId) {
    return new ChunkDeriver.PriorState() {
      @Override
      public Map<EthereumAddress, BigInteger> stakes(Set<EthereumAddress> orchestrators) {
        Map<EthereumAddress, BigInteger> stakes = new HashMap<>();
        if (orchestrators.isEmpty()) {
          return stakes;
        }
        var s = PROTOCOL_STAKE;
        tx.selectDistinct(s.ADDRESS, s.STAKE)
            .on(s.ADDRESS)
            .from(s)
            .where(s.CHAIN_ID.eq(chainId), s.ADDRESS.in(bytes(orchestrators)))
            .orderBy(s.ADDRESS, s.BLOCK_NUMBER.desc())
            .forEach(
                row ->
                    stakes.put(
                        new EthereumAddress(row.value1()), row.value2().toBigIntegerExact()));
        return stakes;
      }

      @Override
      public Map<EthereumAddress, DerivedState.DelegatorChange> delegators(
          Set<EthereumAddress> delegators) {
        Map<EthereumAddress, DerivedState.DelegatorChange> found = new HashMap<>();
        if (delegators.isEmpty()) {
          return found;
        }
        var d = PROTOCOL_DELEGATOR;
        tx.selectDistinct(d.ADDRESS, d.BLOCK_NUMBER, d.DELEGATE, d.BONDED)
            .on(d.ADDRESS)
            .from(d)
            .where(d.CHAIN_ID.eq(chainId), d.ADDRESS.in(bytes(delegators)))
            .orderBy(d.ADDRESS, d.BLOCK_NUMBER.desc())
            .forEach(
                row -> {
                  EthereumAddress delegator = new EthereumAddress(row.value1());
                  found.put(
                      delegator,
                      new DerivedState.DelegatorChange(
                          delegator,
                          row.value2(),
                          row.value3() == null ? null : new EthereumAddress(row.value3()),
                          row.value4().toBigIntegerExact()));
                });
        return found;
      }

      @Override
      public Map<DerivedState.LockKey, DerivedState.UnbondingLock> openLocks(
          Set<DerivedState.LockKey> keys) {
        Map<DerivedState.LockKey, DerivedState.UnbondingLock> found = new HashMap<>();
        if (keys.isEmpty()) {
          return found;
        }
        var l = PROTOCOL_UNBONDING_LOCK;
        List<Condition> each = new ArrayList<>();
        for (DerivedState.LockKey key : keys) {
          each.add(l.DELEGATOR.eq(key.delegator().bytes()).and(l.LOCK_ID.eq(key.lockId())));
        }
        tx.selectDistinct(
                l.DELEGATOR, l.LOCK_ID, l.DELEGATE, l.AMOUNT, l.WITHDRAW_ROUND, l.CREATED_BLOCK)
            .on(l.DELEGATOR, l.LOCK_ID)
            .from(l)
            .where(l.CHAIN_ID.eq(chainId), l.CLOSED_BLOCK.isNull(), DSL.or(each))
            .orderBy(l.DELEGATOR, l.LOCK_ID, l.CREATED_BLOCK.desc())
            .forEach(
                row -> {
                  DerivedState.LockKey key =
                      new DerivedState.LockKey(new EthereumAddress(row.value1()), row.value2());
                  found.put(
                      key,
                      new DerivedState.UnbondingLock(
                          key,
                          new EthereumAddress(row.value3()),
                          row.value4(),
                          row.value5(),
                          row.value6()));
                });
        return found;
      }
    };
  }

  private static List<byte[]> bytes(Set<EthereumAddress> addresses) {
    return addresses.stream().map(EthereumAddress::bytes).toList();
  }

  private static <T> List<List<T>> parts(List<T> rows) {
    List<List<T>> parts = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += ROWS_PER_STATEMENT) {
      parts.add(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_STATEMENT)));
    }
    return parts;
  }
}
