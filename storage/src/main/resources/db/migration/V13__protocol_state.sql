-- Derived protocol state (issue: indexer), written in the same transaction as the events it is
-- derived from, so the mirror and its state never disagree.
--
-- Stake and delegations are folds over BondingManager's history (a Bond sets a delegator's bonded
-- amount, later Unbond/Rebond/EarningsClaimed/TransferBond/TranscoderSlashed move it): they are
-- kept as history rows, one per address and block in which the address changed, so a reorg rolls
-- them back like the events (delete the rows above the common ancestor) and the state at any past
-- block or round is one indexed lookup. Everything that is the latest value of one event (rates,
-- activation window, service URIs, rounds) or a sum of events (rewards, fees) is read from
-- protocol_event directly.

-- When the block of the event was made: eth_getLogs says so on current nodes (blockTimestamp);
-- otherwise the indexer reads it from the header for the events that need it (NewRound), and it
-- is null for the others.
alter table protocol_event add column block_time timestamptz;

-- An orchestrator's total delegated stake (LPT wei) at the end of a block in which it changed.
-- Sums are unbounded numeric, not numeric(78,0): on the real chain they fit in a uint256, but a
-- test double may emit any amounts, and an overflow would refuse every later chunk.
create table protocol_stake (
    chain_id     bigint        not null,
    address      bytea         not null,
    block_number bigint        not null,
    stake        numeric       not null,

    constraint protocol_stake_pkey primary key (chain_id, address, block_number),
    constraint protocol_stake_address_length check (octet_length(address) = 20),
    constraint protocol_stake_integer check (scale(stake) = 0)
);

-- A delegator's bonded amount (LPT wei) and delegate at the end of a block in which either changed;
-- delegate is null once everything is unbonded from no one in particular (never bonded to anyone).
create table protocol_delegator (
    chain_id     bigint        not null,
    address      bytea         not null,
    block_number bigint        not null,
    delegate     bytea,
    bonded       numeric       not null,

    constraint protocol_delegator_pkey primary key (chain_id, address, block_number),
    constraint protocol_delegator_address_length check (octet_length(address) = 20),
    constraint protocol_delegator_integer check (scale(bonded) = 0),
    constraint protocol_delegator_delegate_length check (delegate is null or octet_length(delegate) = 20)
);

create index protocol_delegator_delegate_idx on protocol_delegator (chain_id, delegate, block_number);

-- An unbonding lock from its Unbond (or a TransferBond that hands it to a new owner) until a
-- Rebond, WithdrawStake or TransferBond closes it. A lock id is unique per delegator on a real
-- BondingManager; the creating block is in the key so a test double reusing an id cannot stall
-- the indexer (the latest lock of an id is the one a later event closes).
create table protocol_unbonding_lock (
    chain_id       bigint        not null,
    delegator      bytea         not null,
    lock_id        numeric(78,0) not null,
    delegate       bytea         not null,
    amount         numeric(78,0) not null,
    withdraw_round numeric(78,0) not null,
    created_block  bigint        not null,
    closed_block   bigint,
    closed_by      text,

    constraint protocol_unbonding_lock_pkey primary key (chain_id, delegator, lock_id, created_block),
    constraint protocol_unbonding_lock_delegator_length check (octet_length(delegator) = 20),
    constraint protocol_unbonding_lock_delegate_length check (octet_length(delegate) = 20),
    constraint protocol_unbonding_lock_closed check (
        (closed_block is null and closed_by is null)
        or (closed_block >= created_block and closed_by in ('Rebond', 'WithdrawStake', 'TransferBond')))
);

create index protocol_unbonding_lock_created_idx on protocol_unbonding_lock (chain_id, created_block);
create index protocol_unbonding_lock_closed_idx on protocol_unbonding_lock (chain_id, closed_block)
    where closed_block is not null;

comment on table protocol_stake is
    'An orchestrator''s total delegated stake after each block that changed it, folded from BondingManager''s Bond, Unbond, Rebond, TransferBond, Reward and TranscoderSlashed events; a reorg deletes the rows above the common ancestor.';
comment on table protocol_delegator is
    'A delegator''s bonded amount and delegate after each block that changed them, folded from BondingManager''s events; a reorg deletes the rows above the common ancestor.';
comment on table protocol_unbonding_lock is
    'Unbonding locks: created by Unbond or handed over by TransferBond, closed by Rebond, WithdrawStake or TransferBond; a reorg deletes the locks created above the common ancestor and reopens those closed above it.';

-- The API reads one address's events: its rewards and rate changes, its tickets, its bonds, its
-- service URI. Partial expression indexes keep those reads off full scans of the chain's events.
-- Reward is left out on purpose: it is the most frequent event (every active orchestrator every
-- round, and the whole of a backfill benchmark), and indexing it cost PostgreSQL ~2.7 us of the
-- ~8 us a stored row costs; one orchestrator's rewards are read through protocol_event_kind_idx
-- (on Arbitrum One about one Reward per orchestrator and round: ~10^5 rows to filter).
create index protocol_event_transcoder_idx on protocol_event (chain_id, (fields ->> 'transcoder'), block_number)
    where contract = 'BondingManager'
      and event in ('TranscoderUpdate', 'TranscoderActivated', 'TranscoderDeactivated',
                    'TranscoderSlashed', 'TreasuryReward');
create index protocol_event_recipient_idx on protocol_event (chain_id, (fields ->> 'recipient'), block_number)
    where contract = 'TicketBroker' and event in ('WinningTicketRedeemed', 'WinningTicketTransfer');
create index protocol_event_delegator_idx on protocol_event (chain_id, (fields ->> 'delegator'), block_number)
    where contract = 'BondingManager'
      and event in ('Bond', 'Unbond', 'Rebond', 'WithdrawStake', 'WithdrawFees', 'EarningsClaimed');
create index protocol_event_service_idx on protocol_event (chain_id, (fields ->> 'addr'), block_number)
    where event = 'ServiceURIUpdate';
