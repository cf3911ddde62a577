-- The indexer's mirror of the protocol's contracts and naap's own (issue: indexer).
--
-- Every log of a configured contract is one protocol_event row, decoded (its arguments as a JSON
-- object keyed by their declared names, uint256 as decimal strings so nothing is rounded) or kept raw when its topic
-- is unknown. Derived state is computed from these rows. A reorg deletes the rows of the orphaned
-- blocks in the same transaction that moves the checkpoints back, so the mirror never holds a log
-- of a block that is not on the chain it followed.
--
-- Each contract has its own checkpoint (indexer_contract.indexed_through): a contract added later,
-- or moved to a new address, is indexed from its start block without touching the others.
-- indexer_block keeps the hashes of the blocks not yet final, to see a reorg; a chunk's events, its
-- blocks and the checkpoints commit together, so a crash at any moment resumes where the last
-- commit left off.

create table indexer_contract (
    chain_id        bigint      not null,
    name            text        not null,
    address         bytea       not null,
    start_block     bigint      not null,
    indexed_through bigint      not null,
    updated_at      timestamptz not null,

    constraint indexer_contract_pkey primary key (chain_id, name),
    constraint indexer_contract_name_format check (name ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'),
    constraint indexer_contract_address_length check (octet_length(address) = 20),
    constraint indexer_contract_start check (start_block >= 0),
    constraint indexer_contract_through check (indexed_through >= start_block - 1)
);

create table indexer_block (
    chain_id     bigint not null,
    number       bigint not null,
    hash         bytea  not null,
    parent_hash  bytea  not null,

    constraint indexer_block_pkey primary key (chain_id, number),
    constraint indexer_block_hash_length check (octet_length(hash) = 32),
    constraint indexer_block_parent_length check (octet_length(parent_hash) = 32)
);

create table indexer_reorg (
    chain_id        bigint      not null,
    detected_at     timestamptz not null,
    common_ancestor bigint      not null,
    orphaned_to     bigint      not null,
    events_removed  integer     not null,

    constraint indexer_reorg_span check (orphaned_to > common_ancestor)
);

create index indexer_reorg_chain_idx on indexer_reorg (chain_id, detected_at);

create table protocol_event (
    chain_id         bigint  not null,
    block_number     bigint  not null,
    log_index        integer not null,
    block_hash       bytea   not null,
    transaction_hash bytea   not null,
    contract         text    not null,
    address          bytea   not null,
    event            text    not null,
    fields           jsonb   not null,

    constraint protocol_event_pkey primary key (chain_id, block_number, log_index),
    constraint protocol_event_block_hash_length check (octet_length(block_hash) = 32),
    constraint protocol_event_tx_hash_length check (octet_length(transaction_hash) = 32),
    constraint protocol_event_address_length check (octet_length(address) = 20),
    constraint protocol_event_fields_object check (jsonb_typeof(fields) = 'object')
);

-- Derived state and the API read one contract's events of some kinds in block order.
create index protocol_event_kind_idx on protocol_event (chain_id, contract, event, block_number);

create table indexer_status (
    chain_id       bigint      not null,
    head           bigint      not null,
    finalized      bigint      not null,
    range_blocks   bigint,
    requests       bigint      not null,
    retries        bigint      not null,
    rpc_errors     jsonb       not null,
    unknown_topics jsonb       not null,
    last_pass_at   timestamptz not null,
    last_failure   text,

    constraint indexer_status_pkey primary key (chain_id),
    constraint indexer_status_rpc_errors_object check (jsonb_typeof(rpc_errors) = 'object'),
    constraint indexer_status_unknown_object check (jsonb_typeof(unknown_topics) = 'object')
);

comment on table indexer_status is
    'What the indexer of a chain saw at its last pass, for /v1/indexer/status and health: the head, the finality line, the eth_getLogs range it uses now, its RPC requests, retries and failures by kind, unknown topics, and why the last pass failed if it did. Counters are since the indexer process started.';

comment on table indexer_contract is
    'The contracts the indexer mirrors, each with its own checkpoint: every log of blocks start_block..indexed_through is in protocol_event.';
comment on column indexer_contract.indexed_through is
    'The last block whose logs are all stored (start_block - 1 before the first chunk); written in the same transaction as those logs.';
comment on table indexer_block is
    'Hashes of the indexed blocks not yet final (within the finality depth of the head): a block whose parent hash no longer matches is a reorg.';
comment on table indexer_reorg is
    'Every reorg the indexer handled: the orphaned blocks common_ancestor+1..orphaned_to lost their rows.';
comment on table protocol_event is
    'Every log of a mirrored contract, once: its decoded arguments by declared name (uint256 as decimal strings), or for an unknown topic its topics and data. Rows of orphaned blocks are deleted by the reorg that orphaned them.';
comment on column protocol_event.event is
    'The event''s name as the contract declares it, or unknown.';
