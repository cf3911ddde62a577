package io.naap.storage.protocol;

import static io.naap.storage.generated.Tables.INDEXER_CONTRACT;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Reads the protocol state derived from the mirror: orchestrators, delegators, rounds and what each
 * orchestrator earned per round. Every read is as of one block ({@link #asOf}): the lowest
 * checkpoint of the chain's contracts, so state that joins several contracts (fees booked to the
 * round RoundsManager announced) never mixes blocks one contract has and another has not yet.
 *
 * <p>Rounds of events: an event belongs to the round of the latest NewRound before it (block, then
 * log index), as the protocol books fees to the round in which a ticket is redeemed. Addresses in
 * event fields are lower-case hex, as the mirror stores them. Thread-safe.
 */
public final class ProtocolStateStore {
  /** The round of the event aliased {@code e}: the latest NewRound before it. */
  private static final String ROUND_OF_E =
      "(select (n.fields ->> 'round')::numeric from protocol_event n"
          + " where n.chain_id = e.chain_id and n.contract = 'RoundsManager'"
          + " and n.event = 'NewRound' and n.block_number <= e.block_number"
          + " and (n.block_number, n.log_index) < (e.block_number, e.log_index)"
          + " order by n.block_number desc, n.log_index desc limit 1)";

  private static final String ORCHESTRATORS =
      """
      with upd as (
        select distinct on (fields ->> 'transcoder') fields ->> 'transcoder' as a,
               fields ->> 'rewardCut' as reward_cut, fields ->> 'feeShare' as fee_share
        from protocol_event
        where chain_id = {0} and contract = 'BondingManager' and event = 'TranscoderUpdate'
          and block_number <= {1} and ({2}::text is null or fields ->> 'transcoder' = {2})
        order by fields ->> 'transcoder', block_number desc, log_index desc),
      act as (
        select distinct on (fields ->> 'transcoder') fields ->> 'transcoder' as a,
               fields ->> 'activationRound' as round, block_number as b, log_index as l
        from protocol_event
        where chain_id = {0} and contract = 'BondingManager' and event = 'TranscoderActivated'
          and block_number <= {1} and ({2}::text is null or fields ->> 'transcoder' = {2})
        order by fields ->> 'transcoder', block_number desc, log_index desc),
      deact as (
        select distinct on (fields ->> 'transcoder') fields ->> 'transcoder' as a,
               fields ->> 'deactivationRound' as round, block_number as b, log_index as l
        from protocol_event
        where chain_id = {0} and contract = 'BondingManager' and event = 'TranscoderDeactivated'
          and block_number <= {1} and ({2}::text is null or fields ->> 'transcoder' = {2})
        order by fields ->> 'transcoder', block_number desc, log_index desc),
      rew as (
        select distinct on (fields ->> 'transcoder') fields ->> 'transcoder' as a, e.*
        from protocol_event e
        where chain_id = {0} and contract = 'BondingManager' and event = 'Reward'
          and block_number <= {1} and ({2}::text is null or fields ->> 'transcoder' = {2})
        order by fields ->> 'transcoder', block_number desc, log_index desc),
      addrs as (select a from upd union select a from act)
      select x.a, upd.reward_cut, upd.fee_share, act.round as activation,
             case when deact.a is not null and (act.a is null or (deact.b, deact.l) > (act.b, act.l))
                  then deact.round end as deactivation,
             (select s.stake from protocol_stake s
               where s.chain_id = {0} and s.address = decode(substr(x.a, 3), 'hex')
                 and s.block_number <= {1}
               order by s.block_number desc limit 1) as stake,
             (select u.fields ->> 'serviceURI' from protocol_event u
               where u.chain_id = {0} and u.event = 'ServiceURIUpdate'
                 and u.contract = 'ServiceRegistry' and u.fields ->> 'addr' = x.a
                 and u.block_number <= {1}
               order by u.block_number desc, u.log_index desc limit 1) as service_uri,
             (select u.fields ->> 'serviceURI' from protocol_event u
               where u.chain_id = {0} and u.event = 'ServiceURIUpdate'
                 and u.contract = 'AIServiceRegistry' and u.fields ->> 'addr' = x.a
                 and u.block_number <= {1}
               order by u.block_number desc, u.log_index desc limit 1) as ai_service_uri,
             (select %s from rew e where e.a = x.a) as last_reward_round
      from addrs x
      left join upd on upd.a = x.a
      left join act on act.a = x.a
      left join deact on deact.a = x.a
      order by x.a
      """
          .formatted(ROUND_OF_E);

  private static final String EARNINGS =
      """
      select %s as round, e.a,
             coalesce(sum((e.fields ->> 'amount')::numeric) filter (where e.event = 'Reward'), 0),
             coalesce(sum((e.fields ->> 'amount')::numeric)
                        filter (where e.event = 'TreasuryReward'), 0),
             count(*) filter (where e.event = 'Reward'),
             coalesce(sum((e.fields ->> 'faceValue')::numeric)
                        filter (where e.event = 'WinningTicketRedeemed'), 0),
             coalesce(sum((e.fields ->> 'amount')::numeric)
                        filter (where e.event = 'WinningTicketTransfer'), 0),
             count(*) filter (where e.event = 'WinningTicketRedeemed')
      from (
        select coalesce(fields ->> 'transcoder', fields ->> 'recipient') as a, p.*
        from protocol_event p
        where chain_id = {0} and block_number between {2} and {3}
          and (
            (contract = 'BondingManager' and event in ('Reward', 'TreasuryReward')
              and ({1}::text is null or fields ->> 'transcoder' = {1}))
            or (contract = 'TicketBroker'
              and event in ('WinningTicketRedeemed', 'WinningTicketTransfer')
              and ({1}::text is null or fields ->> 'recipient' = {1})))
          and (block_number, log_index) > ({2}, {4}) and (block_number, log_index) < ({3}, {5})
      ) e
      group by 1, 2
      order by 1 nulls first, 2
      """
          .formatted(ROUND_OF_E);

  private final DSLContext dsl;

  public ProtocolStateStore(Database database) {
    this.dsl = Objects.requireNonNull(database, "database").dsl();
  }

  /**
   * The block the chain's derived state is read as of: the lowest checkpoint of its contracts;
   * empty when none is mirrored.
   */
  public OptionalLong asOf(long chainId) {
    try {
      Long lowest =
          dsl.select(DSL.min(INDEXER_CONTRACT.INDEXED_THROUGH))
              .from(INDEXER_CONTRACT)
              .where(INDEXER_CONTRACT.CHAIN_ID.eq(chainId))
              .fetchOne(0, Long.class);
      return lowest == null ? OptionalLong.empty() : OptionalLong.of(lowest);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the checkpoints of chain " + chainId, e);
    }
  }

  /** The latest round announced (NewRound) up to {@code asOf}. */
  public Optional<BigInteger> currentRound(long chainId, long asOf) {
    try {
      return dsl.fetchOptional(
              "select (fields ->> 'round')::numeric from protocol_event"
                  + " where chain_id = {0} and contract = 'RoundsManager' and event = 'NewRound'"
                  + " and block_number <= {1} order by block_number desc, log_index desc limit 1",
              DSL.val(chainId), DSL.val(asOf))
          .map(row -> integer(row, 0));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the current round of chain " + chainId, e);
    }
  }

  /** Every orchestrator (an address that set its rates or was activated), by address. */
  public List<ProtocolState.Orchestrator> orchestrators(long chainId, long asOf) {
    return orchestrators(chainId, asOf, null);
  }

  /** One orchestrator; empty when it never set its rates nor was activated. */
  public Optional<ProtocolState.Orchestrator> orchestrator(
      long chainId, long asOf, EthereumAddress address) {
    return orchestrators(chainId, asOf, address.toHex()).stream().findFirst();
  }

  private List<ProtocolState.Orchestrator> orchestrators(long chainId, long asOf, String address) {
    try {
      return dsl.fetch(
              ORCHESTRATORS, DSL.val(chainId), DSL.val(asOf), DSL.val(address, String.class))
          .map(
              row ->
                  new ProtocolState.Orchestrator(
                      EthereumAddress.fromHex(row.get(0, String.class)),
                      optionalInteger(row, 1),
                      optionalInteger(row, 2),
                      optionalInteger(row, 3),
                      optionalInteger(row, 4),
                      optionalInteger(row, 5).orElse(BigInteger.ZERO),
                      Optional.ofNullable(row.get(6, String.class)),
                      Optional.ofNullable(row.get(7, String.class)),
                      optionalInteger(row, 8)));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the orchestrators of chain " + chainId, e);
    }
  }

  /** What one orchestrator earned in each round, up to {@code asOf}, by round. */
  public List<ProtocolState.RoundEarnings> earnings(
      long chainId, long asOf, EthereumAddress address) {
    return earnings(chainId, address.toHex(), 0, -1, asOf, Integer.MAX_VALUE);
  }

  /**
   * Earnings of the events strictly between two positions (block, log index), by round then
   * orchestrator.
   */
  private List<ProtocolState.RoundEarnings> earnings(
      long chainId, String address, long fromBlock, int afterLog, long toBlock, int beforeLog) {
    try {
      return dsl.fetch(
              EARNINGS,
              DSL.val(chainId),
              DSL.val(address, String.class),
              DSL.val(fromBlock),
              DSL.val(toBlock),
              DSL.val(afterLog),
              DSL.val(beforeLog))
          .map(
              row ->
                  new ProtocolState.RoundEarnings(
                      optionalInteger(row, 0),
                      EthereumAddress.fromHex(row.get(1, String.class)),
                      integer(row, 2),
                      integer(row, 3),
                      row.get(4, Long.class),
                      integer(row, 5),
                      integer(row, 6),
                      row.get(7, Long.class)));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the earnings on chain " + chainId, e);
    }
  }

  /**
   * A round: the latest NewRound announcing it up to {@code asOf}, until the NewRound after that
   * one. Empty when no NewRound announced it.
   */
  public Optional<ProtocolState.Round> round(long chainId, long asOf, BigInteger round) {
    try {
      Optional<Record> start =
          dsl.fetchOptional(
              "select block_number, log_index, fields ->> 'blockHash', block_time,"
                  + " transaction_hash from protocol_event"
                  + " where chain_id = {0} and contract = 'RoundsManager'"
                  + " and event = 'NewRound' and block_number <= {1}"
                  + " and (fields ->> 'round')::numeric = {2}"
                  + " order by block_number desc, log_index desc limit 1",
              DSL.val(chainId), DSL.val(asOf), DSL.val(new BigDecimal(round)));
      if (start.isEmpty()) {
        return Optional.empty();
      }
      long startBlock = start.get().get(0, Long.class);
      int startLog = start.get().get(1, Integer.class);
      Optional<Record> next =
          dsl.fetchOptional(
              "select block_number, log_index, block_time, transaction_hash from protocol_event"
                  + " where chain_id = {0} and contract = 'RoundsManager' and event = 'NewRound'"
                  + " and block_number between {1} and {2}"
                  + " and (block_number, log_index) > ({1}, {3})"
                  + " order by block_number, log_index limit 1",
              DSL.val(chainId), DSL.val(startBlock), DSL.val(asOf), DSL.val(startLog));
      long endBlock = next.map(row -> row.get(0, Long.class)).orElse(asOf);
      int endLog = next.map(row -> row.get(1, Integer.class)).orElse(Integer.MAX_VALUE);
      // initializeRound emits SetCurrentRewardTokens just before NewRound, in one transaction: the
      // round's tokens are those of its NewRound's transaction, or set later in the round, never
      // those of the next NewRound's transaction
      Optional<Record> tokens =
          dsl.fetchOptional(
              "select (fields ->> 'currentMintableTokens')::numeric,"
                  + " (fields ->> 'currentInflation')::numeric from protocol_event"
                  + " where chain_id = {0} and contract = 'Minter'"
                  + " and event = 'SetCurrentRewardTokens' and block_number between {1} and {2}"
                  + " and (((block_number, log_index) < ({1}, {3}) and transaction_hash = {5})"
                  + "   or ((block_number, log_index) > ({1}, {3})"
                  + "     and (block_number, log_index) < ({2}, {4})"
                  + "     and transaction_hash is distinct from {6}))"
                  + " order by block_number desc, log_index desc limit 1",
              DSL.val(chainId),
              DSL.val(startBlock),
              DSL.val(endBlock),
              DSL.val(startLog),
              DSL.val(endLog),
              DSL.val(start.get().get(4, byte[].class)),
              DSL.val(next.map(row -> row.get(3, byte[].class)).orElse(null), byte[].class));
      long active = orchestrators(chainId, asOf).stream().filter(o -> o.activeIn(round)).count();
      List<ProtocolState.RoundEarnings> earnings = new ArrayList<>();
      for (ProtocolState.RoundEarnings row :
          earnings(chainId, null, startBlock, startLog, endBlock, endLog)) {
        earnings.add(row);
      }
      return Optional.of(
          new ProtocolState.Round(
              round,
              startBlock,
              start.get().get(2, String.class),
              instant(start.get(), 3),
              next.map(row -> row.get(0, Long.class)),
              next.flatMap(row -> instant(row, 2)),
              tokens.map(row -> integer(row, 0)),
              tokens.map(row -> integer(row, 1)),
              active,
              earnings));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read round " + round + " of chain " + chainId, e);
    }
  }

  /** A delegator; empty when the mirror saw no bond of it. */
  public Optional<ProtocolState.Delegator> delegator(
      long chainId, long asOf, EthereumAddress address) {
    try {
      Optional<Record> state =
          dsl.fetchOptional(
              "select delegate, bonded, block_number from protocol_delegator"
                  + " where chain_id = {0} and address = {1} and block_number <= {2}"
                  + " order by block_number desc limit 1",
              DSL.val(chainId), DSL.val(address.bytes()), DSL.val(asOf));
      if (state.isEmpty()) {
        return Optional.empty();
      }
      List<ProtocolState.Lock> locks =
          dsl.fetch(
                  "select lock_id, delegate, amount, withdraw_round, created_block,"
                      + " case when closed_block <= {2} then closed_block end,"
                      + " case when closed_block <= {2} then closed_by end"
                      + " from protocol_unbonding_lock where chain_id = {0} and delegator = {1}"
                      + " and created_block <= {2} order by created_block, lock_id",
                  DSL.val(chainId), DSL.val(address.bytes()), DSL.val(asOf))
              .map(
                  row ->
                      new ProtocolState.Lock(
                          integer(row, 0),
                          new EthereumAddress(row.get(1, byte[].class)),
                          integer(row, 2),
                          integer(row, 3),
                          row.get(4, Long.class),
                          Optional.ofNullable(row.get(5, Long.class)),
                          Optional.ofNullable(row.get(6, String.class))));
      Record claims =
          dsl.fetchOne(
              "select"
                  + " coalesce(sum((fields ->> 'rewards')::numeric)"
                  + "   filter (where event = 'EarningsClaimed'), 0),"
                  + " coalesce(sum((fields ->> 'fees')::numeric)"
                  + "   filter (where event = 'EarningsClaimed'), 0),"
                  + " coalesce(sum((fields ->> 'amount')::numeric)"
                  + "   filter (where event = 'WithdrawFees'), 0)"
                  + " from protocol_event where chain_id = {0} and contract = 'BondingManager'"
                  + " and event in ('EarningsClaimed', 'WithdrawFees')"
                  + " and fields ->> 'delegator' = {1} and block_number <= {2}",
              DSL.val(chainId), DSL.val(address.toHex()), DSL.val(asOf));
      byte[] delegate = state.get().get(0, byte[].class);
      return Optional.of(
          new ProtocolState.Delegator(
              address,
              Optional.ofNullable(delegate).map(EthereumAddress::new),
              integer(state.get(), 1),
              state.get().get(2, Long.class),
              locks,
              integer(claims, 0),
              integer(claims, 1),
              integer(claims, 2)));
    } catch (DataAccessException e) {
      throw new StorageException("cannot read delegator " + address + " of chain " + chainId, e);
    }
  }

  /** The chains with mirrored contracts, by id. */
  public List<Long> chains() {
    try {
      return dsl.selectDistinct(INDEXER_CONTRACT.CHAIN_ID)
          .from(INDEXER_CONTRACT)
          .orderBy(INDEXER_CONTRACT.CHAIN_ID)
          .fetch(INDEXER_CONTRACT.CHAIN_ID);
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the mirrored chains", e);
    }
  }

  /**
   * For tests: every derived row of a chain (stake, delegator and lock history), as comparable
   * text.
   */
  public List<String> dump(long chainId) {
    try {
      List<String> rows = new ArrayList<>();
      dsl.fetch(
              "select 'stake ' || encode(address, 'hex') || ' ' || block_number || ' ' || stake"
                  + " from protocol_stake where chain_id = {0} order by address, block_number",
              DSL.val(chainId))
          .forEach(row -> rows.add(row.get(0, String.class)));
      dsl.fetch(
              "select 'delegator ' || encode(address, 'hex') || ' ' || block_number || ' '"
                  + " || coalesce(encode(delegate, 'hex'), '-') || ' ' || bonded"
                  + " from protocol_delegator where chain_id = {0} order by address, block_number",
              DSL.val(chainId))
          .forEach(row -> rows.add(row.get(0, String.class)));
      dsl.fetch(
              "select 'lock ' || encode(delegator, 'hex') || ' ' || lock_id || ' '"
                  + " || encode(delegate, 'hex') || ' ' || amount || ' ' || withdraw_round || ' '"
                  + " || created_block || ' ' || coalesce(closed_block::text, '-') || ' '"
                  + " || coalesce(closed_by, '-') from protocol_unbonding_lock"
                  + " where chain_id = {0} order by delegator, lock_id, created_block",
              DSL.val(chainId))
          .forEach(row -> rows.add(row.get(0, String.class)));
      return rows;
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the derived state of chain " + chainId, e);
    }
  }

  private static BigInteger integer(Record row, int index) {
    return optionalInteger(row, index).orElseThrow();
  }

  private static Optional<BigInteger> optionalInteger(Record row, int index) {
    Object value = row.get(index);
    return switch (value) {
      case null -> Optional.empty();
      case BigDecimal decimal -> Optional.of(decimal.toBigIntegerExact());
      case BigInteger integer -> Optional.of(integer);
      case Number number -> Optional.of(BigInteger.valueOf(number.longValue()));
      case String text -> Optional.of(new BigInteger(text));
      default -> throw new IllegalStateException("not an integer: " + value.getClass());
    };
  }

  private static Optional<Instant> instant(Record row, int index) {
    return Optional.ofNullable(row.get(index, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }
}
