package io.naap.storage.incentives;

import io.naap.storage.Database;
import io.naap.storage.EthereumAddress;
import io.naap.storage.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * What a distribution reads from the protocol mirror (table {@code protocol_event} and the derived
 * {@code protocol_delegator}), always as of one mirrored block so that a distribution can be
 * computed again with the same inputs: the bonus pools funded on the distributor, the fees the
 * TicketBroker credited in the epoch, and the delegators' stakes.
 */
public final class IncentiveInputs {
  private static final String FUNDED_THROUGH =
      """
      select fields ->> 'workload',
             sum((fields ->> 'amountPerEpoch')::numeric
                 * greatest(0, least((fields ->> 'firstEpoch')::numeric
                                     + (fields ->> 'epochs')::numeric - 1, {2})
                               - (fields ->> 'firstEpoch')::numeric + 1))
        from protocol_event
       where chain_id = {0} and address = {1} and event = 'PoolFunded' and block_number <= {3}
       group by 1
      """;

  private static final String CREDITED =
      """
      select fields ->> 'recipient', sum((fields ->> 'amount')::numeric)
        from protocol_event
       where chain_id = {0} and contract = 'TicketBroker' and event = 'WinningTicketTransfer'
         and block_time >= {1} and block_time < {2} and block_number <= {3}
       group by 1
      """;

  private static final String DELEGATORS =
      """
      select '0x' || encode(address, 'hex'), '0x' || encode(delegate, 'hex'), bonded
        from (select distinct on (address) address, delegate, bonded
                from protocol_delegator
               where chain_id = {0} and block_number <= {1}
               order by address, block_number desc) latest
       where delegate = any({2}) and bonded > 0
       order by 2, 1
      """;

  private final DSLContext dsl;

  public IncentiveInputs(Database database) {
    this.dsl = Objects.requireNonNull(database, "database").dsl();
  }

  /**
   * Everything funded on a distributor for each workload's epochs up to {@code epoch}, by the
   * PoolFunded events mirrored through {@code asOf}, keyed by the workload's bytes32 id (0x and 64
   * lower-case hex digits).
   */
  public Map<String, BigInteger> fundedThrough(
      long chainId, EthereumAddress distributor, long epoch, long asOf) {
    try {
      Map<String, BigInteger> funded = new TreeMap<>();
      dsl.fetch(
              FUNDED_THROUGH,
              DSL.val(chainId),
              DSL.val(distributor.bytes()),
              DSL.val(BigDecimal.valueOf(epoch)),
              DSL.val(asOf))
          .forEach(
              row ->
                  funded.put(
                      row.get(0, String.class), row.get(1, BigDecimal.class).toBigIntegerExact()));
      return funded;
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the pools funded on " + distributor, e);
    }
  }

  /**
   * The fees the TicketBroker credited (WinningTicketTransfer) to each recipient in blocks whose
   * time is in {@code [from, to)}, mirrored through {@code asOf}, by recipient.
   */
  public Map<EthereumAddress, BigInteger> creditedFees(
      long chainId, Instant from, Instant to, long asOf) {
    try {
      Map<EthereumAddress, BigInteger> credited = new TreeMap<>();
      dsl.fetch(
              CREDITED,
              DSL.val(chainId),
              DSL.val(OffsetDateTime.ofInstant(from, ZoneOffset.UTC)),
              DSL.val(OffsetDateTime.ofInstant(to, ZoneOffset.UTC)),
              DSL.val(asOf))
          .forEach(
              row ->
                  credited.merge(
                      EthereumAddress.fromHex(row.get(0, String.class)),
                      row.get(1, BigDecimal.class).toBigIntegerExact(),
                      BigInteger::add));
      return credited;
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the fees credited on chain " + chainId, e);
    }
  }

  /** A delegator's bonded stake with its delegate. */
  public record Bond(EthereumAddress delegator, EthereumAddress delegate, BigInteger bonded) {
    public Bond {
      Objects.requireNonNull(delegator, "delegator");
      Objects.requireNonNull(delegate, "delegate");
      Objects.requireNonNull(bonded, "bonded");
    }
  }

  /**
   * The delegators bonded to each of {@code delegates} at the end of block {@code asOf} (the
   * orchestrator's own bond among them), with a positive bonded amount, by delegate then delegator.
   */
  public List<Bond> bondsTo(long chainId, long asOf, Collection<EthereumAddress> delegates) {
    if (delegates.isEmpty()) {
      return List.of();
    }
    byte[][] keys = delegates.stream().map(EthereumAddress::bytes).toArray(byte[][]::new);
    try {
      List<Bond> bonds = new ArrayList<>();
      dsl.fetch(DELEGATORS, DSL.val(chainId), DSL.val(asOf), DSL.val(keys))
          .forEach(
              row ->
                  bonds.add(
                      new Bond(
                          EthereumAddress.fromHex(row.get(0, String.class)),
                          EthereumAddress.fromHex(row.get(1, String.class)),
                          row.get(2, BigDecimal.class).toBigIntegerExact())));
      return bonds;
    } catch (DataAccessException e) {
      throw new StorageException("cannot read the delegators of chain " + chainId, e);
    }
  }
}
