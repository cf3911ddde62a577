-- Every contract naap deployed, or was pointed at by address, on each chain: the indexer and the
-- oracle find their contracts here, and operators can audit which code naap talks to.

create table contract_deployment (
    chain_id         bigint      not null,
    name             text        not null,
    address          bytea       not null,
    block_number     bigint      not null,
    transaction_hash bytea,
    recorded_at      timestamptz not null default now(),

    constraint contract_deployment_pkey primary key (chain_id, name),
    constraint contract_deployment_chain_id_positive check (chain_id > 0),
    constraint contract_deployment_name_format check (name ~ '^[A-Za-z][A-Za-z0-9_.-]{0,99}$'),
    constraint contract_deployment_address_length check (octet_length(address) = 20),
    constraint contract_deployment_block_number_non_negative check (block_number >= 0),
    constraint contract_deployment_transaction_hash_length
        check (transaction_hash is null or octet_length(transaction_hash) = 32)
);

-- Logs arrive by emitting address: find the contract behind one.
create index contract_deployment_chain_address_idx on contract_deployment (chain_id, address);

comment on table contract_deployment is
    'Every contract naap deployed or was pointed at, one row per chain and contract name; recording a name again replaces its row.';
comment on column contract_deployment.chain_id is
    'EIP-155 chain id of the chain the contract lives on.';
comment on column contract_deployment.name is
    'Contract name, unique per chain (e.g. SlaOracle, BondingManager): a letter, then up to 99 letters, digits, _ . or -.';
comment on column contract_deployment.address is
    'Contract address: exactly 20 bytes.';
comment on column contract_deployment.block_number is
    'Block that holds the deployment, or for a contract given by address the first block naap reads it from.';
comment on column contract_deployment.transaction_hash is
    'Hash (32 bytes) of the deploying transaction; null for a contract given by address.';
comment on column contract_deployment.recorded_at is
    'When naap recorded this row (inserted or last replaced).';
